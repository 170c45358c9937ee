"""Import of supplier e-invoices (gamma.einvoice.receive) and gamma received …"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from click.testing import CliRunner
from lxml import etree

from gamma.cli.main import cli as gamma_cli
from gamma.einvoice import p7m, receive, receive_view
from models import (Article, Company, Party, PartyArticleCode, ReceivedInvoice, ReceivedLine,
                    ReceivedVat)
from tests.conftest import ADMIN_PASSWORD
from tests.shared_data import SAMPLES

BROKEN = {"ZGEXQROO37831_anonimizzata.xml", "IT05979361218_fake.xml.p7m"}
SIGNED = ["IT01234567890_FPR03.xml.p7m", "IT01234567890_FPR03.base64.xml.p7m"]
VALID_XML = sorted(p.name for p in SAMPLES.iterdir()
                   if p.name not in BROKEN and not p.name.endswith(".p7m"))
RECIPIENT_CF = "03533590174"  # the CessionarioCommittente of the official FPR samples


def _summaries(data: bytes) -> list[tuple[Decimal, Decimal]]:
    """Per body: the sums of ImponibileImporto and Imposta of DatiRiepilogo, read here."""
    root = etree.fromstring(data)
    out = []
    for body in root.findall("FatturaElettronicaBody"):
        rows = body.findall("DatiBeniServizi/DatiRiepilogo")
        out.append((sum((Decimal(r.findtext("ImponibileImporto").strip()) for r in rows),
                        Decimal(0)),
                    sum((Decimal((r.findtext("Imposta") or "0").strip()) for r in rows),
                        Decimal(0))))
    return out


def _check_against_file(result: receive.Result, data: bytes) -> None:
    assert result.ok, result.message
    expected = _summaries(data)
    assert len(result.invoices) == len(expected)
    for invoice, (taxable, vat) in zip(result.invoices, expected):
        assert invoice.taxable == taxable and invoice.vat == vat
        rows = list(ReceivedVat.select().where(ReceivedVat.invoice == invoice))
        assert sum(r.taxable for r in rows) == taxable
        assert sum(r.vat for r in rows) == vat


def test_every_valid_sample_imports_with_the_files_summary(admin_ctx):
    results = receive.import_files(admin_ctx, [SAMPLES / n for n in VALID_XML],
                                   any_recipient=True)
    for name, result in zip(VALID_XML, results):
        _check_against_file(result, (SAMPLES / name).read_bytes())
    assert ReceivedInvoice.select().count() == len(VALID_XML) + 1  # FPR03 has two bodies
    fpr03 = results[VALID_XML.index("IT01234567890_FPR03.xml")].invoices
    assert [(i.number, i.body_index) for i in fpr03] == [("123", 1), ("456", 2)]
    assert fpr03[0].total == Decimal("30.50")
    # FPR04's date carries a trailing space, which SDI tolerates
    fpr04 = results[VALID_XML.index("IT01234567890_FPR04.xml")].invoices[0]
    assert fpr04.date.isoformat() == "2019-02-15"
    # one supplier per VAT number, created once as a supplier
    alpha = Party.get(Party.vat_number == "02780790107")
    assert alpha.is_supplier and not alpha.is_customer
    assert Party.select().where(Party.vat_number == "02780790107").count() == 1
    # the total is the file's ImportoTotaleDocumento, even where it differs from the sum
    odd = results[VALID_XML.index("IT05979361218_005.xml")].invoices[0]
    assert odd.total == Decimal("1288.61") and odd.taxable + odd.vat == Decimal("1431.79")
    with_attachments = results[VALID_XML.index("IT06363391001_00003.xml")].invoices[0]
    assert with_attachments.attachments.count() == 2
    assert bytes(with_attachments.attachments[0].data)


@pytest.mark.parametrize("name", SIGNED)
def test_signed_files_der_and_base64_import(admin_ctx, name):
    data = (SAMPLES / name).read_bytes()
    [result] = receive.import_files(admin_ctx, [SAMPLES / name], any_recipient=True)
    _check_against_file(result, p7m.extract(data))
    assert "<DatiRiepilogo>" in result.invoices[0].xml


def test_broken_files_are_refused_with_a_clear_message_and_nothing_written(admin_ctx):
    results = receive.import_files(
        admin_ctx, [SAMPLES / "ZGEXQROO37831_anonimizzata.xml",
                    SAMPLES / "IT05979361218_fake.xml.p7m", SAMPLES / "missing.xml"],
        any_recipient=True)
    assert not any(r.ok for r in results)
    assert results[0].message.startswith("ZGEXQROO37831_anonimizzata.xml: spazio dei nomi")
    assert results[1].message.startswith("IT05979361218_fake.xml.p7m: busta firmata non valida")
    assert results[2].message.startswith("missing.xml: file non leggibile")
    assert ReceivedInvoice.select().count() == 0
    assert Party.select().where(Party.is_supplier == True).count() == 0  # noqa: E712


def test_unparsable_content_never_raises(admin_ctx, tmp_path):
    cases = {"a.xml": b"<p:FatturaElettronica", "b.xml": b"<root/>", "c.xml.p7m": b"0\x82abc",
             "d.xml": (SAMPLES / "IT01234567890_FPR10.xml").read_bytes()
             .replace(b"<Data>2020-06-16</Data>", b"<Data>16/06/2020</Data>")}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    results = receive.import_files(admin_ctx, [tmp_path / n for n in cases],
                                   any_recipient=True)
    assert [r.ok for r in results] == [False] * 4
    assert all(r.message.startswith(n + ": ") for n, r in zip(cases, results))
    assert "Data: «16/06/2020» non è una data" in results[3].message


def test_the_same_file_twice_is_refused_the_second_time(admin_ctx):
    path = SAMPLES / "IT01234567890_FPR03.xml"
    [first] = receive.import_files(admin_ctx, [path], any_recipient=True)
    assert first.ok
    [again] = receive.import_files(admin_ctx, [SAMPLES / SIGNED[0]], any_recipient=True)
    assert not again.ok and "già importata" in again.message
    assert ReceivedInvoice.select().count() == 2


def test_recipient_must_be_the_company_unless_any_recipient(admin_ctx):
    Company.update(vat_number="IT" + RECIPIENT_CF).where(Company.code == 1).execute()
    admin_ctx = admin_ctx.with_company(Company.get(Company.code == 1))
    [ours] = receive.import_files(admin_ctx, [SAMPLES / "IT01234567890_FPR10.xml"])
    assert ours.ok, ours.message
    [theirs] = receive.import_files(admin_ctx, [SAMPLES / "IT06363391001_00001.xml"])
    assert not theirs.ok
    assert "destinata a P.IVA IT06363391001" in theirs.message
    assert "--any-recipient" in theirs.message
    [forced] = receive.import_files(admin_ctx, [SAMPLES / "IT06363391001_00001.xml"],
                                    any_recipient=True)
    assert forced.ok


def test_lines_map_to_articles_by_the_suppliers_code(admin_ctx):
    data = (SAMPLES / "IT01234567890_FPR10.xml").read_bytes()
    [first] = receive.import_files(admin_ctx, [SAMPLES / "IT01234567890_FPR10.xml"],
                                   any_recipient=True)
    lines = list(ReceivedLine.select().where(ReceivedLine.invoice == first.invoices[0]))
    assert lines and all(line.article_id is None for line in lines)
    supplier = first.invoices[0].supplier
    article = Article.create(company=admin_ctx.company, code="VITE", description="Vite")
    PartyArticleCode.create(company=admin_ctx.company, article=article, party=supplier,
                            code="SUPP-1")
    changed = data.replace(b"<NumeroLinea>1</NumeroLinea>",
                           b"<NumeroLinea>1</NumeroLinea><CodiceArticolo><CodiceTipo>FORN"
                           b"</CodiceTipo><CodiceValore>SUPP-1</CodiceValore>"
                           b"</CodiceArticolo>", 1).replace(b"<Numero>126</Numero>",
                                                             b"<Numero>127</Numero>")
    result = receive.import_data(admin_ctx, "again.xml", changed, any_recipient=True)
    assert result.ok, result.message
    mapped = ReceivedLine.get(ReceivedLine.invoice == result.invoices[0],
                              ReceivedLine.number == 1)
    assert mapped.article_id == article.id and mapped.code == "SUPP-1"


def test_prices_with_eight_places_are_rounded_and_kept_as_text(admin_ctx):
    data = (SAMPLES / "IT01234567890_FPR10.xml").read_bytes()
    root = etree.fromstring(data)
    line = root.find("FatturaElettronicaBody/DatiBeniServizi/DettaglioLinee")
    line.find("PrezzoUnitario").text = " 1.12345678 "
    result = receive.import_data(admin_ctx, "p.xml", etree.tostring(root), any_recipient=True)
    assert result.ok, result.message
    stored = result.invoices[0].lines.order_by(ReceivedLine.id).first()
    assert stored.price == Decimal("1.123457") and stored.price_text == "1.12345678"


FSM10 = """<?xml version="1.0" encoding="UTF-8"?>
<p:FatturaElettronicaSemplificata versione="FSM10"
  xmlns:p="http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.0">
  <FatturaElettronicaHeader>
    <DatiTrasmissione>
      <IdTrasmittente><IdPaese>IT</IdPaese><IdCodice>02780790107</IdCodice></IdTrasmittente>
      <ProgressivoInvio>1</ProgressivoInvio><FormatoTrasmissione>FSM10</FormatoTrasmissione>
      <CodiceDestinatario>0000000</CodiceDestinatario>
    </DatiTrasmissione>
    <CedentePrestatore>
      <IdFiscaleIVA><IdPaese>IT</IdPaese><IdCodice>02780790107</IdCodice></IdFiscaleIVA>
      <Denominazione>BAR CENTRALE</Denominazione>
      <Sede><Indirizzo>VIA ROMA 1</Indirizzo><CAP>10100</CAP><Comune>TORINO</Comune>
        <Provincia>TO</Provincia><Nazione>IT</Nazione></Sede>
      <RegimeFiscale>RF20</RegimeFiscale>
    </CedentePrestatore>
    <CessionarioCommittente>
      <IdentificativiFiscali><CodiceFiscale>03533590174</CodiceFiscale></IdentificativiFiscali>
    </CessionarioCommittente>
  </FatturaElettronicaHeader>
  <FatturaElettronicaBody>
    <DatiGenerali><DatiGeneraliDocumento><TipoDocumento>TD07</TipoDocumento>
      <Divisa>EUR</Divisa><Data> 2025-05-02 </Data><Numero>S1</Numero>
    </DatiGeneraliDocumento></DatiGenerali>
    <DatiBeniServizi><Descrizione>Pranzo</Descrizione><Importo>122.00</Importo>
      <DatiIVA><Aliquota>22.00</Aliquota></DatiIVA></DatiBeniServizi>
    <DatiBeniServizi><Descrizione>Acqua</Descrizione><Importo>11.00</Importo>
      <DatiIVA><Imposta>1.00</Imposta></DatiIVA></DatiBeniServizi>
  </FatturaElettronicaBody>
  <FatturaElettronicaBody>
    <DatiGenerali><DatiGeneraliDocumento><TipoDocumento>TD29</TipoDocumento>
      <Divisa>EUR</Divisa><Data>2025-05-03</Data><Numero>S2</Numero>
    </DatiGeneraliDocumento></DatiGenerali>
    <DatiBeniServizi><Descrizione>Caffe</Descrizione><Importo>2.20</Importo>
      <DatiIVA><Aliquota>10.00</Aliquota></DatiIVA></DatiBeniServizi>
  </FatturaElettronicaBody>
