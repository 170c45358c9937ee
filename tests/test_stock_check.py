"""Availability (per depot and total, the same figures as the documents' check) and the
balances check: drift reported per article and depot, rebuilt from the movements with
--fix, nothing left to fix on a second run."""

from __future__ import annotations

import json
from datetime import date

import pytest

from gamma import companies, db, records
from gamma.access import operators
from gamma.context import Context
from gamma.errors import ValidationError
from gamma.master import articles
from gamma.stock import availability, check, movements
from gamma.stock.movements import Entry
from models import AuditEntry, Depot, StockBalance
from tests.conftest import make_settings
from tests.sales_fixtures import d, prepare
from tests.test_cli import gamma  # noqa: F401  (the fixture)

DAY = date(2026, 3, 2)


def seed(ctx):
    prepare(ctx, stock_qty="")
    if not Depot.select().where(Depot.code == "02").exists():
        records.insert(ctx, Depot, company=ctx.company, code="02", description="Filiale")
    for entry in (Entry("A22", "10", "CAR", "01", date=DAY), Entry("A22", "5", "CAR", "02"),
                  Entry("A22", "3", "ORC", "01"), Entry("A22", "7", "ORF", "01"),
                  Entry("A22", "2", "VEN", "02")):
        movements.record(ctx, entry)


@pytest.fixture
def ctx(admin_ctx):
    seed(admin_ctx)
    return admin_ctx


def test_availability_per_depot_and_total(ctx):
    found = availability.of_article(ctx, "A22")
    rows = {r.depot: (r.on_hand, r.committed, r.on_order, r.available, r.forecast)
            for r in found.depots}
    # 01: 10 on hand, 3 committed, 7 on order: available 10 - 3 = 7, forecast 7 + 7 = 14.
    # 02: 5 loaded, 2 sold: 3 on hand, nothing else: available 3, forecast 3.
    assert rows == {"01": (d("10"), d("3"), d("7"), d("7"), d("14")),
                    "02": (d("3"), d("0"), d("0"), d("3"), d("3"))}
    total = found.total
    # 13 on hand, 3 committed, 7 on order: available 10, forecast 17.
    assert (total.on_hand, total.committed, total.on_order, total.available,
            total.forecast) == (d("13"), d("3"), d("7"), d("10"), d("17"))
    only = availability.of_article(ctx, "A22", "02")
    assert [r.depot for r in only.depots] == ["02"] and only.total.on_hand == d("3")
    with pytest.raises(ValidationError, match="Deposito: codice '09' inesistente"):
        availability.of_article(ctx, "A22", "09")


def test_an_article_never_moved_shows_zeros(ctx):
    found = availability.query(ctx, "A04")
    assert found.depots == [] and found.total.available == d("0")


def _tamper(article_code, depot_code, **values):
    article = articles.Article.get(articles.Article.code == article_code)
    depot = Depot.get(Depot.code == depot_code)
    StockBalance.update(**values).where(StockBalance.article == article,
                                        StockBalance.depot == depot).execute()


def test_no_drift_after_ordinary_work(ctx):
    assert check.check(ctx) == []


def test_drift_is_reported_then_rebuilt_from_the_movements(ctx):
    _tamper("A22", "01", on_hand=d("12"), on_order=d("0"))
    StockBalance.delete().where(StockBalance.depot == Depot.get(Depot.code == "02")).execute()
    found = check.check(ctx)
    assert [(x.article, x.depot, x.differences) for x in found] == [
        # 01: balance 12 vs movements 10 (+2); on order 0 vs 7 (-7).
        ("A22", "01", (d("2"), d("0"), d("-7"))),
        # 02: the balance row gone: 0 against 3 on hand.
        ("A22", "02", (d("-3"), d("0"), d("0")))]
    assert len(check.fix(ctx)) == 2
    assert check.check(ctx) == []  # safe to re-run: nothing left
    assert check.fix(ctx) == []
    total = availability.of_article(ctx, "A22").total
    assert (total.on_hand, total.on_order) == (d("13"), d("7"))
    logged = AuditEntry.select().where(AuditEntry.table_name == "stock_balance").count()
    assert logged == 2


@pytest.fixture
def cli(gamma, db_url):  # noqa: F811
    db.connect(db_url)
    try:
        seed(companies.open_company(Context(make_settings(), operator=operators.find("admin")),
                                    1))
        _tamper("A22", "01", on_hand=d("11"))
    finally:
        db.close()
    return gamma


def test_the_check_command_reports_fixes_and_is_quiet_after(cli):
    result = cli("stock", "check", "--json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["drifts"][0]["on_hand"] == {"balance": "11.000", "movements": "10.000",
                                              "difference": "1.000"}
    result = cli("stock", "check", "--fix")
    assert result.exit_code == 0, result.output
    assert "Saldi ricalcolati dai movimenti: 1" in result.output
    result = cli("stock", "check")
    assert result.exit_code == 0
    assert "Saldi di magazzino coerenti con i movimenti" in result.output


def test_the_availability_and_movements_commands(cli):
    result = cli("stock", "availability", "A22")
    assert result.exit_code == 0, result.output
    assert "Totale" in result.output and "Disponibile" in result.output
    result = cli("stock", "movements", "--article", "A22", "--reason", "VEN", "--json")
    rows = json.loads(result.output)
    assert [(r["depot"], r["qty"]) for r in rows] == [("02", "2.000")]
    result = cli("stock", "transfer", "A22", "1", "--from", "01", "--to", "02")
    assert result.exit_code == 0, result.output
    assert "TRU A22 deposito 01" in result.output and "TRE A22 deposito 02" in result.output
    moved = [line.split(":")[0].split()[1] for line in result.output.splitlines()]
    result = cli("stock", "remove", moved[1])  # the TRE half: both go
    assert result.exit_code == 0, result.output
    assert f"Movimento {moved[1]} eliminato" in result.output
    result = cli("stock", "availability", "A22", "--depot", "02", "--json")
    assert json.loads(result.output)["total"]["on_hand"] == "3.000"  # 5 - 2, the 1 gone
    result = cli("stock", "move", "A22", "0")
    assert result.exit_code != 0 and "Quantità: non può essere zero" in result.output
