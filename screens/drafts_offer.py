"""At login: the drafts left unconfirmed (also by a dropped line), offered again."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical


from gamma import drafts
from gamma.drafts import PendingDraft
from screens.base import Plain
from screens.dialogs import Dialog
from screens.registry import screen_for
from screens.row_list import RowList


class DraftsOffer(Dialog):
    DEFAULT_CSS = """
    DraftsOffer > Vertical { width: 76; height: 14; }
    """
    BINDINGS = [Binding("enter", "resume", "Riprendi"),
                Binding("delete", "discard", "Scarta"),
                Binding("escape", "later", "Più tardi")]

    def __init__(self, pending: list[PendingDraft]):
        super().__init__()
        self.pending = pending

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Plain("Bozze non confermate: Invio riprende, Canc scarta, Esc più tardi")
            yield RowList("", rows=10, id="drafts")

    def on_mount(self) -> None:
        self._paint()

    def _paint(self) -> None:
        ctx = self.app.ctx
        self.query_one(RowList).set_lines(
            [f"{ctx.local(d.updated_at):%d/%m %H:%M}  {d.function_code:<5}{d.title}"[:72]
             for d in self.pending], keep=True)

    async def handle_key(self, event: events.Key) -> bool:
        if event.key in ("up", "down"):
            self.query_one(RowList).move(-1 if event.key == "up" else 1)
            return True
        return False

    async def action_resume(self) -> None:
        if not self.pending:
            await self.finish(None)
            return
        draft = self.pending[self.query_one(RowList).highlight]
        await self.finish(None)
        factory = screen_for(draft.function_code)
        if factory is not None:
            await self.app.open_screen(factory(record_key=draft.record_key,
                                               texts=draft.values))

    async def action_discard(self) -> None:
        if not self.pending:
            return
        draft = self.pending.pop(self.query_one(RowList).highlight)
        drafts.discard(self.app.ctx, draft.form, draft.record_key)
        if not self.pending:
            await self.finish(None)
        else:
            self._paint()

    async def action_later(self) -> None:
        await self.finish(None)
