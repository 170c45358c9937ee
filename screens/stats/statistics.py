"""501 Statistiche vendite e acquisti: the parameters of a statistic (elements in
hierarchy order, measures, period and compared years, limits by ranges, options), F5/F6
memorize and recall them as presets of "stats": a stored statistic, which 502 lists and
`gamma stats run NAME` runs; F10 runs it behind a progress bar (Esc cancels)
and shows the result, whose rows open their movements."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult

from gamma import dates, functions
from gamma.errors import GammaError
from gamma.stats import stat_forms
from screens.base import Plain
from screens.parameter_screen import ParameterScreen
from screens.progress_dialog import run_with_progress
from screens.registry import opens
from screens.stats.result import StatResult


def stat_engine():
    from gamma.stats import engine  # its SQL is built only when a statistic runs
    return engine


async def show_result(screen, title: str, work, spec) -> None:
    """Run `work(progress)` (a StatResult) behind the progress bar, then show its table;
    Enter on a row asks the engine for the movements behind it."""
    engine = stat_engine()
    code = screen.FUNCTION_CODE

    async def shown(result) -> None:
        table = engine.to_table(result)
        drill = lambda row: engine.movements(screen.ctx, spec, row.keys)  # noqa: E731
        await screen.app.push_screen(StatResult(table, drill, code))

    await run_with_progress(screen, title, work, shown)


@opens(functions.STATISTICS)
class StatisticsParameters(ParameterScreen):
    FORM = stat_forms.STATISTICS
    COMMAND = "stats"
    CHROME_LINES = 6  # one more: the help of the field being typed

    def body(self) -> ComposeResult:
        yield from super().body()
        yield Plain("", id="field-help")

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        field = getattr(event.widget, "field", None)
        if field is not None:
            self.query_one("#field-help", Plain).update(field.help[:80])

    def _texts(self, params: dict[str, Any]) -> dict[str, str]:
        return stat_forms.preset_texts(params)

    async def run(self, values: dict[str, Any]) -> None:
        spec = stat_forms.spec_of(values)
        ctx, engine = self.ctx, stat_engine()
        await show_result(self, spec.title or self.FORM.title,
                          lambda progress: engine.run(ctx, spec, progress=progress), spec)

    async def action_memorize(self) -> None:
        # What is memorized is the statistic's spec as the CLI and 502 read it.
        values = self.mask_values()
        if values is None:
            return
        try:
            self._spec = stat_forms.spec_of(values)
        except GammaError as exc:
            self.show_error(exc)
            return
        await super().action_memorize()

    def preset_params(self) -> dict[str, Any]:
        # A date typed relative to today (inizio anno, -30) stays as typed, so the stored
        # statistic's period moves with the day it runs (gamma.stats.stored.spec_of).
        params = self._spec.to_params()
        typed = self.mask.typed_texts()
        for key in ("date_from", "date_to"):
            if dates.is_relative(typed.get(key, "")):
                params[key] = " ".join(typed[key].lower().split())
        return params
