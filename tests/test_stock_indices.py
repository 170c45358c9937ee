"""Stock indices over the first quarter of 2026: turnover, coverage days and margins of
the sale document lines, worked out by hand."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from gamma import records
from gamma.errors import ValidationError
from gamma.master.article_common import find_article
from gamma.stock import indices
from tests.sales_fixtures import issue, prepare
from tests.stock_value_fixtures import gamma, moves

START, END = date(2026, 1, 1), date(2026, 3, 31)  # 90 days


@pytest.fixture
def ctx(admin_ctx):
    prepare(admin_ctx, stock_qty="")
    from gamma.master import parties
    parties.save_from_form(admin_ctx, {"code": "F001", "name": "Viteria Lombarda S.p.A.",
                                       "is_customer": "N", "is_supplier": "S"})
    moves(admin_ctx, "A22", [(date(2025, 12, 15), "CAR", "40", "5.00", "F001"),
                             (date(2026, 1, 10), "CAR", "60", "6.00", "F001")])
    # The line carries the article's cost when entered: 5.50
    records.update(admin_ctx, find_article(admin_ctx, "A22"), cost_last=Decimal("5.50"))
    issue(admin_ctx, {"kind": "invoice", "date": date(2026, 1, 31), "customer": "C001",
                      "lines": [{"article": "A22", "qty": "45"}]})  # list 1: 10.00
    return admin_ctx


def test_turnover_coverage_and_margin(ctx):
    [a22] = indices.indices(ctx, START, END)
    # Moving average: opening 40 @ 5.00 = 200.00; +60 @ 6.00 (purchases 360.00) makes
    # (200 + 360) / 100 = 5.60; 45 sold leave 55 x 5.60 = 308.00
    assert (a22.opening_value, a22.purchases, a22.closing_value) == (
        Decimal("200.00"), Decimal("360.00"), Decimal("308.00"))
    # Cost of goods sold 200 + 360 - 308 = 252.00; average stock (200 + 308) / 2 = 254.00;
    # turnover 252 / 254 = 0.99
    assert (a22.cogs, a22.average_value, a22.turnover) == (
        Decimal("252.00"), Decimal("254.00"), Decimal("0.99"))
    # 45 used in 90 days = 0.5 a day; 55 on hand last 55 / 0.5 = 110.0 days
    assert (a22.used_qty, a22.closing_qty, a22.coverage_days) == (
        Decimal("45.000"), Decimal("55.000"), Decimal("110.0"))
    # Revenue 45 x 10.00 = 450.00; cost 45 x 5.50 = 247.50; margin 202.50 = 45.00 %
    assert (a22.revenue, a22.cost, a22.margin, a22.margin_rate) == (
        Decimal("450.00"), Decimal("247.50"), Decimal("202.50"), Decimal("45.00"))


def test_totals_and_a_wrong_period(ctx):
    found = indices.indices(ctx, START, END)
    total = indices.total(found)
    # In value: 308.00 x 90 / 252.00 = 110.0 days
    assert (total["turnover"], total["coverage_days"], total["margin"]) == (
        Decimal("0.99"), Decimal("110.0"), Decimal("202.50"))
    with pytest.raises(ValidationError, match="il periodo va da una data a una successiva"):
        indices.indices(ctx, END, START)


def test_cli_json(ctx, db_url):
    result = gamma(db_url, "stock", "indices", "--from", "01/01/2026", "--to", "31/03/2026",
                   "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["articles"][0]["turnover"] == "0.99"
    assert data["total"]["margin_rate"] == "45.00"
