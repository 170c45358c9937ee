"""Rolling availability (disponibilità a scalare) of an article: the stock on hand, then
every dated movement still to come — customer order lines going out, supplier order lines
coming in, each open order's scheduled deliveries (forecast ones too, flagged) — with the
availability they leave, date by date."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from gamma import functions
from gamma.context import Context
from gamma.master.article_common import find_article
from gamma.orders import open_orders
from gamma.orders.reports import open_lines
from gamma.sales import stock
from gamma.service import operation

ZERO = Decimal(0)


@dataclass
class Step:
    day: date
    what: str  # "Ordine cliente 3 del 02/03/2026"
    party: str
    incoming: Decimal
    outgoing: Decimal
    firm: bool
    available: Decimal = ZERO  # after this step

    def as_dict(self) -> dict[str, Any]:
        return {"date": self.day.isoformat(), "what": self.what, "party": self.party,
                "in": str(self.incoming), "out": str(self.outgoing), "firm": self.firm,
                "available": str(self.available)}


@dataclass
class Rolling:
    article: str
    description: str
    on_hand: Decimal
    steps: list[Step] = field(default_factory=list)

    def by_date(self) -> list[tuple[date, Decimal, Decimal, Decimal]]:
        """Per date: in, out, and the availability at the end of the day."""
        out: dict[date, list[Decimal]] = {}
        for s in self.steps:
            day = out.setdefault(s.day, [ZERO, ZERO, ZERO])
            day[0] += s.incoming
            day[1] += s.outgoing
            day[2] = s.available
        return [(d, v[0], v[1], v[2]) for d, v in out.items()]

    def as_dict(self) -> dict[str, Any]:
        return {"article": self.article, "description": self.description,
                "on_hand": str(self.on_hand), "steps": [s.as_dict() for s in self.steps],
                "by_date": [{"date": d.isoformat(), "in": str(i), "out": str(o),
                             "available": str(a)} for d, i, o, a in self.by_date()]}


LABELS = {"customer_order": "Ordine cliente", "supplier_order": "Ordine fornitore"}


@operation(functions.ROLLING_AVAILABILITY, write=False)
def rolling(ctx: Context, article_code: str) -> Rolling:
    """The article's rolling availability over all depots. Within a day what comes in is
    counted before what goes out."""
    article = find_article(ctx, article_code, "article")
    on_hand = stock.level(ctx, article).on_hand
    lines = [(kind, line) for kind in LABELS
             for line in open_lines(ctx, kind, article=article)]
    scheduled = open_orders.pending(line.line_id for _, line in lines)
    steps = []
    for kind, line in lines:
        what = f"{LABELS[kind]} {line.order}"
        sign = 1 if kind == "supplier_order" else -1
        parts: list[tuple[date, Decimal, bool]] = []
        if line.line_id in scheduled:
            deliveries = scheduled[line.line_id]
            parts = [(d.day, d.qty, d.firm) for d in deliveries]
            # What the schedule does not cover is due at the line's own date.
            rest = line.residual - sum((d.qty for d in deliveries), ZERO)
            if rest > 0:
                parts.append((line.due, rest, True))
        else:
            parts = [(line.due, line.residual, True)]
        for day, qty, firm in parts:
            steps.append(Step(day, what, line.party, qty if sign > 0 else ZERO,
                              qty if sign < 0 else ZERO, firm))
    steps.sort(key=lambda s: (s.day, s.outgoing > 0, s.what))
    running = on_hand
    for s in steps:
        running += s.incoming - s.outgoing
        s.available = running
    return Rolling(article.code, article.description, on_hand, steps)
