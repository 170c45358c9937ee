"""The reorder and order-report screens at 80x24: 431 makes a reorder proposal, changes a
line and confirms it into supplier orders; 445 shows the rolling availability date by
date; 432, 441-444, 421 and 422 answer."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest

from gamma.master.article_common import find_article
from gamma.sales import stock
from screens.app import GammaApp
from screens.orders.order_reports import RollingAvailability
from screens.orders.reorder import ReorderProposals
from tests.order_fixtures_h5 import order, reorder_example, setup
from tests.sales_fixtures import d
from tests.tui_helpers import SIZE, fill, open_code, screen_text, started

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture
def ctx(admin_ctx):
    setup(admin_ctx)
    # A22: min 10, on hand 3, committed 4, on order 2 → available 1 → 9 → lots of 6 → 12.
    reorder_example(admin_ctx)
    return admin_ctx


def fits(app) -> None:
    lines = screen_text(app).splitlines()
    assert len(lines) <= 24 and all(len(line) <= 80 for line in lines), lines


async def run(pilot, app, values: dict) -> str:
    app.screen.mask.fill(values, as_text=True)
    await pilot.press("f10")
    await pilot.pause()
    fits(app)
    return screen_text(app)


def test_the_reorder_screen_proposes_changes_and_confirms(ctx, settings, clock):
    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "432")
            text = await run(pilot, app, {})
            assert "A22" in text and "12" in text, text
            await pilot.press("escape")
            await open_code(pilot, "431")
            assert isinstance(app.screen, ReorderProposals), screen_text(app)
            await pilot.press("f10")  # every field empty: a new proposal
            await pilot.pause()
            text = screen_text(app)
            assert "Proposta di riordino 1" in text and "F001" in text, text
            assert "ordinare       12" in text, text
            text = await run(pilot, app, {"proposal": "1", "article": "A22", "qty": "18"})
            assert "ordinare       18" in text, text
            text = await run(pilot, app, {"proposal": "1", "article": "", "qty": "",
                                          "confirm": "S"})
            assert "Proposta 1 confermata" in text and "Ordine fornitore 1" in text, text

    asyncio.run(scenario())
    # On order 2 + 18 = 20.
    assert stock.level(ctx, find_article(ctx, "A22")).on_order == d("20")


def test_the_rolling_availability_screen(ctx, settings, clock):
    order(ctx, "customer_order", "C001", [("A22", "5")], date(2026, 3, 2),
          delivery_date=date(2026, 3, 20))
    order(ctx, "supplier_order", "F001", [("A22", "12")], date(2026, 3, 1),
          delivery_date=date(2026, 3, 15))

    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "445")
            assert isinstance(app.screen, RollingAvailability), screen_text(app)
            await fill(pilot, "A22")
            await pilot.press("f10")
            await pilot.pause()
            text = screen_text(app)
            fits(app)
            # On hand 3; 15/03 +12 → 15; 20/03 −5 → 10.
            assert "Giacenza" in text and "3" in text, text
            assert "15/03/2026 Ordine fornitore 1 del 01/03/2" in text, text
            rows = [line for line in text.splitlines() if "/03/2026 Ordine" in line]
            assert rows[0].rstrip().endswith("15") and rows[1].rstrip().endswith("10"), rows

    asyncio.run(scenario())


@pytest.mark.parametrize("code, expected", [
    ("441", "Nessun ordine da evadere"), ("442", "Evadibile"),
    ("443", "Nessuna consegna in ritardo"), ("444", "Ubicazione"),
    ("421", "Nessun preordine aperto")])
def test_the_other_order_screens_answer(ctx, settings, clock, code, expected):
    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, code)
            await pilot.press("f10")
            await pilot.pause()
            fits(app)
            assert expected in screen_text(app), screen_text(app)

    asyncio.run(scenario())


def test_the_open_order_screen_schedules_a_line(ctx, settings, clock):
    doc = order(ctx, "customer_order", "C001", [("A22", "10")], date(2026, 3, 2))

    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "422")
            text = await run(pilot, app, {"order": str(doc.id), "position": "1",
                                          "deliveries": "20/03/2026:4:F, 20/04/2026:6:P"})
            assert "20/04/2026" in text and "previsionale" in text, text

    asyncio.run(scenario())
    # Committed 4 (the original 4 of the fixture's ORC) + 10 − 6 forecast = 8.
    assert stock.level(ctx, find_article(ctx, "A22")).committed == d("8")
