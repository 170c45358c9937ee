"""Serial numbers: one per unit, each once, never sold twice nor loaded twice; each unit
moved by a movement of its own; status following the movements."""

from __future__ import annotations

import pytest

from gamma.errors import ValidationError
from gamma.sales import documents
from gamma.stock import serials
from models import StockMovement
from tests.lot_fixtures import date, prepare_lots, receive, sell, serial
from tests.sales_fixtures import issue


@pytest.fixture
def ctx(admin_ctx):
    prepare_lots(admin_ctx)
    receive(admin_ctx, "TV55", "3", serials="S1 S2 S3")
    return admin_ctx


def test_a_load_brings_one_movement_and_one_serial_per_unit(ctx):
    moved = list(StockMovement.select().where(StockMovement.serial.is_null(False))
                 .order_by(StockMovement.id))
    assert [(m.serial.code, m.qty, m.on_hand) for m in moved] == [
        ("S1", 1, 1), ("S2", 1, 1), ("S3", 1, 1)]
    assert [(s["serial"], s["status"]) for s in serials.listing(ctx, "TV55")] == [
        ("S1", "in_stock"), ("S2", "in_stock"), ("S3", "in_stock")]


def test_exactly_one_serial_per_unit(ctx):
    with pytest.raises(ValidationError) as caught:
        sell(ctx, "C001", "TV55", "2", serials="S1")
    assert caught.value.message == ("Riga 1, Matricole: servono 2 matricole per "
                                    "l'articolo TV55, indicate 1")
    with pytest.raises(ValidationError, match="Riga 1, Quantità: intera per l'articolo TV55"):
        sell(ctx, "C001", "TV55", "1.5", serials="S1 S2")
    # More serials than units is caught as the line is entered.
    with pytest.raises(ValidationError, match="3 matricole per una quantità di 2"):
        documents.save_draft(ctx, {"kind": "delivery_note", "customer": "C001",
                                   "lines": [{"article": "TV55", "qty": "2",
                                              "serials": "S1 S2 S3"}]})


def test_a_serial_once_per_document(ctx):
    with pytest.raises(ValidationError, match="S1 indicata più volte"):
        sell(ctx, "C001", "TV55", "2", serials="S1 s1")
    with pytest.raises(ValidationError, match="Riga 2, Matricole: S2 indicata più volte"):
        issue(ctx, {"kind": "delivery_note", "customer": "C001", "date": date(2026, 3, 10),
                    "lines": [{"article": "TV55", "qty": "1", "serials": "S2"},
                              {"article": "TV55", "qty": "1", "serials": "S2"}]})


def test_a_sold_serial_cannot_be_sold_again(ctx):
    sold = sell(ctx, "C001", "TV55", "2", serials=["S1", "S2"])
    assert sold.warnings == []
    assert (serial("S1").status, serial("S2").status, serial("S3").status) == (
        "sold", "sold", "in_stock")
    with pytest.raises(ValidationError) as caught:
        sell(ctx, "C002", "TV55", "1", serials="S1")
    assert caught.value.message == "Riga 1, Matricole: S1 già venduta"
    with pytest.raises(ValidationError, match="S9 inesistente per l'articolo TV55"):
        sell(ctx, "C002", "TV55", "1", serials="S9")


def test_a_load_cannot_load_a_serial_in_stock(ctx):
    with pytest.raises(ValidationError) as caught:
        receive(ctx, "TV55", "1", serials="S3")
    assert caught.value.message == "Riga 1, Matricole: S3 già in giacenza"


def test_a_returned_serial_is_back_in_stock_and_can_be_sold_again(ctx):
    sell(ctx, "C001", "TV55", "1", serials="S1")
    issue(ctx, {"kind": "delivery_note", "subkind": "return", "customer": "C001",
                "date": date(2026, 3, 12),
                "lines": [{"article": "TV55", "qty": "1", "serials": "S1"}]})
    assert serial("S1").status == "returned"
    sell(ctx, "C002", "TV55", "1", serials="S1", day=date(2026, 3, 13))
    assert serial("S1").status == "sold"


def test_serials_on_an_article_not_kept_by_serials_are_refused(ctx):
    with pytest.raises(ValidationError, match="l'articolo A22 non è gestito a matricole"):
        sell(ctx, "C001", "A22", "1", serials="X1")



def test_a_changed_sale_gives_back_the_serial_it_no_longer_takes(ctx):
    from gamma.sales.amend import amend
    sold = sell(ctx, "C001", "TV55", "1", serials="S1").document
    amend(ctx, sold.id, {"lines": [{"article": "TV55", "qty": "1", "serials": "S2"}]})
    assert (serial("S1").status, serial("S2").status) == ("in_stock", "sold")


def test_a_changed_load_forgets_the_serials_it_no_longer_brings(ctx):
    from gamma.sales.amend import amend
    from models import Document, Serial
    load = Document.get(Document.kind == "goods_receipt")
    amend(ctx, load.id, {"lines": [{"article": "TV55", "qty": "2", "price": "1.00",
                                    "serials": "S1 S2"}]})
    assert [s.code for s in Serial.select().order_by(Serial.code)] == ["S1", "S2"]
