"""Importing stock movements from a file (`gamma stock import FILE.csv`).

Columns `date,article,depot,qty,unit_cost,reason,lot` (others mapped with --map): a
positive quantity loads (reason CAR unless given), a negative one unloads (SCA unless
given); a reason that moves the on hand must agree with the sign (a negative quantity
with a loading reason is refused, not silently turned round). The date defaults to today,
the depot to the main one; `unit_cost` is in euro, decimals with the Italian comma; `lot`
names the article's lot (a load creates it). Each row goes through the same checks as a
movement typed in the mask. All or nothing unless partial: every bad row is reported as
row, column and reason.
"""

from __future__ import annotations

from gamma import dates, functions, numbers
from gamma.context import Context
from gamma.errors import ValidationError
from gamma.interchange.importer import ImportReport
from gamma.master import import_files
from gamma.service import operation
from gamma.stock import movements

KIND = "stock_movement"
FIELDS = ("date", "article", "depot", "qty", "unit_cost", "reason", "lot")
# Fields a movement's checks name, and the file's column they come from.
ALIASES = {"unit_price": "unit_cost", "to_depot": "reason"}


def entry_of(ctx: Context, texts: dict[str, str], cache: dict | None = None
             ) -> movements.Entry:
    """A row's texts as a movement entry: the sign of the quantity chooses the reason."""
    qty = numbers.parse_decimal(texts.get("qty") or "", 3, "qty", "Quantità")
    if not qty:
        raise ValidationError("qty", "obbligatoria e diversa da zero", "Quantità")
    code = (texts.get("reason") or "").strip().upper() or ("CAR" if qty > 0 else "SCA")
    reason = movements.cached(cache, ("reason", code),
                              lambda: movements.active_reason(ctx, code))
    if reason.on_hand and (qty > 0) != (reason.on_hand > 0):
        sign = "positiva" if reason.on_hand > 0 else "negativa"
        raise ValidationError("qty", f"la causale {reason.code} "
                              f"{'carica' if reason.on_hand > 0 else 'scarica'}: "
                              f"la quantità deve essere {sign}", "Quantità")
    day = dates.parse_date(texts.get("date") or "", ctx.today(), "date", "Data")
    return movements.Entry(
        article=texts.get("article") or "", qty=abs(qty) if reason.on_hand else qty,
        reason=reason.code, depot=(texts.get("depot") or "").strip(), date=day,
        unit_price=texts.get("unit_cost") or None, lot=texts.get("lot") or "")


@operation(functions.STOCK_IMPORT)
def import_file(ctx: Context, data: bytes, fmt: str = "csv", layout: str | None = None,
                mapping: dict[str, str] | None = None, partial: bool = False,
                reprice: bool = False) -> ImportReport:
    """Import the file's movements (format csv, xlsx or fixed with a layout name)."""
    header, rows = import_files.read(ctx, data, fmt, layout)
    columns = import_files.columns_to_fields(header, mapping, FIELDS, key="article")
    for required in ("qty",):
        if required not in columns.values():
            raise ValidationError("columns", f"manca la colonna {required}", "Colonne")

    cache: dict = {}  # codes looked up once for the whole file

    def write(texts: dict[str, str]) -> None:
        movements.record_entries(ctx, [entry_of(ctx, texts, cache)], reprice, cache)

    return import_files.run(rows, columns, write, partial, ALIASES)
