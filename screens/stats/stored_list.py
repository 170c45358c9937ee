"""502 Statistiche memorizzate: the stored statistics the operator sees (personal and
shared "stats" presets) with their last run in this company. Enter runs the highlighted
one, reading only the movements added since its last run, and shows the result; F4
shows the result of its last run as it was, reading nothing new; F5 runs
it again from zero; F6 runs every automatic one in sequence (as the nightly cron does,
under the same lock) and shows the log; F7 opens its parameters in 501; F8 flags it
automatic (run by the nightly cron) or no longer."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding

from gamma import functions
from gamma.errors import GammaError
from gamma.stats import stored, stored_result
from screens.base import GammaScreen
from screens.progress_dialog import run_with_progress
from screens.registry import opens
from screens.row_list import RowList
from screens.sales.prices import TextPage, wrap
from screens.stats.result import StatResult
from screens.stats.statistics import StatisticsParameters, show_result, stat_engine

HEADER = f"{'Nome':<22} {'Di':<8} {'Aut':<3} {'Ultima esecuzione':<16} {'Righe':>6} Esito"


def stored_line(view: stored.StoredView, ctx) -> str:
    owner = "tutti" if view.shared else (view.owner or "")
    when = ctx.local(view.last_run_at).strftime("%d/%m/%Y %H:%M") if view.last_run_at \
        else "mai"
    outcome = ("ERRORE " + view.last_error) if view.last_error else (
        view.description or ("ricalcolo completo" if view.last_full else ""))
    return (f"{view.name[:22]:<22} {owner[:8]:<8} {'sì' if view.automatic else '':<3} "
            f"{when:<16} {view.last_rows:>6} {outcome}")[:79]


@opens(functions.STORED_STATISTICS)
class StoredStatistics(GammaScreen):
    TITLE_TEXT = "Statistiche memorizzate"
    BINDINGS = [
        # F1 still lists the keys; the footer has room for the others only.
        Binding("f1", "app.show_keys", "Tasti", show=False),
        Binding("enter", "run(False)", "Esegui"),
        Binding("f4", "last", "Ultimo"),
        Binding("f5", "run(True)", "Ricalcola"),
        Binding("f6", "run_all", "Tutte"),
        Binding("f7", "parameters", "Parametri"),
        Binding("f8", "automatic", "Auto"),
        Binding("escape", "app.pop_screen", "Esci"),
    ]

    def __init__(self, **_ignored):
        super().__init__()
        self.views: list[stored.StoredView] = []

    def body(self) -> ComposeResult:
        yield RowList(HEADER, rows=self.app.size.height - 5, id="rows")

    def on_mount(self) -> None:
        self.refresh_rows()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.refresh_rows(keep=True)

    def refresh_rows(self, keep: bool = False) -> None:
        self.views = stored.list_stored(self.ctx)
        self.query_one(RowList).set_lines([stored_line(v, self.ctx) for v in self.views],
                                          keep=keep)
        if not self.views:
            self.say("Nessuna statistica memorizzata: F5 in 501 memorizza i parametri")

    async def handle_key(self, event: events.Key) -> bool:
        return self.query_one(RowList).navigate(event.key)

    def selected(self) -> stored.StoredView | None:
        return self.views[self.query_one(RowList).highlight] if self.views else None

    async def action_run(self, full: bool) -> None:
        view = self.selected()
        if view is None:
            return
        ctx, name = self.ctx, view.name
        try:
            spec = stored.spec_of(ctx, stored.preset_row(ctx, name))
        except GammaError as exc:
            self.say(exc.message)
            return
        await show_result(self, f"Statistica {name}" + (" (da zero)" if full else ""),
                          lambda progress: stored.run_named(ctx, name, full=full,
                                                            progress=progress), spec)

    async def action_last(self) -> None:
        view = self.selected()
        if view is None:
            return
        try:
            result, ran = stored_result.last_result(self.ctx, view.name)
            spec = result.spec
        except GammaError as exc:
            self.say(exc.message)
            return
        table = stat_engine().to_table(result)
        table.subtitle = "; ".join(filter(None, (
            f"ultima esecuzione {self.ctx.local(ran):%d/%m/%Y %H:%M}", table.subtitle)))
        drill = lambda row: stat_engine().movements(self.ctx, spec, row.keys)  # noqa: E731
        await self.app.push_screen(StatResult(table, drill, self.FUNCTION_CODE))

    async def action_run_all(self) -> None:
        ctx, lines = self.ctx, []

        def work(progress) -> list[str]:
            def log(line: str) -> None:
                lines.append(line)
                progress.step(1, line[:56])  # Esc stops after the statistic running

            stored.run_all(ctx, log=log, raise_on_error=False)  # failures are in the log
            return lines

        async def done(log_lines: list[str]) -> None:
            self.refresh_rows(keep=True)
            await self.app.push_screen(RunLog(log_lines))

        await run_with_progress(self, "Statistiche memorizzate automatiche", work, done)

    def action_automatic(self) -> None:
        view = self.selected()
        if view is None:
            return
        try:
            stored.set_automatic(self.ctx, view.name, not view.automatic)
        except GammaError as exc:
            self.say(exc.message)
            return
        self.refresh_rows(keep=True)
        self.say(f"«{view.name}» " + ("non più automatica" if view.automatic
                                      else "automatica: la esegue il cron notturno"))

    async def action_parameters(self) -> None:
        view = self.selected()
        if view is not None:
            await self.app.push_screen(StatisticsParameters(preset=view.name))


class RunLog(GammaScreen):
    """The log of a run of every automatic statistic, a line each."""

    TITLE_TEXT = "Esecuzione delle statistiche memorizzate"
    FUNCTION_CODE = functions.STORED_STATISTICS.code
    BINDINGS = [Binding("f1", "app.show_keys", "Tasti"),
                Binding("escape", "app.pop_screen", "Esci")]

    def __init__(self, lines: list[str]):
        super().__init__()
        self.lines = lines

    def body(self) -> ComposeResult:
        yield TextPage(self.app.size.height - 5, id="log")

    def on_mount(self) -> None:
        self.query_one(TextPage).set_lines(wrap(self.lines))

    async def handle_key(self, event: events.Key) -> bool:
        return self.query_one(TextPage).navigate(event.key)


