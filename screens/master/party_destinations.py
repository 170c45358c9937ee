"""The destinations of a party: a list opened with F6 from the party mask (112), a small
mask per destination; Ins adds, Enter changes, Del removes after asking."""

from __future__ import annotations

from typing import Any

from gamma import functions, lookups
from gamma.master import party_destinations as destinations
from gamma.master.party_form import DESTINATION
from screens.admin.common import DeletingList
from screens.mask_screen import MaskScreen


class DestinationMask(MaskScreen):
    FORM = DESTINATION
    FUNCTION_CODE = functions.PARTY_EDIT.code
    DRAFTS = False  # numbers repeat across parties: a draft could not name its party

    def __init__(self, party_code: str = "", record_key: str = "", **kwargs):
        super().__init__(record_key=record_key, **kwargs)
        self.party_code = party_code

    def heading(self) -> str:
        number = f" {self.record_key}" if self.record_key else " (nuova)"
        return f"Destinazione{number} di {self.party_code}"

    def lock_target(self):
        if not self.record_key:
            return None
        return destinations.get_destination(self.app.ctx, self.party_code,
                                            int(self.record_key))

    def load(self) -> dict[str, Any] | None:
        if not self.record_key:
            return None
        return destinations.form_values(destinations.get_destination(
            self.app.ctx, self.party_code, int(self.record_key)))

    def save(self, values: dict[str, Any]) -> str:
        row = destinations.save_destination(
            self.app.ctx, self.party_code, values,
            int(self.record_key) if self.record_key else None)
        return f"Destinazione {row.number} di {self.party_code} registrata"


class DestinationList(DeletingList):
    SOURCE = "party_destination"
    FUNCTION_CODE = functions.PARTY_EDIT.code

    def __init__(self, party_code: str = "", **kwargs):
        super().__init__(**kwargs)
        self.party_code = party_code
        self.TITLE_TEXT = f"Destinazioni di {party_code}"

    def view(self) -> lookups.View:
        base = super().view()
        return lookups.View(base.name, base.columns, {**base.filters, "party": self.party_code})

    async def action_open(self) -> None:
        row = self.selected()
        if row is not None:
            await self.app.open_screen(DestinationMask(self.party_code,
                                                       record_key=str(row["number"])))

    async def action_new(self) -> None:
        await self.app.open_screen(DestinationMask(self.party_code))

    def delete_question(self, row: dict[str, Any]) -> str:
        return f"Eliminare la destinazione {row['number']} «{row['name']}»?"

    def delete_row(self, row: dict[str, Any]) -> str:
        destinations.remove_destination(self.app.ctx, self.party_code, int(row["number"]))
        return f"Destinazione {row['number']} eliminata"
