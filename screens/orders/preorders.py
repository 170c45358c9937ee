"""421 pre-orders: the open ones; F10 adds one (article and quantity) or converts those
numbered into supplier or customer orders."""

from __future__ import annotations

from gamma import functions
from gamma.orders import report_forms
from screens.registry import opens
from screens.stock.query import StockQuery


@opens(functions.PREORDERS)
class PreOrders(StockQuery):
    FORM = report_forms.PREORDERS

    def lines(self, values: dict) -> list[str]:
        return report_forms.preorder_lines(self.ctx, values)
