"""What the administration screens share: lists whose rows can be deleted (Del, asked
first), lists that only show (Enter tells the detail, Ins reads again), masks read-only
for who may only look, and the F2 lookup of a form's fields."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.binding import Binding

from gamma.errors import GammaError
from screens.dialogs import Confirm
from screens.list_screen import ListScreen
from screens.lookup import LookupScreen


class DeletingList(ListScreen):
    """A list whose highlighted row Del deletes, after a S/N question."""

    BINDINGS = [Binding("delete", "delete", "Elimina")]

    def delete_question(self, row: dict[str, Any]) -> str:
        raise NotImplementedError

    def delete_row(self, row: dict[str, Any]) -> str:
        """Call the service; return the message for the operator."""
        raise NotImplementedError

    async def handle_key(self, event: events.Key) -> bool:
        if event.key == "delete":  # not an edit of the filter here
            await self.action_delete()
            return True
        return await super().handle_key(event)

    async def action_delete(self) -> None:
        row = self.selected()
        if row is None:
            self.say("Nessuna riga da eliminare")
            return

        def answered(yes: bool) -> None:
            if not yes:
                return
            try:
                message = self.delete_row(row)
            except GammaError as exc:
                self.say(exc.message)
                return
            self.refresh_rows(keep=True)
            self.say(message)

        await self.app.push_screen(Confirm(self.delete_question(row), answered))


class ShowingList(ListScreen):
    """A list that only shows: Enter tells the row's detail, Ins reads the list again."""

    BINDINGS = [Binding("enter", "open", "Dettaglio"),
                Binding("insert", "new", "Aggiorna", show=False)]

    def detail(self, row: dict[str, Any]) -> str:
        return ""

    async def action_open(self) -> None:
        row = self.selected()
        if row is not None:
            self.say(self.detail(row))

    async def action_new(self) -> None:
        self.refresh_rows(keep=True)
        self.say(f"Righe: {len(self.rows)}")


class ShowingDeletingList(DeletingList, ShowingList):
    BINDINGS = [Binding("delete", "delete", "Elimina")]


async def lookup_form_field(screen, form_field: str = "form") -> bool:
    """F2 on a field holding a field name: the fields of the form typed in `form_field`.
    True when handled (the current field is such a field)."""
    current = screen.mask.current()
    if current.field.lookup != "form_field" or current.read_only or screen.read_only:
        return False
    names = {i.field.name for i in screen.mask.inputs}
    form = screen.mask.input(form_field).value.strip() if form_field in names else ""
    typed = current.value.split(":")[0].strip()
    start = f"{form}.{typed}" if form else typed

    def chosen(value: str | None) -> None:
        if value is None:
            return
        rest = current.value.partition(":")
        current.value = value + (rest[1] + rest[2] if rest[1] else "")
        screen.changed()
        screen.leave_field()

    await screen.app.push_screen(LookupScreen("form_field", start, on_result=chosen))
    return True


class ReadOnlyUnlessAllowed:
    """Mixin for a MaskScreen opened from a list: read-only for an operator who may list
    the records but not change them (the service would refuse the save anyway)."""

    def prepare(self) -> None:
        from gamma.access import permissions
        if not permissions.function_allowed(self.app.ctx.operator, self.FUNCTION_CODE):
            self.read_only = True
        super().prepare()
