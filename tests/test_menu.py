"""The main menu and what is callable from anywhere: favourites (F9) and the keys (F1)."""

from __future__ import annotations

import asyncio

import pytest

from gamma import favourites
from gamma.access import operators
from models import AuditEntry
from screens.admin.operators import OperatorList, OperatorMask
from screens.app import GammaApp
from tests.tui_helpers import SIZE, login, screen_text, type_text

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)



def test_a_favourite_opens_from_inside_a_function_on_the_record_in_hand(admin_ctx, settings,
                                                                         clock):
    operators.add(admin_ctx, "mario", "password-m", name="Mario Rossi")
    operators.add(admin_ctx, "piero", "password-p", name="Piero Verdi")
    favourites.set_favourite(admin_ctx, 1, "OPERM")

    async def scenario():
        app = GammaApp(settings, clock)
        async with app.run_test(size=SIZE) as pilot:
            await login(pilot)
            assert "Preferiti (F9): 1=922 OPERM" in screen_text(app)
            await type_text(pilot, "921")
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, OperatorList)
            await type_text(pilot, "pie")  # the list narrows to PIERO
            await pilot.press("f9")
            await pilot.pause()
            assert "1  922  OPERM    Gestione operatori" in screen_text(app)
            await pilot.press("1")
            await pilot.pause()
            assert isinstance(app.screen, OperatorMask)
            text = screen_text(app)
            assert "Operatore piero" in text and "Piero Verdi" in text
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, OperatorList)
    asyncio.run(scenario())


def test_f1_shows_the_keys_of_the_current_screen(admin_ctx, settings, clock):
    async def scenario():
        app = GammaApp(settings, clock)
        async with app.run_test(size=SIZE) as pilot:
            await login(pilot)
            await type_text(pilot, "922")
            await pilot.press("enter", "f1")
            await pilot.pause()
            text = screen_text(app)
            assert "Tasti di questa videata" in text
            for key, what in (("F2", "Ricerca"), ("F10", "Conferma"), ("ESC", "Esci")):
                assert f"{key:<12}{what}" in text
            await pilot.press("x")
            await pilot.pause()
            assert isinstance(app.screen, OperatorMask)
            assert app.screen.mask.input("login").value == ""  # the key closed the help only
    asyncio.run(scenario())


def test_favourites_are_set_from_the_menu_with_f8(admin_ctx, settings, clock):
    async def scenario():
        app = GammaApp(settings, clock)
        async with app.run_test(size=SIZE) as pilot:
            await login(pilot)
            await pilot.press("f8")
            await pilot.pause()
            await type_text(pilot, "2")
            await pilot.press("enter")
            await type_text(pilot, "audit")
            await pilot.press("f10")
            await pilot.pause()
            assert "Preferito 2: 941 «Registro attività»" in screen_text(app)
            assert "2=941 AUDIT" in screen_text(app)
    asyncio.run(scenario())
    entry = AuditEntry.get(AuditEntry.table_name == "favourite")
    assert entry.action == "insert" and entry.operator_login == "admin"
