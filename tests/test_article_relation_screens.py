"""The article's supplier/customer codes (F11) and linked articles (F12), opened from the
article mask (122) at 80x24."""

from __future__ import annotations

import asyncio

import pytest

import dataclasses

from gamma import lookups
from gamma.access import operators
from gamma.errors import PermissionDenied
from gamma.master import article_relations, articles, parties
from models.article import ArticleLink, PartyArticleCode
from models.audit import AuditEntry
from screens.app import GammaApp
from screens.master.article_codes import ArticleCodeList, ArticleCodeMask
from screens.master.article_links import ArticleLinkList, ArticleLinkMask
from screens.master.articles import ArticleMask
from tests.tui_helpers import SIZE, fill, open_code, screen_text, started, type_text

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def run(coro):
    return asyncio.run(coro)


@pytest.fixture
def ctx(admin_ctx):
    articles.save_from_form(admin_ctx, {"code": "VITE6", "description": "Vite M6 x 20"})
    articles.save_from_form(admin_ctx, {"code": "VITE6Z", "description": "Vite M6 x 20 zincata"})
    parties.save_from_form(admin_ctx, {"code": "F001", "name": "Bulloneria Rossi"})
    return admin_ctx


async def open_article(pilot, code: str = "VITE6", key: str | None = None) -> None:
    """From the menu, the article in its mask (122); then the key's list, if any."""
    await started(pilot)
    await open_code(pilot, "122")
    await type_text(pilot, code)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ArticleMask)
    assert pilot.app.screen.record_key == code
    if key:
        await pilot.press(key)
        await pilot.pause()


def test_f11_adds_a_supplier_code_the_article_lookup_then_finds(ctx, settings, clock):
    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await open_article(pilot)
            text = screen_text(app)
            assert "f11 Cod.cli/for" in text and "f12 Collegati" in text, text
            await pilot.press("f11")
            await pilot.pause()
            assert isinstance(app.screen, ArticleCodeList)
            assert "Codici clienti/fornitori dell'articolo VITE6" in screen_text(app)
            await pilot.press("insert")
            await pilot.pause()
            assert isinstance(app.screen, ArticleCodeMask)
            # A party that does not exist: the message names the field.
            await fill(pilot, "F999", "RS-M6-20", "Vite esagonale 6x20")
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, ArticleCodeMask)
            assert "Cliente/fornitore: anagrafica F999 inesistente" in screen_text(app)
            assert app.screen.mask.current().field.name == "party"
            app.screen.mask.input("party").value = ""
            await type_text(pilot, "bullon")
            await pilot.press("f2")  # the parties, by a piece of the name
            await pilot.pause()
            assert "Bulloneria Rossi" in screen_text(app)
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen.mask.input("party").value == "F001"
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, ArticleCodeList)
            text = screen_text(app)
            assert "Codice RS-M6-20 di F001 registrato" in text
            assert "F001" in text and "RS-M6-20" in text and "Bulloneria Rossi" in text
            assert len(text.splitlines()) <= 24
            # Enter changes the description; party and code stay.
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ArticleCodeMask)
            assert app.screen.mask.input("party").read_only
            app.screen.mask.focus_field("description")
            app.screen.mask.input("description").value = ""
            await type_text(pilot, "Vite TE 6x20")
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, ArticleCodeList)
            assert "Vite TE 6x20" in screen_text(app)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, ArticleMask)
    run(scenario())
    [row] = PartyArticleCode.select()
    assert (row.article.code, row.party.code, row.code, row.description) == (
        "VITE6", "F001", "RS-M6-20", "Vite TE 6x20")
    assert article_relations.find_by_party_code(ctx, "F001", "RS-M6-20").code == "VITE6"
    # The article lookup with the party filter finds the article by the supplier's code.
    view = lookups.View("", ("code", "found"), {"party": "F001"})
    found = lookups.search(ctx, "article", "RS-M6", view)
    assert [(r["code"], r["found"]) for r in found] == [("VITE6", "RS-M6-20")]


