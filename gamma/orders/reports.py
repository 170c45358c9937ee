"""Order reports: the order book (portafoglio ordini) by customer, article or delivery
date; fulfilability (evadibilità: what can ship now); late supplier deliveries for the
reminders (solleciti); the picking list by warehouse location (lista di prelievo).

All read the open order lines: confirmed orders, goods lines with a residual (quantity
less what was picked), neither the line nor the order marked not to fulfil. A line's due
date is its own delivery date, else its order's, else the order date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Iterable

from peewee import JOIN

from gamma import functions
from gamma.context import Context
from gamma.errors import ValidationError
from gamma.master import parties
from gamma.master.article_common import find_article
from gamma.orders import residuals
from gamma.sales import stock
from gamma.service import operation
from models import Article, Document, DocumentLine, Party

ZERO = Decimal(0)
CENT = Decimal("0.01")
KINDS = {"customer": "customer_order", "supplier": "supplier_order"}
BY = ("customer", "article", "date")


@dataclass
class OpenLine:
    """An order line with something still to deliver."""

    line_id: int
    order_id: int
    order: str  # "12 del 02/03/2026"
    order_date: date
    priority: int
    due: date
    party: str
    party_name: str
    position: int
    article_id: int
    article: str
    description: str
    location: str
    qty: Decimal
    residual: Decimal
    value: Decimal  # the residual at the line's net unit price

    def as_dict(self) -> dict[str, Any]:
        return {"order_id": self.order_id, "order": self.order, "party": self.party,
                "party_name": self.party_name, "position": self.position,
                "article": self.article, "description": self.description,
                "location": self.location, "due": self.due.isoformat(),
                "priority": self.priority, "qty": str(self.qty),
                "residual": str(self.residual), "value": str(self.value)}


def order_name(order: Document) -> str:
    series = f"{order.series}/" if order.series else ""
    return f"{series}{order.number} del {order.date:%d/%m/%Y}"


def open_lines(ctx: Context, kind: str = "customer_order", *, party: Party | None = None,
               article: Article | None = None, due_to: date | None = None,
               order_ids: Iterable[int] = ()) -> list[OpenLine]:
    """The open lines of confirmed orders of `kind`, most urgent first: priority, due
    date, order date and number, line position."""
    query = (DocumentLine.select(DocumentLine, Document, Article, Party)
             .join(Document).switch(DocumentLine)
             .join(Article).switch(Document)
             .join(Party, JOIN.LEFT_OUTER, on=(Document.party == Party.id))
             .where(Document.company == ctx.require_company(), Document.kind == kind,
                    Document.status != "draft", Document.not_to_fulfil == False,  # noqa: E712
                    DocumentLine.line_kind == "article", DocumentLine.closed == False,  # noqa: E712
                    DocumentLine.not_to_fulfil == False,  # noqa: E712
                    DocumentLine.qty > DocumentLine.picked_qty))
    if party is not None:
        query = query.where(Document.party == party.id)
    if article is not None:
        query = query.where(DocumentLine.article == article.id)
    wanted = list(order_ids)
    if wanted:
        query = query.where(Document.id.in_(wanted))
    out = []
    for line in query:
        order = line.document
        left = residuals.residual(line, order)
        if left <= 0:
            continue
        due = line.delivery_date or order.delivery_date or order.date
        if due_to is not None and due > due_to:
            continue
        unit = (line.amount / line.qty) if line.amount is not None and line.qty else ZERO
        out.append(OpenLine(
            line.id, order.id, order_name(order), order.date, order.priority, due,
            order.party.code if order.party_id else "", order.party.name if order.party_id
            else "", line.position, line.article_id, line.article.code, line.description,
            line.article.location, line.qty, left,
            (left * unit).quantize(CENT, rounding=ROUND_HALF_UP)))
    out.sort(key=lambda o: (o.priority, o.due, o.order_date, o.order_id, o.position))
    return out


@dataclass
class BookGroup:
    key: str
    label: str
    lines: list[OpenLine] = field(default_factory=list)

    @property
    def residual(self) -> Decimal:
        return sum((line.residual for line in self.lines), ZERO)

    @property
    def value(self) -> Decimal:
        return sum((line.value for line in self.lines), ZERO)

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, "residual": str(self.residual),
                "value": str(self.value), "lines": [line.as_dict() for line in self.lines]}


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise ValidationError("kind", "customer o supplier", "Tipo ordini")
    return KINDS[kind]


def _filters(ctx: Context, party: str | None, article: str | None):
    return (parties.find(ctx, party) if party else None,
            find_article(ctx, article, "article") if article else None)


@operation(functions.ORDER_BOOK, write=False)
def order_book(ctx: Context, kind: str = "customer", by: str = "customer", *,
               party: str | None = None, article: str | None = None) -> list[BookGroup]:
    """The order book: residual quantities and values grouped by customer (supplier),
    article or delivery date."""
    if by not in BY:
        raise ValidationError("by", "customer, article o date", "Raggruppamento")
    who, what = _filters(ctx, party, article)
    groups: dict[Any, BookGroup] = {}
    for line in open_lines(ctx, _kind(kind), party=who, article=what):
        if by == "customer":
            key, label = line.party, f"{line.party} {line.party_name}"
        elif by == "article":
            key, label = line.article, f"{line.article} {line.description}"
        else:
            key, label = line.due.isoformat(), f"{line.due:%d/%m/%Y}"
        groups.setdefault(key, BookGroup(key, label)).lines.append(line)
    return [groups[k] for k in sorted(groups)]


@dataclass
class Allocation:
    line: OpenLine
    available: Decimal  # what was left for it when its turn came
    can_ship: Decimal

    @property
    def short(self) -> Decimal:
        return self.line.residual - self.can_ship

    def as_dict(self) -> dict[str, Any]:
        return self.line.as_dict() | {"available": str(self.available),
                                      "can_ship": str(self.can_ship),
                                      "short": str(self.short)}


@operation(functions.ORDER_FULFILABILITY, write=False)
def fulfilability(ctx: Context, *, party: str | None = None, article: str | None = None,
                  due_to: date | None = None) -> list[Allocation]:
    """What of the open customer order lines can ship now: the stock on hand (less what
    other commitments hold) handed out line by line, most urgent first."""
    who, what = _filters(ctx, party, article)
    lines = open_lines(ctx, "customer_order", party=who, article=what, due_to=due_to)
    levels = stock.levels(ctx, {line.article_id for line in lines})
    # What these lines committed is theirs to share: add it back to the available.
    pool: dict[int, Decimal] = {a: level.available for a, level in levels.items()}
    for line in lines:
        pool[line.article_id] += line.residual
    out = []
    for line in lines:
        left = max(pool[line.article_id], ZERO)
        ship = min(left, line.residual)
        pool[line.article_id] -= ship
        out.append(Allocation(line, left, ship))
    return out


@dataclass
class Late:
    supplier: str
    supplier_name: str
    address: list[str]
    lines: list[OpenLine] = field(default_factory=list)


@operation(functions.SUPPLIER_REMINDERS, write=False)
def late_deliveries(ctx: Context, at: date | None = None,
                    supplier: str | None = None) -> list[Late]:
    """Supplier order lines due before `at` (today) with something still to arrive, by
    supplier: what the reminders ask for."""
    day = at or ctx.today()
    who = parties.find(ctx, supplier) if supplier else None
    late: dict[str, Late] = {}
    for line in open_lines(ctx, "supplier_order", party=who):
        if line.due >= day:
            continue
        if line.party not in late:
            p = Party.get(Party.company == ctx.company, Party.code == line.party)
            address = [p.address, " ".join(x for x in (p.zip, p.city, p.province and
                                                       f"({p.province})") if x)]
            late[line.party] = Late(line.party, line.party_name, [a for a in address if a])
        late[line.party].lines.append(line)
    for group in late.values():
        group.lines.sort(key=lambda o: (o.due, o.order_date, o.order_id, o.position))
    return [late[k] for k in sorted(late)]


@operation(functions.PICKING_LIST, write=False)
def picking_list(ctx: Context, *, orders: Iterable[int] = (), party: str | None = None,
                 due_to: date | None = None) -> list[OpenLine]:
    """The open customer order lines to pick, sorted by warehouse location (those without
    one last), then article and order."""
    who = parties.find(ctx, party) if party else None
    lines = open_lines(ctx, "customer_order", party=who, due_to=due_to, order_ids=orders)
    return sorted(lines, key=lambda o: (o.location == "", o.location, o.article,
                                        o.order_date, o.order_id, o.position))

