"""Instalments of RiBa 30/60/90 end of month with August excluded (no database)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from gamma.master.due_dates import due_dates, split


@dataclass
class Term:
    days: str = "30,60,90"
    end_of_month: bool = True
    fixed_day: int = 0
    excluded_months: str = "8"
    excluded_to_day: int = 0
    vat_in_first: bool = False


def test_remainder_cents_on_the_first_instalment():
    # 100,00 / 3 = 33,333… → 33,33; first 100,00 − 66,66 = 33,34
    assert split(Decimal("100.00"), 3) == [Decimal("33.34"), Decimal("33.33"),
                                           Decimal("33.33")]
    # exact: no remainder
    assert split(Decimal("90.00"), 3) == [Decimal("30.00")] * 3
    # a credit note: −100,00 / 3 → −33,33 each, first −100,00 + 66,66 = −33,34
    assert split(Decimal("-100.00"), 3) == [Decimal("-33.34"), Decimal("-33.33"),
                                            Decimal("-33.33")]


def test_issued_31_january_no_august_involved():
    # 31/01 + 1, 2, 3 months → 28/02 (clamped), 31/03, 30/04, each at the end of its month
    for to_day in (0, 10):
        assert due_dates(Term(excluded_to_day=to_day), date(2026, 1, 31),
                         Decimal("100.00")) == [
            (date(2026, 2, 28), Decimal("33.34")),
            (date(2026, 3, 31), Decimal("33.33")),
            (date(2026, 4, 30), Decimal("33.33"))]


def test_issued_15_july_august_excluded_moves_to_the_end_of_september():
    # 15/07 + 1 month = 15/08 → end of month 31/08, in August: an end-of-month RiBa moves
    # to the end of the next month, 30/09; + 2 months = 15/09 → 30/09; + 3 → 31/10
    assert due_dates(Term(excluded_to_day=0), date(2026, 7, 15), Decimal("100.00")) == [
        (date(2026, 9, 30), Decimal("33.34")),
        (date(2026, 9, 30), Decimal("33.33")),
        (date(2026, 10, 31), Decimal("33.33"))]


def test_issued_15_july_august_excluded_to_the_tenth_of_september():
    # 31/08 excluded → 10/09; 30/09 and 31/10 untouched
    assert due_dates(Term(excluded_to_day=10), date(2026, 7, 15), Decimal("100.00")) == [
        (date(2026, 9, 10), Decimal("33.34")),
        (date(2026, 9, 30), Decimal("33.33")),
        (date(2026, 10, 31), Decimal("33.33"))]


def test_end_of_month_excluded_february_moves_to_the_end_of_march_not_the_28th():
    # 15/01 + 1 month → 28/02, February excluded → end of March 31/03 (not 28/03)
    t = Term(days="30", excluded_months="2")
    assert due_dates(t, date(2026, 1, 15), Decimal("10")) == [
        (date(2026, 3, 31), Decimal("10.00"))]


def test_without_end_of_month_an_excluded_day_keeps_its_day():
    # 15/07 + 30 days = 14/08, excluded, no end of month → 14/09
    t = Term(days="30", end_of_month=False)
    assert due_dates(t, date(2026, 7, 15), Decimal("10"))[0][0] == date(2026, 9, 14)
