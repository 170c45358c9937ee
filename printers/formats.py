"""Numbers and dates as Italian documents print them: 1.234,56 and 10/03/2026.

Printers cannot import gamma, so this is the printers' own small formatter.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal


def _italian(text: str) -> str:
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_amount(value: Decimal | None, decimals: int = 2) -> str:
    """Decimal → `1.234,56` (half-up to `decimals`); None → ""."""
    if value is None:
        return ""
    exponent = Decimal(1).scaleb(-decimals)
    value = Decimal(value).quantize(exponent, rounding=ROUND_HALF_UP)
    return _italian(f"{value:,.{decimals}f}")


def format_trimmed(value: Decimal | None, min_decimals: int = 0, max_decimals: int = 3) -> str:
    """As many decimals as the value needs, between the two bounds: 2 → `2`, 2.5 → `2,5`."""
    if value is None:
        return ""
    value = Decimal(value).quantize(Decimal(1).scaleb(-max_decimals), rounding=ROUND_HALF_UP)
    decimals = max(min_decimals, -value.normalize().as_tuple().exponent
                   if value != 0 else min_decimals)
    return format_amount(value, min(max(decimals, min_decimals), max_decimals))


def format_quantity(value: Decimal | None, decimals: int | None = None) -> str:
    """A quantity: with `decimals` fixed when given, else 0 to 3 as needed."""
    if value is None:
        return ""
    if decimals is not None:
        return format_amount(value, decimals)
    return format_trimmed(value, 0, 3)


def format_price(value: Decimal | None, decimals: int | None = None) -> str:
    """A unit price: `decimals` when given, else 2 to 6 as needed (12,50; 0,0125)."""
    if value is None:
        return ""
    if decimals is not None:
        return format_amount(value, decimals)
    return format_trimmed(value, 2, 6)


def format_rate(rate: Decimal | None) -> str:
    """A VAT or discount percentage: 22 → `22,00`."""
    return format_amount(rate, 2)


def format_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    return value.strftime("%d/%m/%Y")


def format_datetime(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    return format_date(value)
