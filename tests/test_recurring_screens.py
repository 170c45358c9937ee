"""The recurring order screens at 80x24: 451 a template typed in its mask and its lines
added on the lines page; 452 the templates due on a day, marked and generated with F10;
453 the panel (Enter opens an order) and the distribution list PDF."""

from __future__ import annotations

import contextlib

import pytest

from gamma import presets
from gamma.recurring import generation, templates
from models import Document, RecurringTemplate
from screens.app import GammaApp
from screens.mask_dialog import MaskDialog
from screens.recurring.generate import GenerateParameters, GenerateRun
from screens.recurring.panel import PanelList, PanelParameters, ShippingCheck
from screens.recurring.templates import TemplateLines, TemplateList, TemplateMask
from screens.sales.lines import DocumentLines
from tests.recurring_fixtures import d, date, prepare, template
from tests.sales_fixtures import set_party
from tests.test_recurring_panel import ship
from tests.test_sales_screens import fits, run
from tests.tui_helpers import SIZE, open_code, screen_text, started

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@contextlib.asynccontextmanager
async def opened(settings, clock, code: str):
    app = GammaApp(settings, clock, operator_login="admin")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await open_code(pilot, code)
        yield app, pilot


@pytest.fixture
def ctx(admin_ctx):
    prepare(admin_ctx)
    return admin_ctx


