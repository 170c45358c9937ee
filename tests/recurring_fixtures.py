"""Recurring order templates on top of the order fixtures: C001 (list 1) with a second
destination, C002, articles A22 10,00 / A10 5,50 / A04 2,00 in list 1 and A22 9,00 in
list 2, 100 of each on hand."""

from __future__ import annotations

from datetime import date

from gamma.master import article_prices, party_destinations
from gamma.recurring import templates
from tests.order_fixtures import d, prepare_orders

__all__ = ["prepare", "template", "d", "date"]


def prepare(ctx) -> None:
    prepare_orders(ctx, "100")
    article_prices.set_price(ctx, "A22", 2, d("9.00"), date(2026, 1, 1))
    party_destinations.add_destination(ctx, "C001", {"name": "Bar Sport - Stazione",
                                                     "address": "Piazza Stazione 1",
                                                     "city": "Novara", "country": "IT"})


def template(ctx, code: str = "BAR-FERIALI", **changes):
    """Every weekday from 1 March 2026 for C001: 6 A22 and 10 A04 from the list, delivery
    the day after at destination 1."""
    data = {"code": code, "customer": "C001", "frequency": "weekdays",
            "start": "2026-03-01", "delivery_days": 1, "destination": 1,
            "contact": "Sig. Rossi",
            "lines": [{"article": "A22", "qty": "6"}, {"article": "A04", "qty": "10"}]}
    data.update(changes)
    return templates.save(ctx, data)
