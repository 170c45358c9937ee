"""Printing stored sales documents (gamma.sales.printing): the print data read from the
database, the PDF read back with pypdf, the text form, layouts per customer, the status
moving to "printed", the print right."""

from __future__ import annotations

import dataclasses
import io
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from pypdf import PdfReader

from gamma import functions
from gamma.access import grants, operators
from gamma.access.grants import GrantChange, Grantee
from gamma.errors import PermissionDenied
from gamma.master import tables
from gamma.sales import documents, printing
from models import AuditEntry, Document
from printers.formats import format_amount
from tests.sales_fixtures import d, issue, prepare

JAN31 = date(2026, 1, 31)
CENT = Decimal("0.01")


@pytest.fixture
def ctx(admin_ctx, tmp_path):
    """The sales fixtures, with a data directory of the test's own (user layouts, logo)."""
    settings = admin_ctx.settings.replace(**{"paths.data_dir": str(tmp_path / "data")})
    ctx = dataclasses.replace(admin_ctx, settings=settings)
    prepare(ctx)
    return ctx


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def invoice_data(**extra) -> dict:
    return {"kind": "invoice", "date": JAN31, "customer": "C001", **extra, "lines": [
        {"article": "A22", "qty": "3", "discounts": "10+5"},
        {"article": "A10", "qty": "4"},
        {"article": "A04", "qty": "10"},
        {"description": "Trasporto", "amount": "15.01", "vat_code": "22"},
        {"comment": "Consegna al piano"}]}


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF")
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
    return " ".join(" ".join(pages).split())


def test_an_invoice_prints_its_totals_vat_summary_and_instalments_and_becomes_printed(ctx):
    doc = issue(ctx, invoice_data()).document
    assert doc.status == "confirmed"
    # By hand: A22 3 × 10,00 less 10+5 % (× 0,9 × 0,95); A10 4 × 5,50; A04 10 × 2,00;
    # transport 15,01 at 22 %. VAT per rate on the summary, rounded half-up.
    a22 = cents(3 * d("10.00") * d("0.90") * d("0.95"))  # 25,65
    taxable = {"22": a22 + d("15.01"), "10": 4 * d("5.50"), "4": 10 * d("2.00")}
    tax = {code: cents(amount * d(code) / 100) for code, amount in taxable.items()}
    total_taxable = sum(taxable.values())
    total_vat = sum(tax.values())
    total = total_taxable + total_vat
    assert (format_amount(total_taxable), format_amount(total_vat),
            format_amount(total)) == ("82,66", "11,95", "94,61")
    # RiBa 30/60/90 end of month from 31/01: a third each, the remainder on the first.
    third = cents(total / 3)
    instalments = [(date(2026, 2, 28), total - 2 * third), (date(2026, 3, 31), third),
                   (date(2026, 4, 30), third)]

    text = pdf_text(printing.render(ctx, doc.id))
    assert f"Fattura N. {doc.number} del 31/01/2026" in text
    assert "Bar Sport S.r.l." in text
    for code in ("22", "10", "4"):
        row = (f"{format_amount(d(code))} {format_amount(taxable[code])} "
               f"{format_amount(tax[code])}")
        assert row in text, row
    assert f"Totale imponibile {format_amount(total_taxable)}" in text
    assert f"Totale IVA {format_amount(total_vat)}" in text
    assert f"Totale documento € {format_amount(total)}" in text
    for due, amount in instalments:
        assert f"{due:%d/%m/%Y} {format_amount(amount)} RiBa" in text
    assert "Vite inox M6" in text and "Trasporto" in text and "Consegna al piano" in text
    assert "Bozza" not in text

    printed = Document.get_by_id(doc.id)
    assert printed.status == "printed" and printed.printed_at == ctx.now()
    entry = (AuditEntry.select().where(AuditEntry.table_name == "document",
                                       AuditEntry.record_key == str(doc.id),
                                       AuditEntry.function_code == functions.DOCUMENT_PRINT.code)
             .get())
    assert entry.action == "update" and "printed" in entry.changes

    # A reprint leaves it printed, at the first print's time, with no further audit entry.
    ctx.clock.advance(hours=1)
    printing.render(ctx, doc.id)
    again = Document.get_by_id(doc.id)
    assert again.status == "printed" and again.printed_at == printed.printed_at
    assert AuditEntry.select().where(
        AuditEntry.function_code == functions.DOCUMENT_PRINT.code).count() == 1


