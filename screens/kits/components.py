"""341 the kit component editor: the kit's code, a component with its quantity, scrap,
second-unit quantity and alternative group; F10 adds it (or changes it, or removes it
with Elimina = S) and shows the kit's components under the mask. With no component F10
only shows them; the explosion mode in documents is set from the same mask."""

from __future__ import annotations

from textual.binding import Binding

from gamma import functions
from gamma.kits import kit_forms
from screens.registry import opens
from screens.stock.query import StockQuery


@opens(functions.KIT_EDIT)
class KitComponents(StockQuery):
    FORM = kit_forms.COMPONENTS
    BINDINGS = [Binding("f10", "run", "Registra") if b.key == "f10" else b
                for b in StockQuery.BINDINGS]

    def lines(self, values: dict) -> list[str]:
        return kit_forms.component_lines(self.ctx, values)
