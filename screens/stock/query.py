"""A warehouse query: a mask of parameters on top, F10 shows the answer as a page of text
under it (the price query's layout), PgUp/PgDn scroll it."""

from __future__ import annotations

from textual.binding import Binding

from gamma.errors import GammaError
from screens.sales.prices import PriceQuery, wrap


class StockQuery(PriceQuery):
    HEADER = ""
    # The price query's keys, F10 named for what it does here.
    BINDINGS = [Binding("f10", "run", "Mostra") if b.key == "f10" else b
                for b in PriceQuery.BINDINGS]

    def lines(self, values: dict) -> list[str]:
        raise NotImplementedError

    async def action_run(self) -> None:
        values = self.mask_values()
        if values is None:
            return
        try:
            lines = self.lines(values)
        except GammaError as exc:
            self.show_error(exc)
            return
        view = self.page_view
        view.set_lines(([self.HEADER] if self.HEADER else []) + wrap(lines))
        self.say("PgGiù/PgSu scorrono le righe" if view.more else "")
