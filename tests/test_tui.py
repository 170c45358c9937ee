"""The terminal UI at 80x24: login, company choice, main menu by function codes."""

from __future__ import annotations

import asyncio

import pytest

from gamma import companies
from gamma.access import grants, operators
from gamma.access.grants import Grantee, GrantChange
from models import Session
from screens.app import GammaApp
from screens.company_select import CompanySelectScreen
from screens.login import LoginScreen
from screens.main_menu import MainMenuScreen
from tests.conftest import ADMIN_PASSWORD
from tests.tui_helpers import SIZE, screen_text, type_text

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def run(coro):
    return asyncio.run(coro)


async def login(pilot, user: str, password: str) -> None:
    await type_text(pilot, user)
    await pilot.press("enter")
    await type_text(pilot, password)
    await pilot.press("enter")
    await pilot.pause()


def test_the_app_opens_on_the_login_screen(admin_ctx, settings, clock):
    async def scenario():
        app = GammaApp(settings, clock)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, LoginScreen)
            text = screen_text(app)
            assert "GAMMA — accesso" in text and "Operatore" in text and "Password" in text
    run(scenario())


def test_a_wrong_password_is_told_and_the_operator_stays_on_the_login(admin_ctx, settings,
                                                                       clock):
    async def scenario():
        app = GammaApp(settings, clock)
        async with app.run_test(size=SIZE) as pilot:
            await login(pilot, "admin", "sbagliata")
            assert isinstance(app.screen, LoginScreen)
            assert "Operatore o password errati" in screen_text(app)
    run(scenario())


def test_login_with_one_company_goes_straight_to_the_menu(admin_ctx, settings, clock):
    async def scenario():
        app = GammaApp(settings, clock)
        async with app.run_test(size=SIZE) as pilot:
            await login(pilot, "admin", ADMIN_PASSWORD)
            assert isinstance(app.screen, MainMenuScreen)
            text = screen_text(app)
            assert "Ditta 1 La mia azienda │ ADMIN │ 10/03/2026" in text
            # Every area on one line at 80 columns, in short when the full titles won't fit.
            assert ("1 Anagrafiche · 2 Vendite · 3 Magazzino · 4 Ordini · 5 Statistiche · "
                    "9 Sistema" in text)
            assert "111  CLI" in text and "911  DITTE" not in text
            await type_text(pilot, "9")  # an area's digit shows its functions
            await pilot.press("enter")
            assert "911  DITTE" in screen_text(app) and "111  CLI" not in screen_text(app)
            await type_text(pilot, "operm")
            await pilot.press("enter")
            assert "Ditta 1 La mia azienda │ ADMIN │ 10/03/2026 │ 922" in screen_text(app)
            await pilot.press("escape")
        # Leaving the app ends the session.
        assert Session.select().where(Session.ended_at.is_null()).count() == 0
        assert Session.select().count() == 1
    run(scenario())


def test_several_companies_are_offered_and_only_granted_functions_listed(admin_ctx, settings,
                                                                         clock):
    companies.add(admin_ctx, 2, "Filiale di Bari")
    operators.add(admin_ctx, "lucia", "password-l")
    grants.grant(admin_ctx, Grantee.of_operator("lucia"),
                 GrantChange(functions=("911",), companies=(1, 2)))

    async def scenario():
        app = GammaApp(settings, clock)
        async with app.run_test(size=SIZE) as pilot:
            await login(pilot, "lucia", "password-l")
            assert isinstance(app.screen, CompanySelectScreen)
            assert "Filiale di Bari" in screen_text(app)
            await pilot.press("down", "enter")
            await pilot.pause()
            assert isinstance(app.screen, MainMenuScreen)
            text = screen_text(app)
            assert "Ditta 2 Filiale di Bari │ LUCIA" in text
            assert "911" in text and "922" not in text
            await type_text(pilot, "922")
            await pilot.press("enter")
            assert "922 «Gestione operatori» non consentita all'operatore LUCIA" in screen_text(app)
    run(scenario())
