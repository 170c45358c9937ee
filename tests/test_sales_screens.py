"""The sales runs and queries at 80x24: 211 deferred invoicing (groups shown and confirmed,
then the invoice made; presets shared with `gamma invoice deferred`), 221 the price query
(the explanation of the winning price) and 222 the price conditions (Ins, Enter, Del)."""

from __future__ import annotations

import asyncio
from datetime import date

import click
import pytest

from gamma import presets
from gamma.sales import price_rules, pricing
from models import Document
from screens.app import GammaApp
from screens.dialogs import Confirm
from screens.mask_dialog import MaskDialog
from screens.sales.deferred import DeferredParameters, DeferredRun
from screens.sales.prices import PriceQuery, PriceRuleList, PriceRuleMask
from tests.sales_fixtures import d, issue, prepare
from tests.tui_helpers import SIZE, fill, open_code, screen_text, started

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def run(coro):
    return asyncio.run(coro)


@pytest.fixture
def ctx(admin_ctx):
    prepare(admin_ctx)
    return admin_ctx


def fits(app) -> None:
    lines = screen_text(app).splitlines()
    assert len(lines) <= 24 and all(len(line) <= 80 for line in lines), lines


def note(ctx, day: int, *lines) -> Document:
    return issue(ctx, {"kind": "delivery_note", "date": date(2026, 3, day), "customer": "C001",
                       "lines": [{"article": a, "qty": q} for a, q in lines]}).document


def test_deferred_invoicing_shows_the_groups_asks_and_invoices_two_notes(ctx, settings,
                                                                         clock):
    note(ctx, 2, ("A22", "5"), ("A10", "2"))
    note(ctx, 3, ("A22", "3"))

    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "211")
            assert isinstance(app.screen, DeferredParameters), screen_text(app)
            text = screen_text(app)
            fits(app)
            for words in ("Fatturazione differita", "DDT fino al", "Clienti",
                          "Memorizza", "Richiama", "Esegui"):
                assert words in text, text
            await fill(pilot, "31/03/2026", None, "C001")
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, DeferredRun), screen_text(app)
            text = screen_text(app)
            fits(app)
            # Note 1: 5 × 10,00 + 22 % = 61,00 and 2 × 5,50 + 10 % = 12,10; note 2:
            # 3 × 10,00 + 22 % = 36,60 → 109,70 together.
            assert "Da fatturare: 1 fattura da 2 DDT" in text, text
            assert "C001" in text and "Bar Sport" in text and "1, 2" in text, text
            assert "109,70" in text, text
            assert Document.select().where(Document.kind == "deferred_invoice").count() == 0
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, Confirm)
            await pilot.press("s")
            await pilot.pause()
            text = screen_text(app)
            fits(app)
            assert "Fatture differite emesse: 1" in text, text
            assert ("C001: Fattura differita 1 del 31/03/2026, DDT 1, 2, totale 109,70"
                    in text), text
            await pilot.press("f10")  # once only
            await pilot.pause()
            assert "già eseguita" in screen_text(app)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, DeferredParameters)
            await pilot.press("f10")  # nothing left
            await pilot.pause()
            assert "Nessun DDT da fatturare" in screen_text(app)

    run(scenario())
    [invoice] = Document.select().where(Document.kind == "deferred_invoice")
    assert (invoice.number, invoice.date, invoice.total) == (1, date(2026, 3, 31),
                                                             d("109.70"))


def test_a_preset_memorized_in_211_is_the_cli_commands(ctx, settings, clock):
    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "211")
            await fill(pilot, "31/03/2026", None, "C001", "D")
            await pilot.press("f5")
            await pilot.pause()
            assert isinstance(app.screen, MaskDialog), screen_text(app)
            await fill(pilot, "fine mese")
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, DeferredParameters), screen_text(app)
            assert "memorizzati come «fine mese»" in screen_text(app)
            # Recalled into an empty mask, F6 gives the same texts back.
            app.screen.mask.fill({"date_to": "", "customers": "", "series": ""}, as_text=True)
            await pilot.press("f6")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            texts = app.screen.mask.texts()
            assert (texts["date_to"], texts["customers"], texts["series"]) == (
                "2026-03-31", "C001", "D")

    run(scenario())
    stored = presets.load(ctx, "invoice deferred", "fine mese")
    assert stored.params == {"date_to": "2026-03-31", "customers": ["C001"], "series": "D"}
    # What `gamma invoice deferred --preset "fine mese"` makes of them.
    from gamma.cli.invoice_cmd import deferred as command
    cctx = click.Context(command)
    params = {p.name: p for p in command.params}
    assert {name: params[name].type_cast_value(cctx, value)
            for name, value in stored.params.items()} == {
        "date_to": "2026-03-31", "customers": ("C001",), "series": "D"}


