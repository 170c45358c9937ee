"""Mix-and-match gifts (function 222, price conditions): buy `buy_qty` of an article,
get `gift_qty` of another at a discount (100 %: free) for every `buy_qty` bought.
Documents apply them as their lines are saved (gamma.kits.document_lines)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from gamma import functions, records
from gamma.context import Context
from gamma.errors import NotFound, ValidationError
from gamma.kits import structure
from gamma.master.article_common import require_prices
from gamma.sales import values
from gamma.service import operation
from models import Article, MixMatch

LABELS = {"article": "Articolo acquistato", "buy_qty": "Quantità da acquistare",
          "gift": "Articolo in omaggio", "gift_qty": "Quantità in omaggio",
          "discount": "Sconto %", "valid_from": "Valida dal", "valid_to": "Valida fino al",
          "description": "Descrizione"}


def _positive(value: Any, name: str, places: int, default: Decimal | None = None) -> Decimal:
    number = values.decimal(value, places, name, LABELS[name], required=default is None)
    number = default if number is None else number
    if number <= 0:
        raise ValidationError(name, "deve essere maggiore di zero", LABELS[name])
    return number


@operation(functions.PRICE_RULES)
def add(ctx: Context, article: str, buy_qty: Any, gift: str, gift_qty: Any = 1,
        discount: Any = 100, valid_from: date | None = None, valid_to: date | None = None,
        description: str = "") -> MixMatch:
    """A new gift rule; the bought and the gift article may be the same one."""
    require_prices(ctx)
    bought = structure.article(ctx, article, "article") if article else None
    if bought is None:
        raise ValidationError("article", "obbligatorio", LABELS["article"])
    given = structure.article(ctx, gift, "gift") if gift else None
    if given is None:
        raise ValidationError("gift", "obbligatorio", LABELS["gift"])
    rate = _positive(discount, "discount", 2, Decimal(100))
    if rate > 100:
        raise ValidationError("discount", "da 0 a 100", LABELS["discount"])
    if valid_from and valid_to and valid_to < valid_from:
        raise ValidationError("valid_to", "non può precedere la data di inizio",
                              LABELS["valid_to"])
    text = values.text(description, "description", LABELS["description"], 60)
    return records.insert(ctx, MixMatch, company=ctx.company, article=bought,
                          buy_qty=_positive(buy_qty, "buy_qty", 3), gift=given,
                          gift_qty=_positive(gift_qty, "gift_qty", 3, Decimal(1)),
                          discount=rate, valid_from=valid_from, valid_to=valid_to,
                          description=text)


def _get(ctx: Context, rule_id: int | str) -> MixMatch:
    try:
        number = int(rule_id)
    except (TypeError, ValueError):
        number = 0
    found = MixMatch.get_or_none(MixMatch.company == ctx.company, MixMatch.id == number)
    if found is None:
        raise NotFound(f"Omaggio mix/match {rule_id} inesistente")
    return found


@operation(functions.PRICE_RULES)
def remove(ctx: Context, rule_id: int | str) -> None:
    require_prices(ctx)
    records.delete(ctx, _get(ctx, rule_id))


@operation(functions.PRICE_RULES, write=False)
def list_rules(ctx: Context) -> list[MixMatch]:
    require_prices(ctx)
    bought = Article.alias()
    return list(MixMatch.select(MixMatch, bought)
                .join(bought, on=MixMatch.article == bought.id)
                .where(MixMatch.company == ctx.company).order_by(bought.code, MixMatch.id))
