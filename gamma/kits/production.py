"""Production loads (function 343): making N of a kit loads N of it (reason PRC,
"Produzione carico") and unloads its components (reason PRS, "Produzione scarico") —
the leaves of every level, or the first level's components only (semi-finished articles
taken from stock) — all in one transaction through the stock movements service.

The components are unloaded at their last cost (else standard, else average cost) and
the kit is loaded at what they cost together divided by N, so the load carries the value
the unloads took away."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from gamma import functions
from gamma.audit import log
from gamma.context import Context
from gamma.kits import structure
from gamma.kits.explosion import Explosion, compute, quantity
from gamma.kits.structure import MAX_LEVELS
from gamma.kits.valuation import COST, own_cost
from gamma.errors import ValidationError
from gamma.service import operation
from gamma.stock import movements
from models import Article, StockMovement

LOAD, UNLOAD = "PRC", "PRS"


@dataclass
class Produced:
    explosion: Explosion
    unit_cost: Decimal  # of the kit loaded
    movements: list[StockMovement]
    warnings: list[str] = field(default_factory=list)


@operation(functions.PRODUCTION_LOAD)
def produce(ctx: Context, parent: str | Article, qty: Any, levels: int = MAX_LEVELS,
            depot: str = "", day: date | None = None) -> Produced:
    """Load `qty` of a kit made at `depot` (the main one when blank) on `day` (today),
    unloading its components down to `levels` (1: the first level only)."""
    head = structure.article(ctx, parent, "parent")
    if not head.is_kit:
        raise ValidationError("parent", f"{head.code} non ha una distinta base",
                              structure.LABELS["parent"])
    if levels not in range(1, MAX_LEVELS + 1):
        raise ValidationError("levels", f"da 1 a {MAX_LEVELS}", "Livelli")
    qty = quantity(qty)
    made = compute(ctx, head, qty, levels)
    parts = {a.id: a for a in Article.select().where(
        Article.id.in_([t.article_id for t in made.totals]))}
    entries, total = [], Decimal(0)
    for need in made.totals:
        cost = own_cost(parts[need.article_id])
        if cost is not None:
            total += need.required * cost
        entries.append(movements.Entry(need.code, need.required, UNLOAD, depot, date=day,
                                       unit_price=cost, note=f"Produzione {head.code}"))
    unit_cost = (total / qty).quantize(COST, rounding=ROUND_HALF_UP)
    entries.insert(0, movements.Entry(head.code, qty, LOAD, depot, date=day,
                                      unit_price=unit_cost, note="Produzione"))
    recorded = movements.record_entries(ctx, entries)
    log.record(ctx, "produce", "article", head.code,
               message=f"Carico di produzione di {qty.normalize():f} {head.code}: "
                       f"{len(made.totals)} componenti scaricati "
                       f"({'primo livello' if levels == 1 else 'tutti i livelli'})")
    return Produced(made, unit_cost, recorded.movements, recorded.warnings)
