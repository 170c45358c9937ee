"""Explosion (what a quantity of a kit needs, level by level, summed per component at the
leaves) and implosion (every kit, at every level, an article goes into). Function 342.

Rounding: at each level the requirement is qty × component qty × (1 + scrap/100),
rounded half-up to the places of the component's unit (3 without a unit) before it is
exploded further, because a semi-finished article is made in its own unit: a kit needing
2.5 of a part kept in whole pieces needs 3 of it. Components of an alternative group
explode through the one the kit uses (lowest priority); the others are named beside it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from gamma import functions
from gamma.context import Context
from gamma.errors import ValidationError
from gamma.kits import structure
from gamma.kits.structure import MAX_LEVELS, decimals, rounded
from gamma.sales import values
from gamma.service import operation
from models import Article, KitComponent

HUNDRED = Decimal(100)


def factor(link: KitComponent) -> Decimal:
    """What one unit of the parent needs of the component, scrap included."""
    return link.qty * (1 + link.scrap / HUNDRED)


def used(links: list[KitComponent]) -> list[tuple[KitComponent, list[KitComponent]]]:
    """The components a kit uses, each with its alternatives (same non-zero group, in
    priority order), in kit order."""
    groups: dict[int, list[KitComponent]] = defaultdict(list)
    for link in links:
        if link.alt_group:
            groups[link.alt_group].append(link)
    out = []
    for link in links:
        if not link.alt_group:
            out.append((link, []))
            continue
        members = sorted(groups[link.alt_group], key=lambda c: (c.priority, c.position, c.id))
        if members[0] is link:
            out.append((link, members[1:]))
    return out


@dataclass
class Need:
    """One component at one level of the tree."""

    level: int
    parent: str
    code: str
    description: str
    unit: str
    qty_per: Decimal
    scrap: Decimal
    required: Decimal
    required2: Decimal | None
    leaf: bool
    alternatives: list[str] = field(default_factory=list)


@dataclass
class Total:
    code: str
    description: str
    unit: str
    required: Decimal
    required2: Decimal | None
    article_id: int


@dataclass
class Explosion:
    code: str
    description: str
    qty: Decimal
    levels: int
    rows: list[Need]
    totals: list[Total]

    def as_json(self) -> dict[str, Any]:
        def n(value):
            return None if value is None else format(value.normalize(), "f") if value else "0"
        return {"article": self.code, "description": self.description, "qty": n(self.qty),
                "levels": self.levels,
                "components": [{"article": t.code, "description": t.description,
                                "unit": t.unit, "required": n(t.required),
                                "required2": n(t.required2)} for t in self.totals],
                "tree": [{"level": r.level, "parent": r.parent, "article": r.code,
                          "description": r.description, "unit": r.unit,
                          "qty_per": n(r.qty_per), "scrap": n(r.scrap),
                          "required": n(r.required), "required2": n(r.required2),
                          "leaf": r.leaf, "alternatives": r.alternatives}
                         for r in self.rows]}


def quantity(value: Any, label: str = "Quantità") -> Decimal:
    qty = values.decimal(value, 3, "qty", label, required=True)
    if qty <= 0:
        raise ValidationError("qty", "deve essere maggiore di zero", label)
    return qty


def compute(ctx: Context, head: Article, qty: Decimal, levels: int = MAX_LEVELS) -> Explosion:
    """The explosion of `qty` of `head` down to `levels` (1: the first level only)."""
    kits = structure.tree(ctx, head.id, levels)
    rows: list[Need] = []
    sums: dict[int, list] = {}

    def walk(parent: Article, need: Decimal, level: int) -> None:
        for link, others in used(kits.get(parent.id, [])):
            part = link.component
            places = decimals(part)
            required = rounded(need * factor(link), places)
            required2 = (rounded(need * link.qty2 * (1 + link.scrap / HUNDRED),
                                 decimals(part, second=True))
                         if link.qty2 is not None else None)
            leaf = level >= levels or part.id not in kits
            rows.append(Need(level, parent.code, part.code, part.description,
                             part.unit.code if part.unit_id else "", link.qty, link.scrap,
                             required, required2, leaf, [o.component.code for o in others]))
            if not leaf:
                walk(part, required, level + 1)
                continue
            total = sums.setdefault(part.id, [part, Decimal(0), None])
            total[1] += required
            if required2 is not None:
                total[2] = (total[2] or Decimal(0)) + required2

    walk(head, qty, 1)
    totals = [Total(p.code, p.description, p.unit.code if p.unit_id else "", q, q2, p.id)
              for p, q, q2 in sorted(sums.values(), key=lambda t: t[0].code)]
    return Explosion(head.code, head.description, qty, levels, rows, totals)


@operation(functions.KIT_QUERY, write=False)
def explode(ctx: Context, parent: str | Article, qty: Any = 1,
            levels: int = MAX_LEVELS) -> Explosion:
    """What `qty` of a kit needs: the tree level by level and the sum per component at
    the leaves (the first level's components with `levels` 1)."""
    head = structure.article(ctx, parent, "parent")
    if levels not in range(1, MAX_LEVELS + 1):
        raise ValidationError("levels", f"da 1 a {MAX_LEVELS}", "Livelli")
    return compute(ctx, head, quantity(qty), levels)


@dataclass
class Use:
    """A kit an article goes into, at a level above it (1: directly)."""

    level: int
    code: str
    description: str
    via: str  # the component of this kit on the way down to the article
    qty_per: Decimal


@operation(functions.KIT_QUERY, write=False)
def implode(ctx: Context, component: str | Article) -> list[Use]:
    """Where-used: every kit the article is in, directly or through other kits, each
    path once, by level then code."""
    part = structure.article(ctx, component, "component")
    out: list[Use] = []
    names = {part.id: part.code}
    frontier = {part.id}
    for level in range(1, MAX_LEVELS + 1):
        found = structure.parents(ctx, frontier)
        frontier = set()
        for child_id, rows in found.items():
            for link in rows:
                out.append(Use(level, link.parent.code, link.parent.description,
                               names[child_id], link.qty))
                names[link.parent_id] = link.parent.code
                frontier.add(link.parent_id)
        if not frontier:
            break
    out.sort(key=lambda u: (u.level, u.code, u.via))
    return out
