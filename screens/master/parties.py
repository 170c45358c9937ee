"""111 parties list (Del deletes, after asking), 112 party mask (pages for the long form;
F2 on every coded field)."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding

from gamma import functions
from gamma.master import parties
from gamma.master.party_form import PARTY
from models import Party
from screens.admin.common import DeletingList
from screens.mask_screen import MaskScreen
from screens.registry import opens


@opens(functions.PARTY_EDIT)
class PartyMask(MaskScreen):
    FORM = PARTY
    KEY_FIELD = "code"
    BINDINGS = [Binding("f6", "destinations", "Destinazioni")]

    async def action_destinations(self) -> None:
        """The party's delivery addresses (once the party is saved)."""
        if not self.record_key:
            self.say("Destinazioni: confermare prima l'anagrafica")
            return
        from screens.master.party_destinations import DestinationList
        await self.app.open_screen(DestinationList(self.record_key.upper()))

    def exists(self, key: str) -> bool:
        company = self.app.ctx.company
        return company is not None and Party.select().where(
            Party.company == company, Party.code == key.strip().upper()).exists()

    def lock_target(self):
        return parties.find(self.app.ctx, self.record_key) if self.record_key else None

    def load(self) -> dict[str, Any] | None:
        if not self.record_key:
            return None
        return parties.form_values(parties.get(self.app.ctx, self.record_key))

    def save(self, values: dict[str, Any]) -> str:
        party = parties.save_from_form(self.app.ctx, values, self.record_key or None)
        return f"Anagrafica {party.code} «{party.name}» registrata"


@opens(functions.PARTY_LIST)
class PartyList(DeletingList):
    SOURCE = "party"
    EDITOR = PartyMask

    def delete_question(self, row: dict[str, Any]) -> str:
        return f"Eliminare l'anagrafica {row['code']} «{row['name']}»?"

    def delete_row(self, row: dict[str, Any]) -> str:
        parties.delete(self.app.ctx, row["code"])
        return f"Anagrafica {row['code']} eliminata"
