"""Billing periods of a contract and the dynamic text of its items.

A contract's periods follow each other from its start, each as long as its frequency:
a quarterly contract starting 01/01/2026 bills 01/01–31/03, 01/04–30/06 and so on; one
starting 15/02 bills 15/02–14/05. Contracts meant to follow the calendar start on the
first of a calendar period. Billing is in advance: a period is due once its first day is
reached.

An item's text may name its period with placeholders in braces:
  {dal} {al}        first and last day of the period, 01/01/2026 and 31/03/2026
  {mese} {mese_al}  the month of the first and of the last day, "gennaio", "marzo"
  {anno} {anno_al}  the year of the first and of the last day
  {rata} {rate}     the instalment billed and how many there are ("rata {rata} di {rate}")
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import date, timedelta

from gamma.errors import ValidationError

FREQUENCIES = {"monthly": (1, "Mensile"), "bimonthly": (2, "Bimestrale"),
               "quarterly": (3, "Trimestrale"), "half_yearly": (6, "Semestrale"),
               "yearly": (12, "Annuale")}
MONTHS_IT = ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
             "agosto", "settembre", "ottobre", "novembre", "dicembre")
PLACEHOLDERS = ("dal", "al", "mese", "mese_al", "anno", "anno_al", "rata", "rate")


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def months(self) -> set[int]:
        """The calendar months (1-12) the period touches."""
        out, day = set(), self.start.replace(day=1)
        while day <= self.end:
            out.add(day.month)
            day = add_months(day, 1)
        return out


def add_months(day: date, months: int) -> date:
    """The same day `months` later, the last of the month when it has fewer days."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last))


def months_of(frequency: str) -> int:
    if frequency not in FREQUENCIES:
        raise ValidationError("frequency", "una di " + ", ".join(FREQUENCIES), "Periodicità")
    return FREQUENCIES[frequency][0]


def period_at(start: date, frequency: str, index: int) -> Period:
    """The index-th period (0 the first) of a contract starting on `start`."""
    step = months_of(frequency)
    first = add_months(start, step * index)
    return Period(first, add_months(start, step * (index + 1)) - timedelta(days=1))


def due_periods(start: date, end: date | None, frequency: str, billed_to: date | None,
                up_to: date) -> list[Period]:
    """The periods not yet billed whose first day is on or before `up_to` (and before the
    contract's end)."""
    out, index = [], 0
    while True:
        period = period_at(start, frequency, index)
        if period.start > up_to or (end is not None and period.start > end):
            return out
        if billed_to is None or period.start > billed_to:
            out.append(Period(period.start, min(period.end, end) if end else period.end))
        index += 1


def parse_months(value: str) -> str:
    """"3,9" or "3 9" → "3,9" (checked 1-12, sorted, no repeats); empty for every month."""
    text = str(value or "").replace(";", ",").replace(" ", ",")
    numbers = set()
    for part in filter(None, text.split(",")):
        if not part.isdigit() or not 1 <= int(part) <= 12:
            raise ValidationError("months", "numeri dei mesi da 1 a 12 separati da virgole",
                                  "Mesi")
        numbers.add(int(part))
    return ",".join(str(n) for n in sorted(numbers))


def check_text(template: str) -> str:
    """The template as given, refused when it names an unknown placeholder."""
    try:
        names = [f for _, f, _, _ in string.Formatter().parse(template) if f is not None]
    except ValueError:
        raise ValidationError("description", "parentesi graffe non chiuse",
                              "Descrizione") from None
    for name in names:
        if name not in PLACEHOLDERS:
            raise ValidationError("description", f"segnaposto {{{name}}} sconosciuto (ammessi "
                                  + ", ".join("{" + p + "}" for p in PLACEHOLDERS) + ")",
                                  "Descrizione")
    return template


def render(template: str, period: Period, instalment: int = 0, instalments: int = 0) -> str:
    """The item's text for a period: "Canone dal {dal} al {al}" → "Canone dal 01/01/2026
    al 31/03/2026"."""
    return template.format(
        dal=f"{period.start:%d/%m/%Y}", al=f"{period.end:%d/%m/%Y}",
        mese=MONTHS_IT[period.start.month - 1], mese_al=MONTHS_IT[period.end.month - 1],
        anno=period.start.year, anno_al=period.end.year, rata=instalment, rate=instalments)


def month_end(year: int, month: int) -> date:
    """The last day of a month: `--period 2026-03` generates up to 31/03/2026."""
    return add_months(date(year, month, 1), 1) - timedelta(days=1)


def parse_period(text: str, today: date) -> date:
    """A month as `--period` takes it → its last day: 2026-03, 03/2026, "corrente" (this
    month, so that a cron job means the month it runs in) or "prossimo" (the next)."""
    value = (text or "").strip().lower()
    if value in ("corrente", "current"):
        return month_end(today.year, today.month)
    if value in ("prossimo", "next"):
        following = add_months(today.replace(day=1), 1)
        return month_end(following.year, following.month)
    for sep, order in (("-", (0, 1)), ("/", (1, 0))):
        parts = value.split(sep)
        if len(parts) == 2 and all(p.isdigit() for p in parts):
            year, month = int(parts[order[0]]), int(parts[order[1]])
            if 1 <= month <= 12 and 1900 < year < 3000:
                return month_end(year, month)
    raise ValidationError("period", "mese come 2026-03, 03/2026, corrente o prossimo",
                          "Periodo")