def test_a_date_typed_relative_to_today_is_memorized_as_typed(ctx, settings, clock):
    # The preset keeps "fine mese scorso" as typed, so that cron's
    # `gamma invoice deferred --preset mensile` means a new month each time.
    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "211")
            await fill(pilot, "fine mese scorso", None, "C001")
            await pilot.press("f5")
            await pilot.pause()
            await fill(pilot, "mensile")
            await pilot.press("f10")
            await pilot.pause()
            assert "memorizzati come «mensile»" in screen_text(app)

    run(scenario())
    assert presets.load(ctx, "invoice deferred", "mensile").params == {
        "date_to": "fine mese scorso", "customers": ["C001"]}


def test_price_query_shows_the_winning_price(ctx, settings, clock):
    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "221")
            assert isinstance(app.screen, PriceQuery), screen_text(app)
            await fill(pilot, "C001", "A22", "3")
            await pilot.press("f10")
            await pilot.pause()
            text = screen_text(app)
            fits(app)
            assert "Articolo A22, cliente C001, quantità 3, al 10/03/2026, listino 1" in text, text
            assert "Prezzo:  10,00  (Listino" in text, text
            assert "Netto:   10,00" in text, text
            for key in ("Ricerca", "Calcola", "Esci"):
                assert key in text, text
            # An unknown article is refused naming the field.
            app.screen.mask.fill({"article": "NOPE"}, as_text=True)
            await pilot.press("f10")
            await pilot.pause()
            assert "NOPE" in screen_text(app)

    run(scenario())


def test_price_conditions_add_a_net_price_that_the_query_then_gives(ctx, settings, clock):
    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "222")
            assert isinstance(app.screen, PriceRuleList), screen_text(app)
            text = screen_text(app)
            for words in ("Condizioni di prezzo", "Tipo", "Cliente", "Articolo", "Prezzo",
                          "Sconti", "Nuovo", "Elimina"):
                assert words in text, text
            await pilot.press("insert")
            await pilot.pause()
            assert isinstance(app.screen, PriceRuleMask), screen_text(app)
            text = screen_text(app)
            fits(app)
            assert "Tipo condizione" in text and "Valida dal" in text, text
            # kind, customer, article; then down to the price
            await fill(pilot, "customer_article", "C001", "A22", None, None, None, None,
                       None, None, None, None, None, "8,75")
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, PriceRuleList), screen_text(app)
            text = screen_text(app)
            fits(app)
            assert "registrata" in text, text
            assert "Cli/art" in text and "C001" in text and "A22" in text and "8,75" in text
            await open_rule(pilot)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, PriceRuleList)
            await pilot.press("escape")
            await pilot.pause()
            await open_code(pilot, "221")
            await fill(pilot, "C001", "A22", "2")
            await pilot.press("f10")
            await pilot.pause()
            text = screen_text(app)
            assert "Prezzo:  8,75  (Prezzo speciale cliente/articolo" in text, text

    async def open_rule(pilot):
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PriceRuleMask)
        assert pilot.app.screen.mask.texts()["party"] == "C001"

    run(scenario())
    [rule] = price_rules.list_rules(ctx)
    assert (rule.kind, rule.party.code, rule.article.code, rule.price) == (
        "customer_article", "C001", "A22", d("8.75"))
    sale = pricing.sale_from_codes(ctx, "A22", 5, date(2026, 3, 10), "C001")
    quote = pricing.quote(ctx, sale)
    assert (quote.price, quote.discounts, quote.net) == (d("8.75"), "", d("8.75"))


def test_price_conditions_change_and_delete(ctx, settings, clock):
    price_rules.add(ctx, "customer_article", party="C001", article="A22", price=d("9"))

    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "222")
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, PriceRuleMask), screen_text(app)
            assert "Condizione di prezzo n. " in screen_text(app)
            mask = app.screen.mask
            mask.fill({"price": "", "discounts": "10+5"}, as_text=True)
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, PriceRuleList), screen_text(app)
            assert "10+5" in screen_text(app)
            await pilot.press("delete")
            await pilot.pause()
            assert isinstance(app.screen, Confirm)
            await pilot.press("s")
            await pilot.pause()
            assert "eliminata" in screen_text(app)

    run(scenario())
    assert price_rules.list_rules(ctx) == []
