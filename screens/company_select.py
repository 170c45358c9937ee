"""Choice among the companies granted to the operator (skipped when there is one)."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer

from models import Company
from screens.base import KeyedScreen, LeanFocus, Plain
from screens.row_list import RowList


class CompanySelectScreen(LeanFocus, KeyedScreen, Screen):
    CSS_PATH = "company_select.tcss"
    BINDINGS = [Binding("escape", "app.quit", "Esci", id="quit"),
                Binding("enter", "choose", "Scegli")]

    def __init__(self, companies: list[Company]):
        super().__init__()
        self.companies = companies
        self.typed = ""

    def compose(self) -> ComposeResult:
        yield Plain("Scegliere la ditta (frecce, oppure il codice, e Invio)",
                     id="company-title")
        yield RowList("", rows=self.app.size.height - 4, id="companies")
        yield Plain("" if self.companies else
                     "Nessuna ditta accessibile: rivolgersi all'amministratore",
                     id="company-error")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(RowList).set_lines([f"{c.code:>4}  {c.name}" for c in self.companies])

    async def handle_key(self, event: events.Key) -> bool:
        rows = self.query_one(RowList)
        if event.key in ("up", "down"):
            rows.move(-1 if event.key == "up" else 1)
            return True
        if event.character and event.character.isdigit():
            self.typed += event.character
            for number, company in enumerate(self.companies):
                if str(company.code).startswith(self.typed):
                    rows.move(number - rows.highlight)
                    break
            return True
        return False

    async def action_choose(self) -> None:
        if self.companies:
            await self.app.company_chosen(self.companies[self.query_one(RowList).highlight])
