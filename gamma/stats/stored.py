"""Stored statistics (statistiche memorizzate): a statistic saved as a preset of the command
"stats" (personal or shared), with its results kept per company and consolidated
incrementally from the statistics journal.

A run (`run_named`), in one transaction: the journal rows added since the statistic's
watermark, up to the last row there at the start, are grouped by the engine in one SQL
GROUP BY and added into the stored groups (existing keys add, new keys are inserted);
the watermark moves to that last row; the result is built from the stored groups when
someone reads it (the cron run builds it only for a statistic that writes files). Rows
committed during a run wait for the next one.

What is not in the journal:
- a changed spec (its hash, on the spec as resolved: a period typed "-30" that moved
  counts as a change), `full=True` (`--full`): recomputed from zero;
- a cost by the article's card or a stock valuation (standard, last, average, fifo…): it
  moves with later purchases, so such a statistic is recomputed from zero at every run;
- unmoved items: added at render time by the engine, from the master data of the day;
- elements and limits read from master data (a customer's zone, an article's family, the
  card's agent): consolidated as they were when each movement was added, like the
  historical agent; after reclassifying customers or articles, `--full` regroups history.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable

from gamma import dates, db, functions, presets
from gamma.context import Context
from gamma.errors import ValidationError
from gamma.progress import Progress
from gamma.service import operation
from gamma.stats import consolidate
from models import Operator, Preset, StoredStatistic

COMMAND = "stats"


@dataclass(frozen=True)
class StoredView:
    """A stored statistic as the list shows it."""

    name: str
    shared: bool
    owner: str | None
    automatic: bool
    description: str
    watermark: int
    last_run_at: datetime | None
    last_full: bool
    last_read: int
    last_rows: int
    last_ms: int
    last_error: str
    params: dict[str, Any]


def _engine():
    from gamma.stats import engine  # the engine's SQL is built only when a statistic runs
    return engine


def _spec_class():
    from gamma.stats.spec import StatSpec
    return StatSpec


def preset_row(ctx: Context, name: str) -> Preset:
    """The operator's own preset NAME of the command "stats", else the shared one."""
    found = presets.load(ctx, COMMAND, name)  # raises NotFound in Italian
    owner = (Operator.get(Operator.login == found.owner).id if found.owner else None)
    query = Preset.select().where(Preset.command == COMMAND, Preset.name == name)
    return query.where(Preset.owner.is_null() if owner is None
                       else Preset.owner == owner).get()


DATE_KEYS = ("date_from", "date_to")


def spec_of(ctx: Context, preset: Preset):
    """The preset's spec as of today: a date kept as typed ("inizio anno", "-30") is
    resolved now, so the period moves with the day the statistic runs."""
    params = json.loads(preset.params)
    for key in DATE_KEYS:
        if params.get(key) and dates.is_relative(str(params[key])):
            params[key] = dates.parse_date(params[key], ctx.today(), key).isoformat()
    return _spec_class().from_params(params).validate()


# What only shapes the presentation of the groups, not the groups themselves.
PRESENTATION = ("title", "page_breaks", "include_unmoved")


