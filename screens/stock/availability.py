"""303 the availability of an article: per depot on hand, committed, on order and
available, the total, and the forecast (available + on order)."""

from __future__ import annotations

from gamma import functions
from gamma.stock import stock_forms
from screens.registry import opens
from screens.stock.query import StockQuery


@opens(functions.STOCK_AVAILABILITY)
class AvailabilityQuery(StockQuery):
    FORM = stock_forms.AVAILABILITY

    def lines(self, values: dict) -> list[str]:
        return stock_forms.availability_lines(self.ctx, values)