def test_print_data_carries_every_part(ctx):
    doc = issue(ctx, invoice_data(discounts="5", notes="Grazie")).document
    data = printing.print_data(ctx, Document.get_by_id(doc.id))
    assert data.document.title == "Fattura" and data.document.number == doc.number
    assert data.document.status == ""
    assert data.customer.code == "C001" and data.customer.name == "Bar Sport S.r.l."
    assert data.payment_term  # the term's description
    kinds_ = [(line.code, line.is_text) for line in data.lines]
    assert kinds_ == [("A22", False), ("A10", False), ("A04", False), ("", False),
                      ("", True)]
    assert data.lines[4].description == "Consegna al piano"
    assert [row.code for row in data.vat_summary] == ["22", "10", "4"]
    assert data.vat_summary[0].description == "IVA 22%"
    t = data.totals
    assert t.goods == d("82.66") and t.document_discount_text == "5"
    assert t.document_discount == t.goods - (t.taxable - t.charges) > 0
    assert t.total == t.taxable + t.vat and t.currency == "EUR" and t.total_eur is None
    assert [i.method for i in data.instalments] == ["RiBa"] * 3
    assert sum(i.amount for i in data.instalments) == t.due
    assert data.notes == "Grazie"
    assert not data.split_payment and not data.reverse_charge


def test_a_draft_prints_as_bozza_and_stays_a_draft(ctx):
    draft = documents.save_draft(ctx, invoice_data()).document
    text = pdf_text(printing.render(ctx, draft.id))
    assert "Bozza" in text
    again = Document.get_by_id(draft.id)
    assert again.status == "draft" and again.printed_at is None


def test_a_delivery_note_prints_without_prices_and_is_referred_to_by_its_invoice(ctx):
    freight = tables.find(ctx, "freight_term", "F")
    note = issue(ctx, {"kind": "delivery_note", "date": JAN31, "customer": "C001",
                       "freight_terms": freight.code, "carrier": "VET",
                       "transport_reason": "VEN", "packages": "3",
                       "lines": [{"article": "A22", "qty": "5"},
                                 {"article": "A10", "qty": "2"}]}).document
    text = pdf_text(printing.render(ctx, note.id))
    assert f"Documento di trasporto N. {note.number} del 31/01/2026" in text
    assert "Vite inox M6" in text and "Pasta di semola" in text
    assert "Franco" in text and "Vendita" in text
    assert "10,00" not in text and "5,50" not in text  # the prices
    assert "Totale" not in text and "IVA" not in text  # no totals, no VAT summary

    lines = documents.lines_of(note)
    invoice = issue(ctx, {"kind": "deferred_invoice", "date": JAN31, "customer": "C001",
                          "lines": [{"article": "A22", "qty": "5", "origin": lines[0].id},
                                    {"article": "A10", "qty": "2",
                                     "origin": lines[1].id}]}).document
    data = printing.print_data(ctx, Document.get_by_id(invoice.id))
    assert data.references == [f"Rif. DDT n. {note.number} del 31/01/2026"]
    text = pdf_text(printing.render(ctx, invoice.id))
    assert f"Rif. DDT n. {note.number} del 31/01/2026" in text


def test_a_customer_layout_in_the_user_directory_changes_the_print(ctx):
    doc = issue(ctx, invoice_data()).document
    before = pdf_text(printing.render(ctx, doc.id))
    assert "Vs. codice" not in before
    customers = ctx.settings.data_dir / "layouts" / "customers"
    customers.mkdir(parents=True)
    (customers / "C001.toml").write_text(
        'footer = "Merce viaggiante a rischio del committente"\n'
        "[invoice]\n"
        'title = "Fattura accompagnatoria"\n', encoding="utf-8")
    layout = printing.layout_for(ctx, Document.get_by_id(doc.id))
    assert layout.sources[-1] == customers / "C001.toml"
    after = pdf_text(printing.render(ctx, doc.id))
    assert f"Fattura accompagnatoria N. {doc.number}" in after
    assert "Merce viaggiante a rischio del committente" in after


def test_the_document_language_chooses_the_labels(ctx):
    doc = issue(ctx, invoice_data(language="en")).document
    layout = printing.layout_for(ctx, Document.get_by_id(doc.id))
    assert layout.language == "en"
    text = pdf_text(printing.render(ctx, doc.id))
    assert "Invoice" in text


def test_the_text_form_fits_80_columns(ctx):
    doc = issue(ctx, invoice_data()).document
    text = printing.render(ctx, doc.id, "text")
    assert isinstance(text, str)
    rows = text.replace("\f", "\n").splitlines()
    assert max(len(row) for row in rows) <= 80
    assert "Bar Sport S.r.l." in text and "94,61" in text
    assert Document.get_by_id(doc.id).status == "printed"


