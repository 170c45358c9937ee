"""Document entry at 80x24: 202 header and lines, F10 confirmation, the counter sale (203)
choosing its kind at the end, a deactivated customer's replacement, stock warnings, the
draft offered again, the documents list (201)."""

from __future__ import annotations

import asyncio

import pytest

from gamma.master import parties
from gamma.sales import documents
from models import Document
from screens.app import GammaApp
from screens.sales.common import ChoiceDialog, TextDialog
from screens.sales.documents import DocumentList, DocumentMask, DraftsDialog
from screens.sales.lines import DocumentLines, LineDialog
from tests.sales_fixtures import d, prepare, set_party
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


async def header(pilot, kind: str | None, customer: str) -> None:
    """Open 202 (or 203 when kind is None), type the kind and customer, F10."""
    await started(pilot)
    await open_code(pilot, "202" if kind else "203")
    assert isinstance(pilot.app.screen, DocumentMask), type(pilot.app.screen)
    await fill(pilot, *([kind] if kind else []), customer)
    await pilot.press("f10")
    await pilot.pause()


async def add_line(pilot, article: str, qty: str) -> None:
    await pilot.press("insert")
    await pilot.pause()
    assert isinstance(pilot.app.screen, LineDialog)
    await fill(pilot, article, None, qty)
    await pilot.press("f10")
    await pilot.pause()


def test_an_invoice_entered_line_by_line_shows_its_totals_and_is_confirmed(ctx, settings,
                                                                           clock):
    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await header(pilot, "FT", "C001")
            assert isinstance(app.screen, DocumentLines), screen_text(app)
            text = screen_text(app)
            assert "Bozza di fattura del 10/03/2026 — C001 Bar Sport S.r.l." in text, text
            await add_line(pilot, "A22", "3")
            assert isinstance(app.screen, DocumentLines), screen_text(app)
            await add_line(pilot, "A10", "2")
            text = screen_text(app)
            fits(app)
            # A22: 3 × 10,00 = 30,00 at 22 % → 6,60; A10: 2 × 5,50 = 11,00 at 10 % → 1,10.
            assert "A22" in text and "Vite inox M6" in text and "30,00" in text, text
            assert "A10" in text and "11,00" in text, text
            assert "Imponibile 41,00   IVA 7,70   Totale 48,70" in text, text
            assert "Prezzo: " in text  # the price source of the highlighted line
            for key in ("Nuova", "Modifica", "Elimina", "Conferma", "Esci"):
                assert key in text, text
            await pilot.press("f10")
            await pilot.pause()
            text = screen_text(app)
            assert "Fattura 1 del 10/03/2026 confermata" in text, text
        doc = Document.get(Document.number == 1)
        assert (doc.kind, doc.status, doc.total) == ("invoice", "confirmed", d("48.70"))

    run(scenario())


def test_a_line_is_changed_and_deleted(ctx, settings, clock):
    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await header(pilot, "FT", "C001")
            await add_line(pilot, "A22", "3")
            await add_line(pilot, "A04", "1")
            await pilot.press("up")
            await pilot.press("enter")  # the first line
            await pilot.pause()
            assert isinstance(app.screen, LineDialog)
            await fill(pilot, None, None, "5")
            await pilot.press("f10")
            await pilot.pause()
            assert "Imponibile 52,00" in screen_text(app), screen_text(app)
            await pilot.press("down", "delete")
            await pilot.pause()
            await pilot.press("s")
            await pilot.pause()
            text = screen_text(app)
            assert "Imponibile 50,00" in text and "A04" not in text, text
        lines = documents.lines_of(Document.get())
        assert [(li.code, li.qty, li.price_source != "Indicato") for li in lines] == [
            ("A22", d("5"), True)]

    run(scenario())


def test_a_deactivated_customer_offers_its_replacement(ctx, settings, clock):
    parties.save_from_form(ctx, {"code": "C002", "name": "Bar Sport nuova S.r.l."})
    set_party(ctx, active=False, replaced_by=parties.find(ctx, "C002"))

    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "202")
            await fill(pilot, "FT", "C001")
            text = screen_text(app)
            assert "Cliente C001 disattivato: sostituito da C002" in text, text
            await pilot.press("s")
            await pilot.pause()
            assert app.screen.mask.input("customer").value == "C002"
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, DocumentLines)
            assert "C002 Bar Sport nuova" in screen_text(app)

    run(scenario())