def test_del_removes_a_supplier_code(ctx, settings, clock):
    article_relations.set_party_code(ctx, "VITE6", "F001", "RS-M6-20", "Vite 6x20")

    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await open_article(pilot, key="f11")
            assert "RS-M6-20" in screen_text(app)
            await pilot.press("delete")
            await pilot.pause()
            assert "Eliminare il codice RS-M6-20 di F001?" in screen_text(app)
            await pilot.press("s")
            await pilot.pause()
            text = screen_text(app)
            assert "Codice RS-M6-20 di F001 eliminato" in text
            assert isinstance(app.screen, ArticleCodeList)
    run(scenario())
    assert not PartyArticleCode.select().exists()


def test_removing_a_party_code_needs_the_article_function_and_is_audited(ctx):
    article_relations.set_party_code(ctx, "VITE6", "F001", "RS-M6-20")
    operators.add(ctx, "ugo", "password-u")
    ugo = dataclasses.replace(ctx, operator=operators.find("ugo"))
    with pytest.raises(PermissionDenied):
        article_relations.remove_party_code(ugo, "VITE6", "F001", "RS-M6-20")
    assert PartyArticleCode.select().count() == 1
    article_relations.remove_party_code(ctx, "VITE6", "f001", "RS-M6-20")
    assert not PartyArticleCode.select().exists()
    table = PartyArticleCode._meta.table_name
    entry = AuditEntry.get(AuditEntry.action == "delete", AuditEntry.table_name == table)
    assert entry.function_code == "122" and entry.operator_login == "admin"


def test_f12_links_a_substitute_found_with_f2_and_del_unlinks_it(ctx, settings, clock):
    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await open_article(pilot, key="f12")
            assert isinstance(app.screen, ArticleLinkList)
            assert "Articoli collegati a VITE6" in screen_text(app)
            await pilot.press("insert")
            await pilot.pause()
            assert isinstance(app.screen, ArticleLinkMask)
            await type_text(pilot, "zincata")
            await pilot.press("f2")  # the articles, by a piece of the description
            await pilot.pause()
            text = screen_text(app)
            assert "VITE6Z" in text and "Vite M6 x 20 zincata" in text
            assert "VITE6 " not in text
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen.mask.input("other").value == "VITE6Z"
            await pilot.press("enter")
            await type_text(pilot, "x")
            await pilot.press("f10")
            await pilot.pause()
            assert "Tipo (A/S/C): valore non ammesso (ammessi: A, S, C)" in screen_text(app)
            app.screen.mask.input("link_kind").value = ""
            await type_text(pilot, "sost")
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, ArticleLinkList)
            text = screen_text(app)
            assert "Articolo VITE6Z collegato come sostitutivo" in text
            assert "sostitutivo" in text and "Vite M6 x 20 zincata" in text
            assert len(text.splitlines()) <= 24
            await pilot.press("delete")
            await pilot.pause()
            assert "Eliminare il collegamento sostitutivo con VITE6Z?" in screen_text(app)
            await pilot.press("s")
            await pilot.pause()
            text = screen_text(app)
            assert "Collegamento con VITE6Z eliminato" in text
            assert "zincata" not in text
    run(scenario())
    assert not ArticleLink.select().exists()


def test_a_link_to_the_article_itself_is_refused_naming_the_field(ctx, settings, clock):
    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await open_article(pilot, key="f12")
            await pilot.press("insert")
            await pilot.pause()
            await fill(pilot, "VITE6", "a")
            assert "alternativo" in screen_text(app)  # the kind's word beside its letter
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, ArticleLinkMask)
            text = screen_text(app)
            assert "Articolo collegato: un articolo non si collega a se stesso" in text
    run(scenario())
    assert not ArticleLink.select().exists()
