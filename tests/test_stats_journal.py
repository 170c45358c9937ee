"""The statistics journal: what a confirmed document appends, with which sign and values in
euro, what a change appends (never an update), and the rebuild for older databases."""

from __future__ import annotations

from datetime import date

import pytest

from gamma.master import tables
from gamma.sales import amend, pickup
from gamma.stats import journal
from models import StatMovement
from tests.sales_fixtures import d, issue, prepare

DAY = date(2026, 3, 10)


@pytest.fixture
def ctx(admin_ctx):
    prepare(admin_ctx)
    return admin_ctx


def rows_of(doc) -> list[StatMovement]:
    return list(StatMovement.select().where(StatMovement.document == doc.id)
                .order_by(StatMovement.id))


def test_an_invoice_with_a_document_discount_sums_to_its_taxable_goods(ctx):
    done = issue(ctx, {"kind": "invoice", "date": DAY, "customer": "C001", "discounts": "10",
                       "lines": [{"article": "A22", "qty": "3", "price": "3.33"},
                                 {"article": "A22", "qty": "1", "price": "0.05"},
                                 {"article": "A10", "qty": "4", "discounts": "50"},
                                 {"description": "Montaggio", "amount": "7.77",
                                  "vat_code": "22"},
                                 {"comment": "solo testo"}]}).document
    rows = rows_of(done)
    assert [r.position for r in rows] == [1, 2, 3, 4]
    # VAT 22: 9,99 + 0,05 + 7,77 = 17,81 × 0,9 = 16,029 → 16,03, shared 8,991 / 0,045 /
    # 6,993: floors 8,99 / 0,04 / 6,99 = 16,02, the missing cent to the largest fraction
    # (0,045 → 0,05). VAT 10: 4 × 5,50 × 0,5 = 11,00 × 0,9 = 9,90.
    assert [r.revenue for r in rows] == [d("8.99"), d("0.05"), d("9.90"), d("6.99")]
    assert sum(r.revenue for r in rows) == done.taxable == d("25.93")
    assert [r.gross for r in rows] == [d("9.99"), d("0.05"), d("22.00"), d("7.77")]
    assert [r.qty for r in rows] == [d("3"), d("1"), d("4"), d("0")]
    assert rows[3].article_id is None and rows[0].article_id is not None
    assert rows[2].unit_price == d("2.475")  # 9,90 / 4
    assert {(r.source, r.kind, r.returned, r.reversal) for r in rows} == {
        ("sales", "invoice", False, False)}


def test_credit_notes_and_returns_count_against_approval_notes_and_quotes_not_at_all(ctx):
    credit = issue(ctx, {"kind": "credit_note", "date": DAY, "customer": "C001",
                         "lines": [{"article": "A22", "qty": "2"}]}).document
    back = issue(ctx, {"kind": "delivery_note", "subkind": "return", "date": DAY,
                       "customer": "C001", "lines": [{"article": "A10", "qty": "1"}]}).document
    seen = issue(ctx, {"kind": "delivery_note", "subkind": "approval", "date": DAY,
                       "customer": "C001", "lines": [{"article": "A10", "qty": "1"}]}).document
    quote = issue(ctx, {"kind": "quote", "date": DAY, "customer": "C001",
                        "lines": [{"article": "A10", "qty": "1"}]}).document
    [c] = rows_of(credit)
    assert (c.qty, c.revenue, c.returned) == (d("-2"), d("-20.00"), True)
    [r] = rows_of(back)
    assert (r.qty, r.revenue, r.returned, r.unit_price) == (d("-1"), d("-5.50"), True,
                                                          d("5.50"))
    assert rows_of(seen) == [] and rows_of(quote) == []


def test_a_foreign_currency_invoice_is_journalled_in_euro(ctx):
    tables.set_rate(ctx, "USD", DAY, d("1.085000"))
    done = issue(ctx, {"kind": "invoice", "date": DAY, "customer": "C001",
                       "currency": "USD", "lines": [
                           {"article": "A22", "qty": "10", "price": "21.70"},
                           {"article": "A10", "qty": "1", "price": "1.00"}]}).document
    rows = rows_of(done)
    # 217,00 + 1,00 = 218,00 USD / 1,085 = 200,921… → 200,92 euro: 200,000 and 0,9216…
    assert [r.revenue for r in rows] == [d("200.00"), d("0.92")]


def test_a_deferred_invoice_does_not_count_the_delivery_notes_again(ctx):
    note = issue(ctx, {"kind": "delivery_note", "date": DAY, "customer": "C001",
                       "lines": [{"article": "A22", "qty": "2"}]}).document
    lines = pickup.lines_to_pick(ctx, [note.id])
    lines.append({"description": "Spese di incasso", "amount": "3.00", "vat_code": "22"})
    invoice = issue(ctx, {"kind": "deferred_invoice", "date": DAY, "customer": "C001",
                          "lines": lines}).document
    assert [r.revenue for r in rows_of(note)] == [d("20.00")]
    assert [r.revenue for r in rows_of(invoice)] == [d("3.00")]


def test_a_changed_document_appends_its_reversal_then_its_new_lines(ctx):
    done = issue(ctx, {"kind": "invoice", "date": DAY, "customer": "C001",
                       "lines": [{"article": "A22", "qty": "3"}]}).document
    [first] = rows_of(done)
    amend.amend(ctx, done.id, {"lines": [{"article": "A22", "qty": "5"},
                                         {"article": "A04", "qty": "1"}]})
    rows = rows_of(done)
    assert rows[0].id == first.id and rows[0].qty == d("3")  # untouched
    assert [(r.qty, r.revenue, r.reversal) for r in rows[1:]] == [
        (d("-3"), d("-30.00"), True), (d("5"), d("50.00"), False),
        (d("1"), d("2.00"), False)]
    assert journal.totals(ctx, done.id)["revenue"] == d("52.00")


def test_rebuild_records_the_documents_missing_and_is_idempotent(ctx):
    one = issue(ctx, {"kind": "invoice", "date": DAY, "customer": "C001",
                      "lines": [{"article": "A22", "qty": "3"}]}).document
    two = issue(ctx, {"kind": "credit_note", "date": DAY, "customer": "C001",
                      "lines": [{"article": "A04", "qty": "1"}]}).document
    StatMovement.delete().where(StatMovement.document == one.id).execute()
    assert journal.rebuild(ctx) == 1
    assert journal.rebuild(ctx) == 0
    assert journal.rebuild(ctx, full=True) == 2
    assert [r.revenue for r in rows_of(one)] == [d("30.00")]
    assert [r.revenue for r in rows_of(two)] == [d("-2.00")]
