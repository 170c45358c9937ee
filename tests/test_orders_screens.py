"""The order screens at 80x24: 401 the customer orders with their status, 402 a new
customer order (kind fixed), 404 a supplier order naming a supplier, 411 fulfilment
(proposal, a quantity changed, documents made; presets shared with the CLI)."""

from __future__ import annotations

import contextlib
from datetime import date

import click
import pytest

from gamma import presets
from models import Document, DocumentLine
from screens.app import GammaApp
from screens.dialogs import Confirm
from screens.mask_dialog import MaskDialog
from screens.orders.fulfilment import FulfilmentParameters, FulfilmentRun
from screens.orders.order_masks import CustomerOrderList, CustomerOrderMask, SupplierOrderMask
from screens.sales.lines import DocumentLines
from tests.order_fixtures import d, level, load, order, prepare_orders, residual
from tests.test_sales_screens import fits, run
from tests.tui_helpers import SIZE, fill, open_code, screen_text, started

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@contextlib.asynccontextmanager
async def opened(settings, clock, code: str):
    """The app at 80x24, logged in, with function `code` opened from the menu."""
    app = GammaApp(settings, clock, operator_login="admin")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await open_code(pilot, code)
        yield app, pilot


@pytest.fixture
def ctx(admin_ctx):
    prepare_orders(admin_ctx)
    load(admin_ctx, {"A22": d("10")})
    return admin_ctx


def test_the_order_list_shows_status_and_residual(ctx, settings, clock):
    first = order(ctx, "C001", ("A22", "6"), delivery_date="2026-03-20")
    order(ctx, "C002", ("A22", "2"), day=3)
    from gamma.orders import closing
    closing.set_not_to_fulfil(ctx, first.id)

    async def scenario():
        async with opened(settings, clock, "401") as (app, pilot):
            assert isinstance(app.screen, CustomerOrderList), screen_text(app)
            text = screen_text(app)
            fits(app)
            assert "Ordini clienti" in text, text
            # The latest first: C002's open order, then C001's closed one (residual 0).
            rows = [line for line in text.splitlines() if "C00" in line]
            assert "C002" in rows[0] and "Aperto" in rows[0], rows
            assert "C001" in rows[1] and "Chiuso" in rows[1] and "20/03/2026" in rows[1], rows
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, DocumentLines), screen_text(app)
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("insert")
            await pilot.pause()
            assert isinstance(app.screen, CustomerOrderMask), screen_text(app)
            assert "Nuovo ordine cliente" in screen_text(app)

    run(scenario())


def test_a_supplier_order_entered_in_404_takes_a_supplier(ctx, settings, clock):
    async def scenario():
        async with opened(settings, clock, "404") as (app, pilot):
            assert isinstance(app.screen, SupplierOrderMask), screen_text(app)
            fits(app)
            assert app.screen.mask.texts()["kind"] == "OF"
            await fill(pilot, "C001")  # a customer only: refused
            assert "C001 non è un fornitore" in screen_text(app), screen_text(app)
            app.screen.mask.fill({"customer": ""}, as_text=True)
            app.screen.mask.focus_field("customer")
            await fill(pilot, "F001")
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, DocumentLines), screen_text(app)

    run(scenario())
    [draft] = Document.select().where(Document.kind == "supplier_order")
    assert draft.party.code == "F001" and draft.status == "draft"


def test_fulfilment_proposes_changes_a_quantity_and_makes_the_notes(ctx, settings, clock):
    first = order(ctx, "C001", ("A22", "6"))
    second = order(ctx, "C002", ("A22", "6"), day=3, priority="1")

    async def scenario():
        async with opened(settings, clock, "411") as (app, pilot):
            assert isinstance(app.screen, FulfilmentParameters), screen_text(app)
            text = screen_text(app)
            fits(app)
            for words in ("Evasione ordini", "Ordini di", "Consegna entro", "Memorizza"):
                assert words in text, text
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, FulfilmentRun), screen_text(app)
            text = screen_text(app)
            fits(app)
            # 10 on hand: the urgent C002 order takes 6, C001's gets 4.
            assert "2 righe da evadere su 2" in text, text
            rows = [line for line in text.splitlines() if "A22" in line]
            assert rows[0].split()[-3:] == ["6", "10", "6"], rows
            assert rows[1].split()[-3:] == ["6", "4", "4"], rows
            await pilot.press("down", "enter")  # C001's line: ship 3 instead of 4
            await pilot.pause()
            assert isinstance(app.screen, MaskDialog), screen_text(app)
            app.screen.mask.fill({"to_ship": ""}, as_text=True)
            await fill(pilot, "3")
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, FulfilmentRun), screen_text(app)
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, Confirm)
            await pilot.press("s")
            await pilot.pause()
            text = screen_text(app)
            fits(app)
            assert "Documenti di evasione generati: 2" in text, text
            assert "C001: Documento di trasporto" in text, text

    run(scenario())
    # C002 fulfilled; C001: 6 − 3 = 3 left; on hand 10 − 6 − 3 = 1, committed 3.
    assert (residual(second), residual(first)) == (d("0"), d("3"))
    now = level(ctx, "A22")
    assert (now.on_hand, now.committed) == (d("1"), d("3"))


def test_a_preset_memorized_in_411_is_the_cli_commands(ctx, settings, clock):
    async def scenario():
        async with opened(settings, clock, "411") as (app, pilot):
            app.screen.mask.fill({"party_from": "C001", "priority": "3", "full": "S"},
                                 as_text=True)
            await pilot.press("f5")
            await pilot.pause()
            assert isinstance(app.screen, MaskDialog), screen_text(app)
            await fill(pilot, "mattino")
            await pilot.press("f10")
            await pilot.pause()
            assert "memorizzati come «mattino»" in screen_text(app)

    run(scenario())
    stored = presets.load(ctx, "order fulfil", "mattino")
    assert stored.params == {"kind": "customer", "party_from": "C001", "priority": 3,
                             "mode": "automatic", "full": True, "group": "order"}
    from gamma.cli.order_cmd import fulfil as command
    cctx = click.Context(command)
    params = {p.name: p for p in command.params}
    assert {name: params[name].type_cast_value(cctx, value)
            for name, value in stored.params.items()} == stored.params


def test_an_order_entered_in_402_with_a_line_delivery_date_commits_at_confirmation(
        ctx, settings, clock):
    from screens.sales.lines import LineDialog

    async def scenario():
        async with opened(settings, clock, "402") as (app, pilot):
            await fill(pilot, "C001")
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, DocumentLines), screen_text(app)
            await pilot.press("insert")
            await pilot.pause()
            assert isinstance(app.screen, LineDialog), screen_text(app)
            assert "Consegna" in screen_text(app)  # an order's line asks for it
            app.screen.mask.fill({"article": "A22", "qty": "4",
                                  "delivery_date": "25/03/2026"}, as_text=True)
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, DocumentLines), screen_text(app)
            await pilot.press("f10")
            await pilot.pause()
            if isinstance(app.screen, Confirm):
                await pilot.press("s")
                await pilot.pause()

    run(scenario())
    [placed] = Document.select().where(Document.kind == "customer_order")
    line = placed.lines.where(DocumentLine.article.is_null(False)).get()
    assert placed.status == "confirmed", placed.status
    assert (line.qty, line.delivery_date) == (d("4"), date(2026, 3, 25))
    assert level(ctx, "A22").committed == d("4")