async def press(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


def test_a_template_typed_in_451_and_its_lines(ctx, settings, clock):
    async def scenario():
        async with opened(settings, clock, "451") as (app, pilot):
            assert isinstance(app.screen, TemplateList), screen_text(app)
            fits(app)
            await press(pilot, "insert")
            assert isinstance(app.screen, TemplateMask), screen_text(app)
            assert "Nuovo modello ordine ricorrente" in screen_text(app)
            fits(app)
            app.screen.mask.fill({"code": "bar-lmv", "customer": "C001",
                                  "frequency": "Settimanale", "days": "lun,mer,ven",
                                  "start": "01/03/2026", "delivery_days": "1",
                                  "destination": "1", "contact": "Sig. Rossi"}, as_text=True)
            await press(pilot, "f10")
            assert isinstance(app.screen, TemplateList), screen_text(app)
            text = screen_text(app)
            assert "Modello BAR-LMV registrato" in text, text
            assert "Sett. lun, mer, ven" in text, text
            await press(pilot, "f6")
            assert isinstance(app.screen, TemplateLines), screen_text(app)
            assert "nessuna riga" in screen_text(app)
            for article, qty in (("A22", "6"), ("A10", "2")):
                app.screen.mask.fill({"position": "", "article": article, "qty": qty},
                                     as_text=True)
                await press(pilot, "f10")
            text = screen_text(app)
            fits(app)
            assert "Riga registrata" in text, text
            assert "  1 A22" in text and "  2 A10" in text, text
            # Line 1 changed to 8, then line 2 removed.
            app.screen.mask.fill({"position": "1", "article": "A22", "qty": "8"}, as_text=True)
            await press(pilot, "f10")
            app.screen.mask.fill({"position": "2", "article": "", "qty": "",
                                  "delete": "S"}, as_text=True)
            await press(pilot, "f10")
            assert "Riga eliminata" in screen_text(app)

    run(scenario())
    saved = RecurringTemplate.get(RecurringTemplate.code == "BAR-LMV")
    assert (saved.frequency, saved.days, saved.delivery_days, saved.contact) == (
        "weekly", "1,3,5", 1, "Sig. Rossi")
    assert [(x.article.code, x.qty) for x in templates.lines_of(saved)] == [("A22", d("8"))]


def test_452_lists_the_due_templates_marks_and_generates(ctx, settings, clock):
    template(ctx)
    template(ctx, "GINO", customer="C002", destination=None,
             lines=[{"article": "A10", "qty": "4"}])
    template(ctx, "GINO-2", customer="C002", destination=None,
             lines=[{"article": "A04", "qty": "1"}])
    set_party(ctx, "C002", credit_limit=d("1.00"))

    async def scenario():
        async with opened(settings, clock, "452") as (app, pilot):
            assert isinstance(app.screen, GenerateParameters), screen_text(app)
            app.screen.mask.fill({"day": "09/03/2026"}, as_text=True)
            await press(pilot, "f10")
            assert isinstance(app.screen, GenerateRun), screen_text(app)
            fits(app)
            text = screen_text(app)
            assert "3 segnati su 3" in text, text
            rows = [line for line in text.splitlines() if line.startswith("[")]
            assert rows[0].startswith("[X] BAR-FERIALI") and "Bar Sport - Staz" in rows[0], rows
            assert "GINO" in rows[1] and "1 avvisi" in rows[1], rows  # over the credit limit
            await press(pilot, "down", "enter")
            assert "avviso: fido del cliente C002" in screen_text(app)
            await press(pilot, "space")  # GINO unmarked
            assert "2 segnati su 3" in screen_text(app)
            await press(pilot, "f3")  # all marked
            await press(pilot, "f3")  # none
            assert "0 segnati su 3" in screen_text(app)
            await press(pilot, "f10")
            assert "Nessun modello segnato" in screen_text(app)
            await press(pilot, "f3", "up", "up", "space")  # all, then BAR-FERIALI off
            await press(pilot, "f10")
            await app.workers.wait_for_complete()  # the generation's worker
            await pilot.pause()
            text = screen_text(app)
            fits(app)
            assert "generati 2 su 2" in text, text
            assert "GINO (C002): generato - Ordine cliente 1 del 09/03/2026" in text, text
            await press(pilot, "escape")
            await press(pilot, "f10")  # BAR-FERIALI is still due
            assert "1 segnati su 1" in screen_text(app), screen_text(app)

    run(scenario())
    assert Document.select().where(Document.kind == "customer_order").count() == 2
    assert [t.code for t in generation.due(ctx, date(2026, 3, 9))] == ["BAR-FERIALI"]


def test_453_panel_opens_an_order_and_prints_the_distribution_list(ctx, settings, clock,
                                                                   tmp_path, monkeypatch):
    template(ctx)
    made = {o.template: o.document for o in generation.generate(ctx, date(2026, 3, 9))}
    ship(ctx, made["BAR-FERIALI"].id, "A22", "2")
    monkeypatch.chdir(tmp_path)  # a short path to type
    pdf = tmp_path / "lista.pdf"

    async def scenario():
        async with opened(settings, clock, "453") as (app, pilot):
            assert isinstance(app.screen, PanelParameters), screen_text(app)
            app.screen.mask.fill({"start": "09/03/2026"}, as_text=True)
            await press(pilot, "f5")  # memorized under the CLI's names
            app.screen.mask.fill({"name": "lunedi"}, as_text=True)
            await press(pilot, "f10")
            await press(pilot, "f10")
            assert isinstance(app.screen, PanelList), screen_text(app)
            fits(app)
            text = screen_text(app)
            # 16 ordered, 2 shipped: 14 left, evaso in parte.
            assert "09/03/2026 BAR-FERIALI  C001" in text, text
            assert "10/03/2026   2       14 Evaso in parte" in text, text
            await press(pilot, "enter")
            assert isinstance(app.screen, DocumentLines), screen_text(app)
            await press(pilot, "escape")
            await press(pilot, "escape")
            assert isinstance(app.screen, PanelParameters), screen_text(app)
            await press(pilot, "f7")
            assert isinstance(app.screen, MaskDialog), screen_text(app)
            fits(app)
            app.screen.mask.fill({"date": "10/03/2026", "path": "lista.pdf"}, as_text=True)
            await press(pilot, "f10")
            assert isinstance(app.screen, PanelParameters), screen_text(app)
            assert "Lista di distribuzione: 1 ordini" in screen_text(app)
            # F8: the orders delivered on Tuesday checked again before shipping; C001 was
            # blocked since, so its order is named.
            set_party(ctx, "C001", sales_block=True)
            await press(pilot, "f8")
            assert isinstance(app.screen, ShippingCheck), screen_text(app)
            app.screen.mask.fill({"day": "10/03/2026"}, as_text=True)
            await press(pilot, "f10")
            fits(app)
            text = screen_text(app)
            number = made["BAR-FERIALI"].number
            assert f"ordine {number}: cliente C001 bloccato" in text, text
            assert "Errori: 1, avvisi: 0" in text, text

    run(scenario())
    assert pdf.read_bytes()[:4] == b"%PDF"
    # `gamma recurring panel --preset lunedi` reads these.
    assert presets.load(ctx, "recurring panel", "lunedi").params == {"start": "09/03/2026"}
