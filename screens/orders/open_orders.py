"""422 open orders: an order's scheduled deliveries; with a line number, F10 replaces
that line's deliveries with those typed."""

from __future__ import annotations

from gamma import functions
from gamma.orders import report_forms
from screens.registry import opens
from screens.stock.query import StockQuery


@opens(functions.OPEN_ORDERS)
class OpenOrderSchedule(StockQuery):
    FORM = report_forms.SCHEDULE

    def lines(self, values: dict) -> list[str]:
        return report_forms.schedule_lines(self.ctx, values)
