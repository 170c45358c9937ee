"""Kits to test with: a 3-level bicycle with scrap, a 1-level lamp with stock, and the
helpers that build them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from gamma import db, records
from gamma.kits import structure
from gamma.master import articles, tables
from gamma.master.article_common import find_article
from gamma.sales import stock


def article(ctx, code: str, unit: str = "NR", **extra) -> None:
    articles.save_from_form(ctx, {"code": code, "description": f"Articolo {code}",
                                  "unit": unit, "vat_code": "22", **extra})


def bicycle(ctx) -> None:
    """BIKE ← FRAME, 2 WHEEL, 4 BOLT +10 %; FRAME ← 2,35 m TUBE +4 %, 0,25 kg PAINT
    +10 %, 2 BOLT; WHEEL ← RIM, 36 SPOKE +5 %, HUB; HUB ← 2 BEARING, AXLE, BOLT +2,5 %."""
    for code in ("BIKE", "FRAME", "WHEEL", "HUB", "BOLT", "RIM", "SPOKE", "BEARING", "AXLE"):
        article(ctx, code)
    article(ctx, "TUBE", "MT")
    article(ctx, "PAINT", "KG")
    for parent, component, qty, scrap in (
            ("BIKE", "FRAME", "1", "0"), ("BIKE", "WHEEL", "2", "0"),
            ("BIKE", "BOLT", "4", "10"),
            ("FRAME", "TUBE", "2.35", "4"), ("FRAME", "PAINT", "0.25", "10"),
            ("FRAME", "BOLT", "2", "0"),
            ("WHEEL", "RIM", "1", "0"), ("WHEEL", "SPOKE", "36", "5"),
            ("WHEEL", "HUB", "1", "0"),
            ("HUB", "BEARING", "2", "0"), ("HUB", "AXLE", "1", "0"),
            ("HUB", "BOLT", "1", "2.5")):
        structure.add(ctx, parent, component, qty, scrap=scrap)


def lamp(ctx) -> None:
    """LAMP ← BASE, 2 BULB, 3 SCREW +10 %."""
    for code in ("LAMP", "BASE", "BULB", "BULB2", "SCREW"):
        article(ctx, code)
    structure.add(ctx, "LAMP", "BASE", "1")
    structure.add(ctx, "LAMP", "BULB", "2")
    structure.add(ctx, "LAMP", "SCREW", "3", scrap="10")


def move(ctx, quantities: dict[str, str], reason: str = "CAR",
         day: date = date(2026, 1, 1), cost: str | None = None) -> None:
    depot = tables.find(ctx, "depot", "01")
    why = tables.find(ctx, "stock_reason", reason)
    with db.transaction():
        stock.move(ctx, [{"article": find_article(ctx, code).id, "depot": depot.id,
                          "reason": why, "date": day, "qty": Decimal(qty),
                          "unit_value": Decimal(cost) if cost else None}
                         for code, qty in quantities.items()])


def set_cost(ctx, code: str, cost: str) -> None:
    records.update(ctx, find_article(ctx, code), cost_last=Decimal(cost))
