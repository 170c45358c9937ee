"""232 supplier e-invoices received: the list (supplier, number, date, total), filtered as
the operator types; Enter shows one as a readable invoice, PgUp/PgDn scroll; F5 makes the
self-invoice (TD16-TD19) of the selected one, asking its type and VAT code."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding

from gamma import functions, numbers
from gamma.einvoice import receive, receive_view, selfinvoice
from gamma.sales import documents
from screens.admin.common import ShowingList
from screens.base import GammaScreen
from screens.mask_dialog import MaskDialog
from screens.registry import opens
from screens.sales.prices import TextPage, wrap


@opens(functions.RECEIVED_INVOICES)
class ReceivedList(ShowingList):
    SOURCE = "received_invoice"
    TITLE_TEXT = "Fatture elettroniche ricevute"
    BINDINGS = [Binding("f5", "self_invoice", "Autofattura")]

    async def action_open(self) -> None:
        row = self.selected()
        if row is not None:
            await self.app.push_screen(ReceivedView(int(row["id"])))

    async def action_self_invoice(self) -> None:
        """F5: the self-invoice of the selected invoice; a refusal (wrong type for the
        supplier's country, one made already) keeps the dialog open with the reason."""
        row = self.selected()
        if row is None:
            self.say("Nessuna fattura selezionata")
            return
        made = []

        def create(values) -> None:
            made.append(selfinvoice.create(self.ctx, int(row["id"]), values["type"],
                                           values["vat_code"]))

        def done(values) -> None:
            if values is not None and made:
                doc = made[0]
                self.say(f"Creata {documents.name(doc)}: totale "
                         f"{numbers.format_decimal(doc.total, 2)}")

        dialog = SelfInvoiceDialog(selfinvoice.FORM, done, {"type": "", "vat_code": "22"},
                            f"Autofattura della fattura ricevuta n. {row['number']}")
        dialog.check = create
        await self.app.push_screen(dialog)


class SelfInvoiceDialog(MaskDialog):
    """Two lines for the reason of a refusal: they name the type, the supplier, its
    country."""

    DEFAULT_CSS = """
    SelfInvoiceDialog #dialog-message { height: 2; }
    """


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
