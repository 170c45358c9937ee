"""Sales documents end to end: drafts, totals to the cent, confirmation (number, stock,
instalments, last prices), what a failed confirmation leaves (nothing)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from gamma import numbering
from gamma.errors import GammaError, ValidationError
from gamma.master.parties import PartyDeactivated
from gamma.sales import documents, stock
from gamma.sales.confirm import confirm
from models import Document, DocumentLine, DocumentVat, Instalment, LastPrice, StockMovement
from tests.sales_fixtures import d, issue, prepare, set_party

JAN31 = date(2026, 1, 31)


@pytest.fixture
def ctx(admin_ctx):
    prepare(admin_ctx)
    return admin_ctx


def mixed_invoice(**extra) -> dict:
    return {"kind": "invoice", "date": JAN31, "customer": "C001", **extra, "lines": [
        {"article": "A22", "qty": "3", "discounts": "10+5"},
        {"article": "A10", "qty": "4"},
        {"article": "A04", "qty": "10"},
        {"description": "Trasporto", "amount": "15.01", "vat_code": "22"},
        {"comment": "Consegna al piano"}]}


def sold() -> int:
    """Movements written by documents (the fixture's loads left out)."""
    return StockMovement.select().where(StockMovement.document.is_null(False)).count()


def summary(doc) -> dict:
    return {(row.vat_code.code): (row.taxable, row.vat)
            for row in DocumentVat.select().where(DocumentVat.document == doc)}


def test_a_draft_has_totals_but_no_number_and_moves_nothing(ctx):
    saved = documents.save_draft(ctx, mixed_invoice())
    doc = saved.document
    assert doc.status == "draft" and doc.number is None
    # A22: 3 × 10,00 less 10+5 % = 30 × 0,855 = 25,65; A10: 4 × 5,50 = 22,00;
    # A04: 10 × 2,00 = 20,00; transport 15,01 at 22 %.
    assert summary(doc) == {"22": (d("40.66"), d("8.95")),  # 40,66 × 22 % = 8,9452
                            "10": (d("22.00"), d("2.20")),
                            "4": (d("20.00"), d("0.80"))}
    assert (doc.taxable, doc.vat, doc.total) == (d("82.66"), d("11.95"), d("94.61"))
    lines = documents.lines_of(doc)
    assert [line.line_kind for line in lines] == ["article", "article", "article", "amount",
                                                  "comment"]
    assert lines[0].price == d("10") and lines[0].price_source  # from the list
    assert sold() == 0


def test_confirmation_numbers_moves_stock_splits_instalments_and_remembers_prices(ctx):
    done = issue(ctx, mixed_invoice())
    doc = Document.get_by_id(done.document.id)
    assert (doc.status, doc.number, doc.year) == ("confirmed", 1, 2026)
    assert stock.level(ctx, doc.lines[0].article).on_hand == d("97")
    on_hand = {m.article.code: m.on_hand for m in
               StockMovement.select().where(StockMovement.document == doc)}
    assert on_hand == {"A22": d("-3"), "A10": d("-4"), "A04": d("-10")}
    # RiBa 30/60/90 end of month from 31/01/2026: 28/02, 31/03, 30/04; 94,61 / 3 = 31,5366
    # → 31,54 on the second and third, the remainder 31,53 on the first.
    rows = [(i.due_date, i.amount, i.method) for i in
            Instalment.select().where(Instalment.document == doc).order_by(Instalment.number)]
    assert rows == [(date(2026, 2, 28), d("31.53"), "MP12"),
                    (date(2026, 3, 31), d("31.54"), "MP12"),
                    (date(2026, 4, 30), d("31.54"), "MP12")]
    last = LastPrice.get(LastPrice.article == doc.lines[0].article)
    assert (last.price, last.discounts) == (d("10"), "10+5")
    second = issue(ctx, mixed_invoice())
    assert second.document.number == 2


def test_a_confirmation_blocked_by_stock_leaves_no_number_movement_or_instalment(ctx):
    data = mixed_invoice()
    data["lines"][2]["qty"] = "101"  # one more than the 100 in stock
    saved = documents.save_draft(ctx, data)  # entered while the rule only warned
    ctx = ctx.__class__(**{**ctx.__dict__,
                           "settings": ctx.settings.replace(**{"sales.negative_stock": "block"})})
    with pytest.raises(ValidationError, match="Riga 3, articolo A04: giacenza insufficiente"):
        confirm(ctx, saved.document.id)
    assert Document.get_by_id(saved.document.id).status == "draft"
    assert numbering.last_number(ctx, "invoice", "", 2026) == 0
    assert sold() == 0 and Instalment.select().count() == 0


def test_a_confirmation_failing_at_its_last_step_leaves_nothing(ctx):
    """The pick-up is the last write: when another document took the line meanwhile, the
    number, movements and instalments already written are rolled back."""
    note = issue(ctx, {"kind": "delivery_note", "date": JAN31, "customer": "C001",
                       "lines": [{"article": "A22", "qty": "5"}]}).document
    origin = note.lines[0].id
    pick = {"kind": "deferred_invoice", "date": JAN31, "customer": "C001",
            "lines": [{"article": "A22", "qty": "5", "origin": origin}]}
    first = documents.save_draft(ctx, pick).document
    second = documents.save_draft(ctx, pick).document
    confirm(ctx, first.id)
    movements = sold()
    instalments = Instalment.select().count()
    with pytest.raises(GammaError, match="già prelevata"):
        confirm(ctx, second.id)
    assert Document.get_by_id(second.id).number is None
    assert numbering.last_number(ctx, "invoice", "", 2026) == 1
    assert sold() == movements
    assert Instalment.select().count() == instalments


def test_a_deactivated_customer_names_its_replacement_and_a_blocked_one_is_refused(ctx):
    from gamma.master import parties
    parties.save_from_form(ctx, {"code": "C002", "name": "Bar Sport nuova S.r.l."})
    set_party(ctx, active=False, replaced_by=parties.find(ctx, "C002"))
    with pytest.raises(PartyDeactivated) as err:
        documents.save_draft(ctx, mixed_invoice())
    assert err.value.replacement.code == "C002"
    set_party(ctx, "C002", sales_block=True, block_reason="insoluti")
    with pytest.raises(ValidationError, match="bloccato per le vendite: insoluti"):
        documents.save_draft(ctx, mixed_invoice(customer="C002"))


def test_a_bad_line_is_named_and_nothing_is_written(ctx):
    data = mixed_invoice()
    data["lines"][1]["qty"] = "4,5,6"
    with pytest.raises(ValidationError, match="Riga 2, Quantità: numero non valido"):
        documents.save_draft(ctx, data)
    assert Document.select().count() == 0 and DocumentLine.select().count() == 0


def _exempt_invoice(ctx, amount: str):
    return issue(ctx, {"kind": "invoice", "date": JAN31, "customer": "C001",
                       "payment_term": "RD", "lines": [
                           {"description": "Prestazione sanitaria", "amount": amount,
                            "vat_code": "N4"}]}).document


def test_stamp_duty_is_charged_over_77_47_of_exempt_amounts(ctx):
    under = _exempt_invoice(ctx, "77.47")
    assert (under.stamp_duty, under.total) == (d("0"), d("77.47"))
    over = _exempt_invoice(ctx, "77.48")
    # 2,00 of stamp duty charged to the customer as an N1 line (excluded, art. 15).
    assert (over.stamp_duty, over.charges, over.total) == (d("2.00"), d("2.00"), d("79.48"))
    assert summary(over) == {"N4": (d("77.48"), d("0")), "N1": (d("2.00"), d("0"))}
    stamp = [x for x in documents.lines_of(over) if x.line_kind == "charge"]
    assert [(x.description, x.amount) for x in stamp] == [("Imposta di bollo", d("2.00"))]


def test_withholding_tax_of_a_customer_that_is_a_withholding_agent(ctx):
    set_party(ctx, withholding=True)
    done = issue(ctx, {"kind": "invoice", "date": JAN31, "customer": "C001",
                       "payment_term": "RD", "lines": [
                           {"description": "Consulenza", "amount": "1000.00",
                            "vat_code": "22"}]}).document
    # 1.000,00 + 22 % = 1.220,00; withholding 20 % of 1.000,00 = 200,00; due 1.020,00.
    assert (done.withholding_rate, done.withholding, done.total, done.due) == (
        d("20"), d("200.00"), d("1220.00"), d("1020.00"))
    [instalment] = Instalment.select().where(Instalment.document == done)
    assert (instalment.due_date, instalment.amount) == (JAN31, d("1020.00"))


def test_collection_charges_per_riba_instalment(ctx):
    from gamma.master import tables
    tables.save(ctx, "payment_term", {"collection_charge": "2.50"}, "RB306090")
    done = issue(ctx, {"kind": "invoice", "date": JAN31, "customer": "C001",
                       "lines": [{"article": "A22", "qty": "10"}]}).document
    # 100,00 + 3 instalments × 2,50 = 7,50 of charges, both at 22 %: 107,50 + 23,65.
    assert (done.charges, done.taxable, done.vat, done.total) == (
        d("7.50"), d("107.50"), d("23.65"), d("131.15"))
    rows = [(i.due_date, i.amount, i.collection_charge) for i in
            Instalment.select().where(Instalment.document == done).order_by(Instalment.number)]
    # 131,15 / 3 = 43,7166 → 43,72 twice, the first 43,71.
    assert rows == [(date(2026, 2, 28), d("43.71"), d("2.50")),
                    (date(2026, 3, 31), d("43.72"), d("2.50")),
                    (date(2026, 4, 30), d("43.72"), d("2.50"))]


def test_riba_30_60_90_end_of_month_with_august_excluded_issued_in_july(ctx):
    from gamma.master import tables
    tables.save(ctx, "payment_term", {"excluded_months": "8"}, "RB306090")
    done = issue(ctx, {"kind": "invoice", "date": date(2026, 7, 15), "customer": "C001",
                       "lines": [{"article": "A22", "qty": "10"}]}).document
    # 15/07 + 30 days, end of month = 31/08: August excluded → end of September;
    # + 60 = 30/09; + 90 = 31/10. 122,00 / 3 = 40,6666 → 40,67 twice, the first 40,66.
    rows = [(i.due_date, i.amount) for i in
            Instalment.select().where(Instalment.document == done).order_by(Instalment.number)]
    assert rows == [(date(2026, 9, 30), d("40.66")), (date(2026, 9, 30), d("40.67")),
                    (date(2026, 10, 31), d("40.67"))]


def test_declaration_of_intent_exempts_lines_but_an_articles_own_rate_prevails(ctx):
    from gamma.master import tables
    from models import Article
    set_party(ctx, vat_regime="intent", intent_reference="Prot. 12345/2026",
              intent_valid_to=date(2026, 12, 31))
    Article.update(keeps_vat=True).where(Article.code == "A04").execute()
    done = issue(ctx, {"kind": "invoice", "date": JAN31, "customer": "C001",
                       "payment_term": "RD", "lines": [
                           {"article": "A22", "qty": "10"},  # 100,00 exempt N3.5
                           {"article": "A04", "qty": "5"}]}).document  # 10,00 at 4 %
    assert (done.vat_regime, done.intent_reference) == ("intent", "Prot. 12345/2026")
    # N3.5 counts for stamp duty: 100,00 > 77,47 → 2,00 charged as N1.
    assert summary(done) == {"4": (d("10.00"), d("0.40")), "N3.5": (d("100.00"), d("0")),
                             "N1": (d("2.00"), d("0"))}
    assert done.total == d("112.40")
    set_party(ctx, intent_valid_to=date(2026, 1, 15))
    with pytest.raises(ValidationError, match="dichiarazione d'intento scaduta il 15/01/2026"):
        documents.save_draft(ctx, mixed_invoice())
    assert tables.find(ctx, "vat_code", "N3.5").nature == "N3.5"


def test_reverse_charge_puts_the_lines_under_an_n6_nature(ctx):
    done = documents.save_draft(ctx, {"kind": "invoice", "date": JAN31, "customer": "C001",
                                      "vat_regime": "reverse_charge", "lines": [
                                          {"article": "A22", "qty": "2"},
                                          {"article": "A10", "qty": "1", "vat_code": "N6.3"}]})
    assert summary(done.document) == {"N6.3": (d("5.50"), d("0")),
                                      "N6.9": (d("20.00"), d("0"))}
    with pytest.raises(ValidationError, match="serve un codice di natura N6"):
        documents.save_draft(ctx, {"kind": "invoice", "date": JAN31, "customer": "C001",
                                   "vat_regime": "reverse_charge",
                                   "lines": [{"article": "A22", "qty": "1", "vat_code": "22"}]})


def test_a_foreign_currency_document_takes_the_rate_of_the_last_working_day(ctx):
    from gamma.master import tables
    tables.set_rate(ctx, "USD", date(2026, 1, 30), d("1.085000"))  # a Friday
    saturday = date(2026, 1, 31)
    done = issue(ctx, {"kind": "invoice", "date": saturday, "customer": "C001",
                       "currency": "USD", "payment_term": "RD",
                       "lines": [{"article": "A22", "qty": "10", "price": "21.70"}]}).document
    # 217,00 USD + 22 % = 264,74 USD; in euro 264,74 / 1,085 = 244,000… → 244,00.
    assert (done.exchange_rate, done.total, done.total_euro) == (
        d("1.085"), d("264.74"), d("244.00"))
    with pytest.raises(ValidationError, match="nessun cambio USD del 20/02/2026"):
        documents.save_draft(ctx, {"kind": "invoice", "date": date(2026, 2, 20),
                                   "customer": "C001", "currency": "USD",
                                   "lines": [{"article": "A22", "qty": "1"}]})


def test_lines_going_below_zero_warn_or_are_refused_as_they_are_entered(ctx):
    data = mixed_invoice()
    data["lines"][2]["qty"] = "101"  # A04: 100 in stock
    saved = documents.save_draft(ctx, data)
    assert saved.warnings == ["Riga 3, articolo A04: giacenza insufficiente (disponibili "
                              "100, richiesti 101)"]
    blocking = ctx.__class__(**{**ctx.__dict__, "settings": ctx.settings.replace(
        **{"sales.negative_stock": "block"})})
    with pytest.raises(ValidationError, match="Riga 3, articolo A04: giacenza insufficiente"):
        documents.save_draft(blocking, data)


def test_a_line_finds_its_article_by_the_customers_or_a_suppliers_code(ctx):
    from gamma.master import article_relations, parties
    parties.save_from_form(ctx, {"code": "F001", "name": "Viteria del Nord",
                                 "is_customer": False, "is_supplier": True})
    article_relations.set_party_code(ctx, "A22", "F001", "VN-M6-INOX")
    article_relations.set_party_code(ctx, "A10", "C001", "SEMOLA500")
    saved = documents.save_draft(ctx, {"kind": "quote", "date": JAN31, "customer": "C001",
                                       "lines": [{"supplier_code": "VN-M6-INOX", "qty": "1"},
                                                 {"customer_code": "SEMOLA500", "qty": "1"}]})
    assert [x.code for x in documents.lines_of(saved.document)] == ["A22", "A10"]
    with pytest.raises(ValidationError, match="Riga 1, Codice fornitore: codice XX sconosciuto"):
        documents.save_draft(ctx, {"kind": "quote", "date": JAN31, "customer": "C001",
                                   "lines": [{"supplier_code": "XX"}]})