def test_a_counter_sale_asks_the_kind_at_the_end(ctx, settings, clock):
    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await header(pilot, None, "")
            assert isinstance(app.screen, DocumentLines), screen_text(app)
            await add_line(pilot, "A04", "2")
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, ChoiceDialog)
            text = screen_text(app)
            assert "Quale documento emettere?" in text and "Ricevuta" in text, text
            await pilot.press("2")  # receipt, the second of COUNTER_TARGETS
            await pilot.pause()
            assert "Ricevuta 1 del 10/03/2026 confermata" in screen_text(app)
        doc = Document.get()
        assert (doc.kind, doc.number, doc.party) == ("receipt", 1, None)

    run(scenario())


def test_a_stock_warning_is_shown_after_confirmation(ctx, settings, clock):
    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await header(pilot, "FT", "C001")
            await add_line(pilot, "A22", "120")
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, TextDialog)
            text = screen_text(app)
            assert "Fattura 1 del 10/03/2026 confermata" in text, text
            assert "giacenza insufficiente" in text, text
            fits(app)

    run(scenario())


def test_the_draft_is_offered_again_after_leaving_without_confirming(ctx, settings, clock):
    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await header(pilot, "FT", "C001")
            await add_line(pilot, "A22", "3")
            await pilot.press("escape")
            await pilot.pause()
            assert "conservata" in screen_text(app)
            await open_code(pilot, "202")
            await pilot.pause()
            assert isinstance(app.screen, DraftsDialog), type(app.screen)
            text = screen_text(app)
            assert "Bozze non confermate" in text and "C001" in text, text
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, DocumentLines)
            assert "Imponibile 30,00" in screen_text(app)

    run(scenario())


def test_the_documents_list_opens_a_confirmed_document_read_only(ctx, settings, clock):
    from tests.sales_fixtures import issue
    issue(ctx, {"kind": "invoice", "customer": "C001",
                "lines": [{"article": "A22", "qty": "3"}]})

    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "201")
            assert isinstance(app.screen, DocumentList)
            text = screen_text(app)
            assert "Fattura" in text and "C001" in text and "36,60" in text, text
            assert "Confermato" in text, text
            fits(app)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, DocumentLines) and app.screen.read_only
            await pilot.press("insert")
            await pilot.pause()
            assert "sola lettura" in screen_text(app)

    run(scenario())


def test_the_quantity_entry_mode_is_the_operators_and_the_line_follows_it(ctx, settings,
                                                                          clock):
    from gamma.sales import document_forms

    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await header(pilot, "FT", "C001")
            await pilot.press("f6")  # quantity → packages × pieces per package
            await pilot.pause()
            assert "Colli × pezzi per collo" in screen_text(app)
            await pilot.press("insert")
            await pilot.pause()
            text = screen_text(app)
            assert "Pezzi per collo" in text, text
            shown = [p.field.name for p in app.screen.mask.placed]
            assert "packages" in shown and "qty" not in shown and "tare" not in shown
            fits(app)
            await fill(pilot, "A22", None, "2", "6")
            await pilot.press("f10")
            await pilot.pause()
            text = screen_text(app)
            assert "Imponibile 120,00   IVA 26,40   Totale 146,40" in text, text
        assert document_forms.qty_mode(ctx, "invoice") == "packages"
        line = documents.lines_of(Document.get())[0]
        assert (line.qty, line.qty_entry) == (d("12"), "packages=2 pieces=6")

    run(scenario())


def test_a_credit_block_is_forced_by_a_supervisor(ctx, settings, clock):
    from tests.conftest import ADMIN_PASSWORD
    settings = settings.replace(**{"sales.credit_check": "block"})
    set_party(ctx, credit_limit=d("10"))

    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await header(pilot, "FT", "C001")
            assert "fido 10,00" not in screen_text(app)  # the lines now
            await add_line(pilot, "A22", "3")
            await pilot.press("f10")
            await pilot.pause()
            text = screen_text(app)
            assert "fido 10.00 superato" in text and "Forzare" in text, text
            await pilot.press("s")
            await pilot.pause()
            await fill(pilot, "admin", ADMIN_PASSWORD)
            await pilot.press("f10")
            await pilot.pause()
            text = screen_text(app)
            assert "Fattura 1 del 10/03/2026 confermata" in text, text
            assert "forzato da ADMIN" in text, text
        assert Document.get().credit_override_by == "admin"

    run(scenario())
