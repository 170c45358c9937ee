"""Kits: a 3-level explosion with scrap worked out by hand, implosion, the rules of the
structure (no cycles, 9 levels), the utilities across kits, buildable quantity with
alternatives and committed stock, production loads, cost roll-up."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from gamma import records
from gamma.errors import ValidationError
from gamma.kits import buildable, explosion, production, structure, valuation
from gamma.master import tables
from gamma.master.article_common import find_article
from gamma.sales import stock
from models import AuditEntry, KitComponent, StockMovement
from tests.kit_fixtures import article, bicycle, lamp, move, set_cost


def d(text: str) -> Decimal:
    return Decimal(text)


@pytest.fixture
def ctx(admin_ctx):
    return admin_ctx


def totals(result) -> dict[str, Decimal]:
    return {t.code: t.required for t in result.totals}


def test_a_three_level_kit_with_scrap_explodes_to_its_leaves(ctx):
    bicycle(ctx)
    result = explosion.explode(ctx, "BIKE", "10")
    # Level 1 (10 bikes): FRAME 10 × 1 = 10, WHEEL 10 × 2 = 20, BOLT 10 × 4 × 1,10 = 44.
    # Level 2, FRAME 10: TUBE 10 × 2,35 × 1,04 = 24,44 m; PAINT 10 × 0,25 × 1,10 = 2,750 kg;
    #   BOLT 10 × 2 = 20.  WHEEL 20: RIM 20, SPOKE 20 × 36 × 1,05 = 756, HUB 20.
    # Level 3, HUB 20: BEARING 20 × 2 = 40, AXLE 20, BOLT 20 × 1,025 = 20,5 → 21 (pieces
    #   have no decimals: half up).
    # Leaves summed: BOLT 44 + 20 + 21 = 85.
    assert totals(result) == {"AXLE": d("20"), "BEARING": d("40"), "BOLT": d("85"),
                              "PAINT": d("2.75"), "RIM": d("20"), "SPOKE": d("756"),
                              "TUBE": d("24.44")}
    levels = {(r.level, r.parent, r.code): r.required for r in result.rows}
    assert levels[(1, "BIKE", "WHEEL")] == 20 and not result.rows[0].leaf
    assert levels[(3, "HUB", "BOLT")] == 21
    assert levels[(2, "FRAME", "TUBE")] == d("24.44")


def test_the_first_level_only(ctx):
    bicycle(ctx)
    result = explosion.explode(ctx, "BIKE", "1", levels=1)
    # 1 bike: FRAME 1, WHEEL 2, BOLT 1 × 4 × 1,10 = 4,4 → 4.
    assert totals(result) == {"FRAME": 1, "WHEEL": 2, "BOLT": 4}
    assert all(r.level == 1 and r.leaf for r in result.rows)


def test_the_second_unit_is_exploded_to_its_own_places(ctx):
    lamp(ctx)
    records.update(ctx, find_article(ctx, "SCREW"), unit2=tables.find(ctx, "unit", "KG"))
    structure.update(ctx, "LAMP", "SCREW", qty2="0.004")  # the 3 screws of a lamp weigh 4 g
    result = explosion.explode(ctx, "LAMP", "10")
    # 10 lamps: 10 × 3 × 1,10 = 33 screws (pieces); 10 × 0,004 × 1,10 = 0,044 kg (KG: 3
    # places), not rounded to the pieces' none.
    [screw] = [t for t in result.totals if t.code == "SCREW"]
    assert (screw.required, screw.required2) == (d("33"), d("0.044"))


def test_implosion_finds_every_kit_at_every_level(ctx):
    bicycle(ctx)
    uses = {(u.level, u.code, u.via) for u in explosion.implode(ctx, "BOLT")}
    # BOLT is in BIKE, FRAME and HUB; FRAME is in BIKE; HUB in WHEEL, WHEEL in BIKE.
    assert uses == {(1, "BIKE", "BOLT"), (1, "FRAME", "BOLT"), (1, "HUB", "BOLT"),
                    (2, "BIKE", "FRAME"), (2, "WHEEL", "HUB"), (3, "BIKE", "WHEEL")}
    assert {u.code for u in explosion.implode(ctx, "BEARING")} == {"HUB", "WHEEL", "BIKE"}
    assert explosion.implode(ctx, "BIKE") == []


def test_a_kit_cannot_contain_itself_at_any_level(ctx):
    bicycle(ctx)
    with pytest.raises(ValidationError, match="BIKE contiene già HUB"):
        structure.add(ctx, "HUB", "BIKE", "1")
    with pytest.raises(ValidationError, match="se stesso"):
        structure.add(ctx, "BOLT", "BOLT", "1")
    with pytest.raises(ValidationError, match="BIKE contiene già HUB"):
        structure.replace(ctx, "BEARING", "BIKE")  # HUB ← BIKE, and BIKE is above HUB
    assert KitComponent.select().count() == 12  # nothing written


def test_no_tree_deeper_than_nine_levels(ctx):
    for n in range(11):
        article(ctx, f"L{n}")
    for n in range(9):  # L0 ← L1 ← … ← L9: nine levels
        structure.add(ctx, f"L{n}", f"L{n + 1}", "1")
    with pytest.raises(ValidationError, match="9 livelli"):
        structure.add(ctx, "L9", "L10", "1")
    assert len(explosion.explode(ctx, "L0", "1").rows) == 9


def test_bad_quantities_are_named(ctx):
    lamp(ctx)
    with pytest.raises(ValidationError, match="Quantità: deve essere maggiore di zero"):
        structure.add(ctx, "LAMP", "BULB2", "0")
    with pytest.raises(ValidationError, match="Sfrido %: da 0 a 100"):
        structure.add(ctx, "LAMP", "BULB2", "1", scrap="120")
    with pytest.raises(ValidationError, match="Componente: articolo NOPE inesistente"):
        structure.add(ctx, "LAMP", "NOPE", "1")


def test_copy_replace_and_remove_across_kits_are_audited(ctx):
    lamp(ctx)
    article(ctx, "LAMP2")
    article(ctx, "SCREW2")
    assert structure.copy(ctx, "LAMP", "LAMP2") == 3
    assert find_article(ctx, "LAMP2").is_kit
    assert structure.replace(ctx, "SCREW", "SCREW2") == ["LAMP", "LAMP2"]
    rows = structure.show(ctx, "LAMP2")
    assert [(r.code, r.qty, r.scrap) for r in rows] == [
        ("BASE", 1, 0), ("BULB", 2, 0), ("SCREW2", 3, 10)]
    assert structure.remove_everywhere(ctx, "BULB") == ["LAMP", "LAMP2"]
    assert [r.code for r in structure.show(ctx, "LAMP")] == ["BASE", "SCREW2"]
    audited = AuditEntry.select().where(AuditEntry.table_name == "kit_component")
    assert {e.action for e in audited} >= {"insert", "update", "delete"}


def test_removing_the_last_component_clears_the_kit_flag(ctx):
    article(ctx, "K")
    article(ctx, "P")
    structure.add(ctx, "K", "P", "1")
    assert find_article(ctx, "K").is_kit
    structure.remove(ctx, "K", "P")
    assert not find_article(ctx, "K").is_kit


def test_buildable_is_bounded_by_the_scarcest_component(ctx):
    lamp(ctx)
    move(ctx, {"BASE": "10", "BULB": "15", "SCREW": "40"})
    result = buildable.buildable(ctx, "LAMP")
    # BASE 10 / 1 = 10; BULB 15 / 2 = 7 (7,5); SCREW: n × 3,3 rounded ≤ 40 → 12
    # (12 × 3,3 = 39,6 → 40; 13 × 3,3 = 42,9 → 43). The kit: 7.
    assert result.qty == 7
    assert result.scarcest == "BULB"
    assert {b.code: b.allows for b in result.components} == {"BASE": 10, "BULB": 7,
                                                              "SCREW": 12}


def test_an_alternative_covers_the_primary_shortfall(ctx):
    lamp(ctx)
    structure.update(ctx, "LAMP", "BULB", alt_group=1)
    structure.add(ctx, "LAMP", "BULB2", "2", alt_group=1, priority=1)
    move(ctx, {"BASE": "10", "BULB": "15", "BULB2": "4", "SCREW": "40"})
    # BULB covers 7 lamps (14 bulbs), BULB2 2 more (4 / 2): 9; BASE 10, SCREW 12.
    result = buildable.buildable(ctx, "LAMP")
    assert result.qty == 9
    assert [(b.code, b.allows, b.alternatives) for b in result.components
            if b.code.startswith("BULB")] == [("BULB", 9, ["BULB2"])]
    # the explosion goes through the primary
    assert totals(explosion.explode(ctx, "LAMP", "1")) == {"BASE": 1, "BULB": 2, "SCREW": 3}


def test_committed_stock_is_not_available_to_build(ctx):
    lamp(ctx)
    move(ctx, {"BASE": "10", "BULB": "30", "SCREW": "40"})
    move(ctx, {"BASE": "4"}, reason="ORC")  # a customer order holds 4 bases
    assert stock.level(ctx, find_article(ctx, "BASE")).available == 6
    result = buildable.buildable(ctx, "LAMP")
    assert (result.qty, result.scarcest) == (6, "BASE")


def test_a_sub_kit_in_stock_is_used_before_building_it(ctx):
    for code in ("K", "SUB", "P"):
        article(ctx, code)
    structure.add(ctx, "K", "SUB", "1")
    structure.add(ctx, "SUB", "P", "1")
    move(ctx, {"SUB": "2", "P": "3"})
    # 2 SUB from stock, 3 more built from 3 P.
    assert buildable.buildable(ctx, "K").qty == 5


def test_production_load_unloads_every_level_in_one_go(ctx):
    lamp(ctx)
    move(ctx, {"BASE": "10", "BULB": "15", "SCREW": "40"})
    set_cost(ctx, "BASE", "10")
    set_cost(ctx, "BULB", "2")
    set_cost(ctx, "SCREW", "0.10")
    done = production.produce(ctx, "LAMP", "5", day=date(2026, 2, 2))
    # Unloads: BASE 5, BULB 10, SCREW 5 × 3,3 = 16,5 → 17. Cost 5 × 10 + 10 × 2 +
    # 17 × 0,10 = 71,70; the lamp is loaded at 71,70 / 5 = 14,34.
    assert done.unit_cost == d("14.34")
    levels = stock.levels(ctx, [find_article(ctx, c).id for c in
                                ("LAMP", "BASE", "BULB", "SCREW")])
    on_hand = {find_article(ctx, c).id: c for c in ("LAMP", "BASE", "BULB", "SCREW")}
    assert {on_hand[i]: lv.on_hand for i, lv in levels.items()} == {
        "LAMP": 5, "BASE": 5, "BULB": 5, "SCREW": 23}
    moved = {(m.article.code, m.reason.code): m.qty for m in StockMovement.select().where(
        StockMovement.date == date(2026, 2, 2))}
    assert moved == {("LAMP", "PRC"): 5, ("BASE", "PRS"): 5, ("BULB", "PRS"): 10,
                     ("SCREW", "PRS"): 17}


def test_production_of_the_first_level_only(ctx):
    bicycle(ctx)
    production.produce(ctx, "BIKE", "1", levels=1, day=date(2026, 2, 2))
    moved = {m.article.code: m.qty for m in StockMovement.select()}
    # FRAME 1, WHEEL 2, BOLT 4 × 1,10 = 4,4 → 4; nothing below them.
    assert moved == {"BIKE": 1, "FRAME": 1, "WHEEL": 2, "BOLT": 4}


def test_a_failed_production_load_writes_nothing(ctx):
    lamp(ctx)
    ctx = ctx.__class__(**{**ctx.__dict__,
                           "settings": ctx.settings.replace(**{"sales.negative_stock": "block"})})
    move(ctx, {"BASE": "10", "BULB": "1", "SCREW": "40"})
    with pytest.raises(ValidationError, match="BULB"):
        production.produce(ctx, "LAMP", "5")
    assert StockMovement.select().count() == 3  # the loads of the test only


def test_kit_cost_rolls_up_from_the_components(ctx):
    lamp(ctx)
    set_cost(ctx, "BASE", "10")
    set_cost(ctx, "BULB", "2")
    set_cost(ctx, "SCREW", "0.10")
    # nothing on hand: the last costs. 1 × 10 + 2 × 2 + 3 × 1,10 × 0,10 = 14,33
    cost = valuation.value(ctx, "LAMP", "last")
    assert cost.unit_cost == d("14.33")
    assert cost.missing == []
    # FIFO: 10 bases bought at 8,00, then 10 at 12,00, 15 sold: the 5 left are the
    # later ones, at 12,00. BULB and SCREW have no stock: their last costs.
    # 12 + 2 × 2 + 3 × 1,10 × 0,10 = 16,33
    move(ctx, {"BASE": "10"}, cost="8")
    move(ctx, {"BASE": "10"}, day=date(2026, 1, 2), cost="12")
    move(ctx, {"BASE": "15"}, reason="VEN", day=date(2026, 1, 3))
    fifo = valuation.value(ctx, "LAMP", "fifo", at=date(2026, 1, 31))
    assert fifo.unit_cost == d("16.33")
    assert [(line.code, line.unit_cost) for line in fifo.lines] == [
        ("BASE", d("12")), ("BULB", d("2")), ("SCREW", d("0.10"))]


def test_a_component_without_cost_is_named(ctx):
    lamp(ctx)
    set_cost(ctx, "BASE", "10")
    cost = valuation.value(ctx, "LAMP", "last")
    assert cost.unit_cost == d("10") and cost.missing == ["BULB", "SCREW"]
