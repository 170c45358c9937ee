"""When a recurring order template is due: its frequency, its validity, Italian public
holidays.

Frequencies:
- `weekdays`: every working day, Monday to Friday (Saturday is not a working day here:
  a template for Monday to Saturday is `weekly` with days 1-6);
- `weekly`: on the given days of the week, 1 Monday … 7 Sunday;
- `monthly`: on a day of the month; a day past the month's end (31 in April, 30 in
  February) means the month's last day, so a "31" template still orders every month.
A template with `skip_holidays` makes no order on an Italian national holiday (the day is
skipped, not moved).
"""

from __future__ import annotations

import calendar as _calendar
from datetime import date, timedelta
from functools import lru_cache

from gamma.errors import ValidationError

FREQUENCIES = {"weekdays": "Giorni feriali (lun-ven)", "weekly": "Settimanale",
               "monthly": "Mensile"}
DAY_NAMES = ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica")
_DAY_KEYS = {name[:3]: n for n, name in enumerate(DAY_NAMES, start=1)} | {
    name: n for n, name in enumerate(DAY_NAMES, start=1)} | {
    "lunedi": 1, "martedi": 2, "mercoledi": 3, "giovedi": 4, "venerdi": 5,
    "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7,
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5,
    "saturday": 6, "sunday": 7}

# National holidays on a fixed day (month, day). San Francesco (4 October) is a national
# holiday again from 2026 (law 151/2025).
_FIXED = ((1, 1), (1, 6), (4, 25), (5, 1), (6, 2), (8, 15), (11, 1), (12, 8), (12, 25),
          (12, 26))


def easter(year: int) -> date:
    """Easter Sunday (Gregorian calendar, the anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return date(year, month, day)


@lru_cache(maxsize=64)
def holidays(year: int) -> frozenset[date]:
    """Italy's national public holidays of a year (Easter Monday included)."""
    days = {date(year, m, d) for m, d in _FIXED}
    if year >= 2026:
        days.add(date(year, 10, 4))
    days.add(easter(year) + timedelta(days=1))
    return frozenset(days)


def is_holiday(day: date) -> bool:
    return day in holidays(day.year)


def parse_days(value, field: str = "days", label: str = "Giorni") -> str:
    """Days of the week as stored ("1,3,5"), from numbers, names or their first three
    letters, as a list or a comma-separated text."""
    items = value if isinstance(value, (list, tuple)) else str(value or "").replace(
        ";", ",").split(",")
    found: set[int] = set()
    for item in items:
        text = str(item).strip().lower()
        if not text:
            continue
        number = int(text) if text.isdigit() else _DAY_KEYS.get(text)
        if number is None or not 1 <= number <= 7:
            raise ValidationError(field, f"giorno della settimana non valido: {item} "
                                  "(1 lunedì … 7 domenica, o il nome)", label)
        found.add(number)
    return ",".join(str(n) for n in sorted(found))


def days_label(days: str) -> str:
    return ", ".join(DAY_NAMES[int(n) - 1][:3] for n in days.split(",") if n)


def month_day_of(year: int, month: int, wanted: int) -> date:
    """The wanted day of a month, or its last day when the month is shorter."""
    return date(year, month, min(wanted, _calendar.monthrange(year, month)[1]))


def matches(frequency: str, days: str, month_day: int | None, day: date) -> bool:
    """Whether the frequency falls on `day` (validity and holidays apart)."""
    if frequency == "weekdays":
        return day.weekday() < 5
    if frequency == "weekly":
        return str(day.isoweekday()) in days.split(",")
    if frequency == "monthly":
        return month_day is not None and day == month_day_of(day.year, day.month, month_day)
    return False


def is_due(template, day: date) -> bool:
    """Whether a template (active or not) falls on `day`: within its validity, on its
    frequency, not on a holiday it skips."""
    if day < template.start or (template.end is not None and day > template.end):
        return False
    if not matches(template.frequency, template.days, template.month_day, day):
        return False
    return not (template.skip_holidays and day in holidays(day.year))


def describe(template) -> str:
    """The frequency as the operator reads it: "feriali", "lun, mer, ven", "giorno 31"."""
    if template.frequency == "weekdays":
        return "Feriali lun-ven"
    if template.frequency == "weekly":
        return "Sett. " + days_label(template.days)
    return f"Mensile g. {template.month_day}"
