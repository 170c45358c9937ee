"""211 deferred invoicing: the parameters of `gamma invoice deferred` (F5/F6 presets shared
with the CLI: `gamma invoice deferred --preset NAME` runs one memorized here). F10 shows
the groups a run would invoice (customer, delivery notes, their total) and asks; F10
there and S run it, and the screen then shows, per customer, the invoice made and its
total or why it was not made."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding

from gamma import functions, presets
from gamma.errors import GammaError
from gamma.sales import deferred, sales_forms
from screens.base import GammaScreen, Plain
from screens.dialogs import Confirm
from screens.mask_dialog import MaskDialog
from screens.parameter_screen import MEMORIZE, ParameterScreen
from screens.registry import opens
from screens.sales.prices import TextPage, wrap


@opens(functions.DEFERRED_INVOICING)
class DeferredParameters(ParameterScreen):
    FORM = sales_forms.DEFERRED
    COMMAND = sales_forms.DEFERRED_COMMAND

    def _texts(self, params: dict[str, Any]) -> dict[str, str]:
        return sales_forms.deferred_texts(params)

    async def run(self, values: dict[str, Any]) -> None:
        args = sales_forms.deferred_args(self.ctx, self.mask.texts())
        plan = deferred.run(self.ctx, **args, dry_run=True)
        if not plan:
            self.say("Nessun DDT da fatturare con questi parametri")
            return
        await self.app.push_screen(DeferredRun(args, plan))

    async def action_memorize(self) -> None:
        # As ParameterScreen's, with the values as the CLI reads them (dates aaaa-mm-gg,
        # customers a list), so `gamma invoice deferred --preset NAME` runs the same.
        if self.mask_values() is None:
            return
        try:
            params = sales_forms.deferred_preset(self.ctx, self.mask.typed_texts())
        except GammaError as exc:
            self.show_error(exc)
            return

        def stored(values: dict[str, Any] | None) -> None:
            if values:
                self.say(f"Parametri memorizzati come «{values['name']}»"
                         + (" (condivisi)" if values.get("shared") else ""))

        dialog = MaskDialog(MEMORIZE, stored, {"name": self.preset or ""},
                            f"Memorizza i parametri di {self.FORM.title}")
        dialog.check = lambda values: presets.save(
            self.ctx, self.COMMAND, values["name"], params, shared=bool(values.get("shared")),
            description=values.get("description") or "")
        await self.app.push_screen(dialog)


class DeferredRun(GammaScreen):
    """The groups of the run, then (after F10 and S) what was made."""

    BINDINGS = [
        Binding("f1", "app.show_keys", "Tasti"),
        Binding("f10", "invoice", "Emetti fatture"),
        Binding("pagedown", "page(1)", "Pag.succ."),
        Binding("pageup", "page(-1)", "Pag.prec."),
        Binding("escape", "app.pop_screen", "Esci"),
    ]

    def __init__(self, args: dict[str, Any], plan: list[deferred.Outcome]):
        super().__init__()
        self.FUNCTION_CODE = functions.DEFERRED_INVOICING.code
        self.args = args
        self.plan = plan
        self.done: list[deferred.Outcome] | None = None

    def body(self) -> ComposeResult:
        yield Plain(f"{'Cliente':<10} {'Ragione sociale':<24} {'DDT':<26} {'Totale DDT':>12}",
                    id="columns")
        yield TextPage(self.app.size.height - 5, id="outcome")

    def on_mount(self) -> None:
        count = len(self.plan)
        notes = sum(len(o.notes) for o in self.plan)
        self.query_one("#title").update(
            f"Da fatturare: {count} fattur{'a' if count == 1 else 'e'} da {notes} DDT"
            " — F10 emette, Esc annulla")
        self.query_one(TextPage).set_lines(sales_forms.plan_lines(self.plan))

    async def handle_key(self, event: events.Key) -> bool:
        return self.query_one(TextPage).navigate(event.key)

    def action_page(self, direction: int) -> None:
        page = self.query_one(TextPage)
        page.scroll_by(direction * page.row_count)

    async def action_invoice(self) -> None:
        if self.done is not None:
            self.say("Fatturazione già eseguita: Esc per tornare ai parametri")
            return
        count = len(self.plan)

        async def answered(yes: bool) -> None:
            if yes:
                self.execute()

        await self.app.push_screen(Confirm(
            f"Emettere {count} fattur{'a' if count == 1 else 'e'} differit"
            f"{'a' if count == 1 else 'e'}?", answered))

    def execute(self) -> None:
        try:
            self.done = deferred.run(self.ctx, **self.args)
        except GammaError as exc:
            self.say(exc.message)
            return
        made = sum(1 for o in self.done if o.invoice is not None)
        failed = len(self.done) - made
        self.query_one("#title").update(
            f"Fatture differite emesse: {made}" + (f", clienti non fatturati: {failed}"
                                                   if failed else ""))
        self.query_one("#columns", Plain).update("Esito per cliente")
        self.query_one(TextPage).set_lines(wrap(sales_forms.result_lines(self.done)))
        self.say("Esc per tornare ai parametri")
