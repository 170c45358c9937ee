"""Year-end close: opening balances carried into the new year at the method's values,
balances untouched, later valuations starting from the opening, safe to run again."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from gamma.errors import ValidationError
from gamma.sales import stock
from gamma.stock import valuation, valuation_read, year_close
from models import StockMovement, StockReason
from tests.stock_value_fixtures import gamma, three_years

END_2026 = date(2026, 12, 31)


@pytest.fixture
def ctx(admin_ctx):
    three_years(admin_ctx)
    return admin_ctx


def opening(ctx, year=2026):
    ape = StockReason.get(StockReason.company == ctx.company, StockReason.code == "APE")
    return [(m.article.code, m.qty, m.unit_value) for m in StockMovement.select().where(
        StockMovement.reason == ape, StockMovement.date == date(year, 1, 1))
        .order_by(StockMovement.id)]


def a22(ctx, method, at=END_2026):
    found = valuation.value(ctx, method, at)
    return next(x.value for x in found.lines if x.code == "A22")


def on_hand(ctx):
    from gamma.master.article_common import find_article
    return stock.level(ctx, find_article(ctx, "A22")).on_hand


def test_fifo_close_carries_each_layer(ctx):
    year_close.close(ctx, 2025, "fifo")
    # FIFO at 31/12/2025 left 10 of the 50 @ 12.00, the 60 @ 13.00 and the 40 @ 14.50
    assert opening(ctx) == [("A22", Decimal("10.000"), Decimal("12.000000")),
                            ("A22", Decimal("60.000"), Decimal("13.000000")),
                            ("A22", Decimal("40.000"), Decimal("14.500000"))]
    assert on_hand(ctx) == Decimal("90.000")  # closing and opening cancel
    # From the opening on: -50 takes the 10 @ 12 and 40 @ 13; +30 @ 15 -> 1,290.00 as
    # valued over the whole history
    assert valuation_read.window(ctx, "fifo", END_2026, None).start == date(2026, 1, 1)
    assert a22(ctx, "fifo") == Decimal("1290.00")
    # Another method reads the whole history, leaving the close's movements out
    assert valuation_read.window(ctx, "lifo", END_2026, None).start is None
    assert a22(ctx, "lifo") == Decimal("1050.00")


def test_yearly_lifo_over_two_closes(ctx):
    year_close.close(ctx, 2024, "lifo-annual")
    # 2024's layer: 80 @ 10.666667
    assert opening(ctx, 2025) == [("A22", Decimal("80.000"), Decimal("10.666667"))]
    year_close.close(ctx, 2025, "lifo-annual")
    # 2025 adds its layer of 30 @ 13.60 on top
    assert opening(ctx) == [("A22", Decimal("80.000"), Decimal("10.666667")),
                            ("A22", Decimal("30.000"), Decimal("13.600000"))]
    # 2026 takes 20 from the newest layer: 853.33336 + 136.00 = 989.33, as without closes
    assert a22(ctx, "lifo-annual") == Decimal("989.33")


def test_period_average_continues_from_the_opening(ctx):
    year_close.close(ctx, 2025, "average")
    # 110 @ 12.296296 carried; (1352.59256 + 450) / 140 = 12.875661 x 90 -> 1,158.81
    assert opening(ctx) == [("A22", Decimal("110.000"), Decimal("12.296296"))]
    assert a22(ctx, "average") == Decimal("1158.81")


def test_running_again_refuses_or_replaces(ctx):
    first = year_close.close(ctx, 2025, "fifo")
    # 1,480.00 of A22 (10 x 12 + 60 x 13 + 40 x 14.50) and nothing yet of A10
    assert (first.articles, first.value) == (1, Decimal("1480.00"))
    with pytest.raises(ValidationError, match="anno 2025 già chiuso"):
        year_close.close(ctx, 2025, "fifo")
    again = year_close.close(ctx, 2025, "last", replace=True)
    # Last cost at 31/12/2025: 14.50 x 110 = 1,595.00; one opening, the old ones gone
    assert again.value == Decimal("1595.00")
    assert opening(ctx) == [("A22", Decimal("110.000"), Decimal("14.500000"))]
    assert on_hand(ctx) == Decimal("90.000")


def test_a_year_not_ended_or_behind_a_later_close_is_refused(ctx):
    with pytest.raises(ValidationError, match="l'anno 2026 non è ancora finito"):
        year_close.close(ctx, 2026, "fifo")
    year_close.close(ctx, 2025, "fifo")
    with pytest.raises(ValidationError, match="già chiuso l'anno 2025"):
        year_close.close(ctx, 2024, "fifo")


def test_cli_close(ctx, db_url):
    result = gamma(db_url, "stock", "close", "2025", "--method", "fifo")
    assert result.exit_code == 0, result.output
    assert "Magazzino 2025 chiuso (FIFO): articoli 1, valore 1.480,00" in result.output
