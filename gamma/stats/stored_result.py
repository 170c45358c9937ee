"""The last result of a stored statistic, as its last run left it: read from the stored
groups without reading the journal (502 F4). A statistic whose parameters or period
changed since (its spec hash differs) has no last result that still means anything."""

from __future__ import annotations

from datetime import datetime

from gamma import functions
from gamma.context import Context
from gamma.errors import GammaError
from gamma.service import operation
from gamma.stats import consolidate, engine, stored
from gamma.stats.result import StatResult
from models import StoredStatistic


@operation(functions.STORED_STATISTICS, write=False)
def last_result(ctx: Context, name: str) -> tuple[StatResult, datetime]:
    """The result of NAME's last run in the current company, and when it ran."""
    preset = stored.preset_row(ctx, name)
    spec = stored.spec_of(ctx, preset)
    engine.require_sight(ctx, spec)  # the stored sums hold costs too
    row = StoredStatistic.get_or_none(StoredStatistic.preset == preset.id,
                                      StoredStatistic.company == ctx.require_company().id)
    if row is None or row.last_run_at is None or not row.spec_hash:
        raise GammaError(f"Statistica «{name}»: mai eseguita in questa ditta "
                         "(Invio la esegue)")
    if row.spec_hash != stored.spec_hash(ctx, spec):
        raise GammaError(f"Statistica «{name}»: parametri o periodo cambiati dall'ultima "
                         "esecuzione (Invio la aggiorna)")
    groups = consolidate.load(row, consolidate.layout(row), engine.Group)
    return engine.result_from_groups(ctx, spec, groups), row.last_run_at
