"""Daily exchange rates, opened from the list of tables (131): the latest first; Enter
changes a rate, Ins adds one, Del deletes one."""

from __future__ import annotations

from typing import Any

from gamma.master import tables_rates
from screens.admin.common import DeletingList, ReadOnlyUnlessAllowed
from screens.mask_screen import MaskScreen


class RateMask(ReadOnlyUnlessAllowed, MaskScreen):
    FORM = tables_rates.RATE
    FUNCTION_CODE = "132"
    DRAFTS = False  # three fields: nothing worth a draft

    def fixed_fields(self) -> set[str]:
        return {"currency", "day"} if self.record_key else set()

    def lock_target(self):
        return tables_rates.get(self.app.ctx, self.record_key) if self.record_key else None

    def load(self) -> dict[str, Any] | None:
        if not self.record_key:
            return None
        return tables_rates.form_values(tables_rates.get(self.app.ctx, self.record_key))

    def save(self, values: dict[str, Any]) -> str:
        rate = tables_rates.save_from_form(self.app.ctx, values)
        return f"Cambio {rate.currency.code} del {rate.day:%d/%m/%Y} registrato"


class ExchangeRates(DeletingList):
    SOURCE = "exchange_rate"
    EDITOR = RateMask

    def delete_question(self, row: dict[str, Any]) -> str:
        return f"Eliminare il cambio {row['currency']} del {row['day']}?"

    def delete_row(self, row: dict[str, Any]) -> str:
        tables_rates.delete(self.ctx, row["key"])
        return f"Cambio {row['currency']} del {row['day']} eliminato"
