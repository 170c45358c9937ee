"""131 the standard tables (Enter opens a table's rows), each table's rows, 132 a row's mask
built from the table's form."""

from __future__ import annotations

from typing import Any

from gamma import drafts, functions
from gamma.master import tables
from gamma.master.tables_defs import TableDef, table
from screens.admin.common import DeletingList, ReadOnlyUnlessAllowed
from screens.list_screen import ListScreen
from screens.mask_screen import MaskScreen
from screens.registry import opens


@opens(functions.TABLE_EDIT)
class TableMask(ReadOnlyUnlessAllowed, MaskScreen):
    """One row of one table. Opened from the table's list (or from a draft, which names
    its table); 132 typed alone opens the VAT codes."""

    KEY_FIELD = "code"
    # A draft is reopened by function code alone: it carries its table under this key.
    TABLE_MARK = "__table"

    def __init__(self, table_name: str | None = None, record_key: str = "",
                 texts: dict[str, str] | None = None, **kwargs):
        if texts and self.TABLE_MARK in texts:
            texts = dict(texts)
            table_name = table_name or texts.pop(self.TABLE_MARK)
        self.tdef: TableDef = table(table_name or "vat_code")
        self.FORM = self.tdef.form
        super().__init__(record_key=record_key, texts=texts, **kwargs)

    def prepare(self) -> None:
        super().prepare()
        if self.draft_texts and self.TABLE_MARK in self.draft_texts:
            self.draft_texts = {k: v for k, v in self.draft_texts.items()
                                if k != self.TABLE_MARK}

    def keep_draft(self) -> None:
        if self.DRAFTS and self.dirty and not self.read_only and self.app.ctx is not None:
            drafts.save(self.app.ctx, self.FORM.name,
                        {**self.mask.texts(), self.TABLE_MARK: self.tdef.name},
                        self.record_key, self.FUNCTION_CODE, self.heading())

    def exists(self, key: str) -> bool:
        return tables.exists(self.app.ctx, self.tdef.name, key)

    def lock_target(self):
        if not self.record_key:
            return None
        return tables.get(self.app.ctx, self.tdef.name, self.record_key)

    def load(self) -> dict[str, Any] | None:
        if not self.record_key:
            return None
        return tables.form_values(self.tdef, tables.get(self.app.ctx, self.tdef.name,
                                                        self.record_key))

    def save(self, values: dict[str, Any]) -> str:
        row = tables.save(self.app.ctx, self.tdef.name, values, self.record_key or None)
        return f"{self.tdef.title}: {row.code} registrato"


class TableRows(DeletingList):
    """The rows of one table: Enter changes one, Ins adds one, Del deletes one."""

    def __init__(self, table_name: str, **kwargs):
        super().__init__(**kwargs)
        self.tdef = table(table_name)
        self.SOURCE = self.tdef.lookup
        self.TITLE_TEXT = self.tdef.title
        name = self.tdef.name
        self.EDITOR = lambda **kw: TableMask(table_name=name, **kw)

    def delete_question(self, row: dict[str, Any]) -> str:
        return f"Eliminare {row['code']} «{row['description']}» da {self.tdef.title}?"

    def delete_row(self, row: dict[str, Any]) -> str:
        tables.delete(self.ctx, self.tdef.name, row["code"])
        return f"{self.tdef.title}: {row['code']} eliminato"


@opens(functions.TABLE_LIST)
class TableIndex(ListScreen):
    """The tables with their row counts; Enter opens the highlighted table's rows."""

    SOURCE = "table"

    async def action_open(self) -> None:
        row = self.selected()
        if row is None:
            return
        if row["name"] == "exchange_rate":
            from screens.master.tables_rates import ExchangeRates
            await self.app.open_screen(ExchangeRates())
        else:
            await self.app.open_screen(TableRows(row["name"]))

    async def action_new(self) -> None:
        self.say("Le tabelle sono fisse: Invio apre le righe della tabella")
