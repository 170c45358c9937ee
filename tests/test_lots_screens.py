"""The lot screens at 80x24: 311 lists an article's lots and reserves one to a customer,
312 traces a lot, a serial and what a customer received."""

from __future__ import annotations

import asyncio

import pytest

from models import Lot
from screens.app import GammaApp
from screens.stock.lots import LotQuery
from screens.stock.traceability import LotTrace
from tests.lot_fixtures import date, prepare_lots, receive, sell
from tests.tui_helpers import SIZE, fill, open_code, screen_text, started

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture
def ctx(admin_ctx):
    prepare_lots(admin_ctx)
    receive(admin_ctx, "LATTE", "10", lot="L1", lot_expiry="30/04/2026")
    sell(admin_ctx, "C001", "LATTE", "4", lot="L1")
    receive(admin_ctx, "TV55", "1", serials="S1")
    sell(admin_ctx, "C002", "TV55", "1", serials="S1", day=date(2026, 3, 11))
    return admin_ctx


def fits(app) -> None:
    lines = screen_text(app).splitlines()
    assert len(lines) <= 24 and all(len(line) <= 80 for line in lines), lines


async def show(pilot) -> str:
    await pilot.press("f10")
    await pilot.pause()
    return screen_text(pilot.app)


def test_311_lists_lots_and_reserves_one(ctx, settings, clock):
    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "311")
            assert isinstance(app.screen, LotQuery), screen_text(app)
            await fill(pilot, "LATTE")
            text = await show(pilot)
            fits(app)
            # L1: 10 received − 4 sold = 6.
            assert "L1               30/04/2026 F001" in text, text
            assert "6" in text.split("L1")[1].splitlines()[0], text
            app.screen.mask.fill({"lot": "L1", "reserve_to": "C002"}, as_text=True)
            text = await show(pilot)
            assert "Lotto L1: riservato a C002 Trattoria Da Gino" in text, text
            app.screen.mask.fill({"article": "TV55", "lot": "", "reserve_to": ""},
                                 as_text=True)
            text = await show(pilot)
            assert "S1" in text and "Venduta" in text, text

    asyncio.run(scenario())
    assert Lot.get(Lot.code == "L1").reserved_to.code == "C002"


def test_312_traces_a_lot_a_serial_and_a_customer(ctx, settings, clock):
    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "312")
            assert isinstance(app.screen, LotTrace), screen_text(app)
            text = await show(pilot)
            assert "indicare un lotto" in text, text
            app.screen.mask.fill({"article": "LATTE", "lot": "L1"}, as_text=True)
            text = await show(pilot)
            fits(app)
            assert "Lotto L1 dell'articolo LATTE, scadenza 30/04/2026" in text, text
            assert "Clienti: C001 (4)" in text, text
            assert "Fornitori: F001" in text, text
            app.screen.mask.fill({"article": "", "lot": "", "serial": "S1"}, as_text=True)
            text = await show(pilot)
            assert "Matricola S1 dell'articolo TV55: venduta" in text, text
            app.screen.mask.fill({"serial": "", "customer": "C001"}, as_text=True)
            text = await show(pilot)
            assert "LATTE                L1" in text, text

    asyncio.run(scenario())


def test_the_line_mask_proposes_the_lot_with_f8_and_saves_lot_and_serials(ctx, settings,
                                                                          clock):
    from gamma.sales import documents
    from models import Document
    from screens.sales.lines import DocumentLines, LineDialog
    receive(ctx, "LATTE", "5", lot="L2", lot_expiry="15/04/2026")
    receive(ctx, "TV55", "2", serials="S7 S8")

    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "202")
            await fill(pilot, "DDT", "C001")
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, DocumentLines), screen_text(app)
            await pilot.press("insert")
            await pilot.pause()
            assert isinstance(app.screen, LineDialog)
            fits(app)
            await fill(pilot, "LATTE", None, "3")
            await pilot.press("f8")
            await pilot.pause()
            # L2 (15/04, 5 on hand) expires before L1 (30/04, 6 left) and has 3.
            assert "Lotto L2, scade il 15/04/2026: disponibili 5" in screen_text(app)
            assert app.screen.mask.input("lot").value == "L2"
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, DocumentLines), screen_text(app)
            await pilot.press("insert")
            await pilot.pause()
            app.screen.mask.fill({"article": "TV55", "qty": "2", "serials": "s7 s8"},
                                 as_text=True)
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, DocumentLines), screen_text(app)

    asyncio.run(scenario())
    lines = documents.lines_of(Document.select().order_by(Document.id.desc()).get())
    assert [(li.code, li.lot.code if li.lot_id else None, li.serials) for li in lines] == [
        ("LATTE", "L2", ""), ("TV55", None, "S7 S8")]
