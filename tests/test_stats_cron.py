"""The cron run of the stored statistics as a service: every automatic one in every company,
a personal one as its owner (their rights apply), one report and one log line each."""

from __future__ import annotations

from dataclasses import replace

import pytest

from gamma import companies, records
from gamma.access import grants, operators
from gamma.context import Context
from gamma.stats import stored
from gamma.stats.stored_batch import BatchFailed
from models import BatchLock, Operator, StoredStatistic
from tests.stats_stored_fixtures import SPEC, setup


@pytest.fixture
def ctx(admin_ctx):
    setup(admin_ctx)
    return admin_ctx


def mario(ctx, see_costs: bool) -> Context:
    operators.add(ctx, "mario", "password-mario", name="Mario Rossi")
    who = grants.Grantee.of_operator("mario")
    grants.grant_functions(ctx, who, ["501", "502"])
    grants.grant_company(ctx, who, 1)
    records.update(ctx, Operator.get(Operator.login == "mario"), see_costs=see_costs)
    return companies.open_company(Context(ctx.settings, operators.find("mario"),
                                          clock=ctx.clock), 1)


def test_a_personal_statistic_runs_as_its_owner(ctx):
    as_mario = mario(ctx, see_costs=False)
    stored.save(as_mario, "mie vendite", SPEC, automatic=True)
    stored.save(as_mario, "miei costi", replace(SPEC, measures=("revenue", "cost")),
                automatic=True)
    stored.save(ctx, "vendite", SPEC, automatic=True, shared=True)
    lines: list[str] = []
    with pytest.raises(BatchFailed) as failed:
        stored.run_all(ctx, log=lines.append)
    reports = {r.name: r for r in failed.value.reports}
    assert lines[0] == "Statistiche memorizzate automatiche: 3"
    assert len(lines) == 4 and all("(ditta 1)" in line for line in lines[1:])
    assert reports["mie vendite"].ok and reports["vendite"].ok
    assert (reports["mie vendite"].read, reports["mie vendite"].rows) == (100, 7)
    # Run as mario, who may not see costs (the administrator running cron could).
    assert not reports["miei costi"].ok
    assert reports["miei costi"].error == "Costi non visibili all'operatore MARIO"
    # By company and name: "mie vendite", "miei costi", "vendite".
    assert lines[2].startswith("miei costi (ditta 1): 0 movimenti letti, 0 righe, ")
    assert lines[2].endswith("ERRORE: Costi non visibili all'operatore MARIO")
    noted = {s.preset.name: s for s in StoredStatistic.select()}
    assert noted["miei costi"].last_error == "Costi non visibili all'operatore MARIO"
    assert noted["mie vendite"].last_error == "" and noted["mie vendite"].watermark == 100
    # The lock is free again once the run is over, failed statistic or not.
    assert BatchLock.get().holder == ""


def test_nothing_automatic_runs_nothing(ctx):
    stored.save(ctx, "vendite", SPEC)
    lines: list[str] = []
    assert stored.run_all(ctx, log=lines.append) == []
    assert lines == ["Statistiche memorizzate automatiche: 0"]
    assert StoredStatistic.get().last_run_at is None
