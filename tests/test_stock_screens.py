"""The warehouse screens at 80x24: 302 records a transfer (both halves), 301 lists the
movements by filter, 303 shows the availability per depot and the total."""

from __future__ import annotations

import asyncio

import pytest

from gamma import records
from gamma.stock import availability, movements
from gamma.stock.movements import Entry
from models import Depot, StockMovement
from screens.app import GammaApp
from screens.stock.availability import AvailabilityQuery
from screens.stock.movements import MovementEntry, MovementList
from tests.sales_fixtures import d, prepare
from tests.tui_helpers import SIZE, fill, open_code, screen_text, started

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture
def ctx(admin_ctx):
    prepare(admin_ctx, stock_qty="")
    records.insert(admin_ctx, Depot, company=admin_ctx.company, code="02",
                   description="Filiale")
    movements.record(admin_ctx, Entry("A22", "10", "CAR", "01"))
    movements.record(admin_ctx, Entry("A22", "4", "ORC", "01"))
    return admin_ctx


def fits(app) -> None:
    lines = screen_text(app).splitlines()
    assert len(lines) <= 24 and all(len(line) <= 80 for line in lines), lines


def test_the_entry_mask_records_a_transfer(ctx, settings, clock):
    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "302")
            assert isinstance(app.screen, MovementEntry), screen_text(app)
            fits(app)
            # date (today), reason, article, from depot, to depot, quantity
            await fill(pilot, None, "TRU", "A22", "01", "02", "3")
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, MovementEntry), screen_text(app)
            assert "Registrato movimento n." in screen_text(app)
            # Ready for the next: reason and depots kept, the article to type.
            assert app.screen.mask.current().field.name == "article"
            assert app.screen.mask.texts()["to_depot"] == "02"
            assert app.screen.mask.texts()["qty"] == ""
            # A transfer to the same depot is refused naming the field.
            app.screen.mask.fill({"article": "A22", "to_depot": "01", "qty": "1"},
                                 as_text=True)
            await pilot.press("f10")
            await pilot.pause()
            assert "deve essere diverso dal deposito di partenza" in screen_text(app)
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, MovementEntry), screen_text(app)

    asyncio.run(scenario())
    pairs = [(m.reason.code, m.depot.code, m.qty) for m in
             StockMovement.select().order_by(StockMovement.id)][2:]
    assert pairs == [("TRU", "01", d("3")), ("TRE", "02", d("3"))]
    total = availability.of_article(ctx, "A22")
    assert [(r.depot, r.on_hand) for r in total.depots] == [("01", d("7")), ("02", d("3"))]


def test_the_list_shows_the_movements_of_an_article(ctx, settings, clock):
    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "301")
            assert isinstance(app.screen, MovementList), screen_text(app)
            await fill(pilot, "A22", None, "ORC")
            await pilot.press("f10")
            await pilot.pause()
            text = screen_text(app)
            fits(app)
            assert "10/03/2026 ORC   A22" in text and "4,000" in text, text
            assert "CAR" not in text.split("Note/documento")[1], text
            await pilot.press("insert")
            await pilot.pause()
            assert isinstance(app.screen, MovementEntry)

    asyncio.run(scenario())


def test_the_availability_query(ctx, settings, clock):
    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "303")
            assert isinstance(app.screen, AvailabilityQuery), screen_text(app)
            await fill(pilot, "A22")
            await pilot.press("f10")
            await pilot.pause()
            text = screen_text(app)
            fits(app)
            # 10 on hand, 4 committed by ORC: available 10 - 4 = 6, forecast 6 + 0.
            assert "01   Magazzino" in text or "01 " in text, text
            assert "10,000       4,000       0,000       6,000" in text, text
            assert "Totale" in text, text
            assert "Disponibilità prevista (disponibile + ordinato): 6,000" in text, text
            app.screen.mask.fill({"article": "NOPE"}, as_text=True)
            await pilot.press("f10")
            await pilot.pause()
            assert "NOPE" in screen_text(app)

    asyncio.run(scenario())


def test_the_check_screen_reports_then_rebuilds_a_drifting_balance(ctx, settings, clock):
    from models import StockBalance
    StockBalance.update(on_hand=d("12")).execute()  # 01 holds 10 by its movements

    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "306")
            await pilot.press("f10")
            await pilot.pause()
            text = screen_text(app)
            fits(app)
            assert "A22            01             12,000/10,000" in text, text
            assert "Saldi diversi dai movimenti: 1" in text, text
            app.screen.mask.fill({"fix": "S"}, as_text=True)
            await pilot.press("f10")
            await pilot.pause()
            assert "Saldi ricalcolati dai movimenti: 1" in screen_text(app)
            app.screen.mask.fill({"fix": "N"}, as_text=True)
            await pilot.press("f10")
            await pilot.pause()
            assert "Saldi di magazzino coerenti con i movimenti" in screen_text(app)

    asyncio.run(scenario())


def test_the_import_screen_reports_every_bad_row(ctx, settings, clock, tmp_path):
    bad = tmp_path / "mov.csv"
    bad.write_text("article,qty\nA22,5\nNOPE,1\nA22,0\n")

    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "307")
            app.screen.mask.fill({"path": str(bad)}, as_text=True)
            await pilot.press("f10")
            await pilot.pause()
            text = screen_text(app)
            fits(app)
            assert "riga 3: article: codice 'NOPE' inesistente" in text, text
            assert "riga 4: qty: obbligatoria e diversa da zero" in text, text
            assert "Nessuna riga importata" in text, text

    asyncio.run(scenario())
    assert StockMovement.select().count() == 2  # the fixture's two, nothing imported
