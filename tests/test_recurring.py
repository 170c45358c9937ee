"""Recurring customer orders: which templates are due on a day, the orders generated
from them (lines, prices from the list, delivery date, destination, committed stock),
generating a day twice, refused templates, cancellation."""

from __future__ import annotations

import pytest

from gamma.errors import GammaError
from gamma.progress import Progress
from gamma.recurring import generation, templates
from models import Document, DocumentLine, RecurringRun
from tests.order_fixtures import level
from tests.recurring_fixtures import d, date, prepare, template


@pytest.fixture
def ctx(admin_ctx):
    prepare(admin_ctx)
    return admin_ctx


def codes(found) -> list[str]:
    return [t.code for t in found]


def test_every_weekday_from_1_march_is_due_on_monday_9_not_on_sunday_8(ctx):
    template(ctx)
    assert codes(generation.due(ctx, date(2026, 3, 9))) == ["BAR-FERIALI"]
    assert generation.due(ctx, date(2026, 3, 8)) == []  # Sunday
    assert generation.due(ctx, date(2026, 3, 7)) == []  # Saturday: not a weekday here
    assert generation.due(ctx, date(2026, 2, 27)) == []  # a Friday before the start
    assert generation.generate(ctx, date(2026, 3, 8)) == []
    assert Document.select().where(Document.kind == "customer_order").count() == 0


def test_the_generated_order_lines_prices_delivery_and_destination(ctx):
    template(ctx)
    [made] = generation.generate(ctx, date(2026, 3, 9))
    assert made.status == "created", made.reason
    doc = Document.get_by_id(made.document.id)
    assert (doc.kind, doc.status, doc.party.code) == ("customer_order", "confirmed", "C001")
    assert doc.number == 1 and doc.date == date(2026, 3, 9)
    assert doc.delivery_date == date(2026, 3, 10)  # the day after
    assert doc.destination.name == "Bar Sport - Stazione"
    assert "Referente: Sig. Rossi" in doc.notes and "BAR-FERIALI" in doc.notes
    lines = [(x.article.code, x.qty, x.price, x.amount) for x in DocumentLine.select()
             .where(DocumentLine.document == doc).order_by(DocumentLine.position)
             if x.line_kind == "article"]
    # List 1: 6 × 10,00 = 60,00 and 10 × 2,00 = 20,00.
    assert lines == [("A22", d("6"), d("10"), d("60.00")), ("A04", d("10"), d("2"),
                                                           d("20.00"))]
    # Taxable 80,00; VAT 60 × 22 % = 13,20 and 20 × 4 % = 0,80: total 94,00.
    assert (doc.taxable, doc.vat, doc.total) == (d("80.00"), d("14.00"), d("94.00"))
    # As any order, it commits the stock.
    assert level(ctx, "A22").committed == d("6")
    run = RecurringRun.get()
    assert (run.template.code, run.day, run.document_id) == ("BAR-FERIALI", date(2026, 3, 9),
                                                             doc.id)


def test_generating_the_same_day_twice_creates_the_orders_once(ctx):
    template(ctx)
    template(ctx, "BAR-LUN", frequency="weekly", days=["lun"], destination=None,
             lines=[{"article": "A10", "qty": "2"}])
    first = generation.generate(ctx, date(2026, 3, 9))
    assert sorted((o.template, o.status) for o in first) == [
        ("BAR-FERIALI", "created"), ("BAR-LUN", "created")]
    assert generation.due(ctx, date(2026, 3, 9)) == []
    again = generation.generate(ctx, date(2026, 3, 9))
    assert sorted((o.template, o.status) for o in again) == [
        ("BAR-FERIALI", "skipped"), ("BAR-LUN", "skipped")]
    assert Document.select().where(Document.kind == "customer_order").count() == 2
    assert level(ctx, "A22").committed == d("6")
    # The next day only the weekday template is due.
    assert codes(generation.due(ctx, date(2026, 3, 10))) == ["BAR-FERIALI"]


