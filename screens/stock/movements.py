"""301 the stock movements: filters (article, depot, reason, dates) and, on F10, the
movements newest first; Ins opens 302 to record one. 302 the movement entry mask: a load,
unload, transfer (the paired movement written too), production or adjustment; it stays
open for the next movement."""

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

    # What the next movement of a session of entries usually shares with the last one.
    KEPT = ("date", "reason", "depot", "to_depot")

    def heading(self) -> str:
        return self.FORM.title

    def save(self, values: dict[str, Any]) -> str:
        message = stock_forms.save_movement(self.app.ctx, values)
        self.kept = {k: values[k] for k in self.KEPT if values.get(k) is not None}
        return message

    async def close(self, message: str) -> None:
        """After a movement is recorded the mask stays, ready for the next one (Esc
        leaves): the date, reason and depots kept, the cursor on the article."""
        if not message:
            await super().close(message)
            return
        self.mask.fill({f.name: "" for f in self.FORM.fields}, as_text=True)
        self.start_mask(None)
        self.mask.fill(self.kept)
        self.mark_clean()
        self.mask.focus_field("article")
        self.say(message)


@opens(functions.STOCK_MOVEMENTS)
class MovementList(StockQuery):
    FORM = stock_forms.MOVEMENT_FILTER
    HEADER = stock_forms.MOVEMENT_HEADER
    BINDINGS = StockQuery.BINDINGS + [Binding("insert", "new", "Nuovo")]

    def lines(self, values: dict) -> list[str]:
        return stock_forms.movement_lines(self.ctx, values)

    async def action_new(self) -> None:
        await self.app.open_function(functions.STOCK_MOVE.code)
