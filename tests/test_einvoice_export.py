"""FatturaPA export: every kind that goes to SDI validates against the official schema
(read from the shared test data, never copied into the project), with its totals, VAT
natures, split payment, stamp duty, withholding, foreign and PA customers, DDT and invoice
references; the progressive never repeats; what cannot be exported is refused by name."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from gamma import records
from gamma.einvoice import export as xml_export
from gamma.einvoice import xml_text
from gamma.einvoice import schema as einvoice_schema
from gamma.einvoice import files
from gamma.errors import GammaError
from gamma.sales import deferred, pickup
from models import Company, Document, EInvoiceEvent, EInvoiceFile
from tests.shared_data import SCHEMA_DIR
from tests.sales_fixtures import d, issue, prepare, set_party
from tests.test_cli import gamma  # noqa: F401  (the fixture)

JAN31 = date(2026, 1, 31)


@pytest.fixture
def ctx(admin_ctx, tmp_path):
    prepare(admin_ctx)
    company = Company.get_by_id(admin_ctx.company.id)
    records.update(admin_ctx, company, name="Rossi Forniture S.r.l.", vat_number="01234567890",
                   tax_code="01234567890", address="Via Roma 12", zip="20900", city="Monza",
                   province="MB", tax_regime="RF01", rea_office="MB", rea_number="1234567",
                   share_capital=d("10000.00"), sole_shareholder="SU", phone="039 123456",
                   email="info@rossi.it")
    set_party(admin_ctx, address="Piazza Duomo 1", zip="20121", city="Milano", province="MI",
              vat_number="09876543217", sdi_code="ABC1234")
    settings = admin_ctx.settings.replace(**{"einvoice.schema_dir": str(SCHEMA_DIR),
                                             "einvoice.outbox": str(tmp_path / "outbox")})
    return dataclasses.replace(admin_ctx, settings=settings)


def tree(row: EInvoiceFile):
    return etree.fromstring(row.xml.encode("utf-8"))


def text(root, path: str) -> list[str]:
    return [e.text for e in root.iterfind(".//" + path)]


def exported(ctx, data: dict) -> tuple[Document, EInvoiceFile]:
    doc = issue(ctx, data).document
    row = files.export(ctx, doc.id)
    assert einvoice_schema.validate(row.xml.encode("utf-8"), SCHEMA_DIR) == []
    assert Path(row.path).read_bytes().decode("utf-8") == row.xml
    return Document.get_by_id(doc.id), row


def assert_totals(doc: Document, root) -> None:
    assert text(root, "ImportoTotaleDocumento") == [str(doc.total)]
    taxable = sum(Decimal(t) for t in text(root, "ImponibileImporto"))
    vat = sum(Decimal(t) for t in text(root, "Imposta"))
    assert (taxable, vat) == (doc.taxable, doc.vat)
    # The lines add up to the summary, rate by rate.
    lines = sum(Decimal(t) for t in text(root, "DettaglioLinee/PrezzoTotale"))
    assert lines == taxable
    payments = sum(Decimal(t) for t in text(root, "ImportoPagamento"))
    assert payments in (Decimal(0), doc.due)


def test_an_invoice_at_22_10_4_with_exempt_lines_validates(ctx):
    set_party(ctx, vat_regime="intent", intent_reference="12345678901234567-000001",
              intent_valid_to=date(2026, 12, 31))
    from models import Article
    Article.update(keeps_vat=True).where(Article.code.in_(["A10", "A04"])).execute()
    doc, row = exported(ctx, {
        "kind": "invoice", "date": JAN31, "customer": "C001", "notes": "Consegna urgente",
        "lines": [{"article": "A22", "qty": "3", "discounts": "10+5"},  # N3.5 by the intent
                  {"article": "A10", "qty": "4"}, {"article": "A04", "qty": "10"},
                  {"description": "Prestazione sanitaria", "amount": "60.00",
                   "vat_code": "N4"},
                  {"comment": "Consegna al piano"}]})
    root = tree(row)
    assert root.get("versione") == "FPR12" and row.format == "FPR12"
    assert text(root, "TipoDocumento") == ["TD01"]
    assert text(root, "CodiceDestinatario") == ["ABC1234"]
    assert text(root, "RegimeFiscale") == ["RF01"]
    assert text(root, "Numero") == [str(doc.number)]
    assert sorted(text(root, "DatiRiepilogo/Natura")) == ["N1", "N3.5", "N4"]
    assert "10.00" in text(root, "DatiRiepilogo/AliquotaIVA")
    assert "4.00" in text(root, "DatiRiepilogo/AliquotaIVA")
    # The discount chain as two steps, the comment as a descriptive line at 0,00.
    assert text(root, "ScontoMaggiorazione/Percentuale") == ["10.00", "5.00"]
    comment = [e for e in root.iterfind(".//DettaglioLinee")
               if e.findtext("Descrizione") == "Consegna al piano"][0]
    assert (comment.findtext("PrezzoTotale"), comment.findtext("PrezzoUnitario")) == (
        "0.00", "0.00")
    assert text(root, "DatiBollo/ImportoBollo") == ["2.00"]
    assert text(root, "AltriDatiGestionali/TipoDato") == ["INTENTO"]
    assert text(root, "Causale") == ["Consegna urgente"]
    assert_totals(doc, root)
    assert text(root, "CondizioniPagamento") == ["TP01"]  # RiBa 30/60/90


def test_a_22_10_4_invoice_totals_and_instalments(ctx):
    doc, row = exported(ctx, {"kind": "invoice", "date": JAN31, "customer": "C001",
                              "lines": [{"article": "A22", "qty": "3"},
                                        {"article": "A10", "qty": "4"},
                                        {"article": "A04", "qty": "10"}]})
    root = tree(row)
    assert text(root, "DatiRiepilogo/AliquotaIVA") == ["22.00", "10.00", "4.00"]
    assert text(root, "EsigibilitaIVA") == ["I", "I", "I"]
    assert text(root, "ModalitaPagamento") == ["MP12"] * 3
    assert_totals(doc, root)


def test_split_payment_gives_esigibilita_s(ctx):
    doc, row = exported(ctx, {"kind": "invoice", "date": JAN31, "customer": "C001",
                              "vat_regime": "split_payment",
                              "lines": [{"article": "A22", "qty": "10"}]})
    root = tree(row)
    assert text(root, "EsigibilitaIVA") == ["S"]
    assert_totals(doc, root)


def test_stamp_duty_and_withholding(ctx):
    doc, row = exported(ctx, {"kind": "invoice", "date": JAN31, "customer": "C001",
                              "payment_term": "RD", "lines": [
                                  {"description": "Prestazione sanitaria", "amount": "100.00",
                                   "vat_code": "N4"}]})
    root = tree(row)
    assert text(root, "DatiBollo/BolloVirtuale") == ["SI"]
    assert "Imposta di bollo" in text(root, "Descrizione")
    assert sorted(text(root, "DatiRiepilogo/Natura")) == ["N1", "N4"]
    assert_totals(doc, root)

    set_party(ctx, withholding=True)
    doc, row = exported(ctx, {"kind": "invoice", "date": JAN31, "customer": "C001",
                              "payment_term": "RD", "lines": [
                                  {"description": "Consulenza", "amount": "1000.00",
                                   "vat_code": "22"}]})
    root = tree(row)
    assert text(root, "DatiRitenuta/ImportoRitenuta") == ["200.00"]
    assert text(root, "DatiRitenuta/AliquotaRitenuta") == ["20.00"]
    assert text(root, "DatiRitenuta/TipoRitenuta") == ["RT02"]
    assert_totals(doc, root)
    assert text(root, "ImportoPagamento") == ["1020.00"]


def test_a_foreign_customer(ctx):
    set_party(ctx, country="DE", vat_number="DE123456789", zip="10115", city="Berlin",
              province="", sdi_code="")
    doc, row = exported(ctx, {"kind": "invoice", "date": JAN31, "customer": "C001",
                              "lines": [{"article": "A22", "qty": "1"}]})
    root = tree(row)
    buyer = root.find(".//CessionarioCommittente")
    assert buyer.findtext(".//IdPaese") == "DE" and buyer.findtext(".//IdCodice") == "123456789"
    assert buyer.findtext(".//CAP") == "00000" and buyer.findtext(".//Nazione") == "DE"
    assert text(root, "CodiceDestinatario") == ["XXXXXXX"]


def test_a_public_administration_gets_fpa12(ctx):
    set_party(ctx, sdi_code="UFX9T3", vat_regime="split_payment")
    doc, row = exported(ctx, {"kind": "invoice", "date": JAN31, "customer": "C001",
                              "lines": [{"article": "A22", "qty": "2"}]})
    root = tree(row)
    assert row.format == "FPA12" and root.get("versione") == "FPA12"
    assert text(root, "FormatoTrasmissione") == ["FPA12"]
    assert text(root, "CodiceDestinatario") == ["UFX9T3"]
    assert text(root, "EsigibilitaIVA") == ["S"]


def test_a_private_customer_without_sdi_code_with_pec(ctx):
    set_party(ctx, vat_number="", tax_code="RSSMRA80A01F205X", sdi_code="",
              pec="mario@pec.it")
    doc, row = exported(ctx, {"kind": "invoice", "date": JAN31, "customer": "C001",
                              "lines": [{"article": "A04", "qty": "1"}]})
    root = tree(row)
    assert text(root, "CodiceDestinatario") == ["0000000"]
    assert text(root, "PECDestinatario") == ["mario@pec.it"]
    assert root.find(".//CessionarioCommittente//IdFiscaleIVA") is None


def test_deferred_invoice_with_ddt_and_credit_note_with_linked_invoice(ctx):
    for day, qty in ((2, "5"), (3, "3")):
        issue(ctx, {"kind": "delivery_note", "date": date(2026, 3, day), "customer": "C001",
                    "lines": [{"article": "A22", "qty": qty}]})
    [run] = deferred.run(ctx, date(2026, 3, 31))
    invoice = run.invoice
    row = files.export(ctx, invoice.id)
    assert einvoice_schema.validate(row.xml.encode("utf-8"), SCHEMA_DIR) == []
    root = tree(row)
    assert text(root, "TipoDocumento") == ["TD24"]
    assert text(root, "DatiDDT/NumeroDDT") == ["1", "2"]
    assert text(root, "DatiDDT/DataDDT") == ["2026-03-02", "2026-03-03"]
    numbers = {e.findtext("NumeroLinea"): e.findtext("Descrizione")
               for e in root.iterfind(".//DettaglioLinee")}
    for ref in text(root, "DatiDDT/RiferimentoNumeroLinea"):
        assert numbers[ref] == "Vite inox M6"
    assert_totals(Document.get_by_id(invoice.id), root)

    goods = [x for x in invoice.lines if x.line_kind == "article"]
    credit_lines = pickup.lines_to_pick(ctx, [invoice.id], {goods[0].id: d("2"),
                                                            goods[1].id: d("0")})
    credit = issue(ctx, {"kind": "credit_note", "customer": "C001", "date": date(2026, 4, 2),
                         "lines": credit_lines}).document
    row = files.export(ctx, credit.id)
    assert einvoice_schema.validate(row.xml.encode("utf-8"), SCHEMA_DIR) == []
    root = tree(row)
    assert text(root, "TipoDocumento") == ["TD04"]
    assert text(root, "DatiFattureCollegate/IdDocumento") == [str(invoice.number)]
    assert text(root, "DatiFattureCollegate/Data") == ["2026-03-31"]
    assert_totals(Document.get_by_id(credit.id), root)


def test_debit_note_validates(ctx):
    invoice = issue(ctx, {"kind": "invoice", "date": JAN31, "customer": "C001",
                          "lines": [{"article": "A22", "qty": "1"}]}).document
    doc, row = exported(ctx, {"kind": "debit_note", "date": JAN31, "customer": "C001",
                              "lines": [{"description": "Integrazione prezzo",
                                         "amount": "10.00", "vat_code": "22"}]})
    assert text(tree(row), "TipoDocumento") == ["TD05"]
    assert invoice.number < doc.number


def test_progressive_never_repeats_and_names_the_file(ctx, tmp_path):
    names = []
    for _ in range(3):
        doc = issue(ctx, {"kind": "invoice", "date": JAN31, "customer": "C001",
                          "lines": [{"article": "A22", "qty": "1"}]}).document
        names.append(files.export(ctx, doc.id).file_name)
    assert names == ["IT01234567890_00001.xml", "IT01234567890_00002.xml",
                     "IT01234567890_00003.xml"]
    assert all(re.fullmatch(r"IT\d{11}_[0-9A-Z]{5}\.xml", n) for n in names)
    assert sorted(p.name for p in (tmp_path / "outbox").iterdir()) == names
    assert xml_text.progressive_text(36 ** 2) == "00100"
    # Exporting again is refused; a rejected file is regenerated with a new progressive.
    with pytest.raises(GammaError, match="ha già la fattura elettronica"):
        files.export(ctx, doc.id)
    with pytest.raises(GammaError, match="si rigenera solo un file scartato"):
        files.regenerate(ctx, doc.id)
    first = EInvoiceFile.get(EInvoiceFile.file_name == names[-1])
    first.state = "rejected"
    first.save()
    second = files.regenerate(ctx, doc.id)
    assert second.file_name == "IT01234567890_00004.xml"
    assert [f.state for f in files.list_files(ctx, doc.id)] == ["rejected", "ready"]
    assert Document.get_by_id(doc.id).number == 3
    assert EInvoiceEvent.select().where(EInvoiceEvent.file == second).count() == 1
    assert text(tree(second), "ProgressivoInvio") == ["00004"]


def test_what_cannot_be_exported_is_refused_by_name(ctx, tmp_path):
    quote = issue(ctx, {"kind": "quote", "date": JAN31, "customer": "C001",
                        "lines": [{"article": "A22", "qty": "1"}]}).document
    with pytest.raises(GammaError, match="Preventivo: non è un documento da inviare"):
        files.export(ctx, quote.id)
    from gamma.sales import documents
    draft = documents.save_draft(ctx, {"kind": "invoice", "date": JAN31, "customer": "C001",
                                       "lines": [{"article": "A22", "qty": "1"}]}).document
    with pytest.raises(GammaError, match="bozza"):
        files.export(ctx, draft.id)
    invoice = issue(ctx, {"kind": "invoice", "date": JAN31, "customer": "C001",
                          "lines": [{"article": "A22", "qty": "1"}]}).document
    company = Company.get_by_id(ctx.company.id)
    records.update(ctx, company, tax_regime="", address="")
    set_party(ctx, sdi_code="", pec="")
    with pytest.raises(GammaError) as err:
        files.export(ctx, invoice.id)
    message = str(err.value)
    assert "indirizzo" in message and "regime fiscale" in message
    assert "codice destinatario SDI o PEC" in message
    assert EInvoiceFile.select().count() == 0
    assert not (tmp_path / "outbox").exists()


def test_without_the_schema_nothing_is_exported(ctx, tmp_path):
    invoice = issue(ctx, {"kind": "invoice", "date": JAN31, "customer": "C001",
                          "lines": [{"article": "A22", "qty": "1"}]}).document
    bare = dataclasses.replace(ctx, settings=ctx.settings.replace(
        **{"einvoice.schema_dir": str(tmp_path / "none")}))
    with pytest.raises(GammaError, match="Schema FatturaPA non disponibile"):
        files.export(bare, invoice.id)
    assert EInvoiceFile.select().count() == 0


def test_an_invalid_file_is_never_written(ctx, tmp_path, monkeypatch):
    invoice = issue(ctx, {"kind": "invoice", "date": JAN31, "customer": "C001",
                          "lines": [{"article": "A22", "qty": "1"}]}).document
    real = xml_export.build

    def broken(*args, **kwargs):
        built = real(*args, **kwargs)
        built.xml = built.xml.replace(b"<TipoDocumento>TD01", b"<TipoDocumento>TD99")
        return built

    monkeypatch.setattr(xml_export, "build", broken)
    with pytest.raises(einvoice_schema.InvalidXml, match="TipoDocumento") as err:
        files.export(ctx, invoice.id)
    assert err.value.errors
    assert EInvoiceFile.select().count() == 0
    assert not any((tmp_path / "outbox").glob("*.xml")) if (tmp_path / "outbox").exists() \
        else True


def test_text_is_latin1_and_cut_to_length():
    assert xml_text.latin1("Caffè “speciale” – 5 €\n\tok", 80) == \
        'Caffè "speciale" - 5 EUR ok'
    assert xml_text.latin1("Łódź", 80) == "Lódz"
    assert len(xml_text.latin1("x" * 300, 60)) == 60
    assert xml_text.price(d("10")) == "10.00" and xml_text.price(d("1.234567")) == \
        "1.234567"


def test_cli_company_edit_then_export_and_list(gamma, db_url, tmp_path, monkeypatch):
    import json

    from gamma import companies, db
    from gamma.access import operators
    from gamma.context import Context
    from tests.conftest import make_settings
    monkeypatch.setenv("GAMMA_EINVOICE_SCHEMA_DIR", str(SCHEMA_DIR))
    result = gamma("company", "edit", "1", "--name", "Rossi S.r.l.", "--vat-number",
                   "00743110157", "--address", "Via Roma 12", "--zip", "20900", "--city",
                   "Monza", "--province", "MB", "--tax-regime", "RF01")
    assert result.exit_code == 0, result.output
    db.connect(db_url)
    try:
        ctx = companies.open_company(
            Context(make_settings(), operator=operators.find("admin")), 1)
        prepare(ctx)
        set_party(ctx, address="Piazza Duomo 1", zip="20121", city="Milano",
                  vat_number="09876543217", sdi_code="ABC1234")
        doc = issue(ctx, {"kind": "invoice", "date": JAN31, "customer": "C001",
                          "lines": [{"article": "A22", "qty": "2"}]}).document
        quote = issue(ctx, {"kind": "quote", "date": JAN31, "customer": "C001",
                            "lines": [{"article": "A22", "qty": "2"}]}).document
    finally:
        db.close()
    outbox = tmp_path / "out"
    result = gamma("einvoice", "export", str(doc.id), str(quote.id), "-o", str(outbox),
                   "--json")
    assert result.exit_code == 1
    out = json.loads(result.output)
    assert [f["file_name"] for f in out["files"]] == ["IT00743110157_00001.xml"]
    assert "non è un documento da inviare" in out["errors"][0]["error"]
    assert (outbox / "IT00743110157_00001.xml").is_file()
    result = gamma("einvoice", "files", "--document", str(doc.id), "--json")
    assert result.exit_code == 0, result.output
    assert [(f["file_name"], f["format"]) for f in json.loads(result.output)] == [
        ("IT00743110157_00001.xml", "FPR12")]


def test_the_pdf_of_the_document_can_be_attached(ctx):
    doc = issue(ctx, {"kind": "invoice", "date": JAN31, "customer": "C001",
                      "lines": [{"article": "A22", "qty": "1"}]}).document
    row = files.export(ctx, doc.id, attach_pdf=True)
    root = tree(row)
    assert einvoice_schema.validate(row.xml.encode("utf-8"), SCHEMA_DIR) == []
    assert text(root, "FormatoAttachment") == ["PDF"]
    import base64
    assert base64.b64decode(text(root, "Attachment")[0]).startswith(b"%PDF")
    assert Document.get_by_id(doc.id).status == "confirmed"  # not made "printed"
