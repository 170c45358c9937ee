"""Articles (items): creating and changing them from the article form, showing them.

Related modules: article_common (code rule, find), article_barcodes, article_prices,
article_relations (languages, party codes, links), article_lookup (the `article` source).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from peewee import IntegrityError

from gamma import db, functions, records, validation
from gamma.access import field_rules
from gamma.context import Context
from gamma.errors import ValidationError
from gamma.master import article_barcodes, article_prices
from gamma.master.article_common import find_article, normalize_code, unseen_fields
from gamma.master.article_form import (ARTICLE, COSTS, FLAGS, GROUPING_KINDS,
                                       KIT_EXPLOSION_CHOICES, KIT_PRICING_CHOICES)
from gamma.service import operation
from models.article import Article, Barcode
from models.party import Party
from models.tables import TableEntry, Unit, VatCode

TEXT_FIELDS = ("code", "description", "long_text", "barcode")
DECIMAL_FIELDS = ("conversion", "pieces_per_package", "net_weight", *(n for n, _ in COSTS),
                  "min_stock", "reorder_lot", "max_stock")
KIT_CHOICES = {"kit_explosion": KIT_EXPLOSION_CHOICES, "kit_pricing": KIT_PRICING_CHOICES}


@operation(functions.ARTICLE_LIST, write=False)
def get(ctx: Context, code: str) -> Article:
    """The article with that code in the context's company; NotFound otherwise."""
    return find_article(ctx, code)


def _code_of(entry) -> str | None:
    return entry.code if entry is not None else None


def form_values(ctx: Context, article: Article) -> dict[str, Any]:
    """The article as the article mask shows it (prices: in force today)."""
    values: dict[str, Any] = {
        "code": article.code, "description": article.description,
        "long_text": article.long_text or None, "location": article.location or None,
        "unit": _code_of(article.unit), "unit2": _code_of(article.unit2),
        "vat_code": _code_of(article.vat_code),
        "preferred_supplier": _code_of(article.preferred_supplier),
        "kit_explosion": article.kit_explosion, "kit_pricing": article.kit_pricing}
    for name in GROUPING_KINDS:
        values[name] = _code_of(getattr(article, name))
    for name in DECIMAL_FIELDS:
        values[name] = getattr(article, name)
    for name, _ in FLAGS:
        values[name] = getattr(article, name)
    first = article.barcodes.order_by(Barcode.id).first()
    values["barcode"] = first.code if first is not None else None
    prices = article_prices.prices_on(ctx, article)
    for n in article_prices.LISTS:
        values[f"price{n}"] = prices[n].price if n in prices else None
    for name in unseen_fields(ctx):
        values[name] = None
    return values


def _typed(values: dict[str, Any], today) -> dict[str, Any]:
    """Values as Python values: field-rule defaults arrive as typed text."""
    out = dict(values)
    for f in ARTICLE.fields:
        value = out.get(f.name)
        if isinstance(value, str) and f.kind in ("decimal", "integer", "date", "bool"):
            out[f.name] = f.parse(value, today)
    return out


def _unit(ctx: Context, code: str | None, field: str, label: str) -> Unit | None:
    if not code:
        return None
    unit = Unit.get_or_none(Unit.company == ctx.company, Unit.code == code.strip().upper())
    if unit is None:
        raise ValidationError(field, f"unità {code} inesistente", label)
    return unit


def _vat(ctx: Context, code: str | None) -> VatCode | None:
    if not code:
        return None
    vat = VatCode.get_or_none(VatCode.company == ctx.company,
                              VatCode.code == code.strip().upper())
    if vat is None:
        raise ValidationError("vat_code", f"codice IVA {code} inesistente", "Codice IVA")
    return vat


def _entry(ctx: Context, name: str, code: str | None) -> TableEntry | None:
    if not code:
        return None
    kind = GROUPING_KINDS[name]
    entry = TableEntry.get_or_none(TableEntry.company == ctx.company, TableEntry.kind == kind,
                                   TableEntry.code == code.strip().upper())
    if entry is None:
        raise ValidationError(name, f"codice {code} inesistente in tabella",
                              ARTICLE.field(name).label)
    return entry


def _supplier(ctx: Context, code: str | None) -> Party | None:
    if not code:
        return None
    label = ARTICLE.field("preferred_supplier").label
    party = Party.get_or_none(Party.company == ctx.company, Party.code == code.strip().upper())
    if party is None:
        raise ValidationError("preferred_supplier", f"{code} inesistente", label)
    if not party.is_supplier:
        raise ValidationError("preferred_supplier", f"{party.code} non è un fornitore", label)
    return party


