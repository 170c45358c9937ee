"""925 user masks: which fields of a mask an operator, a group or everybody sees, in
which order, how wide, with which label. The list (Enter changes, Ins adds, Del deletes)
and the layout mask, one field per line: nome[:larghezza[:etichetta]]."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult

from gamma import forms, functions, masks_form
from gamma.access import grantees
from gamma.access.forms import MASK_LAYOUT
from gamma.errors import GammaError, NotFound
from screens.admin.common import DeletingList, lookup_form_field
from screens.base import Plain
from screens.mask_screen import MaskScreen
from screens.registry import opens


class MaskLayoutMask(MaskScreen):
    FORM = MASK_LAYOUT
    # A draft is reopened through the function code, which opens the list: none kept.
    DRAFTS = False
    FUNCTION_CODE = functions.MASK_LAYOUTS.code
    # Typed after the mask's name: with both, an existing layout is opened.
    KEY_FIELD = "grantee"
    CHROME_LINES = 6  # one more line: how to write a field

    def body(self) -> ComposeResult:
        yield from super().body()
        yield Plain(masks_form.HINT, id="hint")

    def fixed_fields(self) -> set[str]:
        return {"form", "grantee"} if self.record_key else set()

    def heading(self) -> str:
        if not self.record_key or not self.values:
            return self.FORM.title
        who = self.values.get("grantee") or "tutti"
        return (f"{self.FORM.title} {self.values['form']} per {who}"
                + (" — sola lettura" if self.read_only else ""))

    def _layout(self):
        return masks_form.get(self.app.ctx, int(self.record_key))

    def lock_target(self):
        return self._layout() if self.record_key else None

    def load(self) -> dict[str, Any] | None:
        return masks_form.form_values(self._layout()) if self.record_key else None

    async def action_lookup(self) -> None:
        if not await lookup_form_field(self):
            await super().action_lookup()

    async def after_field(self, field_input) -> bool:
        if self.record_key:
            return True
        name = field_input.field.name
        if name == "form":
            try:
                forms.get(field_input.value.strip())
            except NotFound:
                self.say(f"Maschera: {field_input.value.strip()} inesistente (F2 per "
                         "scegliere)")
                return False
            return True
        if name != "grantee":
            return True
        try:
            field_input.value = grantees.canonical(field_input.value)
            found = masks_form.find(self.mask.input("form").value, field_input.value)
        except GammaError as exc:
            self.say(exc.message)
            return False
        if found is None:
            return True
        await self.load_found(str(found.id), also_fixed=("form",))
        return False

    def save(self, values: dict[str, Any]) -> str:
        if self.record_key:
            values = {**values, "form": self.values["form"],
                      "grantee": self.values["grantee"]}
        layout = masks_form.save_from_form(self.app.ctx, values)
        who = grantees.shown(layout)
        return f"Maschera personalizzata di {layout.form} per {who} registrata"


@opens(functions.MASK_LAYOUTS)
class MaskLayoutList(DeletingList):
    SOURCE = "mask_layout"
    EDITOR = MaskLayoutMask
    TITLE_TEXT = "Maschere personalizzate (Invio modifica, Ins aggiunge, Canc elimina)"

    def delete_question(self, row: dict[str, Any]) -> str:
        return f"Eliminare la maschera personalizzata di {row['form']} per {row['for']}?"

    def delete_row(self, row: dict[str, Any]) -> str:
        masks_form.delete(self.app.ctx, int(row["id"]))
        return f"Maschera personalizzata di {row['form']} per {row['for']} eliminata"
