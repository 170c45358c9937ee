"""Choice among the companies granted to the operator (skipped when there is one)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from gamma.access import permissions


class CompanySelectScreen(Screen):
    CSS_PATH = "company_select.tcss"
    BINDINGS = [Binding("escape", "app.quit", "Esci", id="quit")]

    def compose(self) -> ComposeResult:
        yield Static("Scegliere la ditta", id="company-title")
        yield OptionList(id="companies")
        yield Static("", id="company-error")
        yield Footer()

    def on_mount(self) -> None:
        self.companies = {str(c.code): c for c in
                          permissions.allowed_companies(self.app.ctx.operator)}
        if len(self.companies) == 1:
            self.app.company_chosen(next(iter(self.companies.values())))
            return
        options = self.query_one("#companies", OptionList)
        if not self.companies:
            self.query_one("#company-error", Static).update(
                "Nessuna ditta accessibile: rivolgersi all'amministratore")
        for code, company in self.companies.items():
            options.add_option(Option(f"{company.code:>4}  {company.name}", id=code))
        if self.companies:
            options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.app.company_chosen(self.companies[event.option.id])
