"""The cost of a kit rolled up from its components, by any stock valuation method
(gamma.stock.valuation: last, average, moving-average, fifo, lifo, lifo-annual,
supplier-average, list:N). Function 342; costs are sensitive data.

A leaf component costs what the method gives for its stock at the date; with none on
hand (the method has nothing to average), the article's last cost, else its standard,
else its average cost. A sub-kit costs the sum of its own components, never its stock's
value: the roll-up shows what making it costs. Each component counts for its quantity
with scrap (qty × (1 + scrap/100), not rounded: a cost per unit of the kit), and each
product is kept to the millionth as unit prices are."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from gamma import functions
from gamma.access import permissions
from gamma.context import Context
from gamma.errors import PermissionDenied
from gamma.kits import structure
from gamma.kits.explosion import factor, used
from gamma.service import operation
from gamma.stock import valuation, valuation_methods
from models import Article

COST = Decimal("0.000001")
CENT = Decimal("0.01")


@dataclass
class CostLine:
    code: str
    description: str
    qty: Decimal  # per unit of the kit, scrap included
    unit_cost: Decimal | None  # None: no cost known
    value: Decimal
    rolled: bool  # a sub-kit, costed from its components


@dataclass
class KitCost:
    code: str
    description: str
    method: str
    at: date
    unit_cost: Decimal
    lines: list[CostLine]
    missing: list[str]  # components without any cost, counted at zero

    def value(self, qty: Decimal) -> Decimal:
        return (self.unit_cost * qty).quantize(CENT, rounding=ROUND_HALF_UP)


def own_cost(article: Article) -> Decimal | None:
    return next((c for c in (article.cost_last, article.cost_standard, article.cost_average)
                 if c is not None), None)


def leaf_costs(ctx: Context, method: str, at: date) -> dict[int, Decimal]:
    """Per article with stock at `at`, its unit cost by `method`."""
    figures = valuation.compute(ctx, valuation.parse_method(method), at)
    return {article_id: Decimal(valuation_methods.unit_cost(value, qty)).scaleb(-6)
            for article_id, (qty, value) in figures.items() if qty > 0}


def roll_up(ctx: Context, head: Article, costs: dict[int, Decimal]) -> KitCost:
    """The kit's cost from per-article `costs` (the article's own costs where absent)."""
    kits = structure.tree(ctx, head.id)
    memo: dict[int, Decimal] = {}
    missing: set[str] = set()

    def cost_of(part: Article) -> Decimal | None:
        if part.id in kits:
            if part.id not in memo:
                memo[part.id] = sum((line.value for line in lines_of(part)), Decimal(0))
            return memo[part.id]
        found = costs.get(part.id)
        if found is None:
            found = own_cost(part)
        if found is None:
            missing.add(part.code)
        return found

    def lines_of(kit: Article) -> list[CostLine]:
        out = []
        for link, _ in used(kits[kit.id]):
            part = link.component
            unit = cost_of(part)
            qty = factor(link)
            value = (qty * (unit or 0)).quantize(COST, rounding=ROUND_HALF_UP)
            out.append(CostLine(part.code, part.description, qty, unit, value,
                                part.id in kits))
        return out

    lines = lines_of(head) if head.id in kits else []
    total = sum((line.value for line in lines), Decimal(0)).quantize(COST)
    return KitCost(head.code, head.description, "", date.min, total, lines, sorted(missing))


@operation(functions.KIT_QUERY, write=False)
def value(ctx: Context, parent: str | Article, method: str = "last",
          at: date | None = None) -> KitCost:
    """The kit's unit cost at `at` (today) by a valuation method, with the first level's
    contributions."""
    if not permissions.sensitive_data(ctx.operator).costs:
        raise PermissionDenied(f"Costi non visibili all'operatore {ctx.operator.display}")
    head = structure.article(ctx, parent, "parent")
    day = at or ctx.today()
    result = roll_up(ctx, head, leaf_costs(ctx, method, day))
    result.method, result.at = method, day
    return result
