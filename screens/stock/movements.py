"""301 the stock movements: filters (article, depot, reason, dates) and, on F10, the
movements newest first; Ins opens 302 to record one. 302 the movement entry mask: a load,
unload, transfer (the paired movement written too), production or adjustment."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding

from gamma import functions
from gamma.stock import stock_forms
from screens.mask_screen import MaskScreen
from screens.registry import opens
from screens.stock.query import StockQuery


@opens(functions.STOCK_MOVE)
class MovementEntry(MaskScreen):
    FORM = stock_forms.MOVEMENT
    DRAFTS = False  # a movement is one mask: nothing long to lose

    def heading(self) -> str:
        return self.FORM.title

    def save(self, values: dict[str, Any]) -> str:
        return stock_forms.save_movement(self.app.ctx, values)


@opens(functions.STOCK_MOVEMENTS)
class MovementList(StockQuery):
    FORM = stock_forms.MOVEMENT_FILTER
    HEADER = stock_forms.MOVEMENT_HEADER
    BINDINGS = StockQuery.BINDINGS + [Binding("insert", "new", "Nuovo")]

    def lines(self, values: dict) -> list[str]:
        return stock_forms.movement_lines(self.ctx, values)

    async def action_new(self) -> None:
        await self.app.open_function(functions.STOCK_MOVE.code)
