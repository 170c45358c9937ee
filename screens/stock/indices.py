"""325 the stock indices over a period: turnover, coverage days and margins per article,
and in total."""

from __future__ import annotations

from gamma import functions
from gamma.stock import valuation_forms
from screens.registry import opens
from screens.stock.query import StockQuery


@opens(functions.STOCK_INDICES)
class IndicesQuery(StockQuery):
    FORM = valuation_forms.INDICES
    HEADER = valuation_forms.INDICES_HEADER

    def lines(self, values: dict) -> list[str]:
        return valuation_forms.indices_lines(self.ctx, values)