</p:FatturaElettronicaSemplificata>
"""


def test_simplified_invoice_with_two_bodies_td29_and_rf20(admin_ctx):
    result = receive.import_data(admin_ctx, "IT02780790107_S0001.xml", FSM10.encode(),
                                 any_recipient=True)
    assert result.ok, result.message
    first, second = result.invoices
    assert (first.format, first.document_type, first.date.isoformat()) == \
        ("FSM10", "TD07", "2025-05-02")
    assert (first.taxable, first.vat, first.total) == \
        (Decimal("110.00"), Decimal("23.00"), Decimal("133.00"))
    assert second.document_type == "TD29" and second.total == Decimal("2.20")
    assert second.taxable == Decimal("2.00") and second.vat == Decimal("0.20")


def test_human_view_text_and_pdf(admin_ctx):
    [result] = receive.import_files(admin_ctx, [SAMPLES / "IT01234567890_FPR03.xml"],
                                    any_recipient=True)
    text = receive_view.text(result.invoices[1])
    assert "Fattura (TD01) n. 456 del 20/12/2014" in text
    assert "2.000,00" in text and "2.440,00" in text
    assert max(len(line) for line in text.splitlines()) <= 80
    assert receive_view.pdf(result.invoices[1]).startswith(b"%PDF")


@pytest.fixture
def gamma(db_url, tmp_path):
    env = {"GAMMA_DB": db_url, "GAMMA_SECURITY_SCRYPT_N": "1024", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "GAMMA_OPERATOR": None,
           "GAMMA_COMPANY": None, "GAMMA_CONFIG": None}
    runner = CliRunner(env=env, mix_stderr=False) if "mix_stderr" in \
        CliRunner.__init__.__code__.co_varnames else CliRunner(env=env)

    def run(*args, input=None):
        return runner.invoke(gamma_cli, list(args), input=input, prog_name="gamma")

    assert run("init", "--password-stdin", input=ADMIN_PASSWORD + "\n").exit_code == 0
    return run


def test_cli_import_list_show(gamma, tmp_path):
    fpr03 = str(SAMPLES / "IT01234567890_FPR03.xml")
    refused = gamma("received", "import", fpr03)
    assert refused.exit_code == 1
    assert "--any-recipient" in refused.stderr
    done = gamma("einvoice", "import", fpr03, "--any-recipient", "--json")  # the same command
    assert done.exit_code == 0, done.output
    [entry] = json.loads(done.stdout)
    assert entry["ok"] and [i["number"] for i in entry["invoices"]] == ["123", "456"]
    again = gamma("received", "import", str(SAMPLES / SIGNED[1]), "--any-recipient")
    assert again.exit_code == 1 and "già importata" in again.stderr
    broken = gamma("received", "import", str(SAMPLES / "ZGEXQROO37831_anonimizzata.xml"),
                   "--any-recipient")
    assert broken.exit_code == 1 and "Traceback" not in broken.output
    assert "spazio dei nomi" in broken.stderr
    listed = gamma("received", "list")
    assert listed.exit_code == 0 and "2.440,00" in listed.stdout and "20/12/2014" in listed.stdout
    rows = json.loads(gamma("received", "list", "--json").stdout)
    assert len(rows) == 2
    pdf = tmp_path / "f.pdf"
    shown = gamma("received", "show", str(rows[0]["id"]), "--pdf", str(pdf))
    assert shown.exit_code == 0 and "Riepilogo IVA" in shown.stdout
    assert pdf.read_bytes().startswith(b"%PDF")
    detail = json.loads(gamma("received", "show", str(rows[0]["id"]), "--json").stdout)
    assert detail["vat_summary"] and detail["lines"]
    missing = gamma("received", "show", "999")
    assert missing.exit_code == 1 and "inesistente" in missing.stderr


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_screen_232_lists_and_shows_a_received_invoice(admin_ctx, settings, clock):
    import asyncio

    from screens.app import GammaApp
    from screens.sales.received import ReceivedList, ReceivedView
    from tests.tui_helpers import SIZE, open_code, screen_text, started

    receive.import_files(admin_ctx, [SAMPLES / "IT01234567890_FPR03.xml"], any_recipient=True)

    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "232")
            assert isinstance(app.screen, ReceivedList), screen_text(app)
            text = screen_text(app)
            assert "456" in text and "2.440,00" in text and "20/12/2014" in text, text
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ReceivedView), screen_text(app)
            text = screen_text(app)
            assert "Riepilogo IVA" in text or "Descrizione" in text, text
            lines = text.splitlines()
            assert len(lines) <= 24 and all(len(line) <= 80 for line in lines)

    asyncio.run(scenario())