def test_documents_between_lists_confirmed_and_printed_ones_by_date_and_number(ctx):
    first = issue(ctx, invoice_data()).document
    second = issue(ctx, invoice_data(date=date(2026, 2, 2))).document
    documents.save_draft(ctx, invoice_data())  # a draft: not listed
    issue(ctx, {"kind": "delivery_note", "date": JAN31, "customer": "C001",
                "lines": [{"article": "A22", "qty": "1"}]})  # another kind
    printing.render(ctx, first.id)
    found = printing.documents_between(ctx, "invoice", date(2026, 1, 1), date(2026, 2, 28))
    assert [doc.id for doc in found] == [first.id, second.id]
    assert [doc.id for doc in printing.documents_between(
        ctx, "invoice", date(2026, 2, 1), date(2026, 2, 28))] == [second.id]
    assert printing.documents_between(ctx, "invoice", date(2026, 1, 1), date(2026, 2, 28),
                                      series="B") == []


def test_an_operator_without_the_print_right_is_refused(ctx):
    doc = issue(ctx, invoice_data()).document
    operators.add(ctx, "lucia", "password-l")
    lucia = Grantee.of_operator("lucia")
    grants.grant(ctx, lucia, GrantChange(functions=(functions.DOCUMENT_PRINT.code,),
                                         companies=(1,),
                                         documents=(("invoice", ("view_others",)),)))
    clerk = dataclasses.replace(ctx, operator=operators.find("lucia"))
    with pytest.raises(PermissionDenied, match="LUCIA"):
        printing.render(clerk, doc.id)
    assert Document.get_by_id(doc.id).status == "confirmed"
    grants.grant(ctx, lucia, GrantChange(documents=(("invoice", ("print",)),)))
    assert printing.render(clerk, doc.id).startswith(b"%PDF")
    assert Document.get_by_id(doc.id).status == "printed"


def test_charges_follow_the_goods_and_a_foreign_invoice_shows_its_euro_counter_value(ctx):
    from gamma import records
    from models import PaymentTerm
    term = PaymentTerm.get(PaymentTerm.company == ctx.company, PaymentTerm.code == "RB306090")
    records.update(ctx, term, collection_charge=d("2.00"))
    doc = issue(ctx, invoice_data(currency="USD", exchange_rate="1.1")).document
    data = printing.print_data(ctx, Document.get_by_id(doc.id))
    last = data.lines[-1]
    assert (last.description, last.amount, last.vat_code) == (
        "Spese d'incasso (3 rate)", d("6.00"), "22")
    assert data.lines[-2].description == "Consegna al piano"  # the goods' comment before it
    t = data.totals
    assert t.charges == d("6.00") and t.taxable == d("88.66")
    assert t.document_discount == 0
    assert t.currency == "USD" and t.exchange_rate == d("1.1")
    assert t.total_eur == cents(t.total / d("1.1"))
    text = pdf_text(printing.render(ctx, doc.id))
    assert f"Totale documento USD {format_amount(t.total)}" in text
    assert format_amount(t.total_eur) in text
    assert "Spese d'incasso (3 rate)" in text


def test_a_declaration_of_intent_prints_its_reference_and_nature(ctx):
    reference = "prot. 12345678901234567-000001 del 10/01/2026"
    doc = issue(ctx, invoice_data(vat_regime="intent", intent_reference=reference)).document
    data = printing.print_data(ctx, Document.get_by_id(doc.id))
    assert data.declaration_of_intent == reference
    natures = [row for row in data.vat_summary if row.nature == "N3.5"]
    assert natures and natures[0].description == "Non imponibile art. 8 c.1 lett. c) DPR 633/72"
    # The goods go under N3.5; the transport amount line keeps its 22 %.
    assert natures[0].taxable == d("67.65") and natures[0].tax == 0
    text = pdf_text(printing.render(ctx, doc.id))
    assert f"Dichiarazione d'intento: {reference}" in text
    assert "Non imponibile art. 8" in text  # the summary's narrow column may cut the rest


def test_split_payment_and_reverse_charge_flags(ctx):
    doc = issue(ctx, invoice_data(vat_regime="split_payment")).document
    data = printing.print_data(ctx, Document.get_by_id(doc.id))
    assert data.split_payment and not data.reverse_charge
    assert data.totals.due == data.totals.total - data.totals.vat


def test_lines_sorted_by_location_print_in_walking_order(ctx):
    from gamma.sales import printing
    from models import Article
    for code, where in (("A22", "C-03"), ("A10", "A-01"), ("A04", "B-02")):
        Article.update(location=where).where(Article.code == code).execute()
    doc = documents.save_draft(ctx, {"kind": "invoice", "date": date(2026, 3, 2),
                                     "customer": "C001", "lines": [
                                         {"article": "A22", "qty": "1"},
                                         {"article": "A10", "qty": "1"},
                                         {"article": "A04", "qty": "1"}]}).document
    data = printing.print_data(ctx, doc)
    assert [line.location for line in data.lines] == ["C-03", "A-01", "B-02"]
    layout = printing.layout_for(ctx, doc)
    from dataclasses import replace
    from printers.document_text import render_text
    text = render_text(data, replace(layout, sort_by="location"))
    order = [text.index(code) for code in ("A10", "A04", "A22")]
    assert order == sorted(order)
