"""FatturaPA export of the kinds and data beyond a plain invoice: advance invoices (TD02),
fee notes (TD06) with the professional's pension fund and withholding, an agent's ENASARCO,
deferred VAT, the customer's order / contract / agreement references with CIG and CUP, an
order picked up, RF20 refused, text normalised. Every file validates against the official
schema (shared test data); the amounts expected are worked out by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from gamma import companies_form, records
from gamma.einvoice import schema as einvoice_schema
from gamma.einvoice import files
from gamma.errors import GammaError, ValidationError
from gamma.sales import json_io, kinds, pickup
from models import Company, Document, EInvoiceFile
from tests.sales_fixtures import d, issue, set_party
from tests.shared_data import SCHEMA_DIR
from tests.test_einvoice_export import JAN31, assert_totals, text, tree
from tests.test_einvoice_export import ctx  # noqa: F401  (the fixture)


def exported(ctx, data: dict):
    doc = issue(ctx, data).document
    row = files.export(ctx, doc.id)
    assert einvoice_schema.validate(row.xml.encode("utf-8"), SCHEMA_DIR) == []
    return Document.get_by_id(doc.id), tree(row)


def company(ctx, **values) -> Company:
    return records.update(ctx, Company.get_by_id(ctx.company.id), **values)


def fee(amount: str = "1000.00", vat: str = "22") -> dict:
    return {"description": "Consulenza fiscale", "amount": amount, "vat_code": vat,
            "withholding": True}


def test_an_advance_invoice_is_td02_numbered_with_the_invoices(ctx):
    invoice = issue(ctx, {"kind": "invoice", "date": JAN31, "customer": "C001",
                          "lines": [{"article": "A22", "qty": "1"}]}).document
    doc, root = exported(ctx, {"kind": "advance_invoice", "date": JAN31, "customer": "C001",
                               "lines": [{"description": "Acconto su ordine", "amount": "500.00",
                                          "vat_code": "22"}]})
    assert text(root, "TipoDocumento") == ["TD02"]
    assert doc.number == invoice.number + 1  # one numbering with the invoices
    # 500.00 + 22% = 500.00 + 110.00 = 610.00
    assert text(root, "ImportoTotaleDocumento") == ["610.00"]
    assert_totals(doc, root)
    assert kinds.label("advance_invoice") == "Fattura di acconto"


def test_a_fee_note_with_inps_4_percent_and_withholding(ctx):
    company(ctx, fund_type="TC22", fund_rate=d("4"))
    set_party(ctx, withholding=True)
    doc, root = exported(ctx, {"kind": "fee_note", "date": JAN31, "customer": "C001",
                               "payment_term": "RD", "lines": [fee()]})
    assert text(root, "TipoDocumento") == ["TD06"]
    # Fee 1000.00; INPS 4% of it = 40.00; VAT 22% on 1000.00 + 40.00 = 1040.00 → 228.80;
    # total 1040.00 + 228.80 = 1268.80. The INPS rivalsa is part of the fee: withholding
    # 20% of 1040.00 = 208.00; due 1268.80 − 208.00 = 1060.80.
    cassa = root.find(".//DatiCassaPrevidenziale")
    assert [cassa.findtext(t) for t in ("TipoCassa", "AlCassa", "ImportoContributoCassa",
                                        "ImponibileCassa", "AliquotaIVA", "Ritenuta")] == [
        "TC22", "4.00", "40.00", "1000.00", "22.00", "SI"]
    assert text(root, "DatiRiepilogo/ImponibileImporto") == ["1040.00"]
    assert text(root, "DatiRiepilogo/Imposta") == ["228.80"]
    assert text(root, "ImportoTotaleDocumento") == ["1268.80"]
    assert text(root, "DatiRitenuta/ImportoRitenuta") == ["208.00"]
    assert text(root, "DatiRitenuta/CausalePagamento") == ["A"]
    assert text(root, "ImportoPagamento") == ["1060.80"]
    # The contribution is not a line: the lines say 1000.00, the summary 1040.00.
    assert text(root, "DettaglioLinee/PrezzoTotale") == ["1000.00"]
    assert (doc.taxable, doc.vat, doc.total, doc.withholding, doc.due) == (
        d("1040.00"), d("228.80"), d("1268.80"), d("208.00"), d("1060.80"))


def test_a_professional_fund_is_not_withheld_on(ctx):
    company(ctx, fund_type="TC04", fund_rate=d("4"))
    set_party(ctx, withholding=True)
    doc, root = exported(ctx, {"kind": "fee_note", "date": JAN31, "customer": "C001",
                               "payment_term": "RD", "lines": [fee()]})
    # Inarcassa 4% of 1000.00 = 40.00, VAT 22% of 1040.00 = 228.80, total 1268.80;
    # withholding 20% of the fee only = 200.00; due 1268.80 − 200.00 = 1068.80.
    assert root.find(".//DatiCassaPrevidenziale/Ritenuta") is None
    assert text(root, "DatiRitenuta/ImportoRitenuta") == ["200.00"]
    assert text(root, "ImportoPagamento") == ["1068.80"]
    assert (doc.withholding, doc.due) == (d("200.00"), d("1068.80"))


def test_the_fund_contribution_follows_each_rate_of_the_fees(ctx):
    company(ctx, fund_type="TC04", fund_rate=d("4"))
    doc, root = exported(ctx, {"kind": "fee_note", "date": JAN31, "customer": "C001",
                               "lines": [fee("250.00"), fee("100.00", "N4")]})
    # 4% of 250.00 = 10.00 under 22%; 4% of 100.00 = 4.00 exempt (N4).
    # Summary: 22% 260.00 → VAT 57.20; N4 104.00. Total 260.00 + 57.20 + 104.00 = 421.20
    # (no stamp duty: 104.00 exempt exceeds 77.47, so 2.00 more under N1 → 423.20).
    rows = [(c.findtext("ImportoContributoCassa"), c.findtext("ImponibileCassa"),
             c.findtext("Natura")) for c in root.iterfind(".//DatiCassaPrevidenziale")]
    assert rows == [("10.00", "250.00", None), ("4.00", "100.00", "N4")]
    assert text(root, "DatiBollo/ImportoBollo") == ["2.00"]
    assert text(root, "ImportoTotaleDocumento") == ["423.20"]
    assert_totals_with_fund(doc, root)


def assert_totals_with_fund(doc: Document, root) -> None:
    """As assert_totals, the fund's contributions counted with the lines."""
    taxable = sum(Decimal(t) for t in text(root, "ImponibileImporto"))
    lines = sum(Decimal(t) for t in text(root, "DettaglioLinee/PrezzoTotale"))
    funds = sum(Decimal(t) for t in text(root, "ImportoContributoCassa"))
    assert lines + funds == taxable == doc.taxable


