"""Which open customer orders for kits could ship: a simulation, writing nothing.
Function 342.

The order lines of kit articles still to deliver (not marked not to fulfil) are taken in
delivery-date order (the line's requested date, else the order's, else its date), then
priority and number. Each is served first from the kit's stock on hand, then by building
kits from the components' availability (on hand − committed), which later lines no
longer find: the first orders due take what there is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, Decimal

from gamma import functions
from gamma.context import Context
from gamma.kits import structure
from gamma.kits.buildable import Builder, largest, plan_of
from gamma.master import tables
from gamma.sales import kinds, pickup, stock
from gamma.service import operation
from models import Article, Document, DocumentLine, KitComponent

ZERO = Decimal(0)


@dataclass
class Shipment:
    document_id: int
    order: str  # number/series as printed
    day: date  # when it is due
    customer: str
    article: str
    residual: Decimal
    from_stock: Decimal
    built: Decimal
    short: Decimal

    @property
    def ships(self) -> bool:
        return self.short == 0


def _open_lines(ctx: Context, article: Article | None) -> list[DocumentLine]:
    query = (DocumentLine.select(DocumentLine, Document, Article)
             .join(Document, on=DocumentLine.document == Document.id)
             .switch(DocumentLine).join(Article, on=DocumentLine.article == Article.id)
             .where(Document.company == ctx.company, Document.kind == "customer_order",
                    Document.status != kinds.DRAFT, Article.is_kit,
                    DocumentLine.line_kind == "article", DocumentLine.closed == False))  # noqa: E712
    if "not_to_fulfil" in Document._meta.fields:
        query = query.where(Document.not_to_fulfil == False,  # noqa: E712
                            DocumentLine.not_to_fulfil == False)  # noqa: E712
    if article is not None:
        query = query.where(DocumentLine.article == article)
    return [line for line in query if (pickup.residual(line) or ZERO) > 0]


def _due(line: DocumentLine) -> date:
    return (getattr(line, "delivery_date", None) or getattr(line.document, "delivery_date", None)
            or line.document.date)


@operation(functions.KIT_QUERY, write=False)
def simulate(ctx: Context, parent: str | None = None, depot: str | None = None
             ) -> list[Shipment]:
    """The open kit order lines (of one kit with `parent`) in the order they are due, each
    with what stock and building would cover and what would be short."""
    only = structure.article(ctx, parent, "parent") if parent else None
    depot_row = tables.find(ctx, "depot", depot, "depot", "Deposito") if depot else None
    depot_id = depot_row.id if depot_row is not None else None
    lines = _open_lines(ctx, only)
    lines.sort(key=lambda ln: (_due(ln), getattr(ln.document, "priority", 5),
                               ln.document.number or 0, ln.document.id, ln.position))
    kits: dict[int, list[KitComponent]] = {}
    for kit_id in {ln.article_id for ln in lines}:
        if kit_id not in kits:
            kits.update(structure.tree(ctx, kit_id))
    plan = plan_of(kits)
    parts = {c.component_id for rows in kits.values() for c in rows}
    ordered = {ln.article_id for ln in lines}
    found = stock.levels(ctx, parts | ordered, depot_id)
    pool = {i: found[i].available for i in parts}
    on_hand = {i: max(found[i].on_hand, ZERO) for i in ordered}
    out = []
    for line in lines:
        residual = pickup.residual(line)
        taken = min(residual, on_hand[line.article_id])
        on_hand[line.article_id] -= taken
        rest = residual - taken
        built = ZERO
        if rest > 0 and line.article_id in kits:
            kit = line.article
            most = int(rest.to_integral_value(ROUND_FLOOR))
            built = Decimal(largest(lambda n: Builder(plan, dict(pool)).build(kit, Decimal(n)),
                                    most))
            if built:
                Builder(plan, pool).build(kit, built)
        doc = line.document
        number = f"{doc.series}/{doc.number}" if doc.series else str(doc.number or "")
        out.append(Shipment(doc.id, number, _due(line),
                            doc.party.code if doc.party_id else "", line.article.code,
                            residual, taken, built, rest - built))
    return out
