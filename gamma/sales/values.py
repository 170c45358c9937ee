"""Reading the values a document is built from: typed values from the masks, or strings
in machine format from JSON files (a dot for decimals, ISO dates). A bad value is a
ValidationError naming the field and the rule."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from gamma.errors import ValidationError


def decimal(value: Any, places: int, field: str, label: str,
            required: bool = False) -> Decimal | None:
    if value is None or value == "":
        if required:
            raise ValidationError(field, "obbligatorio", label)
        return None
    if isinstance(value, float) or isinstance(value, bool):
        raise ValidationError(field, "numero da scrivere come testo (es. \"12.50\")", label)
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValidationError(field, "numero non valido (punto per i decimali: 12.50)",
                              label) from None
    if not number.is_finite():
        raise ValidationError(field, "numero non valido", label)
    unit = Decimal(1).scaleb(-places)
    if number != number.quantize(unit, rounding=ROUND_HALF_UP):
        raise ValidationError(field, f"al massimo {places} decimali", label)
    return number.quantize(unit)


def day(value: Any, field: str, label: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError(field, "data non valida (aaaa-mm-gg)", label) from None


def text(value: Any, field: str, label: str, max_length: int) -> str:
    result = "" if value is None else str(value).strip()
    if len(result) > max_length:
        raise ValidationError(field, f"al massimo {max_length} caratteri", label)
    return result


def code(value: Any) -> str:
    return "" if value is None else str(value).strip().upper()


def integer(value: Any, field: str, label: str, low: int = 0, high: int = 10**9) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValidationError(field, "numero intero", label) from None
    if not low <= number <= high:
        raise ValidationError(field, f"da {low} a {high}", label)
    return number