def test_an_agent_s_enasarco_is_withheld_as_rt04(ctx):
    company(ctx, enasarco_rate=d("8.50"), withholding_reason="R")
    set_party(ctx, withholding=True)
    doc, root = exported(ctx, {"kind": "invoice", "date": JAN31, "customer": "C001",
                               "payment_term": "RD", "lines": [{
                                   "description": "Provvigioni dicembre", "amount": "2000.00",
                                   "vat_code": "22", "withholding": True}]})
    # Commissions 2000.00, VAT 22% 440.00, total 2440.00; withholding tax 20% = 400.00;
    # ENASARCO 8.50% of 2000.00 = 170.00; due 2440.00 − 400.00 − 170.00 = 1870.00.
    held = [(w.findtext("TipoRitenuta"), w.findtext("ImportoRitenuta"),
             w.findtext("AliquotaRitenuta"), w.findtext("CausalePagamento"))
            for w in root.iterfind(".//DatiRitenuta")]
    assert held == [("RT02", "400.00", "20.00", "R"), ("RT04", "170.00", "8.50", "R")]
    assert text(root, "ImportoTotaleDocumento") == ["2440.00"]
    assert text(root, "ImportoPagamento") == ["1870.00"]
    assert doc.due == d("1870.00")
    # The printed invoice explains the difference: both withholdings, then what is due.
    from gamma.sales import printing
    printed = printing.render(ctx, doc.id, "text")
    assert "Ritenuta d'acconto" in printed and "-400,00" in printed
    assert "Contributo ENASARCO" in printed and "-170,00" in printed
    assert "1.870,00" in printed


