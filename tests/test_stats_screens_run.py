"""501 and 502 at 80x24 on real sales: the parameters run a statistic by customer and
month behind the progress bar, the result's rows open their movements, F4 charts the
customers; F5 memorizes the statistic, which 502 lists and runs incrementally."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest

from gamma import presets
from gamma.master import parties
from gamma.stats import stored
from screens.app import GammaApp
from screens.stats.result import Movements, StatChart, StatResult
from screens.stats.statistics import StatisticsParameters
from screens.stats.stored_list import StoredStatistics
from tests.sales_fixtures import issue, prepare
from tests.tui_helpers import SIZE, fill, open_code, screen_text, started, type_text

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def invoice(ctx, customer: str, day: date, lines: list[tuple[str, str]]):
    return issue(ctx, {"kind": "invoice", "date": day, "customer": customer,
                       "lines": [{"article": a, "qty": q} for a, q in lines]})


@pytest.fixture
def ctx(admin_ctx):
    prepare(admin_ctx)
    parties.save_from_form(admin_ctx, {"code": "C002", "name": "Trattoria Da Gino",
                                       "payment_term": "RB306090", "price_list": "1"})
    # List prices: A22 10,00, A10 5,50, A04 2,00.
    invoice(admin_ctx, "C001", date(2026, 2, 10), [("A04", "5")])  # 10,00
    invoice(admin_ctx, "C001", date(2026, 3, 2), [("A22", "3"), ("A10", "2")])  # 41,00
    invoice(admin_ctx, "C002", date(2026, 3, 5), [("A22", "1")])  # 10,00
    return admin_ctx


PARAMS = {"elements": "customer,month", "measures": "qty,revenue",
          "date_from": "01/01/2026", "date_to": "31/03/2026"}


def fits(app) -> list[str]:
    lines = screen_text(app).splitlines()
    assert len(lines) <= 24 and all(len(line) <= 80 for line in lines), lines
    return lines


def line_with(app, text: str) -> str:
    found = [line.rstrip() for line in fits(app) if text in line]
    assert found, f"{text!r} not on the screen:\n{screen_text(app)}"
    return found[0]


async def run_statistic(pilot, app, params: dict) -> None:
    app.screen.mask.fill(params, as_text=True)
    await pilot.press("f10")
    await app.workers.wait_for_complete()
    await pilot.pause()


def test_501_runs_drills_down_and_charts(ctx, settings, clock):
    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "501")
            assert isinstance(app.screen, StatisticsParameters), screen_text(app)
            assert "Statistiche vendite e acquisti" in screen_text(app)
            await run_statistic(pilot, app, PARAMS)
            assert isinstance(app.screen, StatResult), screen_text(app)
            assert "Statistica vendite per cliente, mese" in screen_text(app)
            # C001: February 5 pieces 10,00; March 3 + 2 = 5 pieces 30,00 + 11,00.
            feb = line_with(app, "febbraio 2026")
            assert feb.startswith("C001 Bar Sport") and feb.split()[-2:] == ["5", "10,00"], feb
            march = line_with(app, "marzo 2026")
            assert march.split()[-2:] == ["5", "41,00"], march
            assert line_with(app, "Totale C001").split()[-2:] == ["10", "51,00"]
            assert line_with(app, "Totale C002").split()[-2:] == ["1", "10,00"]
            assert line_with(app, "Totale generale").split()[-2:] == ["11", "61,00"]

            await pilot.press("down", "enter")  # C001, March: the invoice's two lines
            await pilot.pause()
            assert isinstance(app.screen, Movements), screen_text(app)
            moves = [line for line in fits(app) if line.startswith("02/03/2026")]
            assert len(moves) == 2, screen_text(app)
            assert moves[0].split()[-3:] == ["A22", "3", "30,00"], moves
            assert moves[1].split()[-3:] == ["A10", "2", "11,00"], moves
            assert "2 movimenti" in screen_text(app)
            await pilot.press("escape", "down", "enter")  # C001's subtotal: all three lines
            await pilot.pause()
            assert "3 movimenti" in screen_text(app), screen_text(app)
            await pilot.press("escape", "f4")
            await pilot.pause()
            assert isinstance(app.screen, StatChart)
            assert "Ricavo per cliente" in screen_text(app)
            c001, c002 = line_with(app, "C001"), line_with(app, "C002")
            # 51,00 fills the bar; 10,00 takes round(cells × 10 / 51).
            cells = c001.count("█")
            assert c001.endswith("51,00") and c002.endswith("10,00")
            assert c002.count("█") == int(cells * 10 / 51 + 0.5), (c001, c002)
            assert line_with(app, "Totale").endswith("61,00")

    asyncio.run(scenario())


def test_501_refuses_wrong_parameters_naming_the_field(ctx, settings, clock):
    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "501")
            await run_statistic(pilot, app, {**PARAMS, "elements": "customer,colour"})
            assert isinstance(app.screen, StatisticsParameters)
            assert "Elementi: «colour» sconosciuto" in screen_text(app), screen_text(app)
            await run_statistic(pilot, app, {**PARAMS, "filter_family": "10-5"})
            assert "10-5 al contrario" in screen_text(app), screen_text(app)

    asyncio.run(scenario())


def test_memorized_in_501_run_in_502_incrementally(ctx, settings, clock):
    async def scenario(step: int):
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            if step == 1:
                await open_code(pilot, "501")
                app.screen.mask.fill({**PARAMS, "date_from": "",
                                      "filter_customer": "C001-C002"}, as_text=True)
                app.screen.mask.focus_field("date_from")
                await fill(pilot, "inizio anno")  # kept as typed: a period that moves
                await pilot.press("f5")
                await pilot.pause()
                await type_text(pilot, "vendite-mese")
                await pilot.press("f10")
                await pilot.pause()
                assert "memorizzati come «vendite-mese»" in screen_text(app)
                await pilot.press("escape")
                await pilot.pause()
            await open_code(pilot, "502")
            assert isinstance(app.screen, StoredStatistics), screen_text(app)
            assert line_with(app, "vendite-mese")
            fits(app)
            await pilot.press("f4")  # the last result, as the last run left it
            await pilot.pause()
            if step == 1:
                assert "mai eseguita in questa ditta" in screen_text(app)
            else:
                assert isinstance(app.screen, StatResult), screen_text(app)
                assert "ultima esecuzione 10/03/2026" in screen_text(app)
                last = line_with(app, "Totale generale").split()[-2:]
                assert last == ["11", "61,00"]  # not yet the invoice added since
                await pilot.press("escape")
                await pilot.pause()
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, StatResult), screen_text(app)
            total = line_with(app, "Totale generale").split()[-2:]
            await pilot.press("escape")
            await pilot.pause()
            return total, line_with(app, "vendite-mese")

    total, row = asyncio.run(scenario(1))
    assert total == ["11", "61,00"]
    assert "10/03/2026" in row, row  # the run is noted
    params = presets.load(ctx, "stats", "vendite-mese").params
    assert params["elements"] == ["customer", "month"]
    assert params["filters"] == {"customer": [["C001", "C002"]]}
    assert params["date_from"] == "inizio anno" and params["date_to"] == "2026-03-31"

    invoice(ctx, "C002", date(2026, 3, 9), [("A10", "4")])  # 22,00 more
    total, row = asyncio.run(scenario(2))
    assert total == ["15", "83,00"]
    [view] = stored.list_stored(ctx)
    assert view.last_read == 1 and not view.last_full  # only the new invoice's line read


def test_502_flags_automatic_and_runs_them_all_with_a_log(ctx, settings, clock):
    from gamma.stats.spec import StatSpec
    stored.save(ctx, "per-cliente", StatSpec.from_params(
        {"elements": ["customer"], "measures": ["revenue"]}))

    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "502")
            footer = fits(app)[-1]
            assert "f8 Auto" in footer and "esc Esci" in footer, footer  # all keys fit
            await pilot.press("f8")
            await pilot.pause()
            assert "automatica: la esegue il cron" in screen_text(app)
            assert " sì " in line_with(app, "per-cliente")
            await pilot.press("f6")
            await app.workers.wait_for_complete()
            await pilot.pause()
            text = screen_text(app)
            fits(app)
            assert "Statistiche memorizzate automatiche: 1" in text, text
            # Three invoices' four lines read, two customers.
            assert "per-cliente (ditta 1): 4 movimenti letti, 2 righe" in text, text
            await pilot.press("escape")
            await pilot.pause()
            assert "10/03/2026" in line_with(app, "per-cliente")

    asyncio.run(scenario())
    [view] = stored.list_stored(ctx)
    assert view.automatic and view.last_rows == 2


def test_501_names_come_from_f2_and_each_field_tells_its_rule(ctx, settings, clock):
    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "501")
            await pilot.press("enter")  # from Provenienza to Elementi
            await pilot.pause()
            assert "nell'ordine della gerarchia" in screen_text(app)
            await type_text(pilot, "customer,mese")  # "Mese" found by its label
            await pilot.press("f2")
            await pilot.pause()
            assert "Elementi delle statistiche" in screen_text(app), screen_text(app)
            assert "month" in screen_text(app) and "agent" not in screen_text(app)
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen.mask.texts()["elements"] == "customer,month"
            app.screen.mask.focus_field("filter_family")
            await pilot.pause()
            assert "fino a 6: 5-10,15-29" in screen_text(app)
            fits(app)
            app.screen.mask.fill({"date_from": "01/01/2026", "date_to": "31/03/2026"},
                                 as_text=True)
            await pilot.press("f10")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert line_with(app, "Totale generale").split()[-2:] == ["11", "61,00"]

    asyncio.run(scenario())
