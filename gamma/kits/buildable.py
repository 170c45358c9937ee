"""How many of a kit can be built from what is available (on hand − committed), and the
simulation of which open customer orders for kits could ship. Function 342.

Building a quantity takes each component from its available stock; a component that is
itself a kit and falls short is built from its own components, down the tree. In an
alternative group the component the kit uses covers as many whole units of the parent
as it can, the next alternative (by priority) the rest, and so on. The buildable quantity
is the largest whole number the components cover, all levels sharing one pool of
availability (a part two sub-kits use is not counted twice)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from gamma import functions
from gamma.context import Context
from gamma.kits import structure
from gamma.kits.explosion import factor, used
from gamma.kits.structure import decimals
from gamma.master import tables
from gamma.sales import stock
from gamma.service import operation
from models import Article, KitComponent

ZERO = Decimal(0)
CEILING = 10 ** 9  # no stock is that large: the search stops there


@dataclass(frozen=True)
class Member:
    """A component as building reads it: the article, what one parent needs of it (scrap
    included) and the step its quantities are rounded to."""

    part: Article
    factor: Decimal
    step: Decimal

    def need(self, parents: Decimal) -> Decimal:
        return (parents * self.factor).quantize(self.step, rounding=ROUND_HALF_UP)


Plan = dict[int, list[list[Member]]]  # per kit, its groups (a component and its alternatives)


def plan_of(kits: dict[int, list[KitComponent]]) -> Plan:
    """The kits' components worked out once for the many builds a search tries."""
    return {kit_id: [[Member(m.component, factor(m), Decimal(1).scaleb(-decimals(m.component)))
                      for m in (link, *others)] for link, others in used(rows)]
            for kit_id, rows in kits.items()}


class Builder:
    """Takes quantities out of a pool of availability, building sub-kits on the way."""

    def __init__(self, plan: Plan, pool: dict[int, Decimal]):
        self.plan, self.pool = plan, pool

    def take(self, part: Article, qty: Decimal) -> bool:
        """Take `qty` of `part` from stock, building the shortfall of a sub-kit."""
        have = max(self.pool.get(part.id, ZERO), ZERO)
        if have >= qty:
            self.pool[part.id] = have - qty
            return True
        if part.id not in self.plan:
            return False
        self.pool[part.id] = ZERO
        return self.build(part, qty - have)

    def build(self, kit: Article, qty: Decimal) -> bool:
        return all(self.cover(members, qty) for members in self.plan[kit.id])

    def cover(self, members: list[Member], qty: Decimal) -> bool:
        """`qty` units of the parent from the members of a group, in order."""
        left = qty
        for member in members[:-1]:
            units = self.capacity(member, left)
            if units > 0:
                self.take(member.part, member.need(Decimal(units)))
                left -= units
            if left <= 0:
                return True
        last = members[-1]
        return self.take(last.part, last.need(left))

    def capacity(self, member: Member, most: Decimal) -> int:
        """The whole units of the parent (at most `most`) the member alone can cover."""
        return largest(lambda n: Builder(self.plan, dict(self.pool)).take(
            member.part, member.need(Decimal(n))), int(most.to_integral_value(ROUND_FLOOR)))


def largest(fits, ceiling: int = CEILING) -> int:
    """The largest n in 0..ceiling with fits(n), fits being monotonic."""
    if ceiling <= 0 or not fits(1):
        return 0
    low, high = 1, 2
    while high <= ceiling and fits(high):
        low, high = high, high * 2
    high = min(high, ceiling + 1)
    while high - low > 1:
        middle = (low + high) // 2
        if fits(middle):
            low = middle
        else:
            high = middle
    return low


def _pool(ctx: Context, kits: dict[int, list[KitComponent]], depot_id: int | None,
          root_id: int) -> dict[int, Decimal]:
    ids = {c.component_id for rows in kits.values() for c in rows}
    found = stock.levels(ctx, ids, depot_id)
    pool = {i: level.available for i, level in found.items()}
    pool.pop(root_id, None)  # the kit itself is built, not taken
    return pool


@dataclass
class Bound:
    """A leaf component of one kit: need per kit, available, kits it alone allows."""

    code: str
    description: str
    unit: str
    per_kit: Decimal
    available: Decimal
    allows: int
    alternatives: list[str]


@dataclass
class Buildable:
    code: str
    description: str
    depot: str
    qty: int
    components: list[Bound]
    scarcest: str  # the component that bounds the quantity ("" with none)


@operation(functions.KIT_QUERY, write=False)
def buildable(ctx: Context, parent: str | Article, depot: str | None = None) -> Buildable:
    """The whole quantity of the kit its components' availability allows (at `depot`,
    or in every depot), with each first-level component's figures."""
    head = structure.article(ctx, parent, "parent")
    depot_row = tables.find(ctx, "depot", depot, "depot", "Deposito") if depot else None
    depot_id = depot_row.id if depot_row is not None else None
    kits = structure.tree(ctx, head.id)
    plan = plan_of(kits)
    pool = _pool(ctx, kits, depot_id, head.id)
    qty = largest(lambda n: Builder(plan, dict(pool)).build(head, Decimal(n))) \
        if head.id in plan else 0
    bounds = []
    for members in plan.get(head.id, []):
        first = members[0]
        part = first.part
        allows = largest(lambda n, group=members: Builder(plan, dict(pool)).cover(
            group, Decimal(n)))
        bounds.append(Bound(part.code, part.description, part.unit.code if part.unit_id
                            else "", first.need(Decimal(1)), pool.get(part.id, ZERO), allows,
                            [m.part.code for m in members[1:]]))
    scarce = min(bounds, key=lambda b: (b.allows, b.code)).code if bounds else ""
    return Buildable(head.code, head.description, depot_row.code if depot_row else "",
                     qty, bounds, scarce)
