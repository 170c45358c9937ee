"""Manual stock movements: loads, unloads, transfers with their pair, production,
inventory adjustments, foreign-currency prices, repricing from a purchase load,
validation messages, permissions and audit."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from gamma import records
from gamma.access import grants, operators
from gamma.access.grants import Grantee
from gamma.errors import PermissionDenied, ValidationError
from gamma.master import article_prices, articles, tables
from gamma.sales import stock as sales_stock
from gamma.stock import movements
from gamma.stock.movements import Entry
from models import AuditEntry, Depot, StockMovement, StockReason
from tests.sales_fixtures import d, prepare

DAY = date(2026, 3, 2)


@pytest.fixture
def ctx(admin_ctx):
    prepare(admin_ctx, stock_qty="")
    records.insert(admin_ctx, Depot, company=admin_ctx.company, code="02",
                   description="Filiale")
    return admin_ctx


def on_hand(ctx, code, depot=None):
    found = articles.get(ctx, code)
    depot_id = tables.find(ctx, "depot", depot).id if depot else None
    return sales_stock.level(ctx, found, depot_id).on_hand


def test_a_load_and_an_unload_move_the_on_hand_of_the_main_depot(ctx):
    movements.record(ctx, Entry("A22", "10", "CAR", date=DAY, unit_price="1.5"))
    movements.record(ctx, Entry("A22", "3", "SCA", date=DAY))
    assert on_hand(ctx, "A22", "01") == d("7")  # 10 - 3
    loaded = StockMovement.get(StockMovement.reason == tables.find(ctx, "stock_reason", "CAR"))
    assert (loaded.depot.code, loaded.unit_value, loaded.currency) == ("01", d("1.5"), "")


def test_a_transfer_writes_the_paired_movement_linked_both_ways(ctx):
    movements.record(ctx, Entry("A22", "10", "CAR", date=DAY))
    done = movements.transfer(ctx, "A22", "4", "01", "02", DAY)
    out, into = done.movements
    assert (out.reason.code, out.depot.code, out.qty) == ("TRU", "01", d("4"))
    assert (into.reason.code, into.depot.code, into.qty) == ("TRE", "02", d("4"))
    assert StockMovement.get_by_id(out.id).paired_id == into.id
    assert StockMovement.get_by_id(into.id).paired_id == out.id
    # 10 loaded at 01, 4 moved to 02: 6 + 4, the total unchanged.
    assert (on_hand(ctx, "A22", "01"), on_hand(ctx, "A22", "02"), on_hand(ctx, "A22")) == (
        d("6"), d("4"), d("10"))


def test_removing_one_half_of_a_transfer_removes_both(ctx):
    movements.record(ctx, Entry("A22", "10", "CAR", date=DAY))
    out, _ = movements.transfer(ctx, "A22", "4", "01", "02", DAY).movements
    movements.remove(ctx, out.id)
    assert (on_hand(ctx, "A22", "01"), on_hand(ctx, "A22", "02")) == (d("10"), d("0"))
    assert StockMovement.select().count() == 1


def test_production_load_and_unload(ctx):
    movements.record(ctx, Entry("A10", "5", "PRC", date=DAY))
    movements.record(ctx, Entry("A04", "20", "CAR", date=DAY))
    movements.record(ctx, Entry("A04", "8", "PRS", date=DAY))
    assert (on_hand(ctx, "A10"), on_hand(ctx, "A04")) == (d("5"), d("12"))  # 20 - 8


def test_an_inventory_adjustment_moves_only_the_difference(ctx):
    movements.record(ctx, Entry("A22", "10", "CAR", date=DAY))
    done = movements.adjust(ctx, "A22", "01", "7.5", DAY)
    # Counted 7.5 against 10 on hand: one INV movement of -2.5.
    assert [(m.reason.code, m.qty) for m in done.movements] == [("INV", d("-2.5"))]
    assert on_hand(ctx, "A22", "01") == d("7.5")
    assert movements.adjust(ctx, "A22", "01", "7.5", DAY).movements == []  # already right


def test_a_price_in_dollars_is_kept_and_valued_in_euro(ctx):
    tables.set_rate(ctx, "USD", date(2026, 3, 1), d("1.25"))
    done = movements.record(ctx, Entry("A22", "10", "CAR", date=DAY, unit_price="5",
                                       currency="usd"))
    m = done.movements[0]
    # 5 dollars at 1.25 dollars per euro: 5 / 1.25 = 4 euro.
    assert (m.currency, m.original_price, m.exchange_rate, m.unit_value) == (
        "USD", d("5"), d("1.25"), d("4"))
    given = movements.record(ctx, Entry("A22", "1", "CAR", date=DAY, unit_price="10",
                                        currency="USD", exchange_rate="1,2"))
    # 10 / 1.2 = 8.333333 (6 places, half up)
    assert given.movements[0].unit_value == d("8.333333")


def test_a_purchase_load_reprices_the_lists_with_a_markup_when_asked(ctx):
    article_prices.set_price(ctx, "A22", 2, d("12"), date(2026, 1, 1), markup=d("20"))
    movements.record(ctx, Entry("A22", "10", "CAR", date=DAY, unit_price="5"))
    assert articles.get(ctx, "A22").cost_last == d("5")
    assert article_prices.price_on(ctx, "A22", 2, DAY).price == d("12")  # not asked
    done = movements.record(ctx, Entry("A22", "10", "CAR", date=DAY, unit_price="8"),
                            reprice=True)
    assert done.repriced == [2]
    # List 2: 8 × (1 + 20/100) = 9.60 from the load's day; list 1 has no markup: kept.
    assert article_prices.price_on(ctx, "A22", 2, DAY).price == d("9.6")
    assert article_prices.price_on(ctx, "A22", 1, DAY).price == d("10")


def test_a_reason_without_the_flag_never_reprices(ctx):
    article_prices.set_price(ctx, "A22", 2, d("12"), date(2026, 1, 1), markup=d("20"))
    movements.record(ctx, Entry("A22", "10", "PRC", date=DAY, unit_price="8"), reprice=True)
    assert articles.get(ctx, "A22").cost_last is None
    assert article_prices.price_on(ctx, "A22", 2, DAY).price == d("12")


@pytest.mark.parametrize("entry, message", [
    (Entry("A22", "0", "CAR"), "Quantità: non può essere zero"),
    (Entry("A22", "x", "CAR"), "Quantità: numero non valido"),
    (Entry("ZZZ", "1", "CAR"), "Articolo: codice 'ZZZ' inesistente"),
    (Entry("A22", "1", "XXX"), "Causale: codice 'XXX' inesistente in Causali di magazzino"),
    (Entry("A22", "1", "CAR", depot="09"), "Deposito: codice '09' inesistente"),
    (Entry("A22", "1", "TRU"), "Deposito di destinazione: obbligatorio con la causale TRU"),
    (Entry("A22", "1", "TRU", "01", "01"),
     "Deposito di destinazione: deve essere diverso dal deposito di partenza"),
    (Entry("A22", "1", "CAR", to_depot="02"),
     "Deposito di destinazione: la causale CAR non genera un movimento collegato"),
    (Entry("A22", "-1", "TRU", "01", "02"), "Quantità: deve essere positiva in un trasferimento"),
    (Entry("A22", "1", "CAR", unit_price="-1"), "Prezzo unitario: non può essere negativo"),
    (Entry("A22", "1", "CAR", currency="XYZ"), "Valuta: codice 'XYZ' inesistente"),
    (Entry("A22", "1", "CAR", currency="USD"), "Prezzo unitario: obbligatorio con la valuta USD"),
])
def test_bad_entries_are_refused_naming_the_field(ctx, entry, message):
    with pytest.raises(ValidationError) as caught:
        movements.record(ctx, entry)
    assert message in str(caught.value)
    assert StockMovement.select().count() == 0


def test_inactive_article_depot_and_reason_are_refused(ctx):
    records.update(ctx, articles.get(ctx, "A04"), active=False)
    with pytest.raises(ValidationError, match="Articolo: articolo A04 non attivo"):
        movements.record(ctx, Entry("A04", "1"))
    records.update(ctx, tables.find(ctx, "depot", "02"), active=False)
    with pytest.raises(ValidationError, match="deposito 02 non attivo"):
        movements.transfer(ctx, "A22", "1", "01", "02")
    records.update(ctx, StockReason.get(StockReason.code == "PRS"), active=False)
    with pytest.raises(ValidationError, match="Causale: causale PRS non attiva"):
        movements.record(ctx, Entry("A22", "1", "PRS"))


def test_an_unload_below_zero_is_blocked_when_so_configured(ctx):
    blocking = dataclasses.replace(
        ctx, settings=ctx.settings.replace(**{"sales.negative_stock": "block"}))
    movements.record(ctx, Entry("A22", "2", "CAR"))
    with pytest.raises(ValidationError, match="giacenza insufficiente"):
        movements.record(blocking, Entry("A22", "3", "SCA"))
    assert on_hand(ctx, "A22") == d("2")


def test_a_lot_tracked_article_needs_its_lot_which_a_load_creates(ctx):
    records.update(ctx, articles.get(ctx, "A22"), lot_tracked=True)
    with pytest.raises(ValidationError, match="Deposito 01, Lotto: obbligatorio: "
                                              "l'articolo A22 è gestito a lotti"):
        movements.record(ctx, Entry("A22", "1"))
    loaded = movements.record(ctx, Entry("A22", "5", lot="l1")).movements[0]
    assert loaded.lot.code == "L1"
    with pytest.raises(ValidationError, match="L2 inesistente per l'articolo A22"):
        movements.record(ctx, Entry("A22", "1", "SCA", lot="L2"))
    assert movements.record(ctx, Entry("A22", "2", "SCA", lot="L1")).movements[0].lot_id == \
        loaded.lot_id


def test_serials_give_one_movement_each_and_a_transfer_pairs_them(ctx):
    records.update(ctx, articles.get(ctx, "A10"), serial_tracked=True)
    loaded = movements.record(ctx, Entry("A10", "2", serials="M1 M2")).movements
    assert [(m.qty, m.serial.code) for m in loaded] == [(d("1"), "M1"), (d("1"), "M2")]
    with pytest.raises(ValidationError, match="Matricole"):
        movements.record(ctx, Entry("A10", "1"))  # which unit?
    out, into = movements.record(ctx, Entry("A10", "1", "TRU", "01", "02",
                                            serials="M2")).movements
    assert (out.serial.code, into.serial.code, into.depot.code) == ("M2", "M2", "02")
    assert StockMovement.get_by_id(out.id).paired_id == into.id
    assert StockMovement.get_by_id(into.id).paired_id == out.id
    assert (on_hand(ctx, "A10", "01"), on_hand(ctx, "A10", "02")) == (d("1"), d("1"))


def test_movements_need_the_function_and_are_audited(ctx):
    operators.add(ctx, "ugo", "password-u")
    ugo = dataclasses.replace(ctx, operator=operators.find("ugo"))
    with pytest.raises(PermissionDenied):
        movements.record(ugo, Entry("A22", "1"))
    grants.grant_functions(ctx, Grantee.of_operator("ugo"), ["302"])
    movements.record(ugo, Entry("A22", "1", note="campionatura"))
    entry = (AuditEntry.select().where(AuditEntry.table_name == "stock_movement")
             .order_by(AuditEntry.id.desc()).first())
    assert (entry.operator_login, entry.function_code, entry.action) == ("ugo", "302", "insert")
    assert "campionatura" in entry.changes
