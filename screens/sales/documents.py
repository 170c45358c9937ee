"""201 the documents list, 202 the document header (the kind first), 203 the counter
sale (its kind chosen at confirmation). F10 on the header saves the draft and goes to
the lines; a draft left unconfirmed is offered again when the function is reopened."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding

from gamma import drafts, functions
from gamma.errors import GammaError
from gamma.master import parties
from gamma.master.parties import PartyDeactivated
from gamma.sales import credit, document_forms as forms_, documents, kinds
from screens.base import Plain
from screens.dialogs import Confirm, Dialog
from screens.list_screen import ListScreen
from screens.mask.mask import Mask
from screens.mask_screen import MaskScreen
from screens.registry import opens
from screens.row_list import RowList
from screens.sales.einvoices import export_document
from screens.sales.lines import DocumentLines, short


class DraftsDialog(Dialog):
    """The operator's drafts: Enter resumes one, Del deletes it, Esc starts a new one."""

    DEFAULT_CSS = """
    DraftsDialog > Vertical { width: 78; height: auto; }
    """
    BINDINGS = [Binding("enter", "resume", "Riprendi"), Binding("delete", "discard", "Elimina"),
                Binding("escape", "new", "Nuovo")]

    def __init__(self, rows: list[dict], on_result):
        super().__init__(on_result)
        self.rows = rows

    def compose(self) -> ComposeResult:
        from textual.containers import Vertical
        with Vertical():
            yield Plain("Bozze non confermate: Invio riprende, Canc elimina, Esc nuovo "
                        "documento")
            yield RowList("", rows=min(10, max(1, len(self.rows))), id="drafts")

    def on_mount(self) -> None:
        self._paint()

    def _paint(self) -> None:
        self.query_one(RowList).set_lines(
            [f"{r['kind'][:22]:<22} {r['date']} {r['customer']:<10} {r['name'][:22]:<22} "
             f"{r['total']:>10}" for r in self.rows], keep=True)

    async def handle_key(self, event: events.Key) -> bool:
        return self.query_one(RowList).navigate(event.key)

    async def action_resume(self) -> None:
        await self.finish(self.rows[self.query_one(RowList).highlight]["id"])

    async def action_discard(self) -> None:
        row = self.rows[self.query_one(RowList).highlight]
        try:
            documents.delete_draft(self.app.ctx, row["id"])
        except GammaError as exc:
            self.query_one(Plain).update(exc.message)
            return
        self.rows.remove(row)
        if not self.rows:
            await self.finish(None)
        else:
            self._paint()

    async def action_new(self) -> None:
        await self.finish(None)


