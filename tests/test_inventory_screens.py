"""The valuation and inventory screens at 80x24: 321 valuation, 322 physical inventory,
323 year close, 324 inventory book, 325 indices."""

from __future__ import annotations

import asyncio

import pytest
from openpyxl import load_workbook

from gamma.stock import inventory
from models import StockClose
from screens.app import GammaApp
from tests.stock_value_fixtures import three_years
from tests.tui_helpers import SIZE, open_code, screen_text, started

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture
def ctx(admin_ctx):
    three_years(admin_ctx)
    return admin_ctx


def fits(app) -> None:
    lines = screen_text(app).splitlines()
    assert len(lines) <= 24 and all(len(line) <= 80 for line in lines), lines


def run(settings, clock, code: str, texts: dict[str, str], check) -> None:
    """Open `code`, fill the mask with `texts`, F10, then check(app)."""
    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, code)
            assert app.screen.FUNCTION_CODE == code, screen_text(app)
            fits(app)
            app.screen.mask.fill(texts, as_text=True)
            await pilot.press("f10")
            await pilot.pause()
            fits(app)
            check(app)

    asyncio.run(scenario())


def test_321_values_the_stock(ctx, settings, clock):
    def check(app):
        text = screen_text(app)
        # FIFO: A22 90 for 1,290.00, A10 10 for 30.00
        assert "1.290,00" in text and "Totale FIFO al 31/12/2026: 1.320,00" in text, text

    run(settings, clock, "321", {"method": "fifo", "at": "31/12/2026"}, check)


def test_322_counts_by_hand_and_applies(ctx, settings, clock):
    def check(app):
        text = screen_text(app)
        # 88 counted against 90 on the book at 31/03/2026: -2
        assert "Applicato: 1 rettifiche" in text and "-2,000" in text, text
        assert app.screen.mask.texts()["count"] != ""

    run(settings, clock, "322", {"depot": "01", "date": "31/03/2026", "article": "A22",
                                 "qty": "88", "apply": "S"}, check)
    [count] = inventory.counts(ctx)
    assert count.status == "applied"


def test_323_closes_a_year(ctx, settings, clock):
    def check(app):
        assert "Magazzino 2025 chiuso (FIFO): articoli 1, valore 1.480,00" in screen_text(app)

    run(settings, clock, "323", {"year": "2025", "method": "fifo"}, check)
    assert [c.year for c in StockClose.select()] == [2025]


def test_324_writes_the_book(ctx, settings, clock, tmp_path):
    path = tmp_path / "libro.xlsx"

    def check(app):
        assert "scritto in" in screen_text(app), screen_text(app)

    run(settings, clock, "324", {"method": "lifo", "at": "31/12/2026", "path": str(path)},
        check)
    rows = [r for r in load_workbook(path).active.iter_rows(values_only=True) if any(r)]
    assert rows[-1][1:] == ("Totale inventario", None, None, None, 1080)  # 1,050 + 30


def test_325_shows_the_indices(ctx, settings, clock):
    def check(app):
        assert "Totale" in screen_text(app), screen_text(app)
        assert "A22" in screen_text(app)

    run(settings, clock, "325", {"start": "01/01/2026", "end": "31/12/2026"}, check)