def test_a_fixed_price_and_another_price_list(ctx):
    template(ctx, price_list=2, lines=[{"article": "A22", "qty": "3"},
                                       {"article": "A10", "qty": "4", "price": "5.00"}])
    [made] = generation.generate(ctx, date(2026, 3, 9))
    lines = [(x.article.code, x.price, x.amount) for x in DocumentLine.select().where(
        DocumentLine.document == made.document.id).order_by(DocumentLine.position)
        if x.line_kind == "article"]
    # List 2 gives A22 at 9,00 (3 × 9 = 27,00); A10 at its fixed 5,00 (4 × 5 = 20,00).
    assert lines == [("A22", d("9"), d("27.00")), ("A10", d("5"), d("20.00"))]


def test_weekly_and_monthly_frequencies_validity_and_holidays(ctx):
    template(ctx)
    template(ctx, "W", frequency="weekly", days=[1, 3, 5])
    template(ctx, "M31", frequency="monthly", day=31, start="01/01/2026", end="31/12/2026")
    template(ctx, "M25", frequency="monthly", day=25)
    template(ctx, "OFF", active=False)
    due = lambda y, m, n: codes(generation.due(ctx, date(y, m, n)))  # noqa: E731
    assert due(2026, 3, 11) == ["BAR-FERIALI", "W"]  # a Wednesday
    assert due(2026, 3, 12) == ["BAR-FERIALI"]  # a Thursday
    assert due(2026, 4, 30) == ["BAR-FERIALI", "M31"]  # April's last day stands for 31
    assert due(2026, 3, 31) == ["BAR-FERIALI", "M31"]  # a Tuesday
    assert due(2026, 2, 28) == ["M31"]  # a Saturday, February's last day
    assert due(2027, 1, 29) == ["BAR-FERIALI", "W"]  # M31 ended with 2026
    # Easter Monday 2026 is 6 April, 25 April and 1 May are holidays: nothing.
    assert due(2026, 4, 6) == [] and due(2026, 5, 1) == []
    # Monday 25 May: all three (M25 starts on 1 March, as the weekday one).
    assert due(2026, 5, 25) == ["BAR-FERIALI", "M25", "W"]


def test_a_template_with_blocking_errors_is_refused_the_others_proceed(ctx):
    template(ctx)
    template(ctx, "GINO", customer="C002", destination=None,
             lines=[{"article": "A10", "qty": "1"}])
    from tests.sales_fixtures import set_party
    set_party(ctx, "C001", sales_block=True, block_reason="Insoluti")
    out = {o.template: o for o in generation.generate(ctx, date(2026, 3, 9))}
    assert out["BAR-FERIALI"].status == "refused"
    assert "cliente C001 bloccato: Insoluti" in out["BAR-FERIALI"].reason
    assert out["GINO"].status == "created"
    # The refused one is still due: it is made once the customer is unblocked.
    assert codes(generation.due(ctx, date(2026, 3, 9))) == ["BAR-FERIALI"]


class CancelAfterOne(Progress):
    def update(self) -> None:
        if self.done == 1:
            self.cancel()


def test_a_cancelled_generation_leaves_nothing(ctx):
    template(ctx)
    template(ctx, "GINO", customer="C002", destination=None,
             lines=[{"article": "A10", "qty": "1"}])
    with pytest.raises(GammaError, match="annullata"):
        generation.generate(ctx, date(2026, 3, 9), progress=CancelAfterOne())
    assert Document.select().count() == 0 and RecurringRun.select().count() == 0
    assert level(ctx, "A22").committed == d("0")
    assert len(generation.due(ctx, date(2026, 3, 9))) == 2


def test_dry_run_and_one_template_only(ctx):
    template(ctx)
    template(ctx, "GINO", customer="C002", destination=None,
             lines=[{"article": "A10", "qty": "1"}])
    planned = generation.generate(ctx, date(2026, 3, 9), dry_run=True)
    assert sorted((o.template, o.status) for o in planned) == [
        ("BAR-FERIALI", "planned"), ("GINO", "planned")]
    assert Document.select().count() == 0
    [only] = generation.generate(ctx, date(2026, 3, 9), ["gino"])
    assert (only.template, only.status) == ("GINO", "created")
    assert codes(generation.due(ctx, date(2026, 3, 9))) == ["BAR-FERIALI"]


