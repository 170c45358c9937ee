"""221 the price query: customer, article, quantity and date; F10 shows which price and
discounts the pricing engine gives and why (every condition considered), in a page of
text under the mask that PgUp/PgDn scroll. 222 the price conditions: a list (Ins adds,
Enter changes, Del deletes after asking) and a mask over gamma.sales.price_rules."""

from __future__ import annotations

import textwrap
from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from gamma import functions
from gamma.errors import GammaError
from gamma.sales import price_rules, sales_forms
from screens.admin.common import DeletingList
from screens.base import GammaScreen
from screens.mask.host import MaskHost
from screens.mask.mask import Mask
from screens.mask.placement import place
from screens.mask_screen import MaskScreen
from screens.registry import opens

WIDTH = 79


def wrap(lines: list[str], width: int = WIDTH) -> list[str]:
    """Long lines wrapped within the screen, never cut."""
    return [part for line in lines
            for part in (textwrap.wrap(line, width, subsequent_indent="     ",
                                       drop_whitespace=False) or [""])]


class TextPage(Vertical):
    """Lines of text shown a page at a time; PgUp/PgDn (and arrows) scroll."""

    DEFAULT_CSS = """
    TextPage { height: 1fr; }
    TextPage > .text-line { height: 1; }
    """

    def __init__(self, rows: int, **kw):
        super().__init__(**kw)
        self.row_count = max(rows, 1)
        self.lines: list[str] = []
        self.top = 0
        self._shown = [""] * self.row_count

    def compose(self) -> ComposeResult:
        for number in range(self.row_count):
            yield Static("", classes="text-line", id=f"text-{number}", markup=False)

    def set_lines(self, lines: list[str]) -> None:
        self.lines = [line[:WIDTH] for line in lines]
        self.top = 0
        self._paint()

    @property
    def more(self) -> bool:
        return len(self.lines) > self.row_count

    def scroll_by(self, delta: int) -> None:
        last = max(0, len(self.lines) - self.row_count)
        self.top = max(0, min(self.top + delta, last))
        self._paint()

    def navigate(self, key: str) -> bool:
        step = {"up": -1, "down": 1, "pageup": -self.row_count,
                "pagedown": self.row_count}.get(key)
        if step is None:
            return False
        self.scroll_by(step)
        return True

    def _paint(self) -> None:
        for number in range(self.row_count):
            index = self.top + number
            text = self.lines[index] if index < len(self.lines) else ""
            if text != self._shown[number]:
                self.query_one(f"#text-{number}", Static).update(text)
                self._shown[number] = text


# -- 221 ---------------------------------------------------------------------------------

@opens(functions.PRICE_QUERY)
class PriceQuery(MaskHost, GammaScreen):
    """The mask on top, the explanation under it; F10 asks again after any change."""

    FORM = sales_forms.PRICE_QUERY
    BINDINGS = [
        Binding("f1", "app.show_keys", "Tasti"),
        Binding("f2", "lookup", "Ricerca"),
        Binding("f10", "run", "Calcola"),
        Binding("pagedown", "page(1)", "Pag.succ."),
        Binding("pageup", "page(-1)", "Pag.prec."),
        Binding("escape", "app.pop_screen", "Esci"),
    ]

    def __init__(self, **_ignored):
        super().__init__()

    def make_mask(self) -> Mask:
        placed = place(self.app.ctx, self.FORM)
        mask = Mask(placed, len(placed), id="mask")
        mask.styles.height = max(len(placed), 1)
        return mask

    def body(self) -> ComposeResult:
        mask = self.make_mask()
        yield mask
        yield TextPage(self.app.size.height - 5 - mask.rows, id="explain")

    def on_mount(self) -> None:
        self.query_one("#title").update(self.FORM.title)
        self.start_mask(None)

    @property
    def page_view(self) -> TextPage:
        return self.query_one("#explain", TextPage)

    async def handle_key(self, event: events.Key) -> bool:
        if event.key in ("pageup", "pagedown"):
            self.action_page(1 if event.key == "pagedown" else -1)
            return True
        return await self.handle_mask_key(event)

    def action_page(self, direction: int) -> None:
        view = self.page_view
        view.scroll_by(direction * view.row_count)

    async def action_lookup(self) -> None:
        await self.open_lookup()

    async def action_run(self) -> None:
        values = self.mask_values()
        if values is None:
            return
        try:
            lines = sales_forms.price_text(self.ctx, values)
        except GammaError as exc:
            self.show_error(exc)
            return
        view = self.page_view
        view.set_lines(wrap(lines))
        self.say("PgGiù/PgSu scorrono le condizioni considerate" if view.more else "")


# -- 222 ---------------------------------------------------------------------------------

class PriceRuleMask(MaskScreen):
    """One price condition; the kind chosen by its code or the start of its name."""

    FORM = sales_forms.PRICE_RULE
    FUNCTION_CODE = functions.PRICE_RULES.code
    CHROME_LINES = 4  # status, title, message, keys: the 20 fields on one page

    def heading(self) -> str:
        if not self.record_key:
            return "Nuova condizione di prezzo"
        return f"Condizione di prezzo n. {self.record_key}" + (
            " — sola lettura" if self.read_only else "")

    def lock_target(self):
        return price_rules.get(self.app.ctx, self.record_key) if self.record_key else None

    def load(self) -> dict[str, Any] | None:
        if not self.record_key:
            return None
        return sales_forms.rule_values(self.app.ctx, self.record_key)

    def save(self, values: dict[str, Any]) -> str:
        rule = sales_forms.save_rule(self.app.ctx, self.record_key or None, values)
        return f"Condizione di prezzo n. {rule.id} registrata"


@opens(functions.PRICE_RULES)
class PriceRuleList(DeletingList):
    SOURCE = "price_rule"
    EDITOR = PriceRuleMask

    def delete_question(self, row: dict[str, Any]) -> str:
        what = " ".join(str(row[k]) for k in ("kind", "party", "article", "family") if row[k])
        return f"Eliminare la condizione di prezzo n. {row['id']} ({what})?"

    def delete_row(self, row: dict[str, Any]) -> str:
        price_rules.delete(self.app.ctx, row["id"])
        return f"Condizione di prezzo n. {row['id']} eliminata"
