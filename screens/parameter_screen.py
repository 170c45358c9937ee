"""ParameterScreen: the limits and parameters of a command, with its presets.

F10 runs; F5 memorizes the parameters as typed (personal or shared); F6 recalls them.
Field names are the command's CLI parameter names and values are kept as typed (a date
`-7` stays "7 days ago"), so `gamma <command> --preset NAME` runs the same preset.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical


from gamma import forms, presets
from gamma.errors import GammaError
from gamma.forms import FieldDef, Form
from screens.base import GammaScreen, Plain
from screens.dialogs import Dialog
from screens.mask.host import MaskHost
from screens.mask_dialog import MaskDialog
from screens.row_list import RowList

MEMORIZE = forms.register(Form("preset_save", "Memorizza parametri", (
    FieldDef("name", "Nome", "text", 40, required=True),
    FieldDef("description", "Descrizione", "text", 50),
    FieldDef("shared", "Condivisi S/N", "bool", 1),
)))


class ParameterScreen(MaskHost, GammaScreen):
    COMMAND = ""  # the preset command, as the CLI's @with_presets names it
    TIDY = False

    BINDINGS = [
        Binding("f1", "app.show_keys", "Tasti"),
        Binding("f2", "lookup", "Ricerca"),
        Binding("f5", "memorize", "Memorizza"),
        Binding("f6", "recall", "Richiama"),
        Binding("f10", "run", "Esegui"),
        Binding("escape", "app.pop_screen", "Esci"),
    ]

    def __init__(self, preset: str | None = None, **_ignored):
        super().__init__()
        self.preset = preset

    def body(self) -> ComposeResult:
        yield self.make_mask()

    def on_mount(self) -> None:
        self.query_one("#title").update(self.FORM.title)
        texts = None
        if self.preset:
            texts = self._texts(presets.load(self.ctx, self.COMMAND, self.preset).params)
        self.start_mask(None, texts)

    async def handle_key(self, event: events.Key) -> bool:
        return await self.handle_mask_key(event)

    async def action_lookup(self) -> None:
        await self.open_lookup()

    async def action_run(self) -> None:
        values = self.mask_values()
        if values is None:
            return
        try:
            await self.run(values)
        except GammaError as exc:
            self.show_error(exc)

    async def run(self, values: dict[str, Any]) -> None:
        raise NotImplementedError

    # -- presets ----------------------------------------------------------------------
    def _texts(self, params: dict[str, Any]) -> dict[str, str]:
        names = {f.name for f in self.FORM.fields}
        return {k: str(v) for k, v in params.items() if k in names}

    def preset_params(self) -> dict[str, Any]:
        """What F5 stores: the texts as typed (a screen whose command reads some values
        otherwise, numbers or flags, converts them here)."""
        return {k: v for k, v in self.mask.typed_texts().items() if v.strip()}

    async def action_memorize(self) -> None:
        if self.mask_values() is None:
            return
        typed = self.preset_params()

        def stored(values: dict[str, Any] | None) -> None:
            if values:
                self.say(f"Parametri memorizzati come «{values['name']}»"
                         + (" (condivisi)" if values.get("shared") else ""))

        dialog = MaskDialog(MEMORIZE, stored, {"name": self.preset or ""},
                            f"Memorizza i parametri di {self.FORM.title}")
        dialog.check = lambda values: presets.save(
            self.ctx, self.COMMAND, values["name"], typed, shared=bool(values.get("shared")),
            description=values.get("description") or "")
        await self.app.push_screen(dialog)

    async def action_recall(self) -> None:
        stored = presets.list_presets(self.ctx, self.COMMAND)
        if not stored:
            self.say("Nessun parametro memorizzato per questa funzione")
            return

        def chosen(preset) -> None:
            if preset is not None:
                self.preset = preset.name
                self.mask.fill({f.name: "" for f in self.FORM.fields}, as_text=True)
                self.mask.fill(self._texts(preset.params), as_text=True)
                self.mask.first()
                self.say(f"Richiamati i parametri «{preset.name}»")

        await self.app.push_screen(PresetChoice(stored, chosen))


class PresetChoice(Dialog):
    BINDINGS = [Binding("enter", "choose", "Scegli"), Binding("escape", "cancel", "Annulla")]
    DEFAULT_CSS = "PresetChoice > Vertical { width: 76; height: 16; }"

    def __init__(self, stored, on_result):
        super().__init__(on_result)
        self.stored = stored

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Plain("Richiama parametri memorizzati (Invio sceglie, Esc annulla)")
            yield RowList(f"{'Nome':<24}{'Di':<10}Descrizione", rows=12, id="presets")

    def on_mount(self) -> None:
        self.query_one(RowList).set_lines(
            [f"{p.name[:23]:<24}{('tutti' if p.shared else p.owner or '')[:9]:<10}"
             f"{p.description}"[:72] for p in self.stored])

    async def handle_key(self, event: events.Key) -> bool:
        if event.key in ("up", "down"):
            self.query_one(RowList).move(-1 if event.key == "up" else 1)
            return True
        return False

    async def action_choose(self) -> None:
        await self.finish(self.stored[self.query_one(RowList).highlight])

    async def action_cancel(self) -> None:
        await self.finish(None)
