"""gamma order fulfil (from a preset, dry run, JSON) | list | close, and the order figures
of gamma doc show --json that a CRM reads."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from gamma import companies, db
from gamma.access import operators
from gamma.context import Context
from tests.conftest import make_settings
from tests.order_fixtures import load, prepare_orders
from tests.test_cli import gamma  # noqa: F401  (the fixture)


@pytest.fixture
def cli(gamma, db_url, tmp_path):  # noqa: F811
    db.connect(db_url)
    try:
        ctx = companies.open_company(
            Context(make_settings(), operator=operators.find("admin")), 1)
        prepare_orders(ctx)
        load(ctx, {"A22": Decimal("10")})
    finally:
        db.close()
    path = tmp_path / "orders.json"
    # Two orders of 6 screws each with 10 on hand: C002's is more urgent.
    path.write_text(json.dumps([
        {"kind": "customer_order", "date": "2026-03-02", "customer": "C001",
         "delivery_date": "2026-03-20", "lines": [{"article": "A22", "qty": "6"}]},
        {"kind": "customer_order", "date": "2026-03-03", "customer": "C002", "priority": "1",
         "lines": [{"article": "A22", "qty": "6", "delivery_date": "2026-03-09"}]}]),
        encoding="utf-8")
    result = gamma("doc", "import", str(path), "--confirm")
    assert result.exit_code == 0, result.output
    return gamma


def test_fulfil_from_a_stored_preset_by_priority(cli):
    stored = cli("order", "fulfil", "--to-party", "C999", "--date", "10/03/2026",
                 "--dry-run", "--save-preset", "giornaliera")
    assert stored.exit_code == 0, stored.output
    assert "C002: da evadere ordini 2 del 03/03/2026" in stored.output
    result = cli("order", "fulfil", "--preset", "giornaliera", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    # Priority 1 (C002) takes 6 of the 10; C001 gets the other 4 of its 6.
    assert [(x["party"], x["to_ship"], x["available"]) for x in data["lines"]] == [
        ("C002", "6", "10"), ("C001", "4", "4")]
    made = [x["document"] for x in data["documents"]]
    assert [(d["kind"], d["customer"], d["date"]) for d in made] == [
        ("delivery_note", "C002", "2026-03-10"), ("delivery_note", "C001", "2026-03-10")]
    shown = json.loads(cli("doc", "show", "1", "--json").output)
    assert shown["order_status"] == "partial" and shown["delivery_date"] == "2026-03-20"
    [goods] = [x for x in shown["lines"] if x["kind"] == "article"]
    # Ordered 6, fulfilled 4, residual 6 − 4 = 2.
    assert (goods["ordered"], goods["fulfilled"], goods["residual"]) == ("6", "4", "2")
    listed = json.loads(cli("order", "list", "--json").output)
    assert [(x["party"], x["status"], x["residual_qty"]) for x in listed] == [
        ("C001", "partial", "2"), ("C002", "fulfilled", "0")]


def test_close_an_order_line_and_list_by_status(cli):
    result = cli("order", "close", "1", "--line", "1")
    assert result.exit_code == 0, result.output
    assert "righe 1 non evadibile" in result.output
    closed = json.loads(cli("order", "list", "--status", "closed", "--json").output)
    assert [x["party"] for x in closed] == ["C001"]
    # Only C002's order is left to fulfil.
    dry = json.loads(cli("order", "fulfil", "--dry-run", "--json").output)
    assert [x["party"] for x in dry["lines"]] == ["C002"] and dry["documents"][0][
        "document"] is None
    reopened = cli("order", "close", "1", "--line", "1", "--reopen")
    assert "righe 1 di nuovo da evadere" in reopened.output, reopened.output
    dry = json.loads(cli("order", "fulfil", "--dry-run", "--json").output)
    assert [x["party"] for x in dry["lines"]] == ["C002", "C001"]


def test_manual_quantities_beyond_the_residual_are_refused(cli):
    dry = json.loads(cli("order", "fulfil", "--order", "1", "--dry-run", "--json").output)
    [line] = dry["lines"]
    result = cli("order", "fulfil", "--order", "1", "--mode", "manual", "--ship",
                 f"{line['line_id']}=7")
    assert result.exit_code != 0
    assert "oltre il residuo 6" in result.output
