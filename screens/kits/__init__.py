"""Kit screens: 341 components, 342 explosion and implosion, 343 production load."""

from __future__ import annotations

from typing import Callable

from textual.binding import Binding

from screens.stock.query import StockQuery


class KitPage(StockQuery):
    """A kit mask with its answer under it: ANSWER(ctx, values) gives the lines."""

    ANSWER: Callable[..., list[str]]

    def lines(self, values: dict) -> list[str]:
        return type(self).ANSWER(self.ctx, values)


def keys(run: str) -> list[Binding]:
    """The query's keys, F10 named for what it does on this screen."""
    return [Binding("f10", "run", run) if b.key == "f10" else b for b in StockQuery.BINDINGS]