def _kit_choice(name: str, value: str | None) -> str:
    choices = KIT_CHOICES[name]
    if not value:
        return choices[0][0]  # the model's default: never exploded, priced on the parent
    if value not in dict(choices):
        raise ValidationError(name, "ammessi " + ", ".join(v for v, _ in choices),
                              ARTICLE.field(name).label)
    return value


def _non_negative(value: Decimal | None, name: str) -> Decimal | None:
    if value is not None and Decimal(value) < 0:
        raise ValidationError(name, "non può essere negativo", ARTICLE.field(name).label)
    return value


@operation(functions.ARTICLE_EDIT)
def save_from_form(ctx: Context, values: dict[str, Any], code: str | None = None) -> Article:
    """Create (code None) or change an article from the article mask's values.

    Field rules of the form "article" are enforced here, so the CLI and the mask agree.
    The barcode is added to the article's codes; a price differing from the one in force
    today starts today.
    """
    target = find_article(ctx, code) if code is not None else None
    current = form_values(ctx, target) if target is not None else None
    unseen = unseen_fields(ctx)
    given = [name for name in unseen if values.get(name) not in (None, "")]
    if given:
        raise ValidationError(given[0], "dato riservato, non visibile all'operatore",
                              ARTICLE.field(given[0]).label)
    values = field_rules.apply(ctx, ARTICLE.name, values, ARTICLE.labels, current)
    values = _typed(values, ctx.today())
    description = (values.get("description") or "").strip()
    if not description:
        raise ValidationError("description", "obbligatorio", "Descrizione")
    if len(description) > 72:
        raise ValidationError("description", "al massimo 72 caratteri", "Descrizione")
    fields: dict[str, Any] = {
        "description": description, "long_text": (values.get("long_text") or "").strip(),
        "location": validation.text(values.get("location"), "location", "Ubicazione", 20,
                                    False).upper(),
        "unit": _unit(ctx, values.get("unit"), "unit", "Unità di misura"),
        "unit2": _unit(ctx, values.get("unit2"), "unit2", "Seconda unità"),
        "vat_code": _vat(ctx, values.get("vat_code")),
        "preferred_supplier": _supplier(ctx, values.get("preferred_supplier"))}
    for name in KIT_CHOICES:
        fields[name] = _kit_choice(name, values.get(name))
    for name in GROUPING_KINDS:
        fields[name] = _entry(ctx, name, values.get(name))
    for name in DECIMAL_FIELDS:
        if name in unseen:
            if target is not None:
                continue  # kept as stored
            values[name] = None
        fields[name] = _non_negative(values.get(name), name)
    if (fields["max_stock"] is not None and fields["min_stock"] is not None
            and fields["max_stock"] < fields["min_stock"]):
        raise ValidationError("max_stock", "inferiore alla scorta minima", "Scorta massima")
    if fields["unit2"] is not None and not fields.get("conversion"):
        raise ValidationError("conversion", "obbligatorio con la seconda unità",
                              "Fattore conversione")
    for name, _ in FLAGS:
        fields[name] = bool(values.get(name))
    if fields["lot_tracked"] and fields["serial_tracked"]:
        raise ValidationError("serial_tracked", "lotti e matricole non insieme",
                              "Gestione matricole")
    if target is None:
        new_code = normalize_code(ctx, values.get("code"))
        if Article.select().where(Article.company == ctx.company,
                                  Article.code == new_code).exists():
            raise ValidationError("code", f"articolo {new_code} già esistente", "Codice")
        article = records.insert(ctx, Article, company=ctx.company, code=new_code, **fields)
    else:
        article = records.update(ctx, target, **fields)
    if values.get("barcode"):
        article_barcodes.add_barcode(ctx, article, values["barcode"])
    in_force = article_prices.prices_on(ctx, article)
    for n in article_prices.LISTS:
        price = values.get(f"price{n}")
        if price is None or f"price{n}" in unseen:
            continue
        row = in_force.get(n)
        if row is None or row.price != price:
            article_prices.set_price(ctx, article, n, price,
                                     discounts=row.discounts if row else "",
                                     divisor=row.divisor if row else 1)
    return article


@operation(functions.ARTICLE_EDIT)
def delete(ctx: Context, code: str) -> None:
    """Delete an article with its prices, barcodes, texts and codes; refused while other
    records (documents, movements) use it: mark it obsolete instead."""
    article = find_article(ctx, code)
    try:
        with db.transaction():
            records.delete(ctx, article)
    except IntegrityError:
        raise ValidationError("code", f"l'articolo {article.code} è usato da altri dati: "
                              "indicarlo come obsoleto", "Codice") from None
