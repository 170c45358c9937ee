"""Charge rules (spese: transport, packing, collection) as amounts. Pure: no database.

A rule's `mode`:
- "percent": `rate` % of the basis, rounded half-up to the cent;
- "fixed": `value`, whatever the basis;
- "tiers": JSON text `[[up_to, amount], ...]` with `up_to` ascending: the amount of the
  first tier whose `up_to` >= the basis; an `up_to` of null (last tier only) means "above
  all". A basis above every tier with no null tier charges nothing (write `[null, amount]`
  to charge above the last threshold).
Collection charges (spese d'incasso): so much per instalment, as one charge.
"""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from gamma.errors import ValidationError

CENT = Decimal("0.01")
MODES = ("percent", "fixed", "tiers")

_TIERS_RULE = ("scaglioni come [[fino_a, importo], ...] con fino_a crescente "
               "(null per «oltre», solo nell'ultimo)")


def _number(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise ValueError(value)
    try:
        result = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation as exc:
        raise ValueError(value) from exc
    if not result.is_finite():
        raise ValueError(value)
    return result


def parse_tiers(text: str | None) -> list[tuple[Decimal | None, Decimal]]:
    """The tiers of `text` as (up_to, amount), up_to None for "above all";
    ValidationError naming the field "tiers" when the text is not valid."""
    try:
        data = json.loads(text or "", parse_float=Decimal, parse_int=Decimal)
        if not isinstance(data, list) or not data:
            raise ValueError(data)
        tiers: list[tuple[Decimal | None, Decimal]] = []
        for item in data:
            if not isinstance(item, list) or len(item) != 2:
                raise ValueError(item)
            up_to = None if item[0] is None else _number(item[0])
            tiers.append((up_to, _number(item[1]).quantize(CENT, rounding=ROUND_HALF_UP)))
    except (ValueError, TypeError):  # json.JSONDecodeError is a ValueError
        raise ValidationError("tiers", _TIERS_RULE, "Scaglioni") from None
    bounds = [u for u, _ in tiers if u is not None]
    if (any(u is None for u, _ in tiers[:-1])
            or any(a >= b for a, b in zip(bounds, bounds[1:]))):
        raise ValidationError("tiers", _TIERS_RULE, "Scaglioni")
    return tiers


def rule_amount(mode: str, basis_value: Decimal, *, value: Decimal, rate: Decimal | None,
                tiers: str) -> Decimal:
    """The amount of a charge rule on `basis_value` (amount, weight, quantity or packages)."""
    basis_value = Decimal(basis_value)
    if mode == "percent":
        if rate is None:
            raise ValidationError("rate", "obbligatoria per le spese in percentuale",
                                  "Percentuale")
        return (basis_value * Decimal(rate) / 100).quantize(CENT, rounding=ROUND_HALF_UP)
    if mode == "fixed":
        return Decimal(value or 0).quantize(CENT, rounding=ROUND_HALF_UP)
    if mode == "tiers":
        for up_to, amount in parse_tiers(tiers):
            if up_to is None or up_to >= basis_value:
                return amount
        return Decimal("0.00")
    raise ValidationError("mode", f"valore non ammesso (ammessi: {', '.join(MODES)})",
                          "Modalità")


def collection_charges(per_instalment: Decimal, instalments: int) -> Decimal:
    """Collection charges of a document: `per_instalment` times the number of instalments
    (3 RiBa × 2,50 = 7,50), rounded half-up to the cent."""
    if instalments < 0:
        raise ValidationError("instalments", "non può essere negativo", "Rate")
    return (Decimal(per_instalment) * instalments).quantize(CENT, rounding=ROUND_HALF_UP)
