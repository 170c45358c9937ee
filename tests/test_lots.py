"""Lots: required on lot-tracked articles, balances per lot from the movements, FEFO
proposal (and pick when configured), unloads limited by the lot's stock, expired lots
warned, lots reserved to a customer."""

from __future__ import annotations

import dataclasses

import pytest

from gamma.errors import ValidationError
from gamma.stock import lots
from models import StockMovement
from tests.lot_fixtures import (article, d, date, first_line, lot, on_hand, prepare_lots,
                                receive, sell)
from tests.sales_fixtures import party


@pytest.fixture
def ctx(admin_ctx):
    prepare_lots(admin_ctx)
    return admin_ctx


def with_settings(ctx, **values):
    return dataclasses.replace(ctx, settings=ctx.settings.replace(**values))


@pytest.fixture
def three_lots(ctx):
    """L1: 10 expiring 30/04, L2: 5 expiring 15/04, L3: 8 with no expiry."""
    receive(ctx, "LATTE", "10", lot="L1", lot_expiry="30/04/2026")
    receive(ctx, "LATTE", "5", lot="L2", lot_expiry="15/04/2026")
    receive(ctx, "LATTE", "8", lot="L3")
    return ctx


def test_a_load_without_a_lot_is_refused_naming_the_line_and_the_rule(ctx):
    with pytest.raises(ValidationError) as caught:
        receive(ctx, "LATTE", "10")
    assert caught.value.message == ("Riga 1, Lotto: obbligatorio: l'articolo LATTE è "
                                    "gestito a lotti")
    assert StockMovement.select().count() == 0


def test_a_sale_without_a_lot_is_refused_with_the_first_expiring_lot_proposed(three_lots):
    ctx = three_lots
    # 3 wanted: L2 expires first (15/04) and has 5 ≥ 3.
    with pytest.raises(ValidationError) as caught:
        sell(ctx, "C001", "LATTE", "3")
    assert caught.value.message == (
        "Riga 1, Lotto: obbligatorio: l'articolo LATTE è gestito a lotti; proposto il lotto "
        "L2, scade il 15/04/2026 (disponibili 5)")
    # 12 wanted: no lot has 12 (10, 5, 8).
    with pytest.raises(ValidationError, match="nessun lotto ha 12 disponibili"):
        sell(ctx, "C001", "LATTE", "12")


def test_lot_on_an_article_not_kept_by_lots_is_refused(ctx):
    with pytest.raises(ValidationError, match="l'articolo A22 non è gestito a lotti"):
        sell(ctx, "C001", "A22", "1", lot="L1")


def test_a_sale_names_an_existing_lot_and_one_lot_has_one_expiry(three_lots):
    ctx = three_lots
    with pytest.raises(ValidationError, match="Riga 1, Lotto: L9 inesistente per "
                                              "l'articolo LATTE"):
        sell(ctx, "C001", "LATTE", "1", lot="L9")
    with pytest.raises(ValidationError, match="il lotto L1 scade il 30/04/2026, non il "
                                              "01/05/2026"):
        receive(ctx, "LATTE", "1", lot="L1", lot_expiry="01/05/2026")


def test_balances_per_lot_from_the_movements_first_expiring_first(three_lots):
    ctx = three_lots
    sold = sell(ctx, "C001", "LATTE", "4", lot="L1")
    assert sold.warnings == []
    assert first_line(sold.document).lot.code == "L1"
    # L1 10 − 4 = 6; L2 5; L3 8; order: 15/04, 30/04, no expiry.
    got = [(b.code, b.depot, b.on_hand) for b in lots.balances(ctx, "LATTE")]
    assert got == [("L2", "01", d("5")), ("L1", "01", d("6")), ("L3", "01", d("8"))]
    assert on_hand(ctx, "L1") == d("6")
    assert lot(ctx, "L1").supplier.code == "F001"  # the goods receipt's supplier


