"""The instalments (scadenze) of a payment term for a document: dates and amounts.

Rules, in order, for each instalment's days:
- the days run from the document date; on an end-of-month term a multiple of 30 days
  counts as that many months (commercial practice: 30 gg f.m. of 31/01 is 28/02);
- end of month moves the date to the last day of its month;
- a fixed day moves it to that day of the following month (30 gg f.m. + 10);
  without end of month, to the next such day on or after the date;
- a date in an excluded month (August, December) moves to `excluded_to_day` of the next
  month; when that is 0, to the end of the next month on an end-of-month term without a
  fixed day (RiBa 30 gg f.m. of 15/07 with August excluded: 31/08 → 30/09), else to the
  same day of the next month (clamped to its last day); repeated while that month is
  excluded too.
Amounts: the total split in equal parts rounded half-up to the cent, the remainder cents
(what the rounded parts miss or exceed) on the first: 100,00 in three → 33,34 + 33,33 +
33,33; with `vat_in_first` the whole VAT on the first too and the rest split the same way.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

from gamma.errors import ValidationError

CENT = Decimal("0.01")


class Term(Protocol):
    days: str
    end_of_month: bool
    fixed_day: int
    excluded_months: str
    excluded_to_day: int
    vat_in_first: bool


def parse_days(text: str | None) -> list[int]:
    """'30,60,90' → [30, 60, 90]; ValidationError naming the field when wrong."""
    parts = [p.strip() for p in (text or "0").replace(";", ",").replace("/", ",").split(",")]
    if not parts or not all(p.isdigit() for p in parts):
        raise ValidationError("days", "elenco di giorni separati da virgola (es. 30,60,90)",
                              "Giorni rate (30,60)")
    days = [int(p) for p in parts]
    if any(d > 720 for d in days) or days != sorted(days):
        raise ValidationError("days", "giorni crescenti, al massimo 720",
                              "Giorni rate (30,60)")
    return days


def parse_months(text: str | None) -> list[int]:
    """'8,12' → [8, 12]; empty → []."""
    parts = [p.strip() for p in (text or "").split(",") if p.strip()]
    if not all(p.isdigit() and 1 <= int(p) <= 12 for p in parts):
        raise ValidationError("excluded_months", "mesi da 1 a 12 separati da virgola",
                              "Mesi esclusi")
    return sorted({int(p) for p in parts})


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _next_month(day: date, wanted_day: int) -> date:
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return date(year, month, min(wanted_day, _last_day(year, month)))


def add_months(day: date, months: int) -> date:
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return date(year, month, min(day.day, _last_day(year, month)))


def due_date(term: Term, document_date: date, days: int) -> date:
    """The due date of one instalment `days` after the document date."""
    if term.end_of_month and days and days % 30 == 0:
        due = add_months(document_date, days // 30)
    else:
        due = document_date + timedelta(days=days)
    if term.end_of_month:
        due = due.replace(day=_last_day(due.year, due.month))
    if term.fixed_day:
        if term.end_of_month or due.day > term.fixed_day:
            due = _next_month(due, term.fixed_day)
        else:
            due = due.replace(day=min(term.fixed_day, _last_day(due.year, due.month)))
    excluded = parse_months(term.excluded_months)
    for _ in range(12):
        if due.month not in excluded:
            break
        if term.excluded_to_day:
            due = _next_month(due, term.excluded_to_day)
        elif term.end_of_month and not term.fixed_day:
            due = _next_month(due, 31)  # clamped: the end of the next month
        else:
            due = _next_month(due, due.day)
    return due


def split(amount: Decimal, parts: int) -> list[Decimal]:
    """`amount` in `parts` instalments whose cents add up: equal parts rounded half-up,
    the remainder on the first (100,00 / 3 → 33,34 + 33,33 + 33,33)."""
    share = (amount / parts).quantize(CENT, rounding=ROUND_HALF_UP)
    return [amount - share * (parts - 1)] + [share] * (parts - 1)


def due_dates(term: Term, document_date: date, total: Decimal,
              vat: Decimal = Decimal("0")) -> list[tuple[date, Decimal]]:
    """The (date, amount) of every instalment of a document of `total` (VAT included)."""
    total = Decimal(total).quantize(CENT, rounding=ROUND_HALF_UP)
    vat = Decimal(vat).quantize(CENT, rounding=ROUND_HALF_UP)
    days = parse_days(term.days)
    dates = [due_date(term, document_date, d) for d in days]
    if term.vat_in_first and len(days) > 1:
        amounts = split(total - vat, len(days))
        amounts[0] += vat
    else:
        amounts = split(total, len(days))
    return list(zip(dates, amounts))
