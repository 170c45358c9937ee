"""232 supplier e-invoices received: the list (supplier, number, date, total), filtered as
the operator types; Enter shows one as a readable invoice, PgUp/PgDn scroll."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding

from gamma import functions
from gamma.einvoice import receive, receive_view
from screens.admin.common import ShowingList
from screens.base import GammaScreen
from screens.registry import opens
from screens.sales.prices import TextPage, wrap


@opens(functions.RECEIVED_INVOICES)
class ReceivedList(ShowingList):
    SOURCE = "received_invoice"
    TITLE_TEXT = "Fatture elettroniche ricevute"

    async def action_open(self) -> None:
        row = self.selected()
        if row is not None:
            await self.app.push_screen(ReceivedView(int(row["id"])))


class ReceivedView(GammaScreen):
    """One received invoice as text."""

    BINDINGS = [
        Binding("f1", "app.show_keys", "Tasti"),
        Binding("pagedown", "page(1)", "Pag.succ."),
        Binding("pageup", "page(-1)", "Pag.prec."),
        Binding("escape", "app.pop_screen", "Esci"),
    ]

    def __init__(self, invoice_id: int, **_ignored):
        super().__init__()
        self.invoice_id = invoice_id

    def body(self) -> ComposeResult:
        yield TextPage(self.app.size.height - 4, id="invoice")

    def on_mount(self) -> None:
        invoice = receive.get(self.ctx, self.invoice_id)
        self.query_one("#title").update(
            f"Fattura ricevuta {invoice.number} di {invoice.supplier.name}"[:80])
        page = self.query_one("#invoice", TextPage)
        page.set_lines(wrap(receive_view.text(invoice).splitlines()))
        self.say("PgGiù/PgSu scorrono la fattura" if page.more else "")

    async def handle_key(self, event) -> bool:
        if event.key in ("pageup", "pagedown", "up", "down"):
            return self.query_one("#invoice", TextPage).navigate(event.key)
        return False

    def action_page(self, direction: int) -> None:
        page = self.query_one("#invoice", TextPage)
        page.scroll_by(direction * page.row_count)
