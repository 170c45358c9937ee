"""Favourite commands: F9 lists them, a digit opens one, from the menu or from inside a
function, which hands over the record in hand (from an operator, open its grants)."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical


from gamma import favourites, forms, functions
from gamma.forms import FieldDef, Form
from screens.base import Plain
from screens.dialogs import Dialog
from screens.mask_screen import MaskScreen
from screens.registry import opens

FORM = forms.register(Form("favourite", "Preferito di comando", (
    FieldDef("position", "Posizione (1-9)", "integer", 1, required=True),
    FieldDef("function", "Funzione", "code", 6, required=True, lookup="function",
             upper=True),
)))


class FavouritesDialog(Dialog):
    def __init__(self, params: dict[str, Any]):
        super().__init__()
        self.params = params

    def compose(self) -> ComposeResult:
        listed = favourites.listed(self.app.ctx)
        with Vertical():
            yield Plain("Preferiti di comando: premere il numero (Esc per tornare)")
            for position, function in listed:
                yield Plain(f"{position}  {function.code:<5}{function.mnemonic:<9}"
                             f"{function.title}")
            if not listed:
                yield Plain("Nessun preferito: F8 dal menu per impostarli")

    async def handle_key(self, event: events.Key) -> bool:
        if event.key == "escape":
            await self.finish(None)
            return True
        if event.character and event.character.isdigit():
            chosen = dict(favourites.listed(self.app.ctx)).get(int(event.character))
            if chosen is not None:
                await self.finish(None)
                await self.app.open_function(chosen.code, **self.params)
        return True


@opens(functions.FAVOURITES)
class FavouriteEditor(MaskScreen):
    FORM = FORM
    DRAFTS = False

    def save(self, values: dict[str, Any]) -> str:
        function = favourites.set_favourite(self.app.ctx, values["position"],
                                            values["function"])
        return f"Preferito {values['position']}: {function.label()}"
