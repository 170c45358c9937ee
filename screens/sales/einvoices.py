"""231 e-invoices issued: the files made (document, file, progressive, state, last event),
newest first, filtered as the operator types and by state (F4). Enter shows the history of
the document's files with SDI's outcomes and error codes; F5 the file as a readable
invoice; Ins exports a document chosen from the list of documents; F6 regenerates a
rejected file; F7 sends the highlighted file, F8 every ready one, through the configured
channel. The documents list (201) and the header (202) export their document with F8."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding

from gamma import functions, lookups
from gamma.einvoice import channels, files
from gamma.errors import GammaError
from screens.base import GammaScreen
from screens.dialogs import Confirm
from screens.list_screen import ListScreen
from screens.lookup import LookupScreen
from screens.registry import opens
from screens.sales.common import ChoiceDialog, TextDialog
from screens.sales.prices import TextPage, wrap


def export_document(screen, document_id: int | None) -> None:
    """Export one confirmed document and tell the operator the file name or why not."""
    if document_id is None:
        screen.say("Nessun documento da esportare")
        return
    try:
        made = files.export(screen.app.ctx, document_id)
    except GammaError as exc:
        tell(screen, "Fattura elettronica non generata", exc.message)
        return
    screen.say(f"Fattura elettronica {made.file_name} generata (pronta per l'invio)")


def tell(screen, title: str, message: str) -> None:
    """A one-line message under the screen; a longer one (the schema's complaints) in a
    box the operator closes."""
    if "\n" in message or len(message) > 78:
        screen.say(title)
        screen.app.push_screen(TextDialog(title, message.splitlines()))
    else:
        screen.say(message)


class TextScreen(GammaScreen):
    """Lines of text a page at a time: PgUp/PgDn and the arrows scroll, Esc returns."""

    BINDINGS = [
        Binding("f1", "app.show_keys", "Tasti"),
        Binding("pagedown", "page(1)", "Pag.succ."),
        Binding("pageup", "page(-1)", "Pag.prec."),
        Binding("escape", "app.pop_screen", "Esci"),
    ]

    def __init__(self, title: str = "", lines: list[str] | None = None, **_ignored):
        super().__init__()
        self.title_text = title
        self.lines = lines or []

    def body(self) -> ComposeResult:
        yield TextPage(self.app.size.height - 4, id="text")

    def on_mount(self) -> None:
        self.query_one("#title").update(self.title_text[:80])
        page = self.query_one("#text", TextPage)
        page.set_lines(wrap(self.lines))
        self.say("PgGiù/PgSu scorrono" if page.more else "")

    async def handle_key(self, event) -> bool:
        if event.key in ("pageup", "pagedown", "up", "down"):
            return self.query_one("#text", TextPage).navigate(event.key)
        return False

    def action_page(self, direction: int) -> None:
        page = self.query_one("#text", TextPage)
        page.scroll_by(direction * page.row_count)


STATE_CHOICES = [("", "Tutti")] + list(files.STATE_LABELS.items())


@opens(functions.EINVOICES)
class EInvoiceList(ListScreen):
    SOURCE = "einvoice_file"
    TITLE_TEXT = "Fatture elettroniche emesse"
    BINDINGS = [
        Binding("f3", "next_view", "Vista", show=False),  # the footer: this screen's keys
        Binding("f9", "app.favourites", "Preferiti", show=False),
        Binding("enter", "open", "Storia"),
        Binding("insert", "new", "Esporta"),
        Binding("f4", "state", "Stato"),
        Binding("f5", "show", "Vedi"),
        Binding("f6", "regenerate", "Rigenera"),
        Binding("f7", "send", "Invia"),
        Binding("f8", "send_ready", "Invia pronti"),
    ]

    def __init__(self, **kw):
        super().__init__(**kw)
        self.state = ""

    def view(self) -> lookups.View:
        view = super().view()
        if not self.state:
            return view
        return lookups.View(view.name, view.columns, {**view.filters, "state": self.state})

    def _title(self) -> None:
        label = files.STATE_LABELS.get(self.state)
        self.query_one("#title").update(self.TITLE_TEXT + (f" — {label.lower()}" if label
                                                           else ""))

    def _row(self) -> dict[str, Any] | None:
        row = self.selected()
        if row is None:
            self.say("Nessun file" + (" in questo stato" if self.state else ""))
        return row

    def _done(self, message: str) -> None:
        self.refresh_rows(keep=True)
        self.say(message)

    async def action_state(self) -> None:
        def chosen(state: str | None) -> None:
            if state is None:
                return
            self.state = state
            self._title()
            self.refresh_rows()
            self.say(f"File: {len(self.rows)}")

        await self.app.push_screen(ChoiceDialog("Quali file mostrare?", STATE_CHOICES,
                                                chosen))

    async def action_open(self) -> None:
        row = self._row()
        if row is None:
            return
        try:
            lines = files.history_lines(self.ctx, row["document_id"])
        except GammaError as exc:
            self.say(exc.message)
            return
        await self.app.push_screen(TextScreen(f"{row['document']}: file e esiti SdI", lines))

    async def action_show(self) -> None:
        row = self._row()
        if row is None:
            return
        try:
            text = files.view_text(files.get(self.ctx, row["id"]))
        except GammaError as exc:
            self.say(exc.message)
            return
        await self.app.push_screen(TextScreen(f"{row['file_name']} ({row['document']})",
                                              text.splitlines()))

    async def action_new(self) -> None:
        def chosen(key: str | None) -> None:
            if key is None:
                return
            export_document(self, int(key))
            self.refresh_rows()

        await self.app.push_screen(LookupScreen("document", "", on_result=chosen))

    async def action_regenerate(self) -> None:
        row = self._row()
        if row is None:
            return
        try:
            made = files.regenerate(self.ctx, row["document_id"])
        except GammaError as exc:
            tell(self, "File non rigenerato", exc.message)
            return
        self._done(f"Nuovo file {made.file_name} generato al posto di {row['file_name']}")

    async def action_send(self) -> None:
        row = self._row()
        if row is None:
            return
        try:
            [result] = channels.send(self.ctx, file_ids=[row["id"]])
        except GammaError as exc:
            tell(self, "Invio non eseguito", exc.message)
            return
        self.refresh_rows(keep=True)
        if result.ok:
            self.say(f"File {row['file_name']} inviato")
        else:
            tell(self, "Invio non riuscito", result.message)

    async def action_send_ready(self) -> None:
        ready = [r for r in files.overview(self.ctx, "ready")]
        if not ready:
            self.say("Nessun file pronto da inviare")
            return

        def answered(yes: bool) -> None:
            if not yes:
                return
            try:
                results = channels.send(self.ctx)
            except GammaError as exc:
                tell(self, "Invio non eseguito", exc.message)
                return
            self.refresh_rows(keep=True)
            failed = [r for r in results if not r.ok]
            if not failed:
                self.say(f"File inviati: {len(results)}")
                return
            self.app.push_screen(TextDialog(
                f"File inviati: {len(results) - len(failed)}, non riusciti: {len(failed)}",
                [r.message for r in failed]))

        await self.app.push_screen(Confirm(f"Inviare {len(ready)} file pronti?", answered))
