"""The structure of kits: components added, changed and removed (function 341), with the
two rules a bill of materials keeps — no kit contains itself at any level, and no tree is
deeper than 9 levels — and the utilities that work across kits: duplicate a kit, replace
or remove a component in every kit. Every write is audited.

The graph is read a level at a time (one query per level, at most 9), never whole."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Iterable

from peewee import JOIN

from gamma import functions, numbers, records
from gamma.context import Context
from gamma.errors import GammaError, NotFound, ValidationError
from gamma.master.article_common import find_article
from gamma.sales import values
from gamma.service import operation
from models import Article, KitComponent, Unit

MAX_LEVELS = 9
EXPLOSIONS = {"never": "Mai", "automatic": "Automatica", "on_request": "Su richiesta"}
PRICINGS = {"parent": "Padre a quantità e valore, componenti descrittivi",
            "components": "Componenti a quantità e valore, padre descrittivo"}
LABELS = {"parent": "Articolo padre", "component": "Componente", "qty": "Quantità",
          "qty2": "Quantità 2ª unità", "scrap": "Sfrido %", "position": "Posizione",
          "alt_group": "Gruppo alternativi", "priority": "Priorità",
          "explosion": "Esplosione nei documenti", "pricing": "Tipo di esplosione",
          "source": "Distinta da copiare", "target": "Articolo di destinazione",
          "old": "Componente da sostituire", "new": "Nuovo componente"}
FIELDS = ("qty", "qty2", "scrap", "position", "alt_group", "priority")


def article(ctx: Context, code: Any, field: str) -> Article:
    """The article a code names, or a ValidationError naming the field."""
    if isinstance(code, Article):
        return code
    typed = values.code(code)
    if not typed:
        raise ValidationError(field, "obbligatorio", LABELS.get(field, field))
    try:
        return find_article(ctx, typed, field, LABELS.get(field, field))
    except NotFound:
        raise ValidationError(field, f"articolo {typed} inesistente",
                              LABELS.get(field, field)) from None


def decimals(found: Article, second: bool = False) -> int:
    """The places a quantity of the article is kept to: its (second) unit's, 3 without."""
    unit = (found.unit2 if found.unit2_id else None) if second else (
        found.unit if found.unit_id else None)
    return unit.decimals if unit is not None else 3


def qty_text(value: Decimal | None) -> str:
    """A quantity as operators read it: 1.234,5 (no trailing zeros); "" for none."""
    if value is None:
        return ""
    places = max(0, -value.normalize().as_tuple().exponent)
    return numbers.format_decimal(value, places)


def rounded(qty: Decimal, places: int) -> Decimal:
    return qty.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def components(ctx: Context, parent_ids: Iterable[int]) -> dict[int, list[KitComponent]]:
    """The components of each parent, with their article and unit, in kit order."""
    ids = list(set(parent_ids))
    out: dict[int, list[KitComponent]] = defaultdict(list)
    if not ids:
        return out
    second = Unit.alias()
    query = (KitComponent.select(*LINK_COLUMNS, *ARTICLE_COLUMNS, Unit.code, Unit.decimals,
                                 second.code, second.decimals)
             .join(Article, on=KitComponent.component == Article.id)
             .join(Unit, JOIN.LEFT_OUTER, on=Article.unit == Unit.id)
             .switch(Article).join(second, JOIN.LEFT_OUTER, on=Article.unit2 == second.id)
             .where(KitComponent.company == ctx.company, KitComponent.parent.in_(ids))
             .order_by(KitComponent.parent, KitComponent.position, KitComponent.id))
    # Built from plain tuples, each article and unit once: peewee's joined rows cost a
    # kit of a thousand parts several times more.
    articles: dict[int, Article] = {}
    units: dict[str, Unit] = {}
    links, arts = len(LINK_COLUMNS), len(ARTICLE_COLUMNS)
    for row in query.tuples():
        link = KitComponent(**dict(zip(LINK_NAMES, row[:links])))
        part = articles.get(link.component_id)
        if part is None:
            part = Article(id=link.component_id,
                           **dict(zip(ARTICLE_NAMES, row[links:links + arts])))
            for name, (code, places) in (("unit", row[-4:-2]), ("unit2", row[-2:])):
                if code is not None:
                    setattr(part, name, units.setdefault(code, Unit(
                        id=getattr(part, f"{name}_id"), code=code, decimals=places)))
            articles[part.id] = part
        link.component = part
        out[link.parent_id].append(link)
    return out


LINK_COLUMNS = tuple(KitComponent._meta.sorted_fields)
LINK_NAMES = tuple(f.name for f in LINK_COLUMNS)
ARTICLE_COLUMNS = (Article.code, Article.description, Article.unit, Article.unit2,
                   Article.is_kit, Article.version, Article.cost_last, Article.cost_standard,
                   Article.cost_average)  # the costs: valuation falls back on them
