"""The main menu: areas and functions by code; typing a code or mnemonic opens it.

Only granted functions are listed. A single digit shows that area's functions; a full
code or a mnemonic opens the function. The favourites (preferiti) are listed on the last
lines and open with F9 then their number, here and from inside any function.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from gamma import favourites, menu
from screens.base import GammaScreen, LineInput, Plain

WIDTH = 80  # the design width: the areas' line must fit it
COLUMN = 39


class MainMenuScreen(GammaScreen):
    CSS_PATH = "main_menu.tcss"
    BINDINGS = [
        Binding("f1", "app.show_keys", "Tasti"),
        Binding("f9", "app.favourites", "Preferiti"),
        Binding("f8", "set_favourite", "Imposta preferito"),
        Binding("escape", "app.quit", "Esci", id="quit"),
    ]

    def __init__(self):
        super().__init__()
        self.areas: list[menu.MenuArea] = []
        self.area = ""

    def body(self) -> ComposeResult:
        yield Plain("", id="menu")
        yield Plain("", id="favourites")
        yield LineInput(placeholder="Codice o sigla della funzione", id="code", max_length=20)

    def on_mount(self) -> None:
        self.areas = menu.menu(self.ctx)
        self.area = self.areas[0].code if self.areas else ""
        self.show_menu()
        code = self.query_one("#code", Input)
        self.focus_now(code)

    def on_screen_resume(self) -> None:
        self.show_favourites()
        self.query_one("#status").show_function("")

    def show_menu(self) -> None:
        title = " · ".join(f"{a.code} {a.title}" for a in self.areas)
        if len(title) > WIDTH:  # every area stays visible at 80 columns: first words only
            title = " · ".join(f"{a.code} {a.title.split()[0]}" for a in self.areas)
        title = title or "Nessuna funzione consentita: rivolgersi all'amministratore"
        self.query_one("#title", Static).update(title)
        area = next((a for a in self.areas if a.code == self.area), None)
        entries = [f"{e.code:<5}{e.mnemonic:<9}{e.title}"[:COLUMN - 1].ljust(COLUMN)
                   for e in (area.entries if area else [])]
        rows = -(-len(entries) // 2)
        lines = [entries[i] + (entries[i + rows] if i + rows < len(entries) else "")
                 for i in range(rows)]
        self.query_one("#menu", Static).update("\n".join(lines))
        self.show_favourites()

    def show_favourites(self) -> None:
        listed = favourites.listed(self.ctx) if self.ctx else []
        text = "Preferiti (F9): " + "  ".join(f"{p}={f.code} {f.mnemonic}" for p, f in listed) \
            if listed else ""
        self.query_one("#favourites", Static).update(text)

    async def handle_key(self, event: events.Key) -> bool:
        if event.key != "enter":
            return False
        field = self.query_one("#code", Input)
        typed = field.value.strip()
        field.value = ""
        if not typed:
            return True
        if typed in (a.code for a in self.areas):
            self.area = typed
            self.show_menu()
            return True
        self.say("")
        await self.app.open_function(typed)
        return True

    async def action_set_favourite(self) -> None:
        from screens.favourites import FavouriteEditor
        await self.app.open_screen(FavouriteEditor())

