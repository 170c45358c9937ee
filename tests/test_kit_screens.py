"""The kit screens at 80x24: 341 builds a kit component by component, 342 shows its
explosion, implosion and buildable quantity, 343 loads a production."""

from __future__ import annotations

import asyncio

import pytest

from gamma.kits import structure
from models import StockMovement
from screens.app import GammaApp
from screens.kits.components import KitComponents
from screens.kits.explosion import KitQuery
from screens.kits.production import ProductionLoad
from tests.kit_fixtures import article, lamp, move
from tests.tui_helpers import SIZE, fill, open_code, screen_text, started

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def fits(app) -> None:
    lines = screen_text(app).splitlines()
    assert len(lines) <= 24 and all(len(line) <= 80 for line in lines), lines


def run(settings, clock, steps) -> None:
    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await steps(app, pilot)

    asyncio.run(scenario())


def test_the_editor_adds_changes_and_removes_components(admin_ctx, settings, clock):
    for code in ("LAMP", "BASE", "BULB"):
        article(admin_ctx, code)

    async def steps(app, pilot):
        await open_code(pilot, "341")
        assert isinstance(app.screen, KitComponents), screen_text(app)
        fits(app)
        # kit, component, quantity, scrap
        await fill(pilot, "LAMP", "BULB", "2", "5")
        await pilot.press("f10")
        await pilot.pause()
        text = screen_text(app)
        fits(app)
        assert "BULB aggiunto" in text, text
        assert "BULB" in text.split("Componente")[-1] and "5" in text, text

    run(settings, clock, steps)
    assert [(r.code, r.qty, r.scrap) for r in structure.show(admin_ctx, "LAMP")] == [
        ("BULB", 2, 5)]


def test_the_query_shows_the_explosion_and_the_buildable_quantity(admin_ctx, settings,
                                                                  clock):
    lamp(admin_ctx)  # LAMP ← BASE, 2 BULB, 3 SCREW +10 %
    move(admin_ctx, {"BASE": "10", "BULB": "15", "SCREW": "40"})

    async def steps(app, pilot):
        await open_code(pilot, "342")
        assert isinstance(app.screen, KitQuery), screen_text(app)
        await fill(pilot, "LAMP", None, "10")
        await pilot.press("f10")
        await pilot.pause()
        text = screen_text(app)
        fits(app)
        # 10 lamps: SCREW 10 × 3 × 1,10 = 33
        assert "Esplosione di 10 LAMP" in text and "33" in text, text
        await pilot.press("escape")
        await pilot.pause()
        await open_code(pilot, "342")
        await fill(pilot, "LAMP", "P")
        await pilot.press("f10")
        await pilot.pause()
        # BULB 15 / 2 = 7
        assert "LAMP: producibili 7 (limita BULB)" in screen_text(app), screen_text(app)

    run(settings, clock, steps)


def test_the_production_load_moves_the_stock(admin_ctx, settings, clock):
    lamp(admin_ctx)
    move(admin_ctx, {"BASE": "10", "BULB": "15", "SCREW": "40"})

    async def steps(app, pilot):
        await open_code(pilot, "343")
        assert isinstance(app.screen, ProductionLoad), screen_text(app)
        await fill(pilot, "LAMP", "2")
        await pilot.press("f10")
        await pilot.pause()
        text = screen_text(app)
        fits(app)
        assert "Caricati 2 LAMP" in text and "PRS" in text, text

    run(settings, clock, steps)
    moved = {(m.article.code, m.reason.code): m.qty for m in StockMovement.select()
             if m.reason.code in ("PRC", "PRS")}
    # 2 lamps: BASE 2, BULB 4, SCREW 2 × 3,3 = 6,6 → 7
    assert moved == {("LAMP", "PRC"): 2, ("BASE", "PRS"): 2, ("BULB", "PRS"): 4,
                     ("SCREW", "PRS"): 7}


def test_f7_in_the_document_lines_explodes_a_kit_on_request(admin_ctx, settings, clock):
    from datetime import date

    from gamma.master import article_prices
    from gamma.sales import documents
    from screens.sales.lines import DocumentLines
    from tests.sales_fixtures import d, prepare
    prepare(admin_ctx)
    article(admin_ctx, "BOX")
    article_prices.set_price(admin_ctx, "BOX", 1, d("25"), date(2026, 1, 1))
    structure.add(admin_ctx, "BOX", "A22", "2")
    structure.set_mode(admin_ctx, "BOX", explosion="on_request")
    doc = documents.save_draft(admin_ctx, {"kind": "invoice", "date": date(2026, 3, 10),
                                           "customer": "C001", "lines": [
                                               {"article": "A04", "qty": "1"},
                                               {"article": "BOX", "qty": "3"}]}).document

    async def steps(app, pilot):
        await app.open_screen(DocumentLines(document_id=doc.id))
        await pilot.pause()
        assert isinstance(app.screen, DocumentLines), screen_text(app)
        await pilot.press("down")
        await pilot.press("f7")
        await pilot.pause()
        text = screen_text(app)
        fits(app)
        # 3 boxes: 6 A22 described under the priced box
        assert "Kit BOX esploso nei suoi componenti" in text, text
        assert "» A22 × 6 NR Vite i" in text, text  # the column holds 20 characters

    run(settings, clock, steps)
    assert [ln.line_kind for ln in documents.lines_of(documents.get(admin_ctx, doc.id))] == [
        "article", "article", "comment"]
