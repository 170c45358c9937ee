"""Helpers for driving the Textual app in tests at the design size, 80x24."""

from __future__ import annotations

import io

from rich.console import Console

SIZE = (80, 24)


def screen_text(app) -> str:
    """What the operator sees, as plain text lines (the same render as a screenshot)."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system=None, record=True, legacy_windows=False)
    console.print(app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens))
    return console.export_text()


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[{" ": "space"}.get(ch, ch) for ch in text])


async def login(pilot, user: str = "admin", password: str | None = None) -> None:
    """Type operator and password on the login screen (the administrator by default)."""
    from tests.conftest import ADMIN_PASSWORD
    await type_text(pilot, user)
    await pilot.press("enter")
    await type_text(pilot, ADMIN_PASSWORD if password is None else password)
    await pilot.press("enter")
    await pilot.pause()


async def open_code(pilot, code: str) -> None:
    """Type a function code in the main menu and Enter."""
    await type_text(pilot, code)
    await pilot.press("enter")
    await pilot.pause()


async def started(pilot) -> None:
    """Wait for the main menu, choosing the first company when the app asks."""
    from screens.company_select import CompanySelectScreen
    from screens.main_menu import MainMenuScreen
    await pilot.pause()
    if isinstance(pilot.app.screen, CompanySelectScreen):
        await pilot.press("enter")
        await pilot.pause()
    assert isinstance(pilot.app.screen, MainMenuScreen)


async def fill(pilot, *texts: str | None) -> None:
    """Type each text in the current field and advance with Enter (None: just advance)."""
    for text in texts:
        if text:
            await type_text(pilot, text)
        await pilot.press("enter")
    await pilot.pause()
