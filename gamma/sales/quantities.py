"""Quantity entry modes of document lines: the quantity itself, or what it is made of.
Which mode an operator uses is chosen per operator and document kind (qty_mode_for)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from gamma.errors import ValidationError
from gamma.sales import values

MODES = {
    "qty": ("Quantità", ()),
    "packages": ("Colli × pezzi per collo", ("packages", "pieces")),
    "gross_tare": ("Peso lordo − tara", ("gross", "tare")),
    "capacity": ("Colli × capacità", ("packages", "capacity")),
    "dimensions": ("Lunghezza × larghezza × altezza", ("length", "width", "height")),
}
PART_LABELS = {"packages": "Colli", "pieces": "Pezzi per collo", "gross": "Peso lordo",
               "tare": "Tara", "capacity": "Capacità", "length": "Lunghezza",
               "width": "Larghezza", "height": "Altezza"}
THOUSANDTH = Decimal("0.001")


def quantity(mode: str, parts: dict[str, Any], pieces_per_package: Decimal | None = None
             ) -> tuple[Decimal, str]:
    """The quantity `parts` make in `mode`, and how to record them on the line
    ("packages=3 pieces=12"). Pieces per package default to the article's."""
    if mode not in MODES:
        raise ValidationError("qty_mode", "uno di " + ", ".join(MODES), "Modo quantità")
    names = MODES[mode][1]
    got = {n: values.decimal(parts.get(n), 3, n, PART_LABELS[n]) for n in names}
    if mode == "packages" and got["pieces"] is None:
        got["pieces"] = pieces_per_package
    for name in names:
        if got[name] is None:
            raise ValidationError(name, "obbligatorio in questo modo di inserimento",
                                  PART_LABELS[name])
    if mode == "packages":
        qty = got["packages"] * got["pieces"]
    elif mode == "gross_tare":
        if got["tare"] > got["gross"]:
            raise ValidationError("tare", "non può superare il peso lordo", "Tara")
        qty = got["gross"] - got["tare"]
    elif mode == "capacity":
        qty = got["packages"] * got["capacity"]
    else:
        qty = got["length"] * got["width"] * got["height"]
    record = " ".join(f"{n}={got[n].normalize():f}" for n in names)
    return qty.quantize(THOUSANDTH, rounding=ROUND_HALF_UP), record
