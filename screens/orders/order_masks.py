"""402 and 404: a customer or supplier order's header, the document mask with the kind
fixed (lines, pick-up from quotes and pick lists, confirmation as for every document);
401 and 403: the orders with their status, Enter opens one, Ins starts a new one."""

from __future__ import annotations

from gamma import functions
from screens.list_screen import ListScreen
from screens.registry import opens
from screens.sales.documents import DocumentMask
from screens.sales.lines import DocumentLines


@opens(functions.CUSTOMER_ORDER_EDIT)
class CustomerOrderMask(DocumentMask):
    KIND_CODE = "OC"
    NEW_TITLE = "Nuovo ordine cliente"

    def __init__(self, record_key: str = "", texts: dict[str, str] | None = None, **kwargs):
        if not record_key:
            texts = {**(texts or {}), "kind": self.KIND_CODE}
        super().__init__(record_key=record_key, texts=texts, **kwargs)

    def heading(self) -> str:
        return super().heading() if self.record_key else self.NEW_TITLE

    def fixed_fields(self) -> set[str]:
        return {"kind"}


@opens(functions.SUPPLIER_ORDER_EDIT)
class SupplierOrderMask(CustomerOrderMask):
    KIND_CODE = "OF"
    NEW_TITLE = "Nuovo ordine fornitore (nel campo Cliente il codice del fornitore)"


@opens(functions.CUSTOMER_ORDERS)
class CustomerOrderList(ListScreen):
    """Customer orders, latest first: number, date, customer, delivery, priority, status
    (aperto, evaso in parte, evaso, chiuso) and what is left to ship."""

    SOURCE = "customer_order"
    MASK = CustomerOrderMask

    async def action_open(self) -> None:
        row = self.selected()
        if row is not None:
            await self.app.open_screen(DocumentLines(row["id"]))

    async def action_new(self) -> None:
        await self.app.open_screen(self.MASK())


@opens(functions.SUPPLIER_ORDERS)
class SupplierOrderList(CustomerOrderList):
    SOURCE = "supplier_order"
    MASK = SupplierOrderMask
