"""The article screens at 80x24: 121 list, 122 mask (barcode and price), F2 by barcode."""

from __future__ import annotations

import asyncio
from decimal import Decimal

import pytest

from gamma import records
from gamma.master import article_barcodes, article_prices, articles
from models.article import Article
from models.tables import Unit, VatCode
from screens.app import GammaApp
from screens.main_menu import MainMenuScreen
from screens.master.articles import ArticleList, ArticleMask
from tests.tui_helpers import SIZE, open_code, screen_text, started, type_text

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


LONG = "Vite testa esagonale M6 x 20 acciaio zincato classe 8.8 UNI 5739 DIN 933"


def run(coro):
    return asyncio.run(coro)


@pytest.fixture
def ctx(admin_ctx):
    c = admin_ctx.company
    if not VatCode.select().where(VatCode.company == c, VatCode.code == "22").exists():
        records.insert(admin_ctx, VatCode, company=c, code="22", description="IVA 22%",
                       rate=Decimal("22"))
    if not Unit.select().where(Unit.company == c, Unit.code == "NR").exists():
        records.insert(admin_ctx, Unit, company=c, code="NR", description="Numero")
    return admin_ctx




def test_an_article_created_in_122_with_a_barcode_and_a_price(ctx, settings, clock):
    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "122")
            assert isinstance(app.screen, ArticleMask)
            text = screen_text(app)
            assert "Codice" in text and "Descrizione" in text
            assert len(text.splitlines()) <= 24
            mask = app.screen.mask
            await type_text(pilot, "vite6")
            await pilot.press("enter")
            await type_text(pilot, LONG)  # wider than the room: the input scrolls
            await pilot.press("enter")
            await pilot.pause()
            mask.focus_field("unit")
            await type_text(pilot, "NR")
            mask.focus_field("vat_code")
            await type_text(pilot, "22")
            mask.focus_field("barcode")
            await type_text(pilot, "800123456789")
            mask.focus_field("price1")
            await type_text(pilot, "1,25")
            await pilot.pause()
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, MainMenuScreen), screen_text(app)
            assert "Articolo VITE6 «Vite testa esagonale" in screen_text(app)
    run(scenario())
    article = articles.get(ctx, "VITE6")
    assert article.description == LONG
    assert [b.code for b in article.barcodes] == ["8001234567897"]
    assert article_prices.price_on(ctx, article, 1).price == Decimal("1.25")
    assert article.unit.code == "NR" and article.vat_code.code == "22"


def test_f2_on_the_code_finds_the_article_by_barcode_and_opens_it(ctx, settings, clock):
    articles.save_from_form(ctx, {"code": "VITE6", "description": "Vite M6 x 20",
                                  "unit": "NR"})
    articles.save_from_form(ctx, {"code": "DADO6", "description": "Dado M6"})
    article_barcodes.add_barcode(ctx, "VITE6", "8001234567897")

    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "122")
            await pilot.press("f2")
            await pilot.pause()
            text = screen_text(app)
            assert "Ricerca Articoli" in text and "DADO6" in text
            await type_text(pilot, "8001234567897")
            await pilot.pause()
            text = screen_text(app)
            assert "VITE6" in text and "DADO6" not in text
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ArticleMask)
            assert app.screen.mask.input("code").value == "VITE6"
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen.record_key == "VITE6"
            assert app.screen.mask.input("description").value == "Vite M6 x 20"
            await pilot.press("escape")
            await pilot.pause()
            # A barcode scanned in the code field opens its article.
            await open_code(pilot, "122")
            await type_text(pilot, "8001234567897")
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen.record_key == "VITE6"
            assert app.screen.mask.input("code").value == "VITE6"
            await pilot.press("escape")
            await pilot.pause()
            await open_code(pilot, "121")
            assert isinstance(app.screen, ArticleList)
            text = screen_text(app)
            assert "VITE6" in text and "DADO6" in text
            await type_text(pilot, "dado")
            await pilot.pause()
            await pilot.press("delete")
            await pilot.pause()
            assert "Eliminare l'articolo DADO6 con prezzi e codici a barre?" in screen_text(app)
            await pilot.press("s")
            await pilot.pause()
            assert "Articolo DADO6 eliminato" in screen_text(app)
    run(scenario())
    assert [a.code for a in Article.select()] == ["VITE6"]