def test_fefo_proposes_the_first_expiring_lot_with_enough(three_lots):
    ctx = three_lots
    day = date(2026, 3, 10)
    assert lots.fefo(ctx, "LATTE", d("5"), day=day).code == "L2"  # 15/04, has 5
    assert lots.fefo(ctx, "LATTE", d("6"), day=day).code == "L1"  # L2 has only 5
    assert lots.fefo(ctx, "LATTE", d("9"), day=day).code == "L1"  # 10 ≥ 9
    assert lots.fefo(ctx, "LATTE", d("11"), day=day) is None
    # After 15/04 L2 is expired: never proposed.
    assert lots.fefo(ctx, "LATTE", d("1"), day=date(2026, 4, 20)).code == "L1"


def test_with_lot_auto_fefo_the_sale_takes_the_proposed_lot(three_lots):
    ctx = with_settings(three_lots, **{"stock.lot_auto": "fefo"})
    sold = sell(ctx, "C001", "LATTE", "6")
    # 6 > L2's 5: L1 is taken, and written on the line.
    assert first_line(sold.document).lot.code == "L1"
    assert on_hand(ctx, "L1") == d("4")  # 10 − 6
    assert on_hand(ctx, "L2") == d("5")


def test_an_unload_cannot_take_more_than_the_lot_has(three_lots):
    blocking = with_settings(three_lots, **{"sales.negative_stock": "block"})
    # L2 has 5; 7 asked (the article has 23 in all, so only the lot is short).
    with pytest.raises(ValidationError) as caught:
        sell(blocking, "C001", "LATTE", "7", lot="L2")
    assert caught.value.message == ("Riga 1, Lotto: giacenza del lotto L2 insufficiente "
                                    "(disponibili 5, richiesti 7)")
    assert on_hand(blocking, "L2") == d("5")
    warned = sell(three_lots, "C001", "LATTE", "7", lot="L2")
    assert warned.warnings == ["Riga 1, lotto: giacenza del lotto L2 insufficiente "
                               "(disponibili 5, richiesti 7)"]


def test_an_expired_lot_is_warned_on_sale(three_lots):
    sold = sell(three_lots, "C001", "LATTE", "2", lot="L2", day=date(2026, 4, 20))
    assert sold.warnings == ["Riga 1, lotto L2: scaduto il 15/04/2026"]
    assert on_hand(three_lots, "L2") == d("3")


def test_a_lot_reserved_to_a_customer_is_refused_to_another(three_lots):
    ctx = three_lots
    lots.reserve(ctx, "LATTE", "L1", party("C001"))
    with pytest.raises(ValidationError) as caught:
        sell(ctx, "C002", "LATTE", "1", lot="L1")
    assert caught.value.message == ("Riga 1, Lotto: L1 riservato al cliente C001 "
                                    "Bar Sport S.r.l.")
    assert sell(ctx, "C001", "LATTE", "1", lot="L1").warnings == []
    assert on_hand(ctx, "L1") == d("9")


def test_a_reserved_lot_is_not_available_to_others(three_lots):
    ctx = three_lots
    lots.reserve(ctx, "LATTE", "L1", party("C001"))
    c1, c2 = party("C001").id, party("C002").id
    # C001: 10 + 5 + 8 = 23; C002: L1's 10 is not theirs → 5 + 8 = 13.
    assert lots.available_to(ctx, "LATTE", c1) == d("23")
    assert lots.available_to(ctx, "LATTE", c2) == d("13")
    assert lots.reserved_to_others(ctx, [article(ctx, "LATTE").id], c2) == {
        article(ctx, "LATTE").id: d("10")}
    # FEFO for 6 to C002 skips L1 (reserved) and L2 (5 < 6): L3, without expiry.
    assert lots.fefo(ctx, "LATTE", d("6"), party_id=c2, day=date(2026, 3, 10)).code == "L3"
    assert lots.fefo(ctx, "LATTE", d("6"), party_id=c1, day=date(2026, 3, 10)).code == "L1"
    # Freed again, it is everyone's.
    lots.reserve(ctx, "LATTE", "L1", None)
    assert lots.available_to(ctx, "LATTE", c2) == d("23")


def test_reserving_needs_a_customer(three_lots):
    with pytest.raises(ValidationError, match="F001 non è un cliente"):
        lots.reserve(three_lots, "LATTE", "L1", party("F001"))


