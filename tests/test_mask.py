"""The mask engine at 80x24: moving, checking, confirming, leaving, lookups, drafts."""

from __future__ import annotations

import asyncio

import pytest

from models import Operator
from screens.app import GammaApp
from tests.conftest import ADMIN_PASSWORD
from tests.tui_helpers import SIZE, screen_text, type_text

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


async def login(pilot, user: str = "admin", password: str = ADMIN_PASSWORD) -> None:
    await type_text(pilot, user)
    await pilot.press("enter")
    await type_text(pilot, password)
    await pilot.press("enter")
    await pilot.pause()


def test_probe(admin_ctx, settings, clock):
    async def scenario():
        app = GammaApp(settings, clock)
        async with app.run_test(size=SIZE) as pilot:
            await login(pilot)
            await type_text(pilot, "922")
            await pilot.press("enter")
            await pilot.pause()
            print(screen_text(app))
            await type_text(pilot, "mario")
            await pilot.press("enter")
            await type_text(pilot, "Mario Rossi")
            await pilot.press("tab")
            await type_text(pilot, "password-m")
            await pilot.press("tab")
            await pilot.pause()
            print(screen_text(app))
            await pilot.press("f10")
            await pilot.pause()
            print(screen_text(app))
        assert Operator.get(Operator.login == "mario").name == "Mario Rossi"
    asyncio.run(scenario())
