"""452 generation of recurring orders for a date: the date (and one template, if wanted),
F10 lists the templates due that day with their data check; Space marks a row, F3 marks
or unmarks them all, Enter tells a row's check messages, F10 creates the marked orders
and shows per template what was made or why not."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding

from gamma import functions
from gamma.recurring import generation, recurring_forms
from gamma.recurring.check import Problem
from models import RecurringTemplate
from screens.base import GammaScreen
from screens.parameter_screen import ParameterScreen
from screens.progress_dialog import run_with_progress
from screens.registry import opens
from screens.row_list import RowList


@opens(functions.RECURRING_GENERATE)
class GenerateParameters(ParameterScreen):
    FORM = recurring_forms.GENERATE
    COMMAND = recurring_forms.GENERATE_COMMAND

    async def run(self, values: dict[str, Any]) -> None:
        day = values["day"]
        codes = [values["template"]] if values.get("template") else None
        due = generation.due(self.ctx, day, codes)
        if not due:
            self.say(f"Nessun ordine ricorrente da generare il {day:%d/%m/%Y}")
            return
        problems = generation.data_check(self.ctx, day, codes)
        await self.app.push_screen(GenerateRun(day, due, problems))


class GenerateRun(GammaScreen):
    """The due templates, each marked or not; F10 generates the marked ones."""

    BINDINGS = [
        Binding("f1", "app.show_keys", "Tasti"),
        Binding("space", "toggle", "Segna"),
        Binding("f3", "toggle_all", "Tutti"),
        Binding("enter", "detail", "Controllo"),
        Binding("f10", "generate", "Genera"),
        Binding("escape", "app.pop_screen", "Esci"),
    ]

    def __init__(self, day, due: list[RecurringTemplate], problems: list[Problem]):
        super().__init__()
        self.FUNCTION_CODE = functions.RECURRING_GENERATE.code
        self.day = day
        self.due = due
        self.problems = {t.code: [p for p in problems if p.template == t.code] for t in due}
        # Marked at first: those the check lets through.
        self.marked = {t.code for t in due if not any(p.blocking for p in self.problems[
            t.code])}
        self.done: list[generation.Outcome] | None = None

    def body(self) -> ComposeResult:
        yield RowList(recurring_forms.DUE_HEADER, rows=self.app.size.height - 6, id="rows")

    def on_mount(self) -> None:
        self._paint()

    def _paint(self) -> None:
        self.query_one("#title").update(
            f"Ordini ricorrenti del {self.day:%d/%m/%Y}: {len(self.marked)} segnati su "
            f"{len(self.due)} — Spazio segna, F10 genera"[:80])
        self.query_one(RowList).set_lines([
            recurring_forms.due_line(t, t.code in self.marked, self.problems[t.code])
            for t in self.due], keep=True)

    async def handle_key(self, event: events.Key) -> bool:
        return self.query_one(RowList).navigate(event.key)

    def _current(self) -> RecurringTemplate | None:
        return self.due[self.query_one(RowList).highlight] if self.due else None

    def action_toggle(self) -> None:
        template = self._current()
        if template is None or self.done is not None:
            return
        self.marked ^= {template.code}
        self._paint()
        self.query_one(RowList).move(1)

    def action_toggle_all(self) -> None:
        if self.done is not None:
            return
        every = {t.code for t in self.due}
        self.marked = set() if self.marked == every else every
        self._paint()

    def action_detail(self) -> None:
        template = self._current()
        if template is None:
            return
        found = self.problems[template.code]
        self.say(("; ".join(f"{p.level}: {p.message}" for p in found)
                  or f"{template.code}: nessun problema")[:80])

    async def action_generate(self) -> None:
        if self.done is not None:
            self.say("Generazione già eseguita: Esc per tornare")
            return
        if not self.marked:
            self.say("Nessun modello segnato (Spazio segna, F3 tutti)")
            return
        codes = [t.code for t in self.due if t.code in self.marked]
        ctx, day = self.ctx, self.day
        # In a worker behind a progress bar; Esc there cancels and nothing is written.
        await run_with_progress(self, "Generazione ordini ricorrenti", lambda progress:
                                generation.generate(ctx, day, codes, progress=progress),
                                lambda done: self._show(done, len(codes)))

    def _show(self, done: list[generation.Outcome], asked: int) -> None:
        self.done = done
        made = sum(o.status == generation.CREATED for o in self.done)
        self.query_one("#title").update(
            f"Ordini ricorrenti del {self.day:%d/%m/%Y}: generati {made} su {asked}")
        rows = self.query_one(RowList)
        rows.query_one("#row-header").update("Esito")
        rows.set_lines(recurring_forms.outcome_lines(self.done))
        self.say("Esc per tornare")
