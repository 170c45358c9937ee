"""Numbers as Italian operators type and read them: 1.234,56."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from gamma.errors import ValidationError

_TYPED = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+|\d+)?(,\d*)?$")


def parse_decimal(text: str, decimals: int, field: str = "value",
                  label: str = "Valore") -> Decimal | None:
    """`1234,5`, `1.234,50`, `-3` → Decimal rounded half-up to `decimals`; "" → None.

    A dot is a thousands separator only where it groups three digits; a lone dot is
    taken as the decimal comma (keypads send it), so `12.5` is 12,5.
    """
    text = (text or "").strip().replace(" ", "")
    if not text:
        return None
    if "," not in text and text.count(".") == 1 and not re.match(r"^[+-]?\d{1,3}\.\d{3}$", text):
        text = text.replace(".", ",")
    if not _TYPED.match(text) or text in ("+", "-", ","):
        raise ValidationError(field, "numero non valido: usare la virgola per i decimali",
                              label)
    try:
        value = Decimal(text.replace(".", "").replace(",", "."))
    except InvalidOperation:
        raise ValidationError(field, "numero non valido", label) from None
    exponent = Decimal(1).scaleb(-decimals)
    if value != value.quantize(exponent, rounding=ROUND_HALF_UP):
        raise ValidationError(field, f"al massimo {decimals} decimali", label)
    return value.quantize(exponent)


def format_decimal(value: Decimal | None, decimals: int) -> str:
    """Decimal → `1.234,50`; None → ""."""
    if value is None:
        return ""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def parse_integer(text: str, field: str = "value", label: str = "Valore") -> int | None:
    text = (text or "").strip().replace(".", "")
    if not text:
        return None
    if not re.match(r"^[+-]?\d+$", text):
        raise ValidationError(field, "numero intero non valido", label)
    return int(text)