@opens(functions.DOCUMENT_EDIT)
class DocumentMask(MaskScreen):
    """The header: kind, customer (F2; a deactivated one offers its replacement), date,
    series, payment, destination, agent, price list, discounts, transport data; the
    customer's exposure under the mask. F10 saves the draft and opens the lines; F8
    exports a confirmed document as an e-invoice."""

    BINDINGS = [Binding("f8", "einvoice", "Fatt.el.")]

    FORM = forms_.HEADER
    COUNTER = False
    CHROME_LINES = 7  # and the two lines of the exposure

    def __init__(self, record_key: str = "", texts: dict[str, str] | None = None,
                 read_only: bool = False, from_lines: bool = False, **_ignored):
        # A new header is kept as a mask draft until its F10 makes it a document, which is
        # from then on the draft itself (saved by the service at every line).
        self.DRAFTS = not record_key
        super().__init__(record_key=record_key, texts=texts if not record_key else None,
                         read_only=read_only)
        self.from_lines = from_lines
        self.party_code = ""
        self.doc = None

    def heading(self) -> str:
        if self.record_key:
            return "Testata " + documents.name(self.doc) + (" — sola lettura"
                                                           if self.read_only else "")
        return functions.COUNTER_SALE.label() if self.COUNTER else "Nuovo documento di vendita"

    def make_mask(self) -> Mask:
        mask = super().make_mask()
        if self.COUNTER:
            mask.placed = [p for p in mask.placed if p.field.name != "kind"]
        return mask

    def body(self) -> ComposeResult:
        yield self.make_mask()
        yield Plain("", id="exposure")
        yield Plain("", id="exposure2")

    def fixed_fields(self) -> set[str]:
        return {"kind"} if self.record_key else set()

    def load(self) -> dict[str, Any] | None:
        if not self.record_key:
            self.doc = None
            return None
        self.doc = documents.get(self.app.ctx, int(self.record_key))
        if self.doc.status != kinds.DRAFT:
            self.read_only = True
        values = forms_.header_values(self.doc)
        self.party_code = values.get("customer") or ""
        return values

    def on_mount(self) -> None:
        if self.party_code and self.doc is not None and self.doc.party is not None:
            self.show_exposure(self.doc.party)
        if not self.record_key:
            self.call_after_refresh(self.offer_drafts)

    # -- drafts -----------------------------------------------------------------------
    async def offer_drafts(self) -> None:
        rows = forms_.drafts_of(self.app.ctx, self.COUNTER)
        if not rows or self.app.screen is not self:
            return

        async def chosen(document_id: int | None) -> None:
            if document_id is not None:
                await self.open_lines(document_id)

        await self.app.push_screen(DraftsDialog(rows, chosen))

    async def open_lines(self, document_id: int, warnings: list[str] = ()) -> None:
        lines = DocumentLines(document_id)
        try:
            lines.prepare()
        except GammaError as exc:
            self.say(exc.message)
            return
        await self.app.switch_screen(lines)
        if warnings:
            lines.say("; ".join(warnings))

    # -- the customer -----------------------------------------------------------------
    def show_exposure(self, party) -> None:
        first, second = "", ""
        if party is not None:
            try:
                exp = credit.exposure(self.app.ctx, party)
            except GammaError:
                exp = None
            if exp is not None:
                first = (f"Rischio {party.code}: partite aperte {short(exp.open_items, 2, 2)}"
                         f"   DDT da fatturare {short(exp.unposted, 2, 2)}")
                left = exp.left()
                second = (f"effetti presentati {short(exp.bills_presented, 2, 2)}   fido "
                          + (short(exp.limit, 2, 2) if exp.limit is not None else "nessuno")
                          + (f"   residuo {short(left, 2, 2)}" if left is not None else ""))
        self.query_one("#exposure", Plain).update(first[:80])
        self.query_one("#exposure2", Plain).update(second[:80])

    def customer_chosen(self, party) -> None:
        if party.code != self.party_code:
            self.party_code = party.code
            self.mask.fill(forms_.party_defaults(party))
        self.show_exposure(party)

    async def after_field(self, field_input) -> bool:
        if field_input.field.name != "customer":
            return True
        code = field_input.value.strip().upper()
        if not code:
            self.show_exposure(None)
            return True
        # A supplier order (or goods receipt) names a supplier, the other kinds a customer.
        role = "supplier" if kinds.KINDS.get(forms_.kind_of(
            self.mask.texts(), self.COUNTER), kinds.KINDS["invoice"]).supplier else "customer"
        try:
            use = parties.use_party(self.app.ctx, code, role)
        except PartyDeactivated as exc:
            await self._offer_replacement(field_input, exc)
            return False
        except GammaError as exc:
            self.say(exc.message)
            return False
        if use.blocked:
            self.say(use.warning)
            kind = forms_.kind_of(self.mask.texts(), self.COUNTER)
            if kinds.get(kind).credit_check:
                return False
        self.customer_chosen(use.party)
        return True

    async def _offer_replacement(self, field_input, exc: PartyDeactivated) -> None:
        replacement = exc.replacement
        if replacement is None:
            self.say(exc.message)
            return

        async def answered(yes: bool) -> None:
            if not yes:
                self.say(exc.message)
                self.mask.focus_field("customer")
                return
            field_input.value = replacement.code
            if await self.after_field(field_input):
                self.mask.focus_field("customer")
                self.mask.step(1)

        await self.app.push_screen(Confirm(
            f"{exc.message} ({replacement.name}). Usare {replacement.code}?", answered))

    def action_einvoice(self) -> None:
        export_document(self, self.doc.id if self.doc is not None else None)

    # -- confirming -------------------------------------------------------------------
    async def action_confirm(self) -> None:
        if self.read_only:
            self.say("Sola lettura: nulla da confermare (Esc per uscire)")
            return
        values = self.mask_values()
        if values is None:
            return
        document_id = int(self.record_key) if self.record_key else None
        try:
            saved = documents.save_draft(self.app.ctx, forms_.header_data(values,
                                                                          self.COUNTER),
                                         document_id)
        except PartyDeactivated as exc:
            await self._offer_replacement(self.mask.focus_field("customer"), exc)
            return
        except GammaError as exc:
            self.show_error(exc)
            return
        self.mark_clean()
        if self.DRAFTS:
            drafts.discard(self.app.ctx, self.FORM.name, self.record_key)
        if self.from_lines:
            await self.close("Testata registrata" + (
                ": " + "; ".join(saved.warnings) if saved.warnings else ""))
            return
        await self.open_lines(saved.document.id, saved.warnings)


@opens(functions.COUNTER_SALE)
class CounterMask(DocumentMask):
    """The counter sale: the customer is optional, the kind is chosen at F10 of the lines."""

    COUNTER = True


@opens(functions.DOCUMENT_LIST)
class DocumentList(ListScreen):
    """Every document: Enter opens it (a draft for editing, the others read-only), Ins
    starts a new one, F8 exports the highlighted one as an e-invoice."""

    SOURCE = "document"
    BINDINGS = [Binding("f8", "einvoice", "Fatt.el.")]

    def action_einvoice(self) -> None:
        row = self.selected()
        export_document(self, row["id"] if row is not None else None)
        self.refresh_rows(keep=True)

    async def action_open(self) -> None:
        row = self.selected()
        if row is not None:
            await self.app.open_screen(DocumentLines(row["id"]))

    async def action_new(self) -> None:
        await self.app.open_screen(DocumentMask())
