"""The statistic's result screens at 80x24 from a table built by hand: the rows with
their subtotals, more measure columns with →, the bar chart, Excel written where the
operator says; and the progress dialog, whose Esc cancels a long run."""

from __future__ import annotations

import asyncio
import time
from decimal import Decimal as D

import openpyxl
import pytest

from gamma.stats.table import Column
from screens.app import GammaApp
from screens.progress_dialog import ProgressDialog, run_with_progress
from screens.stats.result import StatChart, StatResult
from tests.stats_tables import agent_table
from tests.tui_helpers import SIZE, screen_text, started, type_text

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture
def out_settings(settings, tmp_path):
    return settings.replace(**{"paths.data_dir": str(tmp_path)})


def fits(app) -> list[str]:
    lines = screen_text(app).splitlines()
    assert len(lines) <= 24 and all(len(line) <= 80 for line in lines), lines
    return lines


def test_the_result_table_chart_and_excel(admin_ctx, out_settings, clock, tmp_path):
    async def scenario():
        app = GammaApp(out_settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await app.push_screen(StatResult(agent_table(), function_code="501"))
            await pilot.pause()
            lines = fits(app)
            text = "\n".join(lines)
            assert "Statistica vendite per agente, cliente" in text
            row = next(line for line in lines if "C001" in line)
            assert row.startswith("A01 Rossi") and "10" in row and "1.234,56" in row, row
            second = next(line for line in lines if "C002" in line)
            assert not second.startswith("A01"), second  # the agent is not repeated
            total_a01 = next(line for line in lines if "Totale A01 Rossi" in line)
            assert "1.334,56" in total_a01 and "12,5" in total_a01, total_a01
            grand = next(line for line in lines if "Totale generale" in line)
            assert "1.284,46" in grand and "10,43%" in grand, grand
            assert "Movimenti" in lines[-1] and "Grafico" in lines[-1] and "Excel" in lines[-1]

            await pilot.press("f4")
            await pilot.pause()
            assert isinstance(app.screen, StatChart)
            text = screen_text(app)
            fits(app)
            assert "Ricavo per agente" in text and "█" * 54 + " 1.334,56" in text, text
            await pilot.press("escape")
            await pilot.pause()

            await pilot.press("f6")  # Excel: the default file offered, another typed
            await pilot.pause()
            offered = app.screen.mask.texts()["path"]
            assert offered == str(tmp_path / "statistiche" / "1" /
                                  "statistica-vendite-per-agente-cliente-20260310.xlsx")
            await pilot.press("ctrl+u")
            await type_text(pilot, str(tmp_path / "mia"))
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, StatResult)
            assert "Excel scritto in" in screen_text(app)

    asyncio.run(scenario())
    ws = openpyxl.load_workbook(tmp_path / "mia.xlsx")["Statistica"]
    assert ws["D10"].value == pytest.approx(1284.46) and ws.freeze_panes == "A5"


def test_more_measure_columns_come_with_right(admin_ctx, out_settings, clock):
    table = agent_table()
    # Two more money columns: 40 characters of elements leave room for three measures.
    table.columns += [Column("cost", "Costo", "measure", "money", 14),
                      Column("margin", "Margine", "measure", "money", 14)]
    for row in table.rows:
        row.cells.update(cost=row.cells["revenue"] - 100, margin=D(100))

    async def scenario():
        app = GammaApp(out_settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await app.push_screen(StatResult(table, function_code="501"))
            await pilot.pause()
            header = fits(app)[2]
            assert "Quantità" in header and "Costo" not in header, header
            await pilot.press("right", "right")
            await pilot.pause()
            lines = fits(app)
            assert "Quantità" not in lines[2] and "Costo" in lines[2], lines[2]
            row = next(line for line in lines if "C001" in line)
            assert "1.134,56" in row, row  # 1.234,56 − 100: the cost now in view
            await pilot.press("right", "right", "right")  # no further than the last
            await pilot.pause()
            assert fits(app)[2].rstrip().endswith("Margine"), fits(app)[2]
            await pilot.press("left", "left", "left", "left")
            await pilot.pause()
            assert "Quantità" in fits(app)[2]

    asyncio.run(scenario())


def slow_work(progress):
    """Long work as a service does it: steps, each a little while."""
    progress.start(500, "Elaborazione di prova")
    for _ in range(500):
        time.sleep(0.01)
        progress.step()
    return "finita"


def test_esc_cancels_the_work_behind_the_progress_bar(admin_ctx, out_settings, clock):
    outcome = {}

    async def scenario():
        app = GammaApp(out_settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            menu = app.screen
            dialog = await run_with_progress(menu, "Statistica di prova", slow_work,
                                             lambda result: outcome.update(result=result))
            for _ in range(50):  # until the work has made some steps (a loaded machine)
                await pilot.pause(0.1)
                if dialog.progress.done >= 5:
                    break
            assert isinstance(app.screen, ProgressDialog)
            assert "Elaborazione di prova" in screen_text(app)
            assert dialog.progress.done >= 5
            await pilot.press("escape")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.screen is menu
            assert "annullata dall'operatore" in screen_text(app)
            outcome["done"] = dialog.progress.done

    asyncio.run(scenario())
    assert "result" not in outcome and outcome["done"] < 500


def test_the_work_ends_and_hands_its_result(admin_ctx, out_settings, clock):
    outcome = {}

    def quick(progress):
        progress.start(3, "Breve")
        for _ in range(3):
            progress.step()
        return 42

    async def scenario():
        app = GammaApp(out_settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await run_with_progress(app.screen, "Breve", quick,
                                    lambda result: outcome.update(result=result))
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert not isinstance(app.screen, ProgressDialog)

    asyncio.run(scenario())
    assert outcome == {"result": 42}
