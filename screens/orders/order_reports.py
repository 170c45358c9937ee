"""The order reports: 441 order book, 442 fulfilability, 443 late supplier deliveries
(and their reminder letters), 444 picking list by location, 445 rolling availability."""

from __future__ import annotations

from gamma import functions
from gamma.orders import report_forms
from screens.registry import opens
from screens.stock.query import StockQuery


@opens(functions.ORDER_BOOK)
class OrderBook(StockQuery):
    FORM = report_forms.ORDER_BOOK

    def lines(self, values: dict) -> list[str]:
        return report_forms.book_lines(self.ctx, values)


@opens(functions.ORDER_FULFILABILITY)
class Fulfilability(StockQuery):
    FORM = report_forms.ORDER_FILTER

    def lines(self, values: dict) -> list[str]:
        return report_forms.fulfilability_lines(self.ctx, values)


@opens(functions.SUPPLIER_REMINDERS)
class SupplierReminders(StockQuery):
    FORM = report_forms.LATE

    def lines(self, values: dict) -> list[str]:
        return report_forms.late_lines(self.ctx, values)


@opens(functions.PICKING_LIST)
class PickingList(StockQuery):
    FORM = report_forms.ORDER_FILTER

    def lines(self, values: dict) -> list[str]:
        return report_forms.picking_lines(self.ctx, values)


@opens(functions.ROLLING_AVAILABILITY)
class RollingAvailability(StockQuery):
    FORM = report_forms.ROLLING

    def lines(self, values: dict) -> list[str]:
        return report_forms.rolling_lines(self.ctx, values)
