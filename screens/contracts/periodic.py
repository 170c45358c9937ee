"""242 periodic invoicing: the parameters of `gamma periodic generate` (F5/F6 presets
shared with the CLI), F10 generates the transitory movements and shows them; there
Enter changes a line, Ins adds an uncoded line to the movement, Del deletes a line,
F10 (after S) turns them into documents, F4 prints those as PDF files into a folder,
F8 undoes the generation. F7 on the
parameters opens an earlier generation by number."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding

from gamma import functions
from gamma.contracts import generation, invoicing, movements, periodic_forms
from gamma.errors import GammaError
from screens.base import GammaScreen
from screens.dialogs import Confirm
from screens.mask_dialog import MaskDialog
from screens.parameter_screen import ParameterScreen
from screens.registry import opens
from screens.row_list import RowList


@opens(functions.PERIODIC_INVOICING)
class PeriodicParameters(ParameterScreen):
    FORM = periodic_forms.PERIODIC
    COMMAND = periodic_forms.COMMAND
    BINDINGS = [Binding("f7", "open_run", "Apri generaz.")]

    def preset_params(self) -> dict[str, Any]:
        return periodic_forms.preset_params(self.mask.typed_texts())

    async def run(self, values: dict[str, Any]) -> None:
        args = periodic_forms.generate_args(self.ctx, self.mask.texts())
        done = generation.generate(self.ctx, **args)
        if done.run is None:
            self.say(f"Nessun periodo da fatturare al {args['up_to']:%d/%m/%Y}")
            return
        await self.app.push_screen(PeriodicRun(done.run.id))

    async def action_open_run(self) -> None:
        def chosen(values: dict[str, Any] | None) -> None:
            if values:
                self.app.call_later(self.app.push_screen, PeriodicRun(values["run"]))

        dialog = MaskDialog(periodic_forms.OPEN_RUN, chosen)
        dialog.check = lambda values: generation.find_run(self.ctx, values["run"])
        await self.app.push_screen(dialog)


class PeriodicRun(GammaScreen):
    """A generation's transitory movements, each with its lines."""

    BINDINGS = [
        Binding("f1", "app.show_keys", "Tasti"),
        Binding("enter", "change", "Modifica"),
        Binding("insert", "add", "Riga"),
        Binding("delete", "delete", "Elimina"),
        Binding("f4", "print", "Stampa"),
        Binding("f8", "undo", "Annulla gen."),
        Binding("f10", "invoice", "Emetti"),
        Binding("escape", "app.pop_screen", "Esci"),
    ]

    def __init__(self, run_id: int):
        super().__init__()
        self.FUNCTION_CODE = functions.PERIODIC_INVOICING.code
        self.run_id = run_id
        self.rows: list[tuple[str, int | None, int | None]] = []

    def body(self) -> ComposeResult:
        yield RowList(f"{'Contratto':<12} {'Cliente':<8} {'Periodo':<17} {'Documento':<12} "
                      f"{'Imponibile':>14}", rows=self.app.size.height - 6, id="movements")

    def on_mount(self) -> None:
        self.reload()

    @property
    def run(self):
        return generation.find_run(self.ctx, self.run_id)

    def reload(self) -> None:
        run = self.run
        self.rows = periodic_forms.run_rows(run)
        state = {"open": "", "invoiced": " (fatturata)", "undone": " (annullata)"}[run.status]
        movements_count = sum(1 for _, _, line in self.rows if line is None)
        self.query_one("#title").update(
            f"Generazione {run.id} al {run.up_to:%d/%m/%Y}: {movements_count} movimenti"
            f"{state}")
        self.query_one(RowList).set_lines([text for text, _, _ in self.rows], keep=True)

    async def handle_key(self, event: events.Key) -> bool:
        return self.query_one(RowList).navigate(event.key)

    def _current(self) -> tuple[int | None, int | None]:
        if not self.rows:
            return None, None
        _, movement, line = self.rows[self.query_one(RowList).highlight]
        return movement, line

    async def _dialog(self, form, texts, title, service) -> None:
        def done(values: dict[str, Any] | None) -> None:
            if values:
                self.reload()
                self.say("Movimento aggiornato")

        dialog = MaskDialog(form, done, texts, title)
        dialog.check = service
        await self.app.push_screen(dialog)

    async def action_change(self) -> None:
        _, line = self._current()
        if line is None:
            self.say("Scegliere una riga del movimento (non l'intestazione)")
            return
        values = periodic_forms.line_values(line)
        texts = {f.name: f.show(values[f.name]) for f in periodic_forms.LINE.fields}
        await self._dialog(periodic_forms.LINE, texts, "Modifica riga",
                           lambda v: movements.change_line(self.ctx, line, v))

    async def action_add(self) -> None:
        movement, _ = self._current()
        if movement is None:
            return
        await self._dialog(periodic_forms.NEW_LINE, None, "Nuova riga non codificata",
                           lambda v: movements.add_line(self.ctx, movement, {
                               **v, "type": v.get("type") or "charge",
                               "price": v.get("price") or "0"}))

    async def _ask(self, question: str, action) -> None:
        def answered(yes: bool) -> None:
            if not yes:
                return
            try:
                message = action()
            except GammaError as exc:
                self.say(exc.message)
                return
            self.reload()
            self.say(message)

        await self.app.push_screen(Confirm(question, answered))

    async def action_delete(self) -> None:
        _, line = self._current()
        if line is None:
            self.say("Scegliere una riga del movimento da eliminare")
            return

        def delete() -> str:
            movements.delete_line(self.ctx, line)
            return "Riga eliminata"

        await self._ask("Eliminare la riga?", delete)

    async def action_undo(self) -> None:
        await self._ask(f"Annullare la generazione {self.run_id}?",
                        lambda: generation.undo(self.ctx, self.run_id))

    async def action_invoice(self) -> None:
        def invoice() -> str:
            done = invoicing.invoice(self.ctx, self.run_id)
            numbers = ", ".join(str(doc.number) for doc in done.documents)
            return f"Emessi {len(done.documents)} documenti: n. {numbers}"

        await self._ask("Trasformare i movimenti in documenti?", invoice)

    async def action_print(self) -> None:
        docs = invoicing.documents_of(self.ctx, self.run_id)
        if not docs:
            self.say("Nessun documento da stampare: prima F10 per emetterli")
            return

        def done(values: dict[str, Any] | None) -> None:
            if values:
                self.say(self.printed)

        def check(values: dict[str, Any]) -> None:
            paths = invoicing.print_documents(self.ctx, docs,
                                              Path(values["directory"]).expanduser())
            self.printed = f"Stampati {len(paths)} documenti in {paths[0].parent}"

        dialog = MaskDialog(periodic_forms.PRINT_DIR, done, {"directory": "."})
        dialog.check = check
        await self.app.push_screen(dialog)
