"""131 tables at 80x24: a table's rows, a row added through its mask."""

from __future__ import annotations

import asyncio
from datetime import date
from decimal import Decimal

import pytest

from gamma import drafts
from models import TableEntry
from screens.app import GammaApp
from screens.company_select import CompanySelectScreen
from screens.main_menu import MainMenuScreen
from screens.registry import screen_for
from tests.tui_helpers import SIZE, screen_text, type_text

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


async def press_enter(pilot, times: int = 1) -> None:
    for _ in range(times):
        await pilot.press("enter")
    await pilot.pause()


def test_open_131_a_table_and_add_a_row_through_its_mask(admin_ctx, settings, clock):
    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            if isinstance(app.screen, CompanySelectScreen):
                await press_enter(pilot)
            assert isinstance(app.screen, MainMenuScreen)
            await type_text(pilot, "131")
            await press_enter(pilot)
            text = screen_text(app)
            assert "Codici IVA" in text and "Condizioni di pagamento" in text
            await type_text(pilot, "zon")
            await pilot.pause()
            await press_enter(pilot)
            text = screen_text(app)
            assert "Nord Ovest" in text and "Sud e isole" in text
            await pilot.press("insert")
            await pilot.pause()
            await type_text(pilot, "lig")
            await press_enter(pilot)
            # what is typed is kept as a draft that names its table
            kept = drafts.pending(admin_ctx)
            assert [(d.form, d.function_code, d.values["__table"]) for d in kept] == [
                ("table_zone", "132", "zone")]
            resumed = screen_for("132")(record_key="", texts=kept[0].values)
            assert (resumed.tdef.name, resumed.draft_texts) == ("zone", {
                k: v for k, v in kept[0].values.items() if k != "__table"})
            await type_text(pilot, "Liguria")
            await press_enter(pilot)
            await pilot.press("f10")
            await pilot.pause()
            text = screen_text(app)
            assert "Zone: LIG registrato" in text
            assert "Liguria" in text
            assert drafts.pending(admin_ctx) == []
    asyncio.run(scenario())
    row = TableEntry.get(TableEntry.kind == "zone", TableEntry.code == "LIG",
                         TableEntry.company == admin_ctx.company)
    assert (row.description, row.active) == ("Liguria", True)


def test_a_daily_exchange_rate_added_from_the_list_of_tables(admin_ctx, settings, clock):
    from gamma.master import tables
    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            if isinstance(app.screen, CompanySelectScreen):
                await press_enter(pilot)
            await type_text(pilot, "131")
            await press_enter(pilot)
            await type_text(pilot, "cambi")
            await pilot.pause()
            await press_enter(pilot)
            assert "Cambi giornalieri" in screen_text(app)
            await pilot.press("insert")
            await pilot.pause()
            for text in ("usd", "02/03/2026", "1,0812"):
                await type_text(pilot, text)
                await press_enter(pilot)
            await pilot.press("f10")
            await pilot.pause()
            text = screen_text(app)
            assert "Cambio USD del 02/03/2026 registrato" in text
            assert "02/03/2026" in text and "1,081200" in text
    asyncio.run(scenario())
    assert tables.rate_on(admin_ctx, "USD", date(2026, 3, 9)) == Decimal("1.0812")