ARTICLE_NAMES = tuple(f.name for f in ARTICLE_COLUMNS)


def parents(ctx: Context, component_ids: Iterable[int]) -> dict[int, list[KitComponent]]:
    """The kits each article is a component of, with the parent article."""
    ids = list(set(component_ids))
    out: dict[int, list[KitComponent]] = defaultdict(list)
    if not ids:
        return out
    query = (KitComponent.select(KitComponent, Article)
             .join(Article, on=KitComponent.parent == Article.id)
             .where(KitComponent.company == ctx.company, KitComponent.component.in_(ids))
             .order_by(Article.code))
    for row in query:
        out[row.component_id].append(row)
    return out


def tree(ctx: Context, root_id: int, levels: int = MAX_LEVELS) -> dict[int, list[KitComponent]]:
    """Every kit below `root_id` (down to `levels`) with its components: one query per
    level."""
    out: dict[int, list[KitComponent]] = {}
    frontier = {root_id}
    for _ in range(levels):
        frontier -= set(out)
        if not frontier:
            break
        found = components(ctx, frontier)
        out.update({pid: found.get(pid, []) for pid in frontier})
        frontier = {c.component_id for rows in found.values() for c in rows}
    return {pid: rows for pid, rows in out.items() if rows}


def _depth(ctx: Context, start: int, step) -> tuple[int, set[int]]:
    """The longest chain of links from `start` following `step` (down or up) and every
    article met. Frontiers are not pruned by what was seen, so the count of rounds is the
    longest path; the cap stops at a cycle a concurrent write might have made."""
    seen: set[int] = set()
    frontier, rounds = {start}, 0
    while frontier and rounds <= MAX_LEVELS + 1:
        found = step(ctx, frontier)
        frontier = {getattr(c, "component_id" if step is components else "parent_id")
                    for rows in found.values() for c in rows}
        if frontier:
            rounds += 1
            seen |= frontier
    return rounds, seen


def check_link(ctx: Context, parent: Article, component: Article) -> None:
    """Refuse a link that would make a kit contain itself or a tree deeper than 9 levels."""
    if parent.id == component.id:
        raise ValidationError("component", "un kit non può contenere se stesso",
                              LABELS["component"])
    below, inside = _depth(ctx, component.id, components)
    if parent.id in inside:
        raise ValidationError("component", f"{component.code} contiene già {parent.code}: "
                              "la distinta diventerebbe circolare", LABELS["component"])
    above, _ = _depth(ctx, parent.id, parents)
    if above + 1 + below > MAX_LEVELS:
        raise ValidationError("component", f"la distinta supererebbe i {MAX_LEVELS} livelli "
                              f"({above + 1 + below})", LABELS["component"])