def test_deferred_vat_gives_esigibilita_d(ctx):
    set_party(ctx, vat_deferred=True)
    doc, root = exported(ctx, {"kind": "invoice", "date": JAN31, "customer": "C001",
                               "lines": [{"article": "A22", "qty": "2"},
                                         {"article": "A10", "qty": "2"}]})
    assert doc.vat_deferred
    assert text(root, "EsigibilitaIVA") == ["D", "D"]
    # The document may say otherwise than the customer.
    doc, root = exported(ctx, {"kind": "invoice", "date": JAN31, "customer": "C001",
                               "vat_deferred": "N", "lines": [{"article": "A22", "qty": "1"}]})
    assert text(root, "EsigibilitaIVA") == ["I"]


def test_a_public_administration_with_order_cig_cup_contract_and_agreement(ctx):
    set_party(ctx, sdi_code="UFX9T3", vat_regime="split_payment")
    doc, root = exported(ctx, {
        "kind": "invoice", "date": JAN31, "customer": "C001",
        "customer_reference": "ORD-2026/15", "customer_reference_date": "2026-01-10",
        "cig": "Z1A2B3C4D5", "cup": "J11B22000010001", "contract_reference": "CTR 7",
        "contract_date": "2025-12-01", "agreement_reference": "CONSIP-12",
        "lines": [{"article": "A22", "qty": "10"}]})
    assert text(root, "FormatoTrasmissione") == ["FPA12"]
    order = root.find(".//DatiOrdineAcquisto")
    assert [order.findtext(t) for t in ("IdDocumento", "Data", "CodiceCUP", "CodiceCIG")] == [
        "ORD-2026/15", "2026-01-10", "J11B22000010001", "Z1A2B3C4D5"]
    assert text(root, "DatiContratto/IdDocumento") == ["CTR 7"]
    assert text(root, "DatiContratto/Data") == ["2025-12-01"]
    assert text(root, "DatiConvenzione/IdDocumento") == ["CONSIP-12"]
    assert text(root, "EsigibilitaIVA") == ["S"]
    # 10 × 10.00 = 100.00, VAT 22.00 paid to the State by the PA (split payment).
    assert text(root, "Imposta") == ["22.00"]


def test_cig_alone_goes_in_an_order_reference_without_number(ctx):
    set_party(ctx, sdi_code="UFX9T3")
    doc, root = exported(ctx, {"kind": "invoice", "date": JAN31, "customer": "C001",
                               "cig": "Z1A2B3C4D5", "lines": [{"article": "A22", "qty": "1"}]})
    assert text(root, "DatiOrdineAcquisto/IdDocumento") == ["ND"]
    assert text(root, "DatiOrdineAcquisto/CodiceCIG") == ["Z1A2B3C4D5"]


def test_references_are_checked_and_imported_from_json(ctx):
    with pytest.raises(ValidationError, match="CIG"):
        issue(ctx, {"kind": "invoice", "date": JAN31, "customer": "C001",
                    "cig": "X" * 16, "lines": [{"article": "A22", "qty": "1"}]})
    with pytest.raises(ValidationError, match="Vs. ordine n."):
        issue(ctx, {"kind": "invoice", "date": JAN31, "customer": "C001",
                    "customer_reference_date": "2026-01-10",
                    "lines": [{"article": "A22", "qty": "1"}]})
    [out] = json_io.import_documents(ctx, [{
        "kind": "invoice", "date": "2026-01-31", "customer": "C001",
        "customer_reference": "PO 991", "customer_reference_date": "2026-01-20",
        "cup": "J11B22000010001", "lines": [{"article": "A22", "qty": "1"}]}],
        confirm_them=True)
    assert out["references"] == {"customer_reference": "PO 991",
                                 "customer_reference_date": "2026-01-20", "cig": "",
                                 "cup": "J11B22000010001", "contract_reference": "",
                                 "contract_date": None, "agreement_reference": "",
                                 "vat_deferred": False}
    row = files.export(ctx, out["id"])
    root = tree(row)
    assert text(root, "DatiOrdineAcquisto/IdDocumento") == ["PO 991"]
    assert text(root, "DatiOrdineAcquisto/CodiceCUP") == ["J11B22000010001"]