def test_json_import_carries_lot_expiry_and_serials(ctx):
    from gamma.sales import json_io
    from tests.lot_fixtures import serial
    text = """[{"kind": "goods_receipt", "supplier": "F001", "date": "2026-03-01",
                "lines": [{"article": "LATTE", "qty": "6", "price": "1.00", "lot": "J1",
                           "lot_expiry": "31/05/2026"},
                          {"article": "TV55", "qty": "2", "price": "400.00",
                           "serials": ["J-100", "J-101"]}]},
               {"kind": "delivery_note", "customer": "C002", "date": "2026-03-10",
                "lines": [{"article": "LATTE", "qty": "2", "lot": "J1"},
                          {"article": "TV55", "qty": "1", "serials": "J-101"}]}]"""
    done = json_io.import_documents(ctx, json_io.read(text), confirm_them=True)
    assert [doc["warnings"] for doc in done] == [[], []]
    assert lot(ctx, "J1").expiry == date(2026, 5, 31)
    assert on_hand(ctx, "J1") == d("4")  # 6 − 2
    assert (serial("J-100").status, serial("J-101").status) == ("in_stock", "sold")
    shown = json_io.show(ctx, done[1]["id"])
    assert [(li["lot"], li["serials"]) for li in shown["lines"]] == [
        ("J1", None), (None, ["J-101"])]


def test_a_lot_committed_by_a_customer_order_is_not_available_to_other_customers(three_lots):
    from tests.sales_fixtures import issue
    ctx = three_lots
    blocking = with_settings(ctx, **{"sales.negative_stock": "block"})
    issue(ctx, {"kind": "customer_order", "customer": "C001", "date": date(2026, 3, 5),
                "lines": [{"article": "LATTE", "qty": "8", "lot": "L1"}]})
    c1, c2 = party("C001").id, party("C002").id
    [l1] = [b for b in lots.balances(ctx, "LATTE", party_id=c2) if b.code == "L1"]
    # L1: 10 on hand, 8 committed to C001's order → 2 for C002, all 10 for C001.
    assert (l1.on_hand, l1.committed, l1.available) == (d("10"), d("8"), d("2"))
    assert lots.available_to(ctx, "LATTE", c1) == d("23")
    assert lots.available_to(ctx, "LATTE", c2) == d("15")  # 2 + 5 + 8
    with pytest.raises(ValidationError, match="giacenza del lotto L1 insufficiente "
                                              r"\(disponibili 2, richiesti 3\)"):
        sell(blocking, "C002", "LATTE", "3", lot="L1")
    assert sell(blocking, "C001", "LATTE", "3", lot="L1").warnings == []


def test_the_rules_serve_movements_written_outside_documents(three_lots):
    """What a manual movement or an import calls before writing: the same checks, rows
    ready for gamma.sales.stock.move (lot as id, one row per serial)."""
    from gamma import db
    from gamma.sales import stock
    from gamma.stock import tracking
    from tests.lot_fixtures import serial
    ctx = three_lots
    from gamma.master import tables
    depot, unload = tables.find(ctx, "depot", "01").id, stock.reason(ctx, "SCA")
    lots.reserve(ctx, "LATTE", "L3", party("C001"))
    row = {"article": article(ctx, "LATTE").id, "depot": depot, "reason": unload,
           "date": date(2026, 3, 10), "qty": d("2"), "lot": lot(ctx, "L3")}
    with pytest.raises(ValidationError, match="Movimento 1, Lotto: L3 riservato al "
                                              "cliente C001"):
        tracking.prepare(ctx, [row], ["Movimento 1"], party_id=party("F001").id)
    load = {"article": article(ctx, "TV55").id, "depot": depot,
            "reason": stock.reason(ctx, "CAR"), "date": date(2026, 3, 10), "qty": d("2"),
            "serials": "M1 M2"}
    with db.transaction():
        ready = tracking.prepare(ctx, [load], ["Movimento 1"])
        stock.move(ctx, ready.rows)
    assert [(r["qty"], r["serial"] is not None) for r in ready.rows] == [
        (d("1"), True), (d("1"), True)]
    assert serial("M2").status == "in_stock"
