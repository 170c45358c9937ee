"""453 the recurring orders' panel: generation days, customer, template; F10 lists the
orders generated with their lines (referenze), what is left to ship and status, Enter
opens an order. F7 prints the distribution list (deliveries of a period, to ship or
complete) to a PDF file; F8 checks the orders to deliver on a day before they go to the
warehouse."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding

from gamma import functions
from gamma.recurring import panel, recurring_forms
from screens.base import GammaScreen
from screens.mask_dialog import MaskDialog
from screens.parameter_screen import ParameterScreen
from screens.registry import opens
from screens.row_list import RowList
from screens.sales.lines import DocumentLines
from screens.stock.query import StockQuery


@opens(functions.RECURRING_PANEL)
class PanelParameters(ParameterScreen):
    FORM = recurring_forms.PANEL
    COMMAND = recurring_forms.PANEL_COMMAND
    BINDINGS = [Binding("f7", "distribution", "Distribuzione"),
                Binding("f8", "shipping_check", "Controllo")]

    def on_mount(self) -> None:
        super().on_mount()  # the footer has no room left for F7 and F8: the title names them
        self.query_one("#title").update(
            f"{self.FORM.title} — F7 distribuzione, F8 controllo spedizione")

    async def action_shipping_check(self) -> None:
        await self.app.push_screen(ShippingCheck())

    async def run(self, values: dict[str, Any]) -> None:
        rows = panel.panel(self.ctx, values["start"], values.get("end") or values["start"],
                           values.get("customer") or "", values.get("template") or "")
        if not rows:
            self.say("Nessun ordine ricorrente generato con questi limiti")
            return
        await self.app.push_screen(PanelList(rows))

    async def action_distribution(self) -> None:
        day = self.ctx.today()

        def check(values: dict[str, Any]) -> None:
            path = Path(values["path"]).expanduser()
            data = panel.print_distribution(self.ctx, path, values["date"], values.get("to"),
                                            bool(values.get("complete")))
            orders = sum(len(g["orders"]) for g in data["groups"])
            self.say(f"Lista di distribuzione: {orders} ordini, scritta in {path}"[:80])

        dialog = MaskDialog(recurring_forms.DISTRIBUTION, None, {
            "path": str(recurring_forms.distribution_path(self.ctx, day))},
            "Lista di distribuzione degli ordini ricorrenti")
        dialog.check = check
        await self.app.push_screen(dialog)


class ShippingCheck(StockQuery):
    """The orders to deliver on a day checked again before the warehouse takes them."""

    FORM = recurring_forms.SHIPPING_CHECK
    FUNCTION_CODE = functions.RECURRING_PANEL.code

    def lines(self, values: dict) -> list[str]:
        return recurring_forms.shipping_check_lines(self.ctx, values)


class PanelList(GammaScreen):
    BINDINGS = [
        Binding("f1", "app.show_keys", "Tasti"),
        Binding("enter", "open", "Apri ordine"),
        Binding("escape", "app.pop_screen", "Esci"),
    ]

    def __init__(self, rows: list[dict[str, Any]]):
        super().__init__()
        self.FUNCTION_CODE = functions.RECURRING_PANEL.code
        self.rows = rows

    def body(self) -> ComposeResult:
        yield RowList(recurring_forms.PANEL_HEADER, rows=self.app.size.height - 6, id="rows")

    def on_mount(self) -> None:
        left = sum(r["residual_qty"] != "0" for r in self.rows)
        self.query_one("#title").update(f"Ordini ricorrenti: {len(self.rows)}, da spedire "
                                        f"{left} — Invio apre l'ordine")
        self.query_one(RowList).set_lines([recurring_forms.panel_line(r) for r in self.rows])

    async def handle_key(self, event: events.Key) -> bool:
        return self.query_one(RowList).navigate(event.key)

    async def action_open(self) -> None:
        if self.rows:
            row = self.rows[self.query_one(RowList).highlight]
            await self.app.open_screen(DocumentLines(row["id"]))