def _values(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "qty" in data:
        qty = values.decimal(data["qty"], 3, "qty", LABELS["qty"], required=True)
        if qty <= 0:
            raise ValidationError("qty", "deve essere maggiore di zero", LABELS["qty"])
        out["qty"] = qty
    if "qty2" in data:
        qty2 = values.decimal(data["qty2"], 3, "qty2", LABELS["qty2"])
        if qty2 is not None and qty2 <= 0:
            raise ValidationError("qty2", "deve essere maggiore di zero", LABELS["qty2"])
        out["qty2"] = qty2
    if "scrap" in data:
        scrap = values.decimal(data["scrap"], 2, "scrap", LABELS["scrap"]) or Decimal(0)
        if not 0 <= scrap <= 100:
            raise ValidationError("scrap", "da 0 a 100", LABELS["scrap"])
        out["scrap"] = scrap
    for name, high in (("position", 9999), ("alt_group", 99), ("priority", 99)):
        if name in data:
            out[name] = values.integer(data[name], name, LABELS[name], 0, high) or 0
    return out


def _link(ctx: Context, parent: Article, component: Article) -> KitComponent:
    found = KitComponent.get_or_none(KitComponent.company == ctx.company,
                                     KitComponent.parent == parent,
                                     KitComponent.component == component)
    if found is None:
        raise NotFound(f"{component.code} non è un componente di {parent.code}")
    return found


def _mark(ctx: Context, parent: Article) -> None:
    """Keep the article's kit flag in step with whether it has components."""
    has = KitComponent.select().where(KitComponent.parent == parent).exists()
    if parent.is_kit != has:
        records.update(ctx, parent, is_kit=has)


@operation(functions.KIT_EDIT)
def add(ctx: Context, parent: str | Article, component: str | Article, qty: Any,
        **data: Any) -> KitComponent:
    """Add a component to a kit (`data`: qty2, scrap, position, alt_group, priority)."""
    unknown = set(data) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    head = article(ctx, parent, "parent")
    part = article(ctx, component, "component")
    fields = _values({"qty": qty, **data})
    if KitComponent.select().where(KitComponent.parent == head,
                                   KitComponent.component == part).exists():
        raise ValidationError("component", f"{part.code} è già un componente di {head.code}",
                              LABELS["component"])
    check_link(ctx, head, part)
    if not fields.get("position"):
        last = [c.position for c in components(ctx, [head.id]).get(head.id, [])]
        fields["position"] = (max(last) if last else 0) + 10
    link = records.insert(ctx, KitComponent, company=ctx.company, parent=head, component=part,
                          **fields)
    _mark(ctx, head)
    return link


@operation(functions.KIT_EDIT)
def update(ctx: Context, parent: str | Article, component: str | Article,
           **changes: Any) -> KitComponent:
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    head = article(ctx, parent, "parent")
    link = _link(ctx, head, article(ctx, component, "component"))
    return records.update(ctx, link, **_values(changes))


@operation(functions.KIT_EDIT)
def remove(ctx: Context, parent: str | Article, component: str | Article) -> None:
    """Take one component out of one kit."""
    head = article(ctx, parent, "parent")
    records.delete(ctx, _link(ctx, head, article(ctx, component, "component")))
    _mark(ctx, head)


@operation(functions.KIT_EDIT)
def set_mode(ctx: Context, parent: str | Article, explosion: str | None = None,
             pricing: str | None = None) -> Article:
    """How the kit explodes in documents: never/automatic/on_request, priced on the
    parent or on the components."""
    head = article(ctx, parent, "parent")
    changes: dict[str, str] = {}
    if explosion is not None:
        if explosion not in EXPLOSIONS:
            raise ValidationError("explosion", "ammessi " + ", ".join(EXPLOSIONS),
                                  LABELS["explosion"])
        changes["kit_explosion"] = explosion
    if pricing is not None:
        if pricing not in PRICINGS:
            raise ValidationError("pricing", "ammessi " + ", ".join(PRICINGS),
                                  LABELS["pricing"])
        changes["kit_pricing"] = pricing
    return records.update(ctx, head, **changes)


@dataclass(frozen=True)
class Row:
    """A component as the editor and `gamma kit show` list it."""

    position: int
    code: str
    description: str
    unit: str
    qty: Decimal
    qty2: Decimal | None
    scrap: Decimal
    alt_group: int
    priority: int
    is_kit: bool


@operation(functions.KIT_QUERY, write=False)
def show(ctx: Context, parent: str | Article) -> list[Row]:
    head = article(ctx, parent, "parent")
    return [Row(c.position, c.component.code, c.component.description,
                c.component.unit.code if c.component.unit_id else "", c.qty, c.qty2, c.scrap,
                c.alt_group, c.priority, c.component.is_kit)
            for c in components(ctx, [head.id]).get(head.id, [])]


@operation(functions.KIT_EDIT)
def copy(ctx: Context, source: str | Article, target: str | Article) -> int:
    """Duplicate a kit's components onto another article, which must have none yet."""
    head = article(ctx, source, "source")
    other = article(ctx, target, "target")
    rows = components(ctx, [head.id]).get(head.id, [])
    if not rows:
        raise ValidationError("source", f"{head.code} non ha componenti", LABELS["source"])
    if KitComponent.select().where(KitComponent.parent == other).exists():
        raise ValidationError("target", f"{other.code} ha già dei componenti",
                              LABELS["target"])
    for c in rows:
        check_link(ctx, other, c.component)
        records.insert(ctx, KitComponent, company=ctx.company, parent=other,
                       component=c.component, **{n: getattr(c, n) for n in FIELDS})
    _mark(ctx, other)
    return len(rows)


@operation(functions.KIT_EDIT)
def replace(ctx: Context, old: str | Article, new: str | Article) -> list[str]:
    """Put `new` in place of `old` in every kit (quantities, scrap and the rest kept);
    the codes of the kits changed. A kit that already has `new` is refused by name."""
    was = article(ctx, old, "old")
    now = article(ctx, new, "new")
    if was.id == now.id:
        raise ValidationError("new", "uguale al componente da sostituire", LABELS["new"])
    links = parents(ctx, [was.id]).get(was.id, [])
    if not links:
        raise GammaError(f"{was.code} non è componente di alcuna distinta")
    for link in links:
        if KitComponent.select().where(KitComponent.parent == link.parent_id,
                                       KitComponent.component == now).exists():
            raise ValidationError("new", f"{now.code} è già un componente di "
                                  f"{link.parent.code}", LABELS["new"])
        check_link(ctx, link.parent, now)
        records.update(ctx, link, component=now)
    return [link.parent.code for link in links]


@operation(functions.KIT_EDIT)
def remove_everywhere(ctx: Context, component: str | Article) -> list[str]:
    """Take a component out of every kit; the codes of the kits changed."""
    part = article(ctx, component, "component")
    links = parents(ctx, [part.id]).get(part.id, [])
    if not links:
        raise GammaError(f"{part.code} non è componente di alcuna distinta")
    for link in links:
        records.delete(ctx, link)
        _mark(ctx, link.parent)
    return [link.parent.code for link in links]
