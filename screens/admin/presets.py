"""951 stored parameters: the operator's own presets and the shared ones; Enter shows a
preset's parameters, Del deletes it (a shared one needs this function)."""

from __future__ import annotations

from typing import Any

from gamma import functions, presets
from screens.admin.common import ShowingDeletingList
from screens.registry import opens


@opens(functions.PRESETS)
class PresetList(ShowingDeletingList):
    SOURCE = "preset"
    TITLE_TEXT = "Parametri memorizzati (propri e condivisi; Canc elimina)"

    def detail(self, row: dict[str, Any]) -> str:
        params = ", ".join(f"{k}={v}" for k, v in sorted(row["params"].items()))
        return f"{row['command']} «{row['name']}»: {params or 'nessun parametro'}"[:79]

    def delete_question(self, row: dict[str, Any]) -> str:
        whose = "condivisi" if row["shared"] else "personali"
        return f"Eliminare i parametri {whose} «{row['name']}» di {row['command']}?"

    def delete_row(self, row: dict[str, Any]) -> str:
        presets.delete(self.app.ctx, row["command"], row["name"], shared=row["shared"])
        return f"Parametri «{row['name']}» eliminati"