def test_an_invoice_from_a_customer_order_names_it_line_by_line(ctx):
    order = issue(ctx, {"kind": "customer_order", "date": date(2026, 1, 12),
                        "customer": "C001", "customer_reference": "PO-55",
                        "customer_reference_date": "2026-01-11",
                        "lines": [{"article": "A22", "qty": "4"},
                                  {"article": "A10", "qty": "2"}]}).document
    goods = [x for x in order.lines if x.line_kind == "article"]
    lines = [{"comment": "Come da Vs. ordine"}] + pickup.lines_to_pick(
        ctx, [order.id], {goods[0].id: d("4"), goods[1].id: d("2")})
    doc, root = exported(ctx, {"kind": "invoice", "date": JAN31, "customer": "C001",
                               "lines": lines})
    ref = root.find(".//DatiOrdineAcquisto")
    # Our comment, then the pick-up's own reference line, then the two goods: 3 and 4.
    numbers = {e.findtext("Descrizione"): e.findtext("NumeroLinea")
               for e in root.iterfind(".//DettaglioLinee")}
    assert [numbers["Vite inox M6"], numbers["Pasta di semola"]] == ["3", "4"]
    assert [e.text for e in ref.iterfind("RiferimentoNumeroLinea")] == ["3", "4"]
    assert (ref.findtext("IdDocumento"), ref.findtext("Data")) == ("PO-55", "2026-01-11")


def test_rf20_is_refused_at_company_edit_and_at_export(ctx):
    company(ctx, vat_number="00743110157", tax_code="00743110157")  # the mask checks them
    with pytest.raises(ValidationError, match="RF20 non previsto dallo schema"):
        companies_form.save_from_form(ctx, {"tax_regime": "RF20"}, ctx.company.code)
    assert Company.get_by_id(ctx.company.id).tax_regime == "RF01"
    Company.update(tax_regime="RF20").where(Company.id == ctx.company.id).execute()
    invoice = issue(ctx, {"kind": "invoice", "date": JAN31, "customer": "C001",
                          "lines": [{"article": "A22", "qty": "1"}]}).document
    with pytest.raises(GammaError, match="RF20 non lo è"):
        files.export(ctx, invoice.id)
    assert EInvoiceFile.select().count() == 0


def test_the_fund_is_set_with_its_rate_in_the_company_mask(ctx):
    company(ctx, vat_number="00743110157", tax_code="00743110157")  # the mask checks them
    with pytest.raises(ValidationError, match="obbligatoria con la cassa"):
        companies_form.save_from_form(ctx, {"fund_type": "TC22"}, ctx.company.code)
    with pytest.raises(ValidationError, match="valore non ammesso"):
        companies_form.save_from_form(ctx, {"fund_type": "TC99", "fund_rate": "4"},
                                      ctx.company.code)
    saved = companies_form.save_from_form(ctx, {"fund_type": "tc22", "fund_rate": "4",
                                                "enasarco_rate": "8,50"}, ctx.company.code)
    assert (saved.fund_type, saved.fund_rate, saved.enasarco_rate) == (
        "TC22", d("4.00"), d("8.50"))


def test_long_texts_are_cut_and_split_as_the_schema_says(ctx):
    long_notes = ("Consegna presso il magazzino centrale " * 20).strip()  # 779 characters
    name = "Società Cooperativa Agricola dei Produttori Riuniti della Valle " * 2
    set_party(ctx, name=name[:60], name2=name[60:120])
    doc, root = exported(ctx, {"kind": "invoice", "date": JAN31, "customer": "C001",
                               "notes": long_notes + " €",
                               "lines": [{"article": "A22", "qty": "1"},
                                         {"text": "Ω" + "x" * 1500}]})
    causale = text(root, "Causale")
    assert len(causale) == 4 and all(len(c) <= 200 for c in causale)  # 781 → 4 pieces
    assert " ".join(causale) == long_notes + " EUR"
    buyer = root.find(".//CessionarioCommittente//Denominazione").text
    assert len(buyer) == 80
    pieces = [e.text for e in root.iterfind(".//DettaglioLinee/Descrizione")][1:]
    # "Ω" is outside Latin-1: "?"; 1501 characters → 1000 + 501.
    assert [len(p) for p in pieces] == [1000, 501] and pieces[0].startswith("?x")


