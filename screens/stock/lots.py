"""311 an article's lots (expiry, supplier, reservation, stock) or serials (lot, status);
a lot reserved to a customer or freed from the same mask."""

from __future__ import annotations

from gamma import functions
from gamma.stock import lot_forms
from screens.registry import opens
from screens.stock.query import StockQuery


@opens(functions.LOTS)
class LotQuery(StockQuery):
    FORM = lot_forms.LOTS

    def lines(self, values: dict) -> list[str]:
        return lot_forms.lots_lines(self.ctx, values)
