"""411 order fulfilment: the selection and options of `gamma order fulfil` (F5/F6
presets shared with the CLI). F10 proposes the lines (residual, available, to ship);
Enter on a line changes its quantity to ship; F10 there and S make the documents, and
the screen then shows, per document, what was made or why not."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding

from gamma import forms, functions
from gamma.errors import GammaError, ValidationError
from gamma.forms import FieldDef, Form
from gamma.orders import fulfilment, order_forms
from screens.base import GammaScreen
from screens.dialogs import Confirm
from screens.mask_dialog import MaskDialog
from screens.parameter_screen import ParameterScreen
from screens.registry import opens
from screens.row_list import RowList

TO_SHIP = forms.register(Form("order_fulfil_line", "Quantità da evadere", (
    FieldDef("to_ship", "Da evadere", "decimal", 12, decimals=3, required=True),
)))


@opens(functions.ORDER_FULFILMENT)
class FulfilmentParameters(ParameterScreen):
    FORM = order_forms.FULFIL
    COMMAND = order_forms.FULFIL_COMMAND

    def _texts(self, params: dict[str, Any]) -> dict[str, str]:
        return order_forms.fulfil_texts(params)

    async def run(self, values: dict[str, Any]) -> None:
        args = order_forms.fulfil_args(self.ctx, self.mask.texts())
        proposed = fulfilment.propose(self.ctx, args["selection"], args["mode"],
                                      args["partial"])
        if not proposed:
            self.say("Nessuna riga da evadere con questi parametri")
            return
        await self.app.push_screen(FulfilmentRun(args, proposed))

    def preset_params(self) -> dict[str, Any]:
        # As `gamma order fulfil --preset` reads them (numbers, flags).
        return order_forms.fulfil_preset(self.mask.typed_texts())


class FulfilmentRun(GammaScreen):
    """The proposed lines, each quantity to ship changeable, then the documents made."""

    BINDINGS = [
        Binding("f1", "app.show_keys", "Tasti"),
        Binding("enter", "change", "Quantità"),
        Binding("f10", "fulfil", "Evadi"),
        Binding("escape", "app.pop_screen", "Esci"),
    ]

    def __init__(self, args: dict[str, Any], proposed: list[fulfilment.Proposed]):
        super().__init__()
        self.FUNCTION_CODE = functions.ORDER_FULFILMENT.code
        self.args = args
        self.proposed = proposed
        self.done: list[fulfilment.Outcome] | None = None

    def body(self) -> ComposeResult:
        yield RowList(order_forms.PROPOSAL_HEADER, rows=self.app.size.height - 6, id="lines")

    def on_mount(self) -> None:
        self._paint()

    def _paint(self) -> None:
        shipping = sum(1 for p in self.proposed if p.to_ship > 0)
        self.query_one("#title").update(
            f"Evasione: {shipping} righe da evadere su {len(self.proposed)} — Invio cambia "
            "la quantità, F10 evade")
        self.query_one(RowList).set_lines([order_forms.proposal_line(p)
                                           for p in self.proposed], keep=True)

    async def handle_key(self, event: events.Key) -> bool:
        return self.query_one(RowList).navigate(event.key)

    async def action_change(self) -> None:
        if self.done is not None:
            return
        line = self.proposed[self.query_one(RowList).highlight]

        def check(values: dict[str, Any]) -> None:
            qty = values["to_ship"]
            if qty < 0 or qty > line.residual:
                raise ValidationError("to_ship", f"da 0 al residuo "
                                      f"{order_forms.qty(line.residual)}", "Da evadere")

        def changed(values: dict[str, Any] | None) -> None:
            if values:
                line.to_ship = Decimal(values["to_ship"])
                self._paint()

        dialog = MaskDialog(TO_SHIP, changed, {"to_ship": order_forms.qty(line.to_ship)},
                            f"Ordine {line.order} riga {line.position}, {line.article}: "
                            f"residuo {order_forms.qty(line.residual)}")
        dialog.check = check
        await self.app.push_screen(dialog)

    async def action_fulfil(self) -> None:
        if self.done is not None:
            self.say("Evasione già eseguita: Esc per tornare ai parametri")
            return
        if not any(p.to_ship > 0 for p in self.proposed):
            self.say("Nessuna quantità da evadere")
            return

        async def answered(yes: bool) -> None:
            if yes:
                self.execute()

        await self.app.push_screen(Confirm("Generare i documenti di evasione?", answered))

    def execute(self) -> None:
        a = self.args
        try:
            self.done = fulfilment.fulfil(
                self.ctx, self.proposed, kind=a["selection"].kind, target=a["target"],
                day=a["day"], series=a["series"], group=a["group"],
                close_rest=a["close_rest"])
        except GammaError as exc:
            self.say(exc.message)
            return
        made = sum(1 for o in self.done if o.document is not None)
        self.query_one("#title").update(f"Documenti di evasione generati: {made}"
                                        + (f", non generati: {len(self.done) - made}"
                                           if made < len(self.done) else ""))
        rows = self.query_one(RowList)
        rows.query_one("#row-header").update("Esito")
        rows.set_lines(order_forms.result_lines(self.done))
        self.say("Esc per tornare ai parametri")

