"""306 the balances check (the drift of the balances from the movements; Correggi = S
rebuilds them) and 307 the import of a movements file on the server: the same services
as `gamma stock check` and `gamma stock import`, the answer shown under the mask."""

from __future__ import annotations

from gamma import functions
from gamma.stock import stock_forms
from screens.registry import opens
from screens.stock.query import StockQuery


@opens(functions.STOCK_CHECK)
class BalanceCheck(StockQuery):
    """306: the drift of the balances from the movements; Correggi = S rebuilds them."""

    FORM = stock_forms.CHECK

    def lines(self, values: dict) -> list[str]:
        return stock_forms.check_lines(self.ctx, values)


@opens(functions.STOCK_IMPORT)
class MovementImport(StockQuery):
    """307: a movements file on the server imported, all or nothing, with its report."""

    FORM = stock_forms.IMPORT

    def lines(self, values: dict) -> list[str]:
        return stock_forms.import_lines(self.ctx, values)
