"""The lines of a document (202, 203): the list of lines with the totals always in view,
a line mask per line (Ins adds, Enter changes, Del removes), F10 confirms. Every change
saves the draft through the service, which prices the lines and computes the totals: a
dropped line loses nothing."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Static

from gamma import numbers
from gamma.access import permissions
from gamma.errors import GammaError
from gamma.sales import (advances, credit, document_forms as forms_, documents, kinds,
                         quantities)
from gamma.sales.confirm import confirm
from gamma.stock import lot_forms
from screens.base import GammaScreen, Plain
from screens.dialogs import Confirm
from screens.mask.mask import LABEL_WIDTH, Mask
from screens.mask_dialog import MaskDialog
from screens.row_list import RowList
from screens.sales.common import ChoiceDialog, PartyArticleLookup, TextDialog

# (label, width, right-aligned): 12 + 20 + 9 + 10 + 7 + 11 + 4 and six spaces = 79.
COLUMNS = (("Codice", 12, False), ("Descrizione", 20, False), ("Quantità", 9, True),
           ("Prezzo", 10, True), ("Sconti", 7, False), ("Importo", 11, True),
           ("IVA", 4, False))


def short(value: Decimal | None, places: int, least: int = 0) -> str:
    """A number with no more decimals than it needs (at least `least`)."""
    if value is None:
        return ""
    value = Decimal(value)
    shown = least
    while shown < places and value != value.quantize(Decimal(1).scaleb(-shown)):
        shown += 1
    return numbers.format_decimal(value, shown)


def row_text(cells: list[str]) -> str:
    out = []
    for text, (_, width, right) in zip(cells, COLUMNS):
        text = text[:width]
        out.append(text.rjust(width) if right else text.ljust(width))
    return " ".join(out)


def line_cells(line) -> list[str]:
    vat = line.vat_code.code if line.vat_code_id else ""
    if line.line_kind == "comment":
        return ["", line.description, "", "", "", "", ""]
    if line.line_kind == "text":
        return ["", (line.long_text or "").splitlines()[0] if line.long_text else "", "",
                "", "", "", ""]
    if line.line_kind in ("amount", "charge"):
        return ["", line.description, "", "", "", short(line.amount, 2, 2), vat]
    description = line.description
    if line.gift:
        description = "(omaggio) " + description
    return [line.code, description, short(line.qty, 3), short(line.price, 6, 2),
            line.discounts, short(line.amount, 2, 2), vat]


class LineDialog(MaskDialog):
    """One line: article (F2 finds by code, description, barcode, the customer's code),
    the quantity as the operator's entry mode wants it, price and discounts (empty: the
    price engine's), VAT, gift. F5 last prices, F6 stock, F7 how the price is made."""

    DEFAULT_CSS = """
    LineDialog > Vertical { width: 78; }
    """
    BINDINGS = [Binding("f2", "lookup", "Ricerca"), Binding("f5", "recall", "Ult.prezzi"),
                Binding("f6", "stock", "Giacenza"), Binding("f7", "explain", "Prezzo"),
                Binding("f8", "lot", "Lotto"),
                Binding("f10", "confirm", "Conferma"), Binding("escape", "cancel", "Annulla")]

    def __init__(self, owner: "DocumentLines", index: int | None, mode: str,
                 data: dict[str, Any] | None = None):
        title = "Nuova riga" if index is None else f"Riga {index + 1}"
        mode_label = quantities.MODES[mode][0]
        super().__init__(forms_.LINE, self._saved, title=f"{title} — quantità: {mode_label}")
        self.owner = owner
        self.index = index
        self.mode = mode
        self.data = data

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Plain(self.title_text, classes="title")
            yield self.make_mask()
            yield Plain("", id="dialog-message")
            yield Plain("F10 conferma Esc annulla F2 ricerca F5 ult.prezzi F6 giac. "
                        "F7 prezzo F8 lotto", classes="keys")

    def make_mask(self) -> Mask:
        mask = super().make_mask()
        parts = quantities.MODES[self.mode][1]
        room = 78 - 4 - LABEL_WIDTH - 2
        mask.placed = [dataclasses.replace(p, width=min(p.width, room)) for p in mask.placed
                       if (p.field.name != "qty" or not parts)
                       and (p.field.name not in forms_.PART_FIELDS or p.field.name in parts)
                       and (p.field.name != "delivery_date"  # orders only
                            or self.owner.doc.kind in ("customer_order", "supplier_order"))]
        return mask

    def on_mount(self) -> None:
        values = forms_.line_values(self.data) if self.data else None
        if values is not None:
            values = {k: v for k, v in values.items() if v is not None}
        self.start_mask(values or None)

    # -- the keys ---------------------------------------------------------------------
    def _article(self):
        typed = self.mask.input("article").value.strip()
        if not typed:
            self.say("Indicare prima l'articolo")
            return None
        found = forms_.find_article(self.app.ctx, typed, self.owner.doc.party)
        if found is None:
            self.say(f"Articolo {typed} inesistente")
        return found

    def _qty(self) -> Decimal | None:
        try:
            values = self.mask.values(self.app.ctx.today())
        except GammaError:
            return None
        return values.get("qty")

    async def action_lookup(self) -> None:
        current = self.mask.current()
        if current.field.name != "article":
            await self.open_lookup()
            return
        party = self.owner.doc.party

        def chosen(value: str | None) -> None:
            if value is not None:
                current.value = value
                self.leave_field()

        await self.app.push_screen(PartyArticleLookup(party.code if party else "",
                                                      current.value.strip(), chosen))

    async def action_recall(self) -> None:
        """F5: the last prices to this customer for the article."""
        article = self._article()
        if article is not None:
            await self.app.push_screen(TextDialog(
                f"Ultimi prezzi di {article.code}",
                forms_.price_recall(self.app.ctx, self.owner.doc.party, article)))

    async def action_stock(self) -> None:
        """F6: on hand and available."""
        article = self._article()
        if article is not None:
            try:
                lines = forms_.stock_lines(self.app.ctx, article,
                                           (self.data or {}).get("depot"))
            except GammaError as exc:
                self.say(exc.message)
                return
            await self.app.push_screen(TextDialog("Giacenza", lines))

    async def action_explain(self) -> None:
        """F7: the price the engine gives and every condition it considered."""
        article = self._article()
        if article is None:
            return
        try:
            lines = forms_.explain(self.app.ctx, self.owner.doc, article, self._qty())
        except GammaError as exc:
            self.say(exc.message)
            return
        await self.app.push_screen(TextDialog(f"Prezzo di {article.code}", lines))

    def action_lot(self) -> None:
        """F8: the lot to take, first expiring with enough stock (FEFO), in the lot field."""
        article = self._article()
        if article is None:
            return
        try:
            code, message = lot_forms.propose_lot(
                self.app.ctx, article, self._qty(), (self.data or {}).get("depot"),
                self.owner.doc.party, self.owner.doc.date)
        except GammaError as exc:
            self.say(exc.message)
            return
        if code is not None:
            self.mask.input("lot").value = code
        self.say(message)

    async def after_field(self, field_input) -> bool:
        """An article found fills the description left empty."""
        if field_input.field.name == "article" and field_input.value.strip():
            article = forms_.find_article(self.app.ctx, field_input.value.strip(),
                                          self.owner.doc.party)
            if article is None:
                self.say(f"Articolo {field_input.value.strip()} inesistente (F2 per cercare)")
                return False
            description = self.mask.input("description")
            if not description.value.strip() or self.data is None:
                description.value = article.description
        return True

    # -- saving -----------------------------------------------------------------------
    def check(self, values: dict[str, Any]) -> None:
        """Save the draft with this line; a wrong line keeps the dialog open."""
        data = forms_.line_data(self.app.ctx, values, self.mode, self.owner.doc.party)
        if self.data and "origin" in self.data:
            data["origin"] = self.data["origin"]
        if self.data and "depot" in self.data and "article" in data:
            data["depot"] = self.data["depot"]
        inputs = list(self.owner.inputs)
        if self.index is None:
            inputs.append(data)
        else:
            inputs[self.index] = data
        self.owner.save_inputs(inputs)

    def _saved(self, values: dict[str, Any] | None) -> None:
        if values is not None:
            self.owner.after_line_saved(self.index)


class SupervisorDialog(MaskDialog):
    """The login and password of whoever forces the credit block (function 209)."""

    def __init__(self, on_result):
        super().__init__(forms_.SUPERVISOR, on_result,
                         title="Forzatura del fido: utente e password del responsabile")
        self.supervisor = None

    def check(self, values: dict[str, Any]) -> None:
        self.supervisor = credit.supervisor(self.app.ctx, values["login"], values["password"])


class DocumentLines(GammaScreen):
    """The document's lines and totals; the draft is saved at every change."""

    DEFAULT_CSS = """
    DocumentLines #info { height: 1; color: $text-muted; }
    DocumentLines #totals { height: 1; text-style: bold; }
    """
    BINDINGS = [
        Binding("f1", "app.show_keys", "Tasti", show=False),  # listed by F1: 80 columns
        Binding("insert", "new", "Nuova"),
        Binding("enter", "edit", "Modifica"),
        Binding("delete", "delete", "Elimina"),
        Binding("f5", "header", "Testata"),
        Binding("f6", "qty_mode", "Q.tà"),
        Binding("f7", "explode", "Esplodi kit", show=False),  # listed by F1
        Binding("f8", "deduct_advance", "Storno acconto", show=False),  # listed by F1
        Binding("f10", "confirm", "Conferma"),
        Binding("escape", "leave", "Esci"),
    ]

    def __init__(self, document_id: int | str = 0, read_only: bool = False, **_ignored):
        super().__init__()
        self.document_id = int(document_id)
        self.read_only = read_only
        self.doc = None
        self.stored: list = []
        self.inputs: list[dict[str, Any]] = []
        self.input_of_row: list[int | None] = []
        self.mode = "qty"

    def prepare(self) -> None:
        """Read the document before showing (app.open_screen); may raise."""
        self.doc = documents.get(self.app.ctx, self.document_id)
        self.FUNCTION_CODE = "203" if self.doc.kind == "counter" else "202"
        if self.doc.status != kinds.DRAFT:
            self.read_only = True

    def body(self) -> ComposeResult:
        header = row_text([label for label, _, _ in COLUMNS])
        yield RowList(header, rows=self.app.size.height - 8, id="rows")
        yield Plain("", id="info")
        yield Plain("", id="totals")

    def on_mount(self) -> None:
        self.query_one(Footer).compact = True  # eight keys in 80 columns
        self.reload()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.reload(keep=True)

    # -- showing ----------------------------------------------------------------------
    def reload(self, keep: bool = False) -> None:
        ctx = self.app.ctx
        self.prepare()
        doc = self.doc
        self.stored = documents.lines_of(doc)
        self.inputs = [] if self.read_only else forms_.line_inputs(ctx, doc)
        by_position = {p: i for i, data in enumerate(self.inputs)
                       for p in data.get("_positions", ())}
        self.input_of_row = [by_position.get(line.position) for line in self.stored]
        self.mode = forms_.qty_mode(ctx, doc.kind)
        self.query_one(RowList).set_lines([row_text(line_cells(line))
                                           for line in self.stored], keep=keep)
        self.show_title()
        self.query_one("#totals", Static).update(
            f"Imponibile {short(doc.taxable, 2, 2)}   IVA {short(doc.vat, 2, 2)}   "
            f"Totale {short(doc.total, 2, 2)}"
            + (f"   Da pagare {short(doc.due, 2, 2)}" if doc.due != doc.total else ""))
        self.show_info()

    def show_title(self) -> None:
        doc = self.doc
        party = doc.party
        who = f"{party.code} {party.name}" if party is not None else "senza cliente"
        state = "" if doc.status == kinds.DRAFT else " (sola lettura)"
        mode = "" if self.read_only else f" — q.tà: {quantities.MODES[self.mode][0]}"
        self.query_one("#title", Static).update(
            f"{documents.name(doc)}{state} — {who}"[:80 - len(mode)] + mode)

    def show_info(self) -> None:
        line = self.selected_line()
        text = ""
        if line is not None and line.line_kind in ("article", "manual", "charge"):
            text = f"Prezzo: {line.price_source or '—'}"
            if line.line_kind == "article" and permissions.sensitive_data(
                    self.app.ctx.operator).margins:
                margin = forms_.margin(line)
                if margin:
                    text += f"   {margin}"
        self.query_one("#info", Static).update(text[:80])

    def selected_line(self):
        if not self.stored:
            return None
        return self.stored[self.query_one(RowList).highlight]

    async def handle_key(self, event: events.Key) -> bool:
        if self.query_one(RowList).navigate(event.key):
            self.show_info()
            return True
        return False

    # -- changing ---------------------------------------------------------------------
    def writable(self) -> bool:
        if self.read_only:
            self.say("Documento confermato: sola lettura (Esc per uscire)")
        return not self.read_only

    def save_inputs(self, inputs: list[dict[str, Any]]) -> None:
        """Save the draft with these lines (raises GammaError, nothing saved)."""
        saved = documents.save_draft(self.app.ctx, {"lines": [forms_.clean(d)
                                                              for d in inputs]},
                                     self.document_id)
        self.doc = saved.document
        self.warnings = saved.warnings

    def after_line_saved(self, index: int | None) -> None:
        self.reload(keep=True)
        rows = self.query_one(RowList)
        if index is None:
            rows.move(len(self.stored))
        self.show_info()
        warnings = getattr(self, "warnings", [])
        self.say("; ".join(warnings) if warnings else "Riga registrata nella bozza")

    def _editable_index(self) -> int | None:
        line = self.selected_line()
        if line is None:
            return None
        index = self.input_of_row[self.query_one(RowList).highlight]
        if index is None:
            self.say("Riga calcolata (spese, omaggio della promozione): non si modifica")
        return index

    async def action_new(self) -> None:
        if self.writable():
            await self.app.push_screen(LineDialog(self, None, self.mode))

    async def action_edit(self) -> None:
        if not self.writable():
            return
        if not self.stored:
            await self.action_new()
            return
        index = self._editable_index()
        if index is None:
            return
        data = self.inputs[index]
        mode = data.get("qty_mode") or ("qty" if "article" in data or "comment" in data
                                        else self.mode)
        await self.app.push_screen(LineDialog(self, index, mode, data))

    async def action_delete(self) -> None:
        if not self.writable():
            return
        index = self._editable_index()
        if index is None:
            return
        line = self.selected_line()

        async def answered(yes: bool) -> None:
            if not yes:
                return
            inputs = [d for i, d in enumerate(self.inputs) if i != index]
            try:
                self.save_inputs(inputs)
            except GammaError as exc:
                self.say(exc.message)
                return
            self.reload(keep=True)
            self.say(f"Riga {line.position} eliminata")

        await self.app.push_screen(Confirm(
            f"Eliminare la riga {line.position} {line.code} {line.description}?", answered))

    async def action_explode(self) -> None:
        """F7: the kit on the highlighted line followed by its components (a kit exploded
        on request; its mode says which lines carry the value)."""
        from gamma.kits.document_lines import explode_line
        line = self.selected_line()
        if not self.writable() or line is None:
            return
        try:
            self.doc = explode_line(self.app.ctx, self.document_id, line.position)
        except GammaError as exc:
            self.say(exc.message)
            return
        self.reload(keep=True)
        self.say(f"Kit {line.code} esploso nei suoi componenti")

    async def action_deduct_advance(self) -> None:
        """F8: an advance invoice of this customer deducted (storno acconto), asked by its
        number and year, whole or a part of it; its lines are added at the end of the
        draft."""
        if not self.writable():
            return
        if self.doc.kind not in advances.FINAL_KINDS:
            self.say("Lo storno acconto si fa solo in fattura")
            return

        def check(values: dict[str, Any]) -> None:
            found = advances.find(self.app.ctx, values["number"], values["year"],
                                  self.doc.party_id)
            lines = advances.deduction_lines(self.app.ctx, found.id, self.doc.kind,
                                             values.get("amount"))
            self.save_inputs(self.inputs + lines)

        def done(values: dict[str, Any] | None) -> None:
            if values is not None:
                self.after_line_saved(None)
                self.say(f"Stornata la fattura di acconto n. {values['number']}")

        dialog = MaskDialog(advances.FORM, done, {"number": "", "year": str(self.doc.year)})
        dialog.check = check
        await self.app.push_screen(dialog)

    async def action_header(self) -> None:
        """F5: the header of this document (customer, payment, transport)."""
        from screens.sales.documents import CounterMask, DocumentMask
        mask = CounterMask if self.doc.kind == "counter" else DocumentMask
        await self.app.open_screen(mask(record_key=str(self.document_id),
                                        read_only=self.read_only, from_lines=True))

    def action_qty_mode(self) -> None:
        """F6: the next quantity entry mode, kept for this operator and kind."""
        if not self.writable():
            return
        self.mode = forms_.next_qty_mode(self.app.ctx, self.doc.kind)
        self.show_title()
        self.say(f"Quantità: {quantities.MODES[self.mode][0]}")

    async def action_leave(self) -> None:
        await self.app.pop_screen()
        if not self.read_only:
            say = getattr(self.app.screen, "say", None)
            if say is not None:
                say(f"{documents.name(self.doc)} conservata: si riprende riaprendo la "
                    "funzione")

    # -- confirming -------------------------------------------------------------------
    async def action_confirm(self) -> None:
        if not self.writable():
            return
        if self.doc.kind != "counter":
            await self.confirm_as(None)
            return

        async def chosen(kind: str | None) -> None:
            if kind is not None:
                await self.confirm_as(kind)

        await self.app.push_screen(ChoiceDialog(
            "Quale documento emettere?",
            [(k, kinds.label(k)) for k in kinds.COUNTER_TARGETS], chosen))

    async def confirm_as(self, kind: str | None, override=None) -> None:
        try:
            done = confirm(self.app.ctx, self.document_id, kind=kind, override=override)
        except credit.CreditBlocked as exc:
            await self._offer_override(exc, kind)
            return
        except GammaError as exc:
            self.say(exc.message)
            return
        message = forms_.confirmed_text(done.document)
        await self.app.pop_screen()
        say = getattr(self.app.screen, "say", None)
        if say is not None:
            say(message)
        if done.warnings:
            await self.app.push_screen(TextDialog(message, ["Attenzione:", *done.warnings]))

    async def _offer_override(self, exc: credit.CreditBlocked, kind: str | None) -> None:
        async def forced(values) -> None:
            if values is not None:
                await self.confirm_as(kind, override=dialog.supervisor)

        dialog = SupervisorDialog(forced)

        async def answered(yes: bool) -> None:
            if yes:
                await self.app.push_screen(dialog)
            else:
                self.say(exc.message)

        await self.app.push_screen(Confirm(
            f"{exc.message}. Forzare con utente e password di un responsabile?", answered))
