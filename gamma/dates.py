"""Dates as operators type them: 010326, 1/3/26, 01/03/2026, 2026-03-01, +N / -N days,
and words for the bounds of the current or the previous month and year ("inizio mese",
"fine anno scorso"): kept as typed in presets and crontabs, they mean a new date each run."""

from __future__ import annotations

import re
from datetime import date, timedelta

from gamma.errors import ValidationError

_NUMERIC = re.compile(r"^(\d{2})(\d{2})(\d{2}|\d{4})$")
_SEPARATED = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{2}|\d{4}))?$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_RELATIVE = re.compile(r"^([+-])(\d{0,4})$")
_BOUND = re.compile(r"^(inizio|fine) (mese|anno)( scorso)?$")


def _year(text: str | None, today: date) -> int:
    if text is None:
        return today.year
    year = int(text)
    if len(text) == 2:
        # Two digits: the century that puts the date within 50 years of today.
        year += (today.year // 100) * 100
        if year > today.year + 50:
            year -= 100
        elif year < today.year - 50:
            year += 100
    return year


def parse_date(text: str, today: date, field: str = "date", label: str = "Data") -> date | None:
    """The date meant by `text`; None for an empty text; ValidationError when unreadable."""
    text = (text or "").strip().lower()
    if not text:
        return None
    if text == "oggi":
        return today
    if text in ("ieri", "domani"):
        return today + timedelta(days=-1 if text == "ieri" else 1)
    if m := _BOUND.match(" ".join(text.split())):
        return _bound(today, m.group(1) == "inizio", m.group(2) == "anno", bool(m.group(3)))
    try:
        if m := _RELATIVE.match(text):
            days = int(m.group(2) or 1)
            return today + timedelta(days=days if m.group(1) == "+" else -days)
        if m := _ISO.match(text):
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := _NUMERIC.match(text):
            return date(_year(m.group(3), today), int(m.group(2)), int(m.group(1)))
        if m := _SEPARATED.match(text):
            return date(_year(m.group(3), today), int(m.group(2)), int(m.group(1)))
    except ValueError:
        raise ValidationError(field, f"data inesistente: {text}", label) from None
    raise ValidationError(field, "data non valida: usare gg/mm/aaaa, ggmmaa, +/- giorni, "
                          "oggi, inizio/fine mese o anno (scorso)", label)


def is_relative(text: str) -> bool:
    """Whether `text` names a date by its distance from today (oggi, -7, fine mese…):
    a preset keeps such a text as typed, to mean a new date at each run."""
    text = " ".join((text or "").strip().lower().split())
    return (text in ("oggi", "ieri", "domani") or bool(_RELATIVE.match(text))
            or bool(_BOUND.match(text)))


def _bound(today: date, start: bool, year: bool, previous: bool) -> date:
    if year:
        y = today.year - previous
        return date(y, 1, 1) if start else date(y, 12, 31)
    first = today.replace(day=1)
    if previous:
        first = (first - timedelta(days=1)).replace(day=1)
    if start:
        return first
    return (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def format_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""
