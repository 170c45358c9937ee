"""Articles as flat rows for export (and, later, import): the columns are stable.

`COLUMNS` is the export's header and the import's default mapping. Prices are those in
force on the day of the export; `cost` is the last cost; `barcode` the first barcode
and `barcode_kind` its kind (ean13, weight, …: a weight or price code is not told by its
digits alone); `preferred_supplier` is the supplier's party code; `kit_explosion` and
`kit_pricing` the codes of article_form's choices; flags are S/N; costs and prices the
operator may not see are empty. Rows are read in a few set queries, not one query per
article.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterator

from gamma import functions
from gamma.context import Context
from gamma.master.article_common import unseen_fields
from gamma.master.article_form import GROUPING_KINDS
from gamma.service import operation
from models.article import Article, ArticlePrice, Barcode
from models.party import Party
from models.tables import TableEntry, Unit, VatCode

PRICE_COLUMNS = tuple(f"price{n}" for n in range(1, 9))
COLUMNS = ("code", "description", "unit", "vat_code", *PRICE_COLUMNS, "cost", "barcode",
           "family", "min_stock", "reorder_lot",
           # after the required ones, the rest of the article (appended, never reordered)
           "unit2", "conversion", "pieces_per_package", "subfamily", "product_group",
           "subgroup", *(f"grouping{n}" for n in range(1, 7)), "cost_average",
           "cost_standard", "lot_tracked", "serial_tracked", "is_kit", "obsolete", "long_text",
           "barcode_kind", "location", "max_stock", "preferred_supplier", "kit_explosion",
           "kit_pricing", "net_weight")
FLAGS = ("lot_tracked", "serial_tracked", "is_kit", "obsolete")


def _codes(model, ctx: Context) -> dict[int, str]:
    return dict(model.select(model.id, model.code).where(model.company == ctx.company).tuples())


@operation(functions.ARTICLE_LIST, write=False)
def rows(ctx: Context) -> Iterator[dict[str, Any]]:
    """Every article of the company as a dict of COLUMNS (Decimals, strings), by code."""
    today = ctx.today()
    unseen = unseen_fields(ctx)
    if "cost_last" in unseen:
        unseen |= {"cost"}
    units, vats = _codes(Unit, ctx), _codes(VatCode, ctx)
    entries = _codes(TableEntry, ctx)
    suppliers = _codes(Party, ctx)
    barcodes: dict[int, tuple[str, str]] = {}
    for article_id, code, kind in (Barcode.select(Barcode.article, Barcode.code, Barcode.kind)
                                   .where(Barcode.company == ctx.company)
                                   .order_by(Barcode.id.desc()).tuples()):
        barcodes[article_id] = (code, kind)  # the lowest id wins: read last
    prices: dict[tuple[int, int], Decimal] = {}
    for article_id, number, price in (
            ArticlePrice.select(ArticlePrice.article, ArticlePrice.list_number,
                                ArticlePrice.price)
            .where(ArticlePrice.company == ctx.company, ArticlePrice.valid_from <= today)
            .order_by(ArticlePrice.valid_from).tuples()):
        prices[(article_id, number)] = price
    query = (Article.select().where(Article.company == ctx.company).order_by(Article.code))
    for a in query.iterator():
        row: dict[str, Any] = {
            "code": a.code, "description": a.description, "unit": units.get(a.unit_id, ""),
            "vat_code": vats.get(a.vat_code_id, ""), "cost": a.cost_last,
            "barcode": barcodes.get(a.id, ("", ""))[0],
            "barcode_kind": barcodes.get(a.id, ("", ""))[1], "min_stock": a.min_stock,
            "reorder_lot": a.reorder_lot, "unit2": units.get(a.unit2_id, ""),
            "conversion": a.conversion, "pieces_per_package": a.pieces_per_package,
            "net_weight": a.net_weight,
            "cost_average": a.cost_average, "cost_standard": a.cost_standard,
            "long_text": a.long_text, "location": a.location, "max_stock": a.max_stock,
            "preferred_supplier": suppliers.get(a.preferred_supplier_id, ""),
            "kit_explosion": a.kit_explosion, "kit_pricing": a.kit_pricing}
        for n, name in enumerate(PRICE_COLUMNS, 1):
            row[name] = prices.get((a.id, n))
        for name in GROUPING_KINDS:
            row[name] = entries.get(getattr(a, f"{name}_id"), "")
        for name in FLAGS:
            row[name] = "S" if getattr(a, name) else "N"
        for name in unseen:
            row[name] = None  # sensitive data the operator may not see
        yield {c: row[c] for c in COLUMNS}
