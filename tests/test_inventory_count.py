"""Physical inventory: a batch barcode reader's file (and hand entry) turned into the
right adjustment movements."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from gamma.errors import ValidationError
from gamma.master import article_barcodes
from gamma.sales import stock
from gamma.stock import inventory
from models import StockMovement, StockReason
from tests.sales_fixtures import d, prepare
from tests.stock_value_fixtures import gamma

DAY = date(2026, 3, 31)
# A22 scanned on two shelves (3 + 2,5 -> they add up), A10 by its box of 6 code twice
# (2 boxes = 12 units), A04 by its article code with no quantity (one scan, one unit).
READER_FILE = """8001234567897;3
8007654321019 1

8001234567897;2,5
8007654321019	1
A04
"""


@pytest.fixture
def ctx(admin_ctx):
    prepare(admin_ctx)  # 100 of each article in depot 01 on 01/01/2026
    article_barcodes.add_barcode(admin_ctx, "A22", "8001234567897")
    article_barcodes.add_barcode(admin_ctx, "A10", "8007654321019", quantity=Decimal(6))
    return admin_ctx


def adjustments(ctx):
    inv = StockReason.get(StockReason.company == ctx.company, StockReason.code == "INV")
    return sorted((m.article.code, m.qty, m.on_hand, m.date) for m in
                  StockMovement.select().where(StockMovement.reason == inv))


def test_a_reader_file_becomes_the_adjustments(ctx):
    count = inventory.import_file(ctx, READER_FILE, "01", DAY)
    shown = {x.code: (x.counted, x.expected, x.adjustment)
             for x in inventory.differences(ctx, count.id)}
    # counted - book: A22 5.5 - 100 = -94.5; A10 2 x 6 = 12 - 100 = -88; A04 1 - 100 = -99
    assert shown == {"A22": (d("5.500"), d("100.000"), d("-94.500")),
                     "A10": (d("12.000"), d("100.000"), d("-88.000")),
                     "A04": (d("1.000"), d("100.000"), d("-99.000"))}
    inventory.apply(ctx, count.id)
    assert adjustments(ctx) == [("A04", d("-99.000"), d("-99.000"), DAY),
                                ("A10", d("-88.000"), d("-88.000"), DAY),
                                ("A22", d("-94.500"), d("-94.500"), DAY)]
    # The balances now say what was counted.
    levels = stock.levels(ctx, [m.article_id for m in StockMovement.select()])
    assert sorted(v.on_hand for v in levels.values()) == [d("1.000"), d("5.500"), d("12.000")]


def test_a_count_is_applied_once_and_only_the_differences_move(ctx):
    count = inventory.start(ctx, "01", DAY)
    inventory.set_line(ctx, count.id, "A22", d("100"))  # agrees with the book: no movement
    inventory.set_line(ctx, count.id, "A10", d("90"))
    inventory.set_line(ctx, count.id, "A10", d("104"))  # by hand the second typing replaces
    inventory.apply(ctx, count.id)
    # A10: 104 - 100 = +4; A22 equal; A04 not counted, left alone
    assert adjustments(ctx) == [("A10", d("4.000"), d("4.000"), DAY)]
    with pytest.raises(ValidationError, match="già stato applicato"):
        inventory.apply(ctx, count.id)


def test_the_book_quantity_is_the_one_at_the_counts_date(ctx):
    from tests.sales_fixtures import load
    load(ctx, {"A22": d("7")}, day=date(2026, 4, 15))  # after the count: not in its book
    count = inventory.import_file(ctx, "8001234567897;98\n", "01", DAY)
    inventory.apply(ctx, count.id)
    assert adjustments(ctx) == [("A22", d("-2.000"), d("-2.000"), DAY)]


def test_an_unknown_code_refuses_the_whole_file(ctx):
    with pytest.raises(ValidationError, match="riga 2: codice 999 non assegnato"):
        inventory.import_file(ctx, "8001234567897;3\n999;1\n", "01", DAY)
    assert not inventory.counts(ctx)
    with pytest.raises(ValidationError, match="riga 1: quantità 'tre' non numerica"):
        inventory.parse_reader("8001234567897;tre")


def test_cli_import_and_apply(ctx, db_url, tmp_path):
    path = tmp_path / "lettore.txt"
    path.write_text(READER_FILE)
    result = gamma(db_url, "stock", "count", "import", str(path), "--depot", "01",
                   "--date", "31/03/2026")
    assert result.exit_code == 0, result.output
    assert "3 articoli letti" in result.output
    count_id = inventory.counts(ctx)[0].id
    result = gamma(db_url, "stock", "count", "apply", str(count_id))
    assert result.exit_code == 0, result.output
    assert "3 rettifiche su 3 articoli contati" in result.output
