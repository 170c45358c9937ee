"""Periodic invoicing at 80x24: 241 a contract typed with an item, 242 generate, change
and delete lines, invoice; undo; 243 the agents' pro-forma."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest

from gamma.contracts import contracts
from gamma.master import articles, tables
from models import Contract, Document, PeriodicMovement
from screens.app import GammaApp
from screens.contracts.agent_proforma import AgentProforma
from screens.contracts.contracts import ContractItems, ContractList, ContractMask
from screens.contracts.periodic import PeriodicParameters, PeriodicRun
from screens.dialogs import Confirm
from screens.mask_dialog import MaskDialog
from tests.sales_fixtures import d, issue, prepare
from tests.test_contracts import quarterly
from tests.tui_helpers import SIZE, fill, open_code, screen_text, started

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture
def ctx(admin_ctx):
    prepare(admin_ctx)
    articles.save_from_form(admin_ctx, {"code": "CAN", "description": "Canone assistenza",
                                        "unit": "NR", "vat_code": "22"})
    return admin_ctx


def fits(app) -> None:
    lines = screen_text(app).splitlines()
    assert len(lines) <= 24 and all(len(line) <= 80 for line in lines), lines


async def erase(pilot, count: int = 30) -> None:
    await pilot.press(*["backspace"] * count)


def test_a_contract_and_its_item_typed_in_241(ctx, settings, clock):
    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "241")
            assert isinstance(app.screen, ContractList), screen_text(app)
            await pilot.press("insert")
            await pilot.pause()
            assert isinstance(app.screen, ContractMask), screen_text(app)
            fits(app)
            await fill(pilot, "K100", "C001", None, "15/12/2025", "01/01/2026", None,
                       "Trim", "invoice", None, "Assistenza annuale")
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, ContractList), screen_text(app)
            assert "Contratto K100 registrato" in screen_text(app)
            assert "K100" in screen_text(app) and "Trimestrale" in screen_text(app)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ContractMask)
            await pilot.press("f5")
            await pilot.pause()
            assert isinstance(app.screen, ContractItems), screen_text(app)
            await pilot.press("insert")
            await pilot.pause()
            assert isinstance(app.screen, MaskDialog)
            await fill(pilot, None, "CAN", "Canone dal {dal} al {al}", None, None, "300")
            await pilot.press("f10")
            await pilot.pause()
            text = screen_text(app)
            fits(app)
            assert isinstance(app.screen, ContractItems), text
            assert "Voce 1 registrata" in text and "Canone dal {dal} al {al}" in text, text
            assert "300,00" in text, text

    asyncio.run(scenario())
    contract = contracts.as_dict(Contract.get(Contract.code == "K100"))
    assert (contract["customer"], contract["frequency"], contract["start"]) == (
        "C001", "quarterly", date(2026, 1, 1))
    assert [(i["article"], i["price"]) for i in contract["items"]] == [("CAN", d("300"))]


def test_generate_edit_invoice_and_print_in_242(ctx, settings, clock, tmp_path, monkeypatch):
    contracts.save(ctx, quarterly())
    monkeypatch.chdir(tmp_path)

    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "242")
            assert isinstance(app.screen, PeriodicParameters), screen_text(app)
            fits(app)
            await fill(pilot, "2026-01")
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, PeriodicRun), screen_text(app)
            text = screen_text(app)
            fits(app)
            assert "1 movimenti" in text and "K001" in text, text
            # 300.00 + 150.00 − 20.00 + 33.33 = 463.33
            assert "463,33" in text and "Canone dal 01/01/2026 al 31/03/2026" in text, text
            # The fee (second row) changed: price 300 → 280.
            await pilot.press("down")
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, MaskDialog), screen_text(app)
            await fill(pilot, None, None)
            await erase(pilot)
            await pilot.press("2", "8", "0")
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, PeriodicRun), screen_text(app)
            # The router instalment (fifth row) deleted: 280 + 150 − 20 = 410.00.
            await pilot.press("down", "down", "down", "delete")
            await pilot.pause()
            assert isinstance(app.screen, Confirm)
            await pilot.press("s")
            await pilot.pause()
            assert "410,00" in screen_text(app), screen_text(app)
            await pilot.press("f10")
            await pilot.pause()
            await pilot.press("s")
            await pilot.pause()
            text = screen_text(app)
            assert "Emessi 1 documenti: n. 1" in text and "(fatturata)" in text, text
            await pilot.press("f4")
            await pilot.pause()
            assert isinstance(app.screen, MaskDialog), screen_text(app)
            await erase(pilot, 2)
            await fill(pilot, "stampe")
            await pilot.press("f10")
            await pilot.pause()
            assert "Stampati 1 documenti in stampe" in screen_text(app), screen_text(app)

    asyncio.run(scenario())
    [doc] = Document.select()
    # 410.00 + VAT 22% 90.20 = 500.20
    assert (doc.kind, doc.taxable, doc.total) == ("invoice", d("410.00"), d("500.20"))
    assert (tmp_path / "stampe" / "invoice_2026_1.pdf").read_bytes().startswith(b"%PDF")


def test_undo_from_242(ctx, settings, clock):
    contracts.save(ctx, quarterly())

    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "242")
            await fill(pilot, "2026-06")
            await pilot.press("f10")
            await pilot.pause()
            assert "2 movimenti" in screen_text(app)
            await pilot.press("f8")
            await pilot.pause()
            await pilot.press("s")
            await pilot.pause()
            text = screen_text(app)
            assert "annullata: 2 movimenti eliminati" in text, text
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("f10")  # the same periods generated again
            await pilot.pause()
            assert "2 movimenti" in screen_text(app), screen_text(app)

    asyncio.run(scenario())
    assert PeriodicMovement.select().count() == 2


def test_agents_proforma_in_243(ctx, settings, clock, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the file named short, as an operator types it
    tables.save(ctx, "agent", {"code": "AG1", "name": "Mario Rossi", "commission": "5"})
    issue(ctx, {"kind": "invoice", "customer": "C001", "agent": "AG1", "date": "2026-03-02",
                "lines": [{"article": "A22", "qty": "10"}]})
    pdf = tmp_path / "agenti.pdf"

    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "243")
            assert isinstance(app.screen, AgentProforma), screen_text(app)
            await fill(pilot, "01/03/2026", "31/03/2026", None, "AG1:Rimborso spese:12,50",
                       "agenti.pdf")
            await pilot.press("f10")
            await pilot.pause()
            text = screen_text(app)
            fits(app)
            # 100.00 at 5% = 5.00; + 12.50 = 17.50.
            assert "Agente AG1 Mario Rossi" in text and "5,00" in text, text
            assert "Rimborso spese" in text and "17,50" in text, text

    asyncio.run(scenario())
    assert pdf.read_bytes().startswith(b"%PDF")