def test_the_header_mask_carries_the_references_and_the_new_kinds(ctx):
    from gamma.sales import document_forms, documents
    assert document_forms.kind_of({"kind": "PC"}, False) == "fee_note"
    assert document_forms.kind_of({"kind": "FA"}, False) == "advance_invoice"
    set_party(ctx, vat_deferred=True)
    values = {"kind": "FT", "customer": "C001", "date": JAN31, "customer_reference": "PO 7",
              "customer_reference_date": date(2026, 1, 5), "cig": "Z1A2B3C4D5",
              "vat_deferred": None}
    doc = documents.save_draft(ctx, document_forms.header_data(values, False)).document
    back = document_forms.header_values(Document.get_by_id(doc.id))
    assert (back["customer_reference"], back["customer_reference_date"], back["cig"],
            back["cup"], back["vat_deferred"]) == ("PO 7", date(2026, 1, 5), "Z1A2B3C4D5",
                                                   None, "S")  # blank: the customer's
    changed = document_forms.header_data({**back, "vat_deferred": "N"}, False)
    doc = documents.save_draft(ctx, changed, doc.id).document
    assert Document.get_by_id(doc.id).vat_deferred is False


def test_an_article_line_s_long_text_goes_on_in_descriptive_lines(ctx):
    from gamma.sales import documents
    from gamma.sales.confirm import confirm
    from models import DocumentLine
    words = ("Fornitura e posa in opera secondo capitolato tecnico allegato " * 30).strip()
    draft = documents.save_draft(ctx, {"kind": "invoice", "date": JAN31, "customer": "C001",
                                       "lines": [{"description": "Posa", "amount": "100.00",
                                                  "vat_code": "22"}]}).document
    # As an article's long description would come with it.
    DocumentLine.update(long_text=words).where(DocumentLine.document == draft.id).execute()
    confirm(ctx, draft.id)
    row = files.export(ctx, draft.id)
    assert einvoice_schema.validate(row.xml.encode("utf-8"), SCHEMA_DIR) == []
    rows = [(e.findtext("Descrizione"), e.findtext("PrezzoTotale"))
            for e in tree(row).iterfind(".//DettaglioLinee")]
    # "Posa " + 1859 characters = 1864: two pieces, the first of 1000 at most cut at a
    # blank; the amount stays on the first, the second is descriptive at 0.00.
    assert [r[1] for r in rows] == ["100.00", "0.00"]
    assert len(rows[0][0]) <= 1000 and " ".join(r[0] for r in rows) == "Posa " + words


def test_a_credit_note_of_a_fee_note_names_it_and_gives_back_the_fund(ctx):
    company(ctx, fund_type="TC04", fund_rate=d("4"))
    note = issue(ctx, {"kind": "fee_note", "date": JAN31, "customer": "C001",
                       "lines": [{"article": "A22", "qty": "10"}]}).document
    goods = [x for x in note.lines if x.line_kind == "article"]
    lines = pickup.lines_to_pick(ctx, [note.id], {goods[0].id: d("10")})
    doc, root = exported(ctx, {"kind": "credit_note", "date": date(2026, 2, 10),
                               "customer": "C001", "lines": lines})
    assert text(root, "TipoDocumento") == ["TD04"]
    assert text(root, "DatiFattureCollegate/IdDocumento") == [str(note.number)]
    # 10 × 10.00 = 100.00; fund 4% = 4.00; VAT 22% of 104.00 = 22.88; total 126.88.
    assert text(root, "ImportoContributoCassa") == ["4.00"]
    assert text(root, "ImportoTotaleDocumento") == ["126.88"]
    assert_totals_with_fund(doc, root)
