"""343 the production load: the kit made and its quantity; F10 loads it and unloads the
components (every level, or the first only) in one transaction, and lists the
movements written."""

from __future__ import annotations

from textual.binding import Binding

from gamma import functions
from gamma.kits import kit_forms
from screens.registry import opens
from screens.stock.query import StockQuery


@opens(functions.PRODUCTION_LOAD)
class ProductionLoad(StockQuery):
    FORM = kit_forms.PRODUCTION
    BINDINGS = [Binding("f10", "run", "Carica") if b.key == "f10" else b
                for b in StockQuery.BINDINGS]

    def lines(self, values: dict) -> list[str]:
        return kit_forms.production_lines(self.ctx, values)
