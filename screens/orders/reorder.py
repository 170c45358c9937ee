"""431 reorder proposals (F10: a new one, or the one numbered: a line changed, or
confirmed into supplier orders) and 432 the articles under minimum stock."""

from __future__ import annotations

from gamma import functions
from gamma.orders import report_forms
from screens.registry import opens
from screens.stock.query import StockQuery


@opens(functions.BELOW_MINIMUM)
class BelowMinimumQuery(StockQuery):
    FORM = report_forms.BELOW_MINIMUM

    def lines(self, values: dict) -> list[str]:
        return report_forms.below_minimum_lines(self.ctx, values)


@opens(functions.REORDER_PROPOSALS)
class ReorderProposals(StockQuery):
    FORM = report_forms.REORDER

    def lines(self, values: dict) -> list[str]:
        return report_forms.reorder_lines(self.ctx, values)
