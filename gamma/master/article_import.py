"""Importing articles, and suppliers' price lists, from CSV, xlsx or fixed-width files.

Articles: the columns of `gamma article export` (article_export.COLUMNS: `cost` is the
last cost), or others mapped to them. Each row goes through articles.save_from_form, as
typed in the mask (prices of the 8 lists through article_prices, the barcode through
article_barcodes): an existing code is changed in the columns given (an empty number,
price, barcode, S/N or kit choice cell keeps what is stored; an empty text or coded cell
empties the field), a new code is created. Columns appended later (location,
max_stock, preferred_supplier, kit_*) may be missing: older files still import.

Supplier price lists: rows of the supplier's own code (`supplier_code`), `cost` and
optionally `description`, `unit`, `vat_code`, `barcode`, `family` and `code` (ours). The
article is found by the supplier's code (PartyArticleCode); its last cost is updated.
A code the supplier has not used before creates the article (code: the `code` column,
else the supplier's code) and records the supplier's code on it.
"""

from __future__ import annotations

from typing import Any

from gamma import functions
from gamma.context import Context
from gamma.errors import ValidationError
from gamma.interchange.importer import ImportReport
from gamma.master import article_barcodes, article_relations, articles, import_files
from gamma.master.article_common import normalize_code
from gamma.master.article_export import COLUMNS
from gamma.master.article_form import ARTICLE
from gamma.master.parties import find as find_party
from gamma.service import operation
from models.article import Article, Barcode, PartyArticleCode

KIND = "article"
# The export's columns. Among them the kind of the barcode (ean13, weight, ...: see
# article_barcodes): without it a code is taken by its digits, so a 7-digit weight/price
# prefix must be named when the article is new.
FIELDS = COLUMNS
ALIASES = {"cost": "cost_last"}  # export column -> form field
PRICELIST_KIND = "pricelist"
PRICELIST_FIELDS = ("supplier_code", "cost", "description", "unit", "vat_code", "barcode",
                    "family", "code")


def values_of(ctx: Context, texts: dict[str, str]) -> dict[str, Any]:
    """The form's values from a row's texts, each parsed as the mask parses it; empty
    decimals and S/N cells are left out (the stored value stays)."""
    values: dict[str, Any] = {}
    today = ctx.today()
    for column, text in texts.items():
        if column == "barcode_kind":
            values[column] = (text or "").strip().lower() or None
            continue
        name = ALIASES.get(column, column)
        field = ARTICLE.field(name)
        text = (text or "").strip()
        if name == "long_text":  # a text field of the archive, longer than the mask's
            values[name] = text
            continue
        if field.kind in ("bool", "decimal", "choice") and not text:
            continue
        try:
            values[name] = field.parse(text, today)
        except ValidationError as exc:  # named by the file's column
            raise ValidationError(column, exc.rule, column) from None
    return values


def _existing(ctx: Context, code: str | None) -> Article | None:
    if not (code or "").strip():
        return None
    return Article.get_or_none(Article.company == ctx.company,
                               Article.code == normalize_code(ctx, code))


def save(ctx: Context, values: dict[str, Any]) -> Article:
    """Create or change the article named by values["code"]; its barcode added unless
    the article has it already (a weight code stays one)."""
    values = dict(values)
    barcode, kind = values.pop("barcode", None), values.pop("barcode_kind", None)
    target = _existing(ctx, values.get("code"))
    if target is None:
        article = articles.save_from_form(ctx, values)
    else:
        merged = {**articles.form_values(ctx, target), **values}
        merged.pop("code", None)
        merged.pop("barcode", None)
        article = articles.save_from_form(ctx, merged, target.code)
    if barcode:
        same = Barcode.get_or_none(Barcode.company == ctx.company, Barcode.code == barcode)
        if same is None or same.article_id != article.id or (kind and kind != same.kind):
            article_barcodes.add_barcode(ctx, article, barcode, kind)
    return article


def write_row(ctx: Context, texts: dict[str, str]) -> Article:
    return save(ctx, values_of(ctx, texts))


@operation(functions.ARTICLE_EDIT)
def import_file(ctx: Context, data: bytes, fmt: str, layout: str | None = None,
                mapping: dict[str, str] | None = None, partial: bool = False
                ) -> ImportReport:
    """Import the file's articles (format csv, xlsx or fixed with a layout name)."""
    ctx.require_company()
    header, rows = import_files.read(ctx, data, fmt, layout)
    columns = import_files.columns_to_fields(header, mapping, FIELDS)
    return import_files.run(rows, columns, lambda texts: write_row(ctx, texts), partial,
                            {v: k for k, v in ALIASES.items()})


def write_pricelist_row(ctx: Context, supplier, texts: dict[str, str]) -> Article:
    supplier_code = (texts.get("supplier_code") or "").strip()
    if not supplier_code:
        raise ValidationError("supplier_code", "obbligatorio", "Codice del fornitore")
    if not (texts.get("cost") or "").strip():
        raise ValidationError("cost", "obbligatorio", "Costo")
    own = PartyArticleCode.get_or_none(PartyArticleCode.party == supplier,
                                       PartyArticleCode.code == supplier_code)
    given = {k: v for k, v in texts.items() if k != "supplier_code" and k != "code"}
    if own is not None:
        # an existing article: the cost, and what else the list gives, changed
        values = values_of(ctx, {k: v for k, v in given.items() if (v or "").strip()})
        return save(ctx, {**values, "code": own.article.code})
    code = (texts.get("code") or "").strip() or supplier_code
    values = values_of(ctx, {**given, "code": code})
    article = save(ctx, values)
    article_relations.set_party_code(ctx, article, supplier, supplier_code,
                                     values.get("description") or "")
    return article


@operation(functions.ARTICLE_EDIT)
def import_pricelist(ctx: Context, supplier: str, data: bytes, fmt: str,
                     layout: str | None = None, mapping: dict[str, str] | None = None,
                     partial: bool = False) -> ImportReport:
    """Update the last cost of the supplier's articles from its price list, creating the
    articles it names for the first time."""
    ctx.require_company()
    party = find_party(ctx, supplier)
    if not party.is_supplier:
        raise ValidationError("supplier", f"{party.code} non è un fornitore", "Fornitore")
    header, rows = import_files.read(ctx, data, fmt, layout)
    columns = import_files.columns_to_fields(header, mapping, PRICELIST_FIELDS,
                                             key="supplier_code")
    return import_files.run(rows, columns,
                            lambda texts: write_pricelist_row(ctx, party, texts), partial)
