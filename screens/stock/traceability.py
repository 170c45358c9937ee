"""312 traceability: a lot (with its article) or a serial to every movement, document,
supplier and customer; a customer to every lot and serial received."""

from __future__ import annotations

from gamma import functions
from gamma.stock import lot_forms
from screens.registry import opens
from screens.stock.query import StockQuery


@opens(functions.LOT_TRACE)
class LotTrace(StockQuery):
    FORM = lot_forms.TRACE

    def lines(self, values: dict) -> list[str]:
        return lot_forms.trace_lines(self.ctx, values)