def test_f6_prices_and_f7_barcodes_of_an_article(ctx, settings, clock):
    articles.save_from_form(ctx, {"code": "VITE6", "description": "Vite M6 x 20",
                                  "price1": Decimal("1.10")})

    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "122")
            await pilot.press("f6")
            await pilot.pause()
            assert "Confermare prima l'articolo" in screen_text(app)
            await type_text(pilot, "VITE6")
            await pilot.press("enter")
            await pilot.pause()
            text = screen_text(app)
            assert "f6 Prezzi" in text and "f7 Barre" in text and "f8 Lingue" in text, text
            await pilot.press("f6")
            await pilot.pause()
            text = screen_text(app)
            assert "Prezzi articolo VITE6" in text and "1,100000" in text, text
            assert len(text.splitlines()) <= 24
            app.screen.mask.focus_field("price2")
            await type_text(pilot, "0,95")
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, ArticleMask)
            assert "Prezzi dei listini 2 registrati dal 10/03/2026" in screen_text(app)
            assert app.screen.mask.input("price2").value == "0,950000"
            await pilot.press("f7")
            await pilot.pause()
            await type_text(pilot, "8001234567891")
            await pilot.press("f10")
            await pilot.pause()
            assert "Codice a barre 1: cifra di controllo EAN-13 errata" in screen_text(app)
            app.screen.mask.input("barcode1").value = ""
            await type_text(pilot, "800123456789")
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, ArticleMask)
            assert app.screen.mask.input("barcode").value == "8001234567897"
            await pilot.press("f8")
            await pilot.pause()
            assert "Descrizioni in lingua VITE6" in screen_text(app)
            await type_text(pilot, "en")
            await pilot.press("enter")
            await type_text(pilot, "Screw M6 x 20")
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, ArticleMask)
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, MainMenuScreen)
    run(scenario())
    article = articles.get(ctx, "VITE6")
    assert [b.code for b in article.barcodes] == ["8001234567897"]
    assert article_prices.price_on(ctx, article, 2).price == Decimal("0.95")
    assert article_prices.price_on(ctx, article, 1).price == Decimal("1.10")
    assert [(t.language, t.description) for t in article.texts] == [("en", "Screw M6 x 20")]


def test_a_field_hidden_for_a_group_is_absent_from_its_mask_and_its_default_applies(
        ctx, settings, clock):
    from gamma.access import field_rules, grants, operators
    from gamma.access.grants import Grantee, GrantChange
    if not VatCode.select().where(VatCode.company == ctx.company, VatCode.code == "10").exists():
        records.insert(ctx, VatCode, company=ctx.company, code="10", description="IVA 10%",
                       rate=Decimal("10"))
    operators.add_group(ctx, "banco")
    operators.add(ctx, "lucia", "password-l", groups=("banco",))
    grants.grant(ctx, Grantee.of_group("banco"), GrantChange(functions=("121", "122"),
                                                             companies=(1,)))
    field_rules.set_rule(ctx, "article", "vat_code", Grantee.of_group("banco"), hidden=True,
                         default="10")

    async def scenario():
        app = GammaApp(settings, clock, operator_login="lucia")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "122")
            text = screen_text(app)
            # Costs are sensitive data lucia's group may not see: absent too.
            assert "Codice IVA" not in text and "Ultimo costo" not in text
            await type_text(pilot, "PANE")
            await pilot.press("enter")
            await type_text(pilot, "Pane comune")
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, MainMenuScreen), screen_text(app)
    run(scenario())
    assert articles.get(ctx, "PANE").vat_code.code == "10"


def test_122_edits_maximum_stock_preferred_supplier_and_kit_modes(ctx, settings, clock):
    from gamma.master import parties
    parties.save_from_form(ctx, {"code": "C001", "name": "Bar Sport"})
    parties.save_from_form(ctx, {"code": "F001", "name": "Viteria Lombarda S.p.A.",
                                 "is_customer": "N", "is_supplier": "S"})
    articles.save_from_form(ctx, {"code": "KIT1", "description": "Kit viti",
                                  "min_stock": Decimal("10"), "is_kit": True})

    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "122")
            await type_text(pilot, "KIT1")
            await pilot.press("enter")
            await pilot.pause()
            mask = app.screen.mask
            # kit flags and lot/serial flags are fields of the mask, with their stored value
            shown = {name: mask.input(name).value for name in (
                "is_kit", "lot_tracked", "serial_tracked", "kit_explosion", "kit_pricing")}
            assert shown == {"is_kit": "S", "lot_tracked": "N", "serial_tracked": "N",
                             "kit_explosion": "never", "kit_pricing": "parent"}
            # C001 is a customer only: refused as preferred supplier
            for name, typed in (("preferred_supplier", "C001"), ("max_stock", "50"),
                                ("kit_explosion", "su richiesta"),
                                ("kit_pricing", "components")):
                mask.focus_field(name)
                await type_text(pilot, typed)
            await pilot.pause()
            await pilot.press("f10")
            await pilot.pause()
            assert "C001 non è un fornitore" in screen_text(app), screen_text(app)
            mask.input("preferred_supplier").value = ""
            mask.focus_field("preferred_supplier")
            await type_text(pilot, "f001")
            await pilot.pause()
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, MainMenuScreen), screen_text(app)
    run(scenario())
    article = articles.get(ctx, "KIT1")
    assert article.preferred_supplier.code == "F001"
    assert article.max_stock == Decimal("50")
    assert (article.kit_explosion, article.kit_pricing) == ("on_request", "components")
    assert article.min_stock == Decimal("10") and article.is_kit