def spec_hash(ctx: Context, spec) -> str:
    """What the consolidated groups depend on: the spec as resolved (spec_of turns a date
    typed as -30 or "inizio mese" into a day), so a period that moved forces a full run;
    the title, page breaks and unmoved items are applied when the result is built."""
    params = {k: v for k, v in spec.to_params().items() if k not in PRESENTATION}
    text = json.dumps(params, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def needs_full(spec) -> str:
    """Why this statistic cannot be consolidated, or "": a cost valued other than at the
    line's own cost depends on more than the journal rows."""
    if "cost" in _engine().bases(spec) and spec.cost != "line":
        return f"costo valorizzato «{spec.cost}»"
    return ""


def _stored_for(ctx: Context, preset: Preset, *, lock: bool) -> StoredStatistic:
    company = ctx.require_company()
    # Created at its first use in a company; two first runs at once make it once.
    StoredStatistic.insert(company=company, preset=preset).on_conflict_ignore().execute()
    query = StoredStatistic.select().where(StoredStatistic.preset == preset.id,
                                           StoredStatistic.company == company.id)
    return (query.for_update() if lock and not db.is_sqlite() else query).get()


def settled_last_id(ctx: Context) -> int:
    """The last journal id, once no transaction still writing the journal can commit a
    lower one. On PostgreSQL ids are taken at INSERT but seen at COMMIT, so a lower id
    may appear after a higher one: a SHARE lock on the journal waits for its writers to
    finish (briefly: it is released at once when taken outside a transaction). SQLite has
    one writer at a time, so the last id seen is settled."""
    engine = _engine()
    if db.is_sqlite():
        return engine.last_journal_id(ctx)
    if db.in_transaction():
        db.current().execute_sql('LOCK TABLE "stat_movement" IN SHARE MODE')
        return engine.last_journal_id(ctx)
    with db.transaction():
        db.current().execute_sql('LOCK TABLE "stat_movement" IN SHARE MODE')
        return engine.last_journal_id(ctx)


@dataclass
class RunInfo:
    read: int = 0  # journal rows read
    rows: int = 0  # detail rows of the result
    full: bool = False
    seconds: float = 0.0
    consolidation: float = 0.0  # of which: reading the new rows and adding them in


def run_named(ctx: Context, name: str, *, full: bool = False, progress: Progress | None = None,
              info: RunInfo | None = None, render: bool = True):
    """Bring the stored statistic NAME up to date in the current company and return its
    result (engine.StatResult); with render=False only the consolidation is done (the
    cron run of a statistic with no output files), and None is returned."""
    return run_preset(ctx, preset_row(ctx, name), full=full, progress=progress, info=info,
                      render=render)


def run_preset(ctx: Context, preset: Preset, *, full: bool = False,
               progress: Progress | None = None, info: RunInfo | None = None,
               render: bool = True):
    upto = settled_last_id(ctx)
    return _consolidate(ctx, preset, upto, full, progress or Progress(), info or RunInfo(),
                        render)


@operation(functions.STORED_STATISTICS)
def _consolidate(ctx: Context, preset: Preset, upto: int, full: bool, progress: Progress,
                 info: RunInfo, render: bool):
    started = time.perf_counter()
    engine = _engine()
    name = preset.name
    spec = spec_of(ctx, preset)
    engine.require_sight(ctx, spec)
    stored = _stored_for(ctx, preset, lock=True)
    digest = spec_hash(ctx, spec)
    info.full = bool(full or needs_full(spec) or stored.spec_hash != digest)
    progress.start(3, f"Statistica {name}")
    watermark = 0 if info.full else stored.watermark
    if info.full:
        consolidate.clear(stored)
    upto = max(upto, watermark)  # a concurrent run may have gone further already
    info.read = _journal_rows(ctx, watermark, upto)
    groups = [(g.keys, g.sums) for g in engine.aggregate(ctx, spec, after_id=watermark,
                                                          upto_id=upto)]
    progress.step(1, f"Statistica {name}: consolidamento")
    before = [] if info.full else consolidate.layout(stored)
    layout = consolidate.widen(before, groups)
    consolidate.rescale(stored, before, layout)
    consolidate.add(stored, layout, groups)
    progress.step(1, f"Statistica {name}: risultato")
    info.consolidation = time.perf_counter() - started
    result = None
    if render:
        result = engine.result_from_groups(ctx, spec,
                                           consolidate.load(stored, layout, engine.Group))
        info.rows = len(result.details())
    else:
        info.rows = consolidate.count(stored)
    progress.step(1)
    info.seconds = time.perf_counter() - started
    StoredStatistic.update(
        spec_hash=digest, sums=json.dumps(layout), watermark=upto, last_run_at=ctx.now(),
        last_full=info.full, last_read=info.read, last_rows=info.rows,
        last_ms=int(info.seconds * 1000), last_error="",
        version=StoredStatistic.version + 1).where(StoredStatistic.id == stored.id).execute()
    return result


def _journal_rows(ctx: Context, after_id: int, upto_id: int) -> int:
    p = db.current().param
    return db.current().execute_sql(
        f'SELECT COUNT(*) FROM "stat_movement" WHERE "company_id" = {p} AND "id" > {p} '
        f'AND "id" <= {p}', [ctx.require_company().id, after_id, upto_id]).fetchone()[0]


@operation(functions.STORED_STATISTICS)
def save(ctx: Context, name: str, spec, *, shared: bool = False, automatic: bool = False,
         outputs: dict[str, str] | None = None, description: str = "",
         typed_dates: dict[str, str] | None = None) -> StoredStatistic:
    """Store the statistic `spec` as NAME (a preset of "stats") for the current company;
    `automatic`: run by `gamma stats run --stored`; `typed_dates`: the period's dates as
    typed, kept when relative to today ("inizio mese", "-30") so each run resolves them
    anew. Saving a changed spec makes its next run a full one (the hash differs)."""
    spec.validate()
    params = spec.to_params()
    for key, text in (typed_dates or {}).items():
        if key in DATE_KEYS and text and dates.is_relative(text):
            params[key] = " ".join(text.strip().lower().split())
    presets.save(ctx, COMMAND, name, params, shared=shared, description=description)
    preset = Preset.get(Preset.command == COMMAND, Preset.name == name,
                        Preset.owner.is_null() if shared else Preset.owner == ctx.operator)
    stored = _stored_for(ctx, preset, lock=True)
    stored.automatic = automatic
    stored.outputs = json.dumps(_checked_outputs(outputs or {}), sort_keys=True)
    stored.save()
    return stored


def _checked_outputs(outputs: dict[str, str]) -> dict[str, str]:
    for kind, pattern in outputs.items():
        if kind not in ("xlsx", "pdf", "csv"):
            raise ValidationError("outputs", "solo xlsx, pdf o csv", "Uscite")
        try:
            output_path(pattern, datetime(2000, 1, 1))
        except (KeyError, ValueError, IndexError):
            raise ValidationError(kind, "nel nome del file solo {data} e {ora}",
                                  f"File {kind}") from None
    return {k: v for k, v in outputs.items() if v}


def output_path(pattern: str, moment: datetime) -> str:
    """A configured output's file name for a run: {data} → 2026-03-10, {ora} → 0215."""
    return pattern.format(data=moment.strftime("%Y-%m-%d"), ora=moment.strftime("%H%M"))


@operation(functions.STORED_STATISTICS)
def set_automatic(ctx: Context, name: str, automatic: bool) -> StoredStatistic:
    stored = _stored_for(ctx, preset_row(ctx, name), lock=True)
    stored.automatic = automatic
    stored.save()
    return stored


@operation(functions.STORED_STATISTICS)
def drop(ctx: Context, name: str) -> None:
    """Forget the stored statistic NAME: its preset and, in every company, its results."""
    preset = preset_row(ctx, name)
    presets.delete(ctx, COMMAND, name, shared=preset.owner_id is None)


@operation(functions.STORED_STATISTICS, write=False)
def list_stored(ctx: Context) -> list[StoredView]:
    """The "stats" presets the operator sees, with their state in the current company."""
    company = ctx.require_company()
    out = []
    for p in presets.list_presets(ctx, COMMAND):
        preset = Preset.get(Preset.command == COMMAND, Preset.name == p.name,
                            Preset.owner.is_null() if p.shared
                            else Preset.owner == ctx.operator)
        s = StoredStatistic.get_or_none(StoredStatistic.preset == preset.id,
                                        StoredStatistic.company == company.id)
        out.append(StoredView(
            p.name, p.shared, p.owner, bool(s and s.automatic), p.description,
            s.watermark if s else 0, s.last_run_at if s else None, bool(s and s.last_full),
            s.last_read if s else 0, s.last_rows if s else 0, s.last_ms if s else 0,
            s.last_error if s else "", p.params))
    return out


def record_error(ctx: Context, stored: StoredStatistic, error: str) -> None:
    """Note a failed run on the statistic (its own transaction: the run rolled back)."""
    with db.transaction():
        StoredStatistic.update(last_error=error[:200], last_run_at=ctx.now()).where(
            StoredStatistic.id == stored.id).execute()


def run_all(ctx: Context, *, log: Callable[[str], None] = print,
            raise_on_error: bool = True) -> list:
    """Every automatic stored statistic, in sequence, under the batch lock (see
    gamma.stats.stored_batch); one `log` line each. When any failed (the others still
    ran), raises BatchFailed carrying the reports, so the command exits non-zero."""
    from gamma.stats.stored_batch import run_all as run
    return run(ctx, log=log, raise_on_error=raise_on_error)
