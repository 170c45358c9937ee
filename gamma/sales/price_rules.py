"""Price conditions (PriceRule): add, change, delete, list. Function 222, audited.

Keys are given as codes (party, article, family, category, zone, freight terms, agent,
payment term) and resolved in the company; an unknown code is refused naming its field.
What each kind needs:
- customer_article: party and article;  customer_family: party and family;
- category_family: category and family;  campaign: both dates;
- quantity_break: a minimum quantity above zero;  parametric: at least one key;
- promotion: buy_qty > pay_qty > 0, and no price, list or discounts (it gives free units);
- every other kind gives a price, a list (1-8) or discounts — a price and a list together
  are refused.
The engine that applies them is gamma.sales.pricing.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from gamma import discounts as chains
from gamma import functions, records
from gamma.context import Context
from gamma.errors import NotFound, ValidationError
from gamma.master import tables
from gamma.master.article_common import require_prices
from gamma.sales.pricing import KEYS, RULE_KINDS, find_article_for, find_party
from gamma.service import operation
from models.pricing import PriceRule

PLACES = Decimal("0.000001")
QTY_PLACES = Decimal("0.001")

# key column → (table name for gamma.master.tables.find, Italian label); party and
# article are resolved on their own
TABLE_KEYS = {
    "family": ("family", "Famiglia"),
    "category": ("category", "Categoria"),
    "zone": ("zone", "Zona"),
    "freight_terms": ("freight_term", "Porto"),
    "agent": ("agent", "Agente"),
    "payment_term": ("payment_term", "Condizione di pagamento"),
}
LABELS = {
    "kind": "Tipo condizione", "party": "Cliente", "article": "Articolo",
    **{k: v[1] for k, v in TABLE_KEYS.items()},
    "valid_from": "Valida dal", "valid_to": "Valida fino al", "min_qty": "Quantità minima",
    "price": "Prezzo", "price_list": "Listino", "discounts": "Sconti",
    "buy_qty": "Quantità acquistata", "pay_qty": "Quantità pagata", "priority": "Priorità",
    "description": "Descrizione", "active": "Attiva",
}
NEEDS = {
    "customer_article": ("party", "article"),
    "customer_family": ("party", "family"),
    "category_family": ("category", "family"),
    "campaign": ("valid_from", "valid_to"),
    "quantity_break": ("min_qty",),
}
FIELDS = tuple(LABELS)


def _decimal(value: Any, name: str, places: Decimal) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value).replace(",", ".")) if isinstance(value, str) else Decimal(value)
    except InvalidOperation:
        raise ValidationError(name, "numero non valido", LABELS[name]) from None
    if number != number.quantize(places, rounding=ROUND_HALF_UP):
        raise ValidationError(name, f"al massimo {len(str(places)) - 2} decimali", LABELS[name])
    return number.quantize(places)


def _integer(value: Any, name: str) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValidationError(name, "numero intero non valido", LABELS[name]) from None


def _resolve(ctx: Context, name: str, code: Any):
    if code is None or (isinstance(code, str) and not code.strip()):
        return None
    if not isinstance(code, str):
        return code  # already a record
    if name == "party":
        return find_party(ctx, code, "party", LABELS["party"])
    if name == "article":
        return find_article_for(ctx, code, "article", LABELS["article"])
    table, label = TABLE_KEYS[name]
    return tables.find(ctx, table, code, name, label)


def check(ctx: Context, values: dict[str, Any]) -> dict[str, Any]:
    """The model's fields from the given values (codes for the keys); every rule checked,
    the first broken one raised as ValidationError naming its field."""
    kind = (values.get("kind") or "").strip().lower()
    if kind not in RULE_KINDS:
        raise ValidationError("kind", "ammessi " + ", ".join(RULE_KINDS), LABELS["kind"])
    out: dict[str, Any] = {"kind": kind}
    for name in KEYS:
        out[name] = _resolve(ctx, name, values.get(name))
    for name in ("valid_from", "valid_to"):
        value = values.get(name)
        if value is not None and not isinstance(value, date):
            raise ValidationError(name, "data non valida", LABELS[name])
        out[name] = value
    if out["valid_from"] and out["valid_to"] and out["valid_to"] < out["valid_from"]:
        raise ValidationError("valid_to", "non può precedere la data di inizio",
                              LABELS["valid_to"])
    out["min_qty"] = _decimal(values.get("min_qty"), "min_qty", QTY_PLACES)
    if out["min_qty"] is not None and out["min_qty"] < 0:
        raise ValidationError("min_qty", "non può essere negativa", LABELS["min_qty"])
    out["price"] = _decimal(values.get("price"), "price", PLACES)
    if out["price"] is not None and out["price"] < 0:
        raise ValidationError("price", "non può essere negativo", LABELS["price"])
    out["price_list"] = _integer(values.get("price_list"), "price_list")
    if out["price_list"] is not None and not 1 <= out["price_list"] <= 8:
        raise ValidationError("price_list", "da 1 a 8", LABELS["price_list"])
    if out["price"] is not None and out["price_list"] is not None:
        raise ValidationError("price_list", "indicare il prezzo o il listino, non entrambi",
                              LABELS["price_list"])
    out["discounts"] = chains.chain(values.get("discounts"), "discounts", LABELS["discounts"])
    out["buy_qty"] = _integer(values.get("buy_qty"), "buy_qty")
    out["pay_qty"] = _integer(values.get("pay_qty"), "pay_qty")
    priority = _integer(values.get("priority"), "priority") or 0
    if not 0 <= priority <= 999:
        raise ValidationError("priority", "da 0 a 999", LABELS["priority"])
    out["priority"] = priority
    description = (values.get("description") or "").strip()
    if len(description) > 60:
        raise ValidationError("description", "al massimo 60 caratteri", LABELS["description"])
    out["description"] = description
    out["active"] = bool(values.get("active", True))

    for name in NEEDS.get(kind, ()):
        if out[name] is None or (name == "min_qty" and out[name] <= 0):
            raise ValidationError(name, f"obbligatorio per il tipo {kind}", LABELS[name])
    if kind == "parametric" and not any(out[k] is not None for k in KEYS):
        raise ValidationError("kind", "un listino parametrico indica almeno una chiave "
                              "(cliente, articolo, famiglia, categoria, zona, porto, agente, "
                              "pagamento)", LABELS["kind"])
    if kind == "promotion":
        buy, pay = out["buy_qty"], out["pay_qty"]
        if pay is None or pay <= 0:
            raise ValidationError("pay_qty", "maggiore di zero per una promozione",
                                  LABELS["pay_qty"])
        if buy is None or buy <= pay:
            raise ValidationError("buy_qty", "maggiore della quantità pagata",
                                  LABELS["buy_qty"])
        for name in ("price", "price_list"):
            if out[name] is not None:
                raise ValidationError(name, "una promozione dà merce in omaggio, non prezzi",
                                      LABELS[name])
        if out["discounts"]:
            raise ValidationError("discounts", "una promozione dà merce in omaggio, non "
                                  "sconti", LABELS["discounts"])
    else:
        for name in ("buy_qty", "pay_qty"):
            if out[name] is not None:
                raise ValidationError(name, "solo per le promozioni", LABELS[name])
        if out["price"] is None and out["price_list"] is None and not out["discounts"]:
            raise ValidationError("price", "indicare un prezzo, un listino o degli sconti",
                                  LABELS["price"])
    return out


def get(ctx: Context, rule_id: int | str) -> PriceRule:
    try:
        number = int(rule_id)
    except (TypeError, ValueError):
        raise NotFound(f"Condizione di prezzo {rule_id} inesistente") from None
    rule = PriceRule.get_or_none(PriceRule.company == ctx.require_company(),
                                 PriceRule.id == number)
    if rule is None:
        raise NotFound(f"Condizione di prezzo {rule_id} inesistente")
    return rule


def as_values(rule: PriceRule) -> dict[str, Any]:
    """The rule with its keys as codes (what `add` takes, what listings show)."""
    values: dict[str, Any] = {"id": rule.id, "kind": rule.kind}
    for name in KEYS:
        row = getattr(rule, name)
        values[name] = row.code if row is not None else None
    for name in FIELDS:
        if name not in values:
            values[name] = getattr(rule, name)
    return values


@operation(functions.PRICE_RULES)
def add(ctx: Context, kind: str, **values: Any) -> PriceRule:
    """A new price condition; `values` as in LABELS (keys as codes)."""
    require_prices(ctx)
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    fields = check(ctx, {**values, "kind": kind})
    return records.insert(ctx, PriceRule, company=ctx.require_company(), **fields)


@operation(functions.PRICE_RULES)
def update(ctx: Context, rule_id: int | str, **changes: Any) -> PriceRule:
    """Change some fields of a condition (a key given as "" is cleared); the whole rule is
    checked again."""
    require_prices(ctx)
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    rule = get(ctx, rule_id)
    values = {k: v for k, v in as_values(rule).items() if k != "id"}
    values.update(changes)
    fields = check(ctx, values)
    return records.update(ctx, rule, **fields)


@operation(functions.PRICE_RULES)
def delete(ctx: Context, rule_id: int | str) -> None:
    require_prices(ctx)
    records.delete(ctx, get(ctx, rule_id))


@operation(functions.PRICE_RULES, write=False)
def list_rules(ctx: Context, kind: str | None = None, party: str | None = None,
               article: str | None = None) -> list[PriceRule]:
    """The company's conditions, by kind and id; optionally of one kind, party or article."""
    require_prices(ctx)
    q = PriceRule.select().where(PriceRule.company == ctx.require_company())
    if kind:
        if kind not in RULE_KINDS:
            raise ValidationError("kind", "ammessi " + ", ".join(RULE_KINDS), LABELS["kind"])
        q = q.where(PriceRule.kind == kind)
    if party:
        q = q.where(PriceRule.party == find_party(ctx, party, "party", LABELS["party"]))
    if article:
        q = q.where(PriceRule.article == find_article_for(ctx, article, "article",
                                                          LABELS["article"]))
    return list(q.order_by(PriceRule.kind, PriceRule.id))