def test_a_template_saved_again_under_its_code_is_replaced(ctx):
    template(ctx)
    again = template(ctx, lines=[{"article": "A10", "qty": "3"}], delivery_days=0)
    assert [(x.article.code, x.qty) for x in templates.lines_of(again)] == [("A10", d("3"))]
    assert len(templates.listing(ctx)) == 1 and again.delivery_days == 0


def test_two_concurrent_generations_of_a_day_make_each_order_once(ctx):
    """Two runs at once (two connections): the unique (template, day) key lets one make
    each order; the other reports it skipped and writes nothing."""
    import threading

    from gamma import db
    template(ctx)
    template(ctx, "GINO", customer="C002", destination=None,
             lines=[{"article": "A10", "qty": "1"}])
    start = threading.Barrier(2)
    results: list = []
    failures: list = []

    def run() -> None:
        try:
            start.wait()
            results.append(generation.generate(ctx, date(2026, 3, 9)))
        except Exception as exc:  # shown by the assertion below
            failures.append(exc)
        finally:
            db.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert failures == []
    statuses = sorted((o.template, o.status) for found in results for o in found)
    assert statuses == [("BAR-FERIALI", "created"), ("BAR-FERIALI", "skipped"),
                        ("GINO", "created"), ("GINO", "skipped")]
    assert Document.select().where(Document.kind == "customer_order").count() == 2
    assert RecurringRun.select().count() == 2
    assert level(ctx, "A22").committed == d("6")


def test_easter_monday_and_the_national_holidays():
    from gamma.recurring import calendar
    # Easter Sunday: 20 April 2025, 5 April 2026, 28 March 2027.
    assert [calendar.easter(y) for y in (2025, 2026, 2027)] == [
        date(2025, 4, 20), date(2026, 4, 5), date(2027, 3, 28)]
    days = calendar.holidays(2026)
    assert date(2026, 4, 6) in days and date(2026, 4, 5) not in days
    assert date(2026, 6, 2) in days and date(2026, 12, 8) in days
    assert date(2026, 10, 4) in days and date(2025, 10, 4) not in calendar.holidays(2025)
    assert len(days) == 12  # ten fixed days, San Francesco, Easter Monday
    assert calendar.month_day_of(2028, 2, 31) == date(2028, 2, 29)  # a leap year
    assert calendar.parse_days(["ven", "1", "Mercoledì"]) == "1,3,5"
    with pytest.raises(GammaError, match="giorno della settimana non valido: 8"):
        calendar.parse_days("1,8")


def test_functions_451_453_and_the_document_rights_are_required(ctx):
    import dataclasses

    from gamma import companies
    from gamma.access import grants, operators
    from gamma.access.grants import Grantee, GrantChange
    from gamma.errors import PermissionDenied
    from gamma.recurring import panel
    template(ctx)
    operators.add(ctx, "lucia", "password-l")
    grants.grant(ctx, Grantee.of_operator("lucia"), GrantChange(functions=("453",),
                                                                companies=(1,)))
    clerk = companies.open_company(dataclasses.replace(ctx, operator=operators.find("lucia"),
                                                       company=None), 1)
    assert panel.panel(clerk, date(2026, 3, 9), date(2026, 3, 9)) == []
    with pytest.raises(PermissionDenied, match="Funzione 452"):
        generation.generate(clerk, date(2026, 3, 9))
    with pytest.raises(PermissionDenied, match="Funzione 451"):
        templates.save(clerk, {"customer": "C001", "frequency": "weekdays",
                               "start": "2026-03-01", "lines": [{"article": "A22",
                                                                  "qty": "1"}]})
    # 452 without the right to insert customer orders: the run stops, nothing is kept.
    grants.grant(ctx, Grantee.of_operator("lucia"), GrantChange(functions=("452",)))
    with pytest.raises(PermissionDenied):
        generation.generate(clerk, date(2026, 3, 9))
    assert Document.select().count() == 0 and RecurringRun.select().count() == 0
