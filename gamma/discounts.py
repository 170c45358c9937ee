"""Discount chains (`10+5+2`, `12,5`): each step a percentage taken off what the previous
steps left. Stored with a decimal comma, as operators type and read them."""

from __future__ import annotations

import re
from decimal import Decimal

from gamma.errors import ValidationError

_STEP = re.compile(r"^\d{1,3}(,\d{1,4})?$")
MAX_LENGTH = 30


def chain(value: str | None, field: str = "discounts", label: str = "Sconti") -> str:
    """The chain normalised (no blanks, decimal comma); ValidationError naming `field`
    when a step is not a percentage up to 100 or the chain is too long."""
    value = (value or "").replace(" ", "").replace(".", ",")
    if not value:
        return ""
    steps = value.split("+")
    if (len(value) > MAX_LENGTH or not all(_STEP.match(s) for s in steps)
            or any(Decimal(s.replace(",", ".")) >= 100 for s in steps)):
        raise ValidationError(field, "catena di percentuali sotto 100 unite da + "
                              "(es. 10+5 o 12,5+3)", label)
    return value


def factor(value: str | None) -> Decimal:
    """What remains of a price after the chain: 10+5 → 0.855."""
    result = Decimal(1)
    for step in filter(None, (value or "").replace(" ", "").split("+")):
        result *= 1 - Decimal(step.replace(",", ".")) / 100
    return result


def join(*chains: str) -> str:
    """Chains applied one after the other, as one chain: ("10", "5+2") → "10+5+2"."""
    return "+".join(c for c in chains if c)
