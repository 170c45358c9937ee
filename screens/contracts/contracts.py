"""241 contracts of periodic invoicing: the list (Ins adds, Enter opens, Del deletes after
asking), the contract mask (F5 its billing items), and the items: Ins adds, Enter
changes, Del deletes, F6 sets an item's instalments billed back."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding

from gamma import functions
from gamma.contracts import contract_forms, contracts, generation
from gamma.errors import GammaError
from gamma.forms import FieldDef, Form
from screens.admin.common import DeletingList
from screens.base import GammaScreen
from screens.dialogs import Confirm
from screens.mask_dialog import MaskDialog
from screens.mask_screen import MaskScreen
from screens.registry import opens
from screens.row_list import RowList

RESTORE = Form("contract_item_restore", "Ripristino numero rate", (
    FieldDef("count", "Rate fatturate", "integer", 3, required=True),))


class ContractMask(MaskScreen):
    FORM = contract_forms.CONTRACT
    FUNCTION_CODE = functions.CONTRACTS.code
    KEY_FIELD = "code"
    BINDINGS = [Binding("f5", "items", "Voci")]

    def heading(self) -> str:
        if not self.record_key:
            return "Nuovo contratto"
        return f"Contratto {self.record_key}" + (" — sola lettura" if self.read_only else "")

    def exists(self, key: str) -> bool:
        try:
            contracts.find(self.app.ctx, key)
        except GammaError:
            return False
        return True

    def lock_target(self):
        return contracts.find(self.app.ctx, self.record_key) if self.record_key else None

    def load(self) -> dict[str, Any] | None:
        if not self.record_key:
            return None
        return contract_forms.contract_values(self.app.ctx, self.record_key)

    def save(self, values: dict[str, Any]) -> str:
        saved = contract_forms.save_contract(self.app.ctx, self.record_key, values)
        return f"Contratto {saved.code} registrato"

    async def action_items(self) -> None:
        if not self.record_key:
            self.say("Confermare prima il contratto (F10), poi aprirlo per le voci")
            return
        await self.app.push_screen(ContractItems(self.record_key, self.read_only))


@opens(functions.CONTRACTS)
class ContractList(DeletingList):
    SOURCE = "contract"
    EDITOR = ContractMask

    def delete_question(self, row: dict[str, Any]) -> str:
        return f"Eliminare il contratto {row['code']} di {row['customer']}?"

    def delete_row(self, row: dict[str, Any]) -> str:
        contracts.delete(self.app.ctx, row["code"])
        return f"Contratto {row['code']} eliminato"


class ContractItems(GammaScreen):
    """The billing items of one contract."""

    BINDINGS = [
        Binding("f1", "app.show_keys", "Tasti"),
        Binding("enter", "change", "Modifica"),
        Binding("insert", "add", "Nuova"),
        Binding("delete", "delete", "Elimina"),
        Binding("f6", "restore", "Ripristina rate"),
        Binding("escape", "app.pop_screen", "Esci"),
    ]

    def __init__(self, code: str, read_only: bool = False):
        super().__init__()
        self.FUNCTION_CODE = functions.CONTRACTS.code
        self.code, self.read_only = code, read_only
        self.items: list[dict[str, Any]] = []

    def body(self) -> ComposeResult:
        yield RowList(contract_forms.ITEMS_HEADER, rows=self.app.size.height - 6, id="items")

    def on_mount(self) -> None:
        self.query_one("#title").update(f"Voci del contratto {self.code}")
        self.reload()

    def reload(self) -> None:
        self.items = contract_forms.items_data(self.ctx, self.code)
        self.query_one(RowList).set_lines(contract_forms.item_lines(self.items), keep=True)
        if not self.items:
            self.say("Nessuna voce: Ins per aggiungerne una")

    async def handle_key(self, event: events.Key) -> bool:
        return self.query_one(RowList).navigate(event.key)

    def _index(self) -> int | None:
        return self.query_one(RowList).highlight if self.items else None

    def _writable(self) -> bool:
        if self.read_only:
            self.say("Sola lettura")
        return not self.read_only

    async def _edit(self, index: int | None) -> None:
        texts = None
        if index is not None:
            values = contract_forms.item_values(self.items[index])
            texts = {f.name: f.show(self._typed(f, values[f.name]))
                     for f in contract_forms.ITEM.fields}

        def done(values: dict[str, Any] | None) -> None:
            if values:
                self.reload()
                self.say(self.saved_message)

        dialog = MaskDialog(contract_forms.ITEM, done, texts,
                            "Nuova voce" if index is None else f"Voce {index + 1}")

        def check(values: dict[str, Any]) -> None:
            self.saved_message = contract_forms.save_item(self.ctx, self.code, index, values)

        dialog.check = check
        await self.app.push_screen(dialog)

    @staticmethod
    def _typed(field, value):
        if field.kind == "choice":
            return field.choice_label(value)
        return value if value not in ("", None) else None

    async def action_change(self) -> None:
        if self._index() is not None and self._writable():
            await self._edit(self._index())

    async def action_add(self) -> None:
        if self._writable():
            await self._edit(None)

    async def action_delete(self) -> None:
        index = self._index()
        if index is None or not self._writable():
            return

        def answered(yes: bool) -> None:
            if yes:
                try:
                    message = contract_forms.delete_item(self.ctx, self.code, index)
                except GammaError as exc:
                    self.say(exc.message)
                    return
                self.reload()
                self.say(message)

        await self.app.push_screen(Confirm(f"Eliminare la voce {index + 1}?", answered))

    async def action_restore(self) -> None:
        index = self._index()
        if index is None or not self._writable():
            return

        def done(values: dict[str, Any] | None) -> None:
            if values:
                self.reload()
                self.say(self.saved_message)

        dialog = MaskDialog(RESTORE, done, {"count": "0"},
                            f"Voce {index + 1}: rate già fatturate da considerare")

        def check(values: dict[str, Any]) -> None:
            self.saved_message = generation.restore_instalments(
                self.ctx, self.code, index + 1, values["count"])

        dialog.check = check
        await self.app.push_screen(dialog)
