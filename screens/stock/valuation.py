"""321 the stock valuation at a date by a method, 323 the year-end close and 324 the
inventory book written as PDF or Excel: the masks of gamma.stock.valuation_forms, the
answer shown under them."""

from __future__ import annotations

from gamma import functions
from gamma.stock import valuation_forms
from screens.registry import opens
from screens.stock.query import StockQuery


@opens(functions.STOCK_VALUATION)
class ValuationQuery(StockQuery):
    FORM = valuation_forms.VALUATION
    HEADER = valuation_forms.VALUATION_HEADER

    def lines(self, values: dict) -> list[str]:
        return valuation_forms.valuation_lines(self.ctx, values)


@opens(functions.STOCK_YEAR_CLOSE)
class YearClose(StockQuery):
    FORM = valuation_forms.YEAR_CLOSE

    def lines(self, values: dict) -> list[str]:
        return valuation_forms.close_lines(self.ctx, values)


@opens(functions.STOCK_INVENTORY_PRINT)
class InventoryBookPrint(StockQuery):
    FORM = valuation_forms.BOOK

    def lines(self, values: dict) -> list[str]:
        return valuation_forms.book_lines(self.ctx, values)
