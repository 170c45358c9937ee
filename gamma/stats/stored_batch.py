"""The cron run of the stored statistics (`gamma stats run --stored`): every statistic
flagged automatic, in every company, one after the other, under a batch lock so two runs
never overlap (the second is refused at once: the next night catches up, since every run
adds only what is new). One log line per statistic; a failing statistic is logged and
noted on it, and the others still run.

A personal statistic runs as its owner (their permissions and companies apply, as when
they run it themselves); a shared one as the operator running the batch.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Callable

from gamma import companies
from gamma.context import Context
from gamma.errors import GammaError
from gamma.functions import STORED_STATISTICS
from gamma.service import operation
from gamma.stats import batch_lock, stored
from models import Company, Operator, Preset, StoredStatistic

LOCK = "stats-stored"
WHAT = "Esecuzione delle statistiche memorizzate"


@dataclass
class RunReport:
    name: str
    company: int
    ok: bool
    read: int = 0
    rows: int = 0
    seconds: float = 0.0
    full: bool = False
    error: str = ""
    files: list[str] = field(default_factory=list)

    def line(self) -> str:
        """"Vendite per cliente (ditta 1): 1.234 movimenti letti, 56 righe, 0,84 s, ok"."""
        head = (f"{self.name} (ditta {self.company}): {_int(self.read)} movimenti letti, "
                f"{_int(self.rows)} righe, {self.seconds:.2f} s".replace(".", ","))
        if not self.ok:
            return f"{head}, ERRORE: {self.error}"
        extra = " (ricalcolo completo)" if self.full else ""
        files = "".join(f"; scritto {f}" for f in self.files)
        return f"{head}, ok{extra}{files}"


def _int(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def automatic() -> list[StoredStatistic]:
    """The automatic stored statistics, by company code and name."""
    return list(StoredStatistic.select(StoredStatistic, Preset, Company)
                .join(Preset).switch(StoredStatistic).join(Company)
                .where(StoredStatistic.automatic == True)  # noqa: E712
                .order_by(Company.code, Preset.name, Preset.owner.asc(nulls="FIRST")))


def _context(ctx: Context, item: StoredStatistic) -> Context:
    owner = item.preset.owner_id
    runner = ctx
    if owner is not None and owner != ctx.operator.id:
        runner = Context(ctx.settings, Operator.get_by_id(owner), clock=ctx.clock)
    return companies.open_company(runner, item.company.code)


def _write_outputs(ctx: Context, item: StoredStatistic, result) -> list[str]:
    from gamma.stats import engine, output
    outputs = json.loads(item.outputs or "{}")
    if not outputs:
        return []
    table = engine.to_table(result)
    moment = ctx.local(ctx.now())
    writers = {"xlsx": output.write_xlsx, "pdf": output.write_pdf, "csv": output.write_csv}
    return [str(writers[kind](table, stored.output_path(pattern, moment)))
            for kind, pattern in sorted(outputs.items())]


def run_one(ctx: Context, item: StoredStatistic) -> RunReport:
    report = RunReport(item.preset.name, item.company.code, ok=False)
    info = stored.RunInfo()
    started = time.perf_counter()
    try:
        run_ctx = _context(ctx, item)
        # Consolidating is the nightly work; the result is built only to write files.
        writes = bool(json.loads(item.outputs or "{}"))
        result = stored.run_preset(run_ctx, item.preset, info=info, render=writes)
        report.files = _write_outputs(run_ctx, item, result) if writes else []
        report.ok = True
    except GammaError as exc:
        report.error = exc.message
    except Exception as exc:  # noqa: BLE001 - one statistic's bug must not stop the others
        report.error = f"errore interno: {type(exc).__name__}: {exc}"
    report.read, report.rows, report.full = info.read, info.rows, info.full
    report.seconds = time.perf_counter() - started
    if not report.ok:
        stored.record_error(ctx, item, report.error)
    return report


class BatchFailed(GammaError):
    """Some statistics failed (each logged); `reports` has them all."""

    def __init__(self, reports: list[RunReport]):
        failed = [r for r in reports if not r.ok]
        super().__init__(f"statistiche memorizzate non riuscite: {len(failed)} su "
                         f"{len(reports)} ({', '.join(r.name for r in failed)})")
        self.reports = reports


@operation(STORED_STATISTICS, write=False)  # no transaction: the lock commits at once
def run_all(ctx: Context, *, log: Callable[[str], None] = print,
            raise_on_error: bool = True) -> list[RunReport]:
    """Run every automatic stored statistic; refused (BatchBusy) while another run holds
    the lock. Returns one report per statistic; with `raise_on_error`, raises BatchFailed
    after the last one when any failed."""
    reports = []
    with batch_lock.held(ctx, LOCK, WHAT) as holder:
        items = automatic()
        log(f"Statistiche memorizzate automatiche: {len(items)}")
        for item in items:
            report = run_one(ctx, item)
            log(report.line())
            reports.append(report)
            batch_lock.beat(ctx, LOCK, holder)
    if raise_on_error and any(not r.ok for r in reports):
        raise BatchFailed(reports)
    return reports
