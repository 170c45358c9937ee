"""The movements the valuation tests work by hand: article A22 over three years, bought
from two suppliers; article A10 bought once.

    2024  10/01 load 100 @ 10.00 (F001)   15/03 sale 40
          20/06 load  50 @ 12.00 (F001)   10/10 sale 30        end 2024:  80
    2025  05/02 load  60 @ 13.00 (F001)   10/05 sale 70
          01/09 load  40 @ 14.50 (F002)                        end 2025: 110
    2026  15/01 sale 50   20/02 load 30 @ 15.00 (F002)         on hand:   90
    A10   2026 10/01 load 10 @ 3.00                             on hand:   10
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from gamma import db
from gamma.master import parties, tables
from gamma.master.article_common import find_article
from gamma.sales import stock
from models import Party
from tests.sales_fixtures import prepare

A22_MOVES = (
    (date(2024, 1, 10), "CAR", "100", "10.00", "F001"),
    (date(2024, 3, 15), "VEN", "40", None, None),
    (date(2024, 6, 20), "CAR", "50", "12.00", "F001"),
    (date(2024, 10, 10), "VEN", "30", None, None),
    (date(2025, 2, 5), "CAR", "60", "13.00", "F001"),
    (date(2025, 5, 10), "VEN", "70", None, None),
    (date(2025, 9, 1), "CAR", "40", "14.50", "F002"),
    (date(2026, 1, 15), "VEN", "50", None, None),
    (date(2026, 2, 20), "CAR", "30", "15.00", "F002"),
)


def moves(ctx, code: str, rows, depot: str = "01") -> None:
    """Write movements (day, reason code, qty, unit cost, party code) of one article."""
    article = find_article(ctx, code).id
    depot_id = tables.find(ctx, "depot", depot).id
    with db.transaction():
        stock.move(ctx, [{"article": article, "depot": depot_id,
                          "reason": stock.reason(ctx, why), "date": day, "qty": Decimal(qty),
                          "unit_value": Decimal(cost) if cost else None,
                          "party": Party.get(Party.code == party).id if party else None}
                         for day, why, qty, cost, party in rows])


def three_years(ctx) -> None:
    prepare(ctx, stock_qty="")
    for code, name in (("F001", "Viteria Lombarda S.p.A."), ("F002", "Bulloneria Sud")):
        parties.save_from_form(ctx, {"code": code, "name": name, "is_customer": "N",
                                     "is_supplier": "S"})
    moves(ctx, "A22", A22_MOVES)
    moves(ctx, "A10", [(date(2026, 1, 10), "CAR", "10", "3.00", "F001")])


def gamma(db_url: str, *args: str):
    """`gamma --db URL --company 1 --operator admin ARGS…` in-process; the click result."""
    from click.testing import CliRunner
    from gamma.cli.main import cli
    return CliRunner().invoke(cli, ["--db", db_url, "--company", "1", "--operator", "admin",
                                    *args])
