"""gamma order book | fulfilable | late | picking | rolling and gamma order schedule."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tests.order_fixtures_h5 import company_ctx, order, put, setup
from tests.test_cli import gamma  # noqa: F401  (the fixture)


@pytest.fixture
def cli(gamma, db_url):  # noqa: F811
    with company_ctx(db_url) as ctx:
        setup(ctx)
        put(ctx, "A22", "CAR", "10")
        order(ctx, "customer_order", "C001", [("A22", "6")], date(2026, 3, 2),
              delivery_date=date(2026, 3, 20))
        order(ctx, "supplier_order", "F001", [("A22", "20")], date(2026, 3, 1),
              delivery_date=date(2026, 3, 5))
    return gamma


def test_order_reports_from_the_command_line(cli, tmp_path):
    book = json.loads(cli("order", "book", "--by", "article", "--json").stdout)
    assert [(g["key"], g["residual"], g["value"]) for g in book] == [
        ("A22", "6.000", "60.00")]  # 6 × 10,00
    assert "residuo 6" in cli("order", "book").stdout
    can = json.loads(cli("order", "fulfilable", "--json").stdout)
    assert [(a["article"], a["can_ship"]) for a in can] == [("A22", "6.000")]
    letters = tmp_path / "solleciti.pdf"
    late = cli("order", "late", "--at", "10/03/2026", "--pdf", str(letters))
    assert late.exit_code == 0, late.output
    assert "F001" in late.stdout and letters.read_bytes().startswith(b"%PDF")
    picking = json.loads(cli("order", "picking", "--json").stdout)
    assert [line["article"] for line in picking] == ["A22"]
    rolling = json.loads(cli("order", "rolling", "A22", "--json").stdout)
    # On hand 10; 5/3 +20 → 30; 20/3 −6 → 24.
    assert [(r["date"], r["available"]) for r in rolling["by_date"]] == [
        ("2026-03-05", "30.000"), ("2026-03-20", "24.000")]
    assert "Disponibile" in cli("order", "rolling", "A22").stdout


def test_schedule_from_the_command_line(cli):
    orders = json.loads(cli("order", "book", "--json").stdout)
    order_id = orders[0]["lines"][0]["order_id"]
    result = cli("order", "schedule", "set", str(order_id), "1",
                 "10/03/2026:2:F, 20/04/2026:4:P", "--json")
    assert result.exit_code == 0, result.output
    assert [(r["date"], r["firm"]) for r in json.loads(result.stdout)] == [
        ("2026-03-10", True), ("2026-04-20", False)]
    shipped = cli("order", "schedule", "fulfil", str(order_id), "--to", "10/03/2026")
    assert shipped.exit_code == 0, shipped.output
    assert shipped.stdout.startswith("Documento di trasporto")
    shown = json.loads(cli("order", "schedule", "show", str(order_id), "--json").stdout)
    assert [r["delivered"] for r in shown] == ["2.000", "0.000"]
