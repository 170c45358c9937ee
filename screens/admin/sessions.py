"""982 who is connected now (Del ends another operator's session), 981 records in use (Del
frees a lock left behind); both audited."""

from __future__ import annotations

from typing import Any

from gamma import functions, locks, sessions
from screens.admin.common import ShowingDeletingList
from screens.registry import opens


@opens(functions.SESSIONS)
class SessionList(ShowingDeletingList):
    SOURCE = "session"
    TITLE_TEXT = "Operatori collegati (Canc chiude una sessione)"

    def delete_question(self, row: dict[str, Any]) -> str:
        return (f"Chiudere la sessione {row['id']} di {row['operator'].upper()}? Le sue "
                "modifiche non confermate restano in bozza")

    def delete_row(self, row: dict[str, Any]) -> str:
        sessions.terminate(self.app.ctx, row["id"])
        return f"Sessione {row['id']} di {row['operator'].upper()} chiusa"

    def detail(self, row: dict[str, Any]) -> str:
        mine = " (questa sessione)" if row["id"] == self.app.ctx.session_id else ""
        return (f"Sessione {row['id']}{mine}: {row['operator'].upper()} {row['origin']} "
                f"da {row['remote'] or '-'}, host {row['host']} pid {row['pid']}")[:79]


@opens(functions.LOCKS)
class LockList(ShowingDeletingList):
    SOURCE = "lock"
    TITLE_TEXT = "Record in uso (Canc libera un blocco rimasto)"

    def detail(self, row: dict[str, Any]) -> str:
        return (f"{row['what'].capitalize()} {row['key']}: in uso da "
                f"{row['operator'].upper()} dalle {row['since']}, scade {row['expires']}")[:79]

    def delete_question(self, row: dict[str, Any]) -> str:
        return (f"Liberare {row['what']} {row['key']} in uso da {row['operator'].upper()}? "
                "Le sue modifiche non confermate andranno perse")

    def delete_row(self, row: dict[str, Any]) -> str:
        if locks.force_release(self.app.ctx, row["table"], row["key"]):
            return f"Blocco su {row['what']} {row['key']} rimosso"
        return f"Nessun blocco su {row['what']} {row['key']}"
