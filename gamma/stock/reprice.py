"""A purchase load's new cost: it becomes the article's last cost and, when asked, the
sale prices derived from the cost are recomputed.

The rule is the one the article's price lists already hold: a list whose price in force
carries a markup (set in the article's prices, 122) is recomputed as new cost × (1 +
markup/100), as a new price row from the load's day; lists without a markup are left
alone. Only loads whose reason is flagged "Ricalcolo prezzi" do any of this.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from gamma import records
from gamma import rows as rows_
from gamma.context import Context
from gamma.master import article_prices
from models import Article


def new_cost(ctx: Context, article: Article, cost: Decimal, day: date,
             recompute: bool = False) -> list[int]:
    """Set the last cost; with `recompute`, the marked-up lists. Returns those lists."""
    current = rows_.fetch_one(Article, id=article.id)  # a file may load it twice: re-read
    records.update(ctx, current, cost_last=cost)
    if not recompute:
        return []
    done = []
    for number, row in sorted(article_prices.prices_on(ctx, current, day).items()):
        if row.markup is None:
            continue
        article_prices.set_price(ctx, current, number, None, day, discounts=row.discounts,
                                 markup=row.markup, divisor=row.divisor)
        done.append(number)
    return done
