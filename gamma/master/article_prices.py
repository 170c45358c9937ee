"""Article sale prices: 8 lists, each with a dated history.

A price row is in force from its `valid_from` day until the next row of the same list
starts; a row with a future start takes effect on that day. A price may be derived from
the cost with a markup: price = cost × (1 + markup/100), rounded ROUND_HALF_UP to the
price's 6 places. The cost used is the last cost, else the standard, else the average.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from gamma import discounts, functions, records
from gamma.context import Context
from gamma.errors import ValidationError
from gamma.master.article_common import get_article, require_prices
from gamma.service import operation
from models.article import Article, ArticlePrice

LISTS = range(1, 9)
DIVISORS = (1, 10, 100, 1000)
PLACES = Decimal("0.000001")


def reference_cost(article: Article) -> Decimal | None:
    """The cost a markup applies to: last, else standard, else average."""
    for cost in (article.cost_last, article.cost_standard, article.cost_average):
        if cost is not None:
            return cost
    return None


def _list_number(list_number) -> int:
    try:
        number = int(list_number)
    except (TypeError, ValueError):
        number = 0
    if number not in LISTS:
        raise ValidationError("list_number", "da 1 a 8", "Listino")
    return number


def discounts_chain(text: str | None) -> str:
    return discounts.chain(text)


@operation(functions.ARTICLE_EDIT)
def set_price(ctx: Context, code: Article | str, list_number: int,
              price: Decimal | None = None, valid_from: date | None = None,
              discounts: str = "", markup: Decimal | None = None,
              divisor: int = 1) -> ArticlePrice:
    """Set the price of a list from a day (today when not given): the row of that day is
    replaced, earlier and later rows are kept. Without a price, it comes from the markup
    on the cost."""
    require_prices(ctx)
    article = get_article(ctx, code)
    number = _list_number(list_number)
    valid_from = valid_from or ctx.today()
    if divisor not in DIVISORS:
        raise ValidationError("divisor", "ammessi 1, 10, 100, 1000", "Divisore prezzo")
    if markup is not None:
        markup = Decimal(markup)
        if markup <= -100:
            raise ValidationError("markup", "deve essere maggiore di -100", "Ricarico")
    if price is None:
        if markup is None:
            raise ValidationError("price", "indicare il prezzo o il ricarico sul costo", "Prezzo")
        cost = reference_cost(article)
        if cost is None:
            raise ValidationError("markup", "l'articolo non ha un costo su cui ricaricare",
                                  "Ricarico")
        price = cost * (1 + markup / 100)
    price = Decimal(price).quantize(PLACES, rounding=ROUND_HALF_UP)
    if price < 0:
        raise ValidationError("price", "non può essere negativo", "Prezzo")
    fields = dict(price=price, discounts=discounts_chain(discounts), markup=markup,
                  divisor=divisor)
    row = ArticlePrice.get_or_none(ArticlePrice.article == article,
                                   ArticlePrice.list_number == number,
                                   ArticlePrice.valid_from == valid_from)
    if row is not None:
        return records.update(ctx, row, **fields)
    return records.insert(ctx, ArticlePrice, company=ctx.company, article=article,
                          list_number=number, valid_from=valid_from, **fields)


def price_on(ctx: Context, article: Article | str, list_number: int,
             day: date | None = None) -> ArticlePrice | None:
    """The price row of the list in force on `day` (today when not given), or None."""
    article = get_article(ctx, article)
    day = day or ctx.today()
    return (ArticlePrice.select()
            .where(ArticlePrice.article == article,
                   ArticlePrice.list_number == _list_number(list_number),
                   ArticlePrice.valid_from <= day)
            .order_by(ArticlePrice.valid_from.desc()).first())


def prices_on(ctx: Context, article: Article, day: date | None = None) -> dict[int, ArticlePrice]:
    """The row in force on `day` of every list that has one."""
    day = day or ctx.today()
    out: dict[int, ArticlePrice] = {}
    rows = (ArticlePrice.select()
            .where(ArticlePrice.article == article, ArticlePrice.valid_from <= day)
            .order_by(ArticlePrice.list_number, ArticlePrice.valid_from.desc()))
    for row in rows:
        out.setdefault(row.list_number, row)
    return out


def history(article: Article, list_number: int | None = None) -> list[ArticlePrice]:
    q = ArticlePrice.select().where(ArticlePrice.article == article)
    if list_number is not None:
        q = q.where(ArticlePrice.list_number == list_number)
    return list(q.order_by(ArticlePrice.list_number, ArticlePrice.valid_from))


def form_values(ctx: Context, article: Article, day: date | None = None) -> dict:
    """The prices sub-mask: each list's price and discounts in force on `day`."""
    require_prices(ctx)
    day = day or ctx.today()
    in_force = prices_on(ctx, article, day)
    values: dict = {"valid_from": day}
    for n in LISTS:
        row = in_force.get(n)
        values[f"price{n}"] = row.price if row else None
        values[f"discounts{n}"] = (row.discounts or None) if row else None
    return values


@operation(functions.ARTICLE_EDIT)
def save_from_form(ctx: Context, article: Article | str, values: dict) -> list[ArticlePrice]:
    """Write the lists whose price or discounts differ from those in force on the mask's
    day, as new rows starting that day (the history before it is kept)."""
    article = get_article(ctx, article)
    day = values.get("valid_from") or ctx.today()
    in_force = prices_on(ctx, article, day)
    written = []
    for n in LISTS:
        price = values.get(f"price{n}")
        discounts = discounts_chain(values.get(f"discounts{n}"))
        row = in_force.get(n)
        if price is None:
            if discounts and row is None:
                raise ValidationError(f"price{n}", "indicare il prezzo dello sconto",
                                      f"Listino {n} prezzo")
            if row is None or not discounts or discounts == row.discounts:
                continue
            price = row.price
        if row is not None and row.price == price and row.discounts == discounts:
            continue
        written.append(set_price(ctx, article, n, price, day, discounts,
                                 divisor=row.divisor if row else 1))
    return written
