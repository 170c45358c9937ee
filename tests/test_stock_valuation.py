"""Stock valuation: the same movements (tests/stock_value_fixtures.py) valued by every
method, worked out by hand to the cent."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from gamma.errors import ValidationError
from gamma.master import article_prices
from gamma.stock import valuation
from tests.stock_value_fixtures import gamma, moves, three_years

END_2026 = date(2026, 12, 31)


@pytest.fixture
def ctx(admin_ctx):
    three_years(admin_ctx)
    return admin_ctx


def value_of(ctx, method, at=END_2026, code="A22"):
    found = valuation.value(ctx, method, at)
    line = next(x for x in found.lines if x.code == code)
    return line.qty, line.value


def test_fifo(ctx):
    # Perpetual FIFO: the unloads took the oldest layers, so the 90 left are the newest:
    # 30 @ 15.00 = 450.00, 40 @ 14.50 = 580.00, 20 of the 60 @ 13.00 = 260.00 -> 1,290.00
    assert value_of(ctx, "fifo") == (Decimal("90.000"), Decimal("1290.00"))
    # At the end of 2025, 110 on hand: 40 @ 14.50 = 580.00, 60 @ 13.00 = 780.00 and
    # 10 of the 50 @ 12.00 = 120.00 -> 1,480.00
    assert value_of(ctx, "fifo", date(2025, 12, 31)) == (Decimal("110.000"),
                                                          Decimal("1480.00"))


def test_lifo_perpetual(ctx):
    # Each unload takes the newest layers:
    # 100@10; -40 -> 60@10; +50@12; -30 -> 60@10 20@12; +60@13; -70 -> 60@10 10@12;
    # +40@14.50; -50 -> 60@10; +30@15 -> 60 x 10.00 + 30 x 15.00 = 600 + 450 = 1,050.00
    assert value_of(ctx, "lifo") == (Decimal("90.000"), Decimal("1050.00"))


def test_lifo_yearly_layers(ctx):
    # 2024 adds 80: layer at 2024's average purchase cost (1000 + 600) / 150 = 10.666667
    # 2025 adds 30 (110 - 80): layer at (780 + 580) / 100 = 13.60
    # 2026 takes 20 (90 - 110) from the newest layer: 10 @ 13.60 left
    # 80 x 10.666667 = 853.33336 + 10 x 13.60 = 136.00 -> 989.33
    assert value_of(ctx, "lifo-annual") == (Decimal("90.000"), Decimal("989.33"))
    # At the end of 2025 both layers are whole: 853.33336 + 30 x 13.60 = 408 -> 1,261.33
    assert value_of(ctx, "lifo-annual", date(2025, 12, 31))[1] == Decimal("1261.33")


def test_weighted_average_of_the_period(ctx):
    # 2024 average: 1600 / 150 = 10.666667
    # 2025: opening 80 x 10.666667 = 853.33336, purchases 1360 for 100:
    #       2213.33336 / 180 = 12.296296
    # 2026: opening 110 x 12.296296 = 1352.59256, purchases 30 x 15 = 450:
    #       1802.59256 / 140 = 12.875661; 90 x 12.875661 = 1158.80949 -> 1,158.81
    assert value_of(ctx, "average") == (Decimal("90.000"), Decimal("1158.81"))


def test_moving_average(ctx):
    # +100@10: 10 | -40: 60 | +50@12: (600 + 600) / 110 = 10.909091 | -30: 80
    # +60@13: (872.72728 + 780) / 140 = 11.805195 | -70: 70
    # +40@14.50: (826.36365 + 580) / 110 = 12.785124 | -50: 60
    # +30@15: (767.10744 + 450) / 90 = 13.523416; 90 x 13.523416 = 1217.10744 -> 1,217.11
    assert value_of(ctx, "moving-average") == (Decimal("90.000"), Decimal("1217.11"))


def test_last_cost(ctx):
    # The last purchase, 20/02/2026 at 15.00: 90 x 15.00 = 1,350.00
    assert value_of(ctx, "last") == (Decimal("90.000"), Decimal("1350.00"))
    # At 31/12/2024 the last purchase was 50 @ 12.00: 80 x 12.00 = 960.00
    assert value_of(ctx, "last", date(2024, 12, 31)) == (Decimal("80.000"), Decimal("960.00"))


def test_supplier_average(ctx):
    # Bought most from F001 (210 units against F002's 70):
    # (1000 + 600 + 780) / 210 = 11.333333; 90 x 11.333333 = 1019.99997 -> 1,020.00
    assert value_of(ctx, "supplier-average") == (Decimal("90.000"), Decimal("1020.00"))


def test_sale_price_list(ctx):
    # List 1 of A22 is 10.00 from 01/01/2026 (the sales fixtures), 12.50 from 01/06/2026
    article_prices.set_price(ctx, "A22", 1, Decimal("12.50"), date(2026, 6, 1))
    assert value_of(ctx, "list:1", date(2026, 3, 31)) == (Decimal("90.000"), Decimal("900.00"))
    assert value_of(ctx, "list:1") == (Decimal("90.000"), Decimal("1125.00"))


def test_total_and_a_depot(ctx):
    found = valuation.value(ctx, "fifo", END_2026)
    # A22 1,290.00 + A10 10 x 3.00 = 30.00
    assert [x.code for x in found.lines] == ["A10", "A22"]
    assert found.total == Decimal("1320.00")
    assert valuation.value(ctx, "fifo", END_2026, depot="01").total == Decimal("1320.00")


def test_stock_below_zero_is_valued_at_zero(ctx):
    moves(ctx, "A04", [(date(2026, 1, 5), "VEN", "4", None, None),
                       (date(2026, 1, 7), "CAR", "10", "2.00", "F001")])
    # The 4 sold first are filled by the load: 6 left at 2.00 = 12.00
    assert value_of(ctx, "fifo", code="A04") == (Decimal("6.000"), Decimal("12.00"))
    assert value_of(ctx, "lifo", code="A04") == (Decimal("6.000"), Decimal("12.00"))
    moves(ctx, "A04", [(date(2026, 2, 1), "VEN", "8", None, None)])
    assert value_of(ctx, "fifo", code="A04") == (Decimal("-2.000"), Decimal("0.00"))


def test_unknown_method_names_the_rule(ctx):
    with pytest.raises(ValidationError, match="Metodo: uno tra last, average"):
        valuation.value(ctx, "fefo", END_2026)
    with pytest.raises(ValidationError, match="listino da 1 a 8"):
        valuation.value(ctx, "list:9", END_2026)


def test_cli_json(ctx, db_url):
    result = gamma(db_url, "stock", "value", "--method", "fifo", "--at", "31/12/2026",
                   "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["total"] == "1320.00"
    assert data["articles"][1] == {"article": "A22", "description": "Vite inox M6",
                                   "qty": "90.000", "unit_cost": "14.333333",
                                   "value": "1290.00"}


def test_a_quantity_found_without_a_cost_takes_the_latest_cost(ctx):
    # An inventory adjustment of +5 without a cost on 01/03/2026, after the load of
    # 20/02 at 15.00: FIFO 5 @ 15.00 = 75.00 on top of the 1,290.00 -> 95 for 1,365.00
    moves(ctx, "A22", [(date(2026, 3, 1), "INV", "5", None, None)])
    assert value_of(ctx, "fifo") == (Decimal("95.000"), Decimal("1365.00"))
    # LIFO: 60 @ 10.00, 30 @ 15.00 and 5 @ 15.00 = 600 + 450 + 75 = 1,125.00
    assert value_of(ctx, "lifo") == (Decimal("95.000"), Decimal("1125.00"))


def test_a_transfer_counts_at_each_depot_but_not_in_the_company_total(ctx):
    from gamma.master import tables
    tables.save(ctx, "depot", {"code": "02", "description": "Magazzino nord"})
    moves(ctx, "A10", [(date(2026, 2, 1), "TRU", "4", None, None)])
    moves(ctx, "A10", [(date(2026, 2, 1), "TRE", "4", None, None)], depot="02")
    # Every depot: the two halves cancel, A10 is still 10 @ 3.00 = 30.00
    assert value_of(ctx, "fifo", code="A10") == (Decimal("10.000"), Decimal("30.00"))
    # Depot 01 keeps 6 @ 3.00 = 18.00; depot 02 got 4 without a cost at depot 02, valued
    # at the article's own cost (none: 0.00)
    found = valuation.value(ctx, "fifo", END_2026, depot="01")
    assert [(x.code, x.qty, x.value) for x in found.lines] == [
        ("A10", Decimal("6.000"), Decimal("18.00")), ("A22", Decimal("90.000"),
                                                      Decimal("1290.00"))]


def test_fifo_over_several_depots_follows_the_dates(ctx):
    from gamma.master import tables
    tables.save(ctx, "depot", {"code": "02", "description": "Magazzino nord"})
    moves(ctx, "A04", [(date(2026, 1, 3), "CAR", "10", "1.00", "F001")], depot="02")
    moves(ctx, "A04", [(date(2026, 1, 5), "CAR", "10", "2.00", "F001"),
                       (date(2026, 1, 10), "VEN", "5", None, None)])
    # Every depot: the oldest layer is depot 02's of 03/01, so the 5 sold came from it:
    # 10 @ 2.00 + 5 @ 1.00 = 25.00
    assert value_of(ctx, "fifo", code="A04") == (Decimal("15.000"), Decimal("25.00"))
    # Depot 01 alone: 5 of its 10 @ 2.00 left = 10.00
    found = valuation.value(ctx, "fifo", END_2026, depot="01")
    assert next(x.value for x in found.lines if x.code == "A04") == Decimal("10.00")


def test_costs_are_sensitive_data(ctx):
    import dataclasses
    from gamma.access import grants, operators
    from gamma.access.grants import Grantee, GrantChange
    from gamma.errors import PermissionDenied
    operators.add(ctx, "lucia", "password-l")
    grants.grant(ctx, Grantee.of_operator("lucia"), GrantChange(functions=("321",),
                                                                companies=(1,)))
    clerk = dataclasses.replace(ctx, operator=operators.find("lucia"))
    # Without the right to see costs, no valuation at cost; a price list is still shown
    with pytest.raises(PermissionDenied, match="Costi non visibili all'operatore LUCIA"):
        valuation.value(clerk, "fifo", END_2026)
    # A22 90 x 10.00 + A10 10 x 5.50 = 900.00 + 55.00
    assert valuation.value(clerk, "list:1", END_2026).total == Decimal("955.00")
    grants.grant(ctx, Grantee.of_operator("lucia"), GrantChange(sensitive=("costs",)))
    assert valuation.value(clerk, "fifo", END_2026).total == Decimal("1320.00")
