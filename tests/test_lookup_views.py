"""Lookups: filled as the operator types, moved with the arrows, and alternative views
(columns and filters) saved per operator and chosen with F3."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest

from gamma import lookups
from gamma.access import operators
from screens.admin.operators import OperatorList
from screens.app import GammaApp
from screens.lookup import LookupScreen
from tests.tui_helpers import SIZE, login, screen_text, type_text

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)



def test_a_view_saved_with_f5_is_offered_by_f3_to_its_operator_only(admin_ctx, settings,
                                                                    clock):
    operators.add(admin_ctx, "mario", "password-m", name="Mario Rossi")
    operators.add(admin_ctx, "zeno", "password-z", name="Zeno Bianchi")
    operators.set_active(admin_ctx, "zeno", False)

    async def scenario():
        app = GammaApp(settings, clock)
        async with app.run_test(size=SIZE) as pilot:
            await login(pilot)
            await type_text(pilot, "922")
            await pilot.press("enter", "f2")
            await pilot.pause()
            assert isinstance(app.screen, LookupScreen)
            text = screen_text(app)
            assert "Operatore            Nome" in text and "zeno" in text
            await pilot.press("f5")
            await pilot.pause()
            await type_text(pilot, "attivi")
            await pilot.press("enter")
            await type_text(pilot, "login,active")  # replaces the columns shown
            await pilot.press("enter")
            await type_text(pilot, "active=S")
            await pilot.press("f10")
            await pilot.pause()
            text = screen_text(app)
            assert "Ricerca Operatori — vista attivi" in text
            assert "mario" in text and "zeno" not in text and "Mario Rossi" not in text
            await pilot.press("f3")  # back to the standard view
            await pilot.pause()
            assert "zeno" in screen_text(app) and "Mario Rossi" in screen_text(app)
            await pilot.press("down", "down")  # admin, mario, zeno
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen.mask.input("login").value == "zeno"
    asyncio.run(scenario())
    views = lookups.views(admin_ctx, "operator")
    assert [v.name for v in views] == ["", "attivi"]
    assert views[1].columns == ("login", "active") and views[1].filters == {"active": "S"}
    mario = dataclasses.replace(admin_ctx, operator=operators.find("mario"))
    assert [v.name for v in lookups.views(mario, "operator")] == [""]  # personal view


def test_a_list_narrows_as_the_operator_types(admin_ctx, settings, clock):
    for code, name in (("anna", "Anna Neri"), ("bruno", "Bruno Gialli"),
                       ("carla", "Carla Bruni")):
        operators.add(admin_ctx, code, "password-x", name=name)

    async def scenario():
        app = GammaApp(settings, clock)
        async with app.run_test(size=SIZE) as pilot:
            await login(pilot)
            await type_text(pilot, "921")
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, OperatorList)
            assert "⏎ Apri" in screen_text(app)  # the list's keys, not the filter's
            await type_text(pilot, "br")  # code prefix BRUNO, description "Bruni"
            await pilot.pause()
            text = screen_text(app)
            assert "bruno" in text and "carla" in text and "anna" not in text
            await type_text(pilot, "un")
            await pilot.pause()
            text = screen_text(app)
            assert "bruno" in text and "Carla Bruni" in text
            await type_text(pilot, "o")
            await pilot.pause()
            text = screen_text(app)
            assert "bruno" in text and "carla" not in text
    asyncio.run(scenario())
