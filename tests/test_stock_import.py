"""gamma stock import: signs choose the reason, the main depot by default, lots, all or
nothing with every bad row reported (row, column, reason) and exit code 1."""

from __future__ import annotations

from datetime import date

import pytest

from gamma import companies, db, records
from gamma.access import operators
from gamma.context import Context
from gamma.master import articles
from gamma.stock import stock_import
from models import StockMovement
from tests.conftest import make_settings
from tests.sales_fixtures import d, prepare
from tests.test_cli import gamma  # noqa: F401  (the fixture)
from tests.test_stock_movements import ctx, on_hand  # noqa: F401  (ctx: the fixture)

GOOD = """date,article,depot,qty,unit_cost,reason,lot
01/03/2026,A22,01,10,"2,5",,
02/03/2026,A22,,-4,,,
2026-03-03,A10,02,6,1,,
03/03/2026,A04,01,-1,,VEN,
"""


def test_positive_rows_load_negative_rows_unload(ctx):
    report = stock_import.import_file(ctx, GOOD.encode())
    assert (report.read, report.written, report.rejected) == (4, 4, [])
    # A22: +10 -4 at 01 (blank depot = main 01); A10: +6 at 02; A04: -1 sold (VEN).
    assert (on_hand(ctx, "A22", "01"), on_hand(ctx, "A10", "02"), on_hand(ctx, "A04")) == (
        d("6"), d("6"), d("-1"))
    reasons = [m.reason.code for m in StockMovement.select().order_by(StockMovement.id)]
    assert reasons == ["CAR", "SCA", "CAR", "VEN"]
    first = StockMovement.select().order_by(StockMovement.id).first()
    assert (first.date, first.unit_value, first.qty) == (date(2026, 3, 1), d("2.5"), d("10"))


def test_one_bad_row_writes_nothing_and_every_bad_row_is_reported(ctx):
    data = """date,article,depot,qty,unit_cost,reason,lot
01/03/2026,A22,01,10,,,
32/03/2026,A22,01,1,,,
01/03/2026,NOPE,01,1,,,
01/03/2026,A22,09,1,,,
01/03/2026,A22,01,0,,,
01/03/2026,A22,01,-2,,CAR,
01/03/2026,A22,01,2,abc,,
01/03/2026,A22,01,2,,,L1
"""
    report = stock_import.import_file(ctx, data.encode())
    assert report.written == 0 and not report.committed
    lines = [r.line() for r in report.rejected]
    assert [line.split(":")[0] for line in lines] == [
        "riga 3", "riga 4", "riga 5", "riga 6", "riga 7", "riga 8", "riga 9"]
    assert lines[0].startswith("riga 3: date:")
    assert lines[1] == "riga 4: article: codice 'NOPE' inesistente"
    assert lines[2].startswith("riga 5: depot: codice '09' inesistente")
    assert lines[3] == "riga 6: qty: obbligatoria e diversa da zero"
    assert lines[4] == "riga 7: qty: la causale CAR carica: la quantità deve essere positiva"
    assert lines[5].startswith("riga 8: unit_cost: numero non valido")
    assert lines[6] == "riga 9: lot: l'articolo A22 non è gestito a lotti"
    assert StockMovement.select().count() == 0
    assert on_hand(ctx, "A22") == d("0")


def test_a_lot_column_loads_into_the_lot(ctx):
    records.update(ctx, articles.get(ctx, "A22"), lot_tracked=True)
    data = "article,qty,lot\nA22,5,L7\nA22,-2,L7\n"
    report = stock_import.import_file(ctx, data.encode())
    assert report.rejected == [] and report.written == 2
    assert {m.lot.code for m in StockMovement.select()} == {"L7"}


@pytest.fixture
def cli(gamma, db_url):  # noqa: F811
    db.connect(db_url)
    try:
        ctx = companies.open_company(
            Context(make_settings(), operator=operators.find("admin")), 1)
        prepare(ctx, stock_qty="")
    finally:
        db.close()
    return gamma


def test_the_command_imports_and_exits_1_on_bad_rows(cli, tmp_path):
    good = tmp_path / "mov.csv"
    good.write_text("date,article,depot,qty,unit_cost,reason,lot\n01/03/2026,A22,,10,2,,\n")
    result = cli("stock", "import", str(good))
    assert result.exit_code == 0, result.output
    assert "Importate 1 righe su 1" in result.output
    bad = tmp_path / "bad.csv"
    bad.write_text("date,article,depot,qty,unit_cost,reason,lot\n"
                   "01/03/2026,A22,,5,,,\n01/03/2026,ZZ,,1,,,\n")
    result = cli("stock", "import", str(bad))
    assert result.exit_code == 1
    assert "riga 3: article: codice 'ZZ' inesistente" in result.output
    assert "Nessuna riga importata: 1 righe errate su 2" in result.output
    result = cli("stock", "availability", "A22", "--json")
    assert '"on_hand": "10.000"' in result.output  # only the good file's 10
