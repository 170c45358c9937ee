"""941 the audit log: the parameters of `gamma audit list` (presets shared with the CLI),
then the entries found, newest first; Enter shows an entry in full."""

from __future__ import annotations

import json
from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical

from gamma import functions, lookups
from gamma.access.forms import AUDIT_LIST
from gamma.audit import params
from models import AuditEntry
from screens.admin.common import ShowingList
from screens.base import Plain
from screens.dialogs import Dialog
from screens.parameter_screen import ParameterScreen
from screens.registry import opens

COMMAND = "audit list"


@opens(functions.AUDIT_VIEW)
class AuditParameters(ParameterScreen):
    FORM = AUDIT_LIST
    COMMAND = COMMAND

    async def run(self, values: dict[str, Any]) -> None:
        # As typed: a date -7 means 7 days before the day the list is read.
        typed = {k: v.strip() for k, v in self.mask.texts().items() if v.strip()}
        params.query(self.ctx, **typed)  # refuses wrong parameters, naming the field
        await self.app.push_screen(AuditEntries(typed))


class AuditEntries(ShowingList):
    SOURCE = "audit"
    FUNCTION_CODE = functions.AUDIT_VIEW.code

    def __init__(self, filters: dict[str, str] | None = None, **_ignored):
        super().__init__()
        self.filters = dict(filters or {})

    def refresh_rows(self, keep: bool = False) -> None:
        super().refresh_rows(keep)
        shown = ", ".join(f"{k}={v}" for k, v in self.filters.items())
        self.query_one("#title").update(
            (f"Registro attività: {len(self.rows)} righe" + (f" ({shown})" if shown else ""))
            [:80])

    def view(self) -> lookups.View:
        view = super().view()
        return lookups.View(view.name, view.columns, {**view.filters, **self.filters})

    async def action_open(self) -> None:
        row = self.selected()
        if row is not None:
            await self.app.push_screen(AuditDetail(AuditEntry.get_by_id(row["id"])))


class AuditDetail(Dialog):
    """One entry in full: who, when, what, every change."""

    DEFAULT_CSS = "AuditDetail > Vertical { width: 78; max-height: 22; }"

    def __init__(self, entry: AuditEntry):
        super().__init__()
        self.entry = entry

    def compose(self) -> ComposeResult:
        e, ctx = self.entry, self.app.ctx
        lines = [f"{ctx.local(e.at):%d/%m/%Y %H:%M:%S}  {e.operator_login.upper()}  "
                 f"ditta {e.company_code or '-'}  funzione {e.function_code or '-'}",
                 f"{e.action}  {e.table_name or ''} {e.record_key or ''}".rstrip()]
        if e.message:
            lines.append(e.message)
        changes = json.loads(e.changes) if e.changes else {}
        for name, (old, new) in list(changes.items())[:14]:
            if e.action == "insert":
                lines.append(f"  {name} = {new}")
            elif e.action == "delete":
                lines.append(f"  {name} era {old}")
            else:
                lines.append(f"  {name}: {old} → {new}")
        if len(changes) > 14:
            lines.append(f"  … altri {len(changes) - 14} campi")
        with Vertical():
            yield Plain("Registro attività: voce " + str(e.id), classes="title")
            for line in lines:
                yield Plain(line[:74])
            yield Plain("Un tasto qualsiasi per tornare")

    async def handle_key(self, event: events.Key) -> bool:
        await self.finish(None)
        return True
