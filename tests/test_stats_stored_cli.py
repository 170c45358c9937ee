"""gamma stats save | list | auto | drop, `gamma stats run NAME` (incremental) and `gamma
stats run --stored` (cron): one log line per statistic, a failing one logged while the
others run and the exit status 1; a second run while one holds the lock is refused with
an Italian message, shown with a real second process."""

from __future__ import annotations

import dataclasses
import json
import re
import os
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path

import pytest

from gamma import presets
from gamma.context import Clock, FixedClock
from gamma.stats import batch_lock, stored
from models import Preset, StoredStatistic
from tests.order_fixtures_h5 import company_ctx
from tests.sales_fixtures import issue
from tests.stats_stored_fixtures import setup
from tests.test_cli import gamma  # noqa: F401  (the fixture)

ROOT = Path(__file__).resolve().parent.parent
SAVE = ("stats", "save", "vendite", "--by", "customer,month", "--measure", "qty,revenue",
        "--from", "2026-01-01", "--to", "2026-12-31")


@pytest.fixture
def cli(gamma, db_url):  # noqa: F811
    with company_ctx(db_url) as ctx:
        setup(ctx)
    return gamma


def add_invoice(db_url: str) -> None:
    with company_ctx(db_url) as ctx:
        issue(ctx, {"kind": "invoice", "date": date(2026, 5, 4), "customer": "C002",
                    "lines": [{"article": "A22", "qty": "7"}]})


def listed(cli) -> dict[str, dict]:
    result = cli("stats", "list", "--json")
    assert result.exit_code == 0, result.output
    return {r["name"]: r for r in json.loads(result.stdout)}


def test_save_run_by_name_incrementally_and_list(cli, db_url):
    saved = cli(*SAVE, "--auto", "--description", "Vendite per mese")
    assert saved.exit_code == 0, saved.output
    assert "Statistica memorizzata «vendite» (automatica)" in saved.stdout
    first = cli("stats", "run", "vendite", "--json")
    assert first.exit_code == 0, first.output
    rows = {(r["customer"], r["month"]): (r["qty"], r["revenue"])
            for r in json.loads(first.stdout)}
    # C001 in January: 23 + 27 pieces, 150,50 + 154,00 (worked out in test_stats_stored).
    assert rows[("C001", "2026-01")] == ("50.000", "304.50")
    state = listed(cli)["vendite"]
    assert (state["automatic"], state["watermark"], state["read"], state["rows"],
            state["full"]) == (True, 100, 100, 7, True)
    add_invoice(db_url)
    again = cli("stats", "run", "vendite", "--json")
    rows = {(r["customer"], r["month"]): (r["qty"], r["revenue"])
            for r in json.loads(again.stdout)}
    assert rows[("C002", "2026-05")] == ("7.000", "70.00")  # 7 × 10,00
    state = listed(cli)["vendite"]
    assert (state["watermark"], state["read"], state["rows"], state["full"]) == (
        101, 1, 8, False)
    text = cli("stats", "list").stdout
    assert "vendite" in text and "Ultimo movimento" in text
    assert cli("stats", "auto", "vendite", "--off").exit_code == 0
    assert listed(cli)["vendite"]["automatic"] is False
    dropped = cli("stats", "drop", "vendite")
    assert dropped.exit_code == 0 and "eliminata" in dropped.stdout
    missing = cli("stats", "run", "vendite")
    assert missing.exit_code == 1 and "«vendite» inesistenti" in missing.stderr


def test_run_stored_logs_one_line_each_and_fails_when_one_fails(cli, db_url):
    assert cli(*SAVE, "--auto").exit_code == 0
    assert cli("stats", "save", "articoli", "--by", "article", "--measure", "qty",
               "--auto").exit_code == 0
    assert cli("stats", "save", "manuale", "--by", "customer").exit_code == 0
    with company_ctx(db_url) as ctx:  # a preset that no longer reads as a statistic
        presets.save(ctx, "stats", "rotta", {"elements": ["nonsense"]})
        StoredStatistic.create(company=ctx.company, automatic=True,
                               preset=Preset.get(Preset.name == "rotta"))
    result = cli("stats", "run", "--stored")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "Statistiche memorizzate automatiche: 3"
    # By name: articoli (3 articles), rotta, vendite (7 customer-months); 100 rows read.
    assert lines[1].startswith("articoli (ditta 1): 100 movimenti letti, 3 righe, ")
    assert lines[1].endswith(" s, ok (ricalcolo completo)")
    assert lines[2].startswith("rotta (ditta 1): 0 movimenti letti, 0 righe, ")
    assert "ERRORE: Elementi: «nonsense» sconosciuto" in lines[2]
    assert lines[3].startswith("vendite (ditta 1): 100 movimenti letti, 7 righe, ")
    assert len(lines) == 4  # "manuale" is not automatic
    assert "statistiche memorizzate non riuscite: 1 su 3 (rotta)" in result.stderr
    assert "Elementi" in listed(cli)["rotta"]["error"]
    add_invoice(db_url)
    with company_ctx(db_url) as ctx:
        Preset.delete().where(Preset.name == "rotta").execute()
    result = cli("stats", "run", "--stored")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:] == [
        line for line in result.stdout.splitlines()[1:] if line.endswith(" s, ok")]
    assert "vendite (ditta 1): 1 movimenti letti, 8 righe" in result.stdout


def gamma_process(db_url: str, home: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "GAMMA_DB": db_url, "GAMMA_OPERATOR": "admin", "GAMMA_COMPANY": "1",
           "HOME": home, "PYTHONPATH": str(ROOT)}
    env.pop("GAMMA_CONFIG", None)
    return subprocess.run([sys.executable, "-m", "gamma.cli.main", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, env=env)


def test_a_second_stored_run_is_refused_while_one_holds_the_lock(cli, db_url, tmp_path):
    assert cli(*SAVE, "--auto").exit_code == 0
    with company_ctx(db_url) as ctx:
        ctx = dataclasses.replace(ctx, clock=Clock())
        holder = batch_lock.acquire(ctx, "stats-stored", "prova")  # this process runs
        refused = gamma_process(db_url, str(tmp_path), "stats", "run", "--stored")
        assert refused.returncode == 1
        assert refused.stdout == ""  # nothing ran
        assert refused.stderr.startswith(
            "Errore: Esecuzione delle statistiche memorizzate già in esecuzione: avviata da "
            f"admin su {holder.host} (processo {os.getpid()}) alle ")
        assert StoredStatistic.get().last_run_at is None
        batch_lock.release(ctx, "stats-stored", holder)
    done = gamma_process(db_url, str(tmp_path), "stats", "run", "--stored")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1].startswith(
        "vendite (ditta 1): 100 movimenti letti, 7 righe, ")


def test_dates_typed_relative_to_today_are_kept_and_resolved_at_each_run(cli, db_url):
    saved = cli("stats", "save", "anno", "--by", "customer", "--measure", "revenue",
                "--from", "inizio anno", "--to", "Fine  Anno", "--auto")
    assert saved.exit_code == 0, saved.output
    with company_ctx(db_url) as ctx:
        preset = Preset.get(Preset.name == "anno")
        params = json.loads(preset.params)
        assert (params["date_from"], params["date_to"]) == ("inizio anno", "fine anno")
        for day, year in ((datetime(2026, 3, 10, 9), 2026), (datetime(2027, 1, 2, 9), 2027)):
            spec = stored.spec_of(dataclasses.replace(ctx, clock=FixedClock(day)), preset)
            assert (spec.date_from, spec.date_to) == (date(year, 1, 1), date(year, 12, 31))
    result = cli("stats", "run", "anno", "--json")
    assert result.exit_code == 0, result.output
    totals = {r["customer"]: r["revenue"] for r in json.loads(result.stdout)}
    # The invoices are of 2026: C001's five (0, 2, 4, 6, 8) come to 722,00 (see
    # test_stats_stored) when the real clock is in 2026, and count for nothing after.
    assert totals.get("C001") == ("722.00" if date.today().year == 2026 else None)


def test_the_cron_run_writes_the_configured_files(cli, tmp_path):
    pattern = str(tmp_path / "vendite-{data}.xlsx")
    assert cli(*SAVE, "--auto", "--out-xlsx", pattern, "--out-csv",
               str(tmp_path / "vendite.csv")).exit_code == 0
    result = cli("stats", "run", "--stored")
    assert result.exit_code == 0, result.output
    [xlsx] = tmp_path.glob("vendite-*.xlsx")
    assert re.fullmatch(r"vendite-\d{4}-\d\d-\d\d\.xlsx", xlsx.name)
    assert f"scritto {xlsx}" in result.stdout and "vendite.csv" in result.stdout
    import openpyxl
    sheet = openpyxl.load_workbook(xlsx).worksheets[0]
    assert any("C001" in str(c.value) for row in sheet.iter_rows() for c in row)
    bad = cli(*SAVE, "--out-pdf", str(tmp_path / "x-{giorno}.pdf"))
    assert bad.exit_code == 1 and "{data}" in bad.stderr


def test_two_stored_runs_at_once_the_second_is_refused(cli, db_url, engine, tmp_path):
    """Two real `gamma stats run --stored` processes: the first is held inside its run (the
    journal locked by this test), the second, started meanwhile, is refused at once."""
    if engine != "postgresql":
        pytest.skip("holding a run half-way needs PostgreSQL's table locks; the SQLite "
                    "lock is shown in test_a_second_stored_run_is_refused_while_one_holds…")
    import psycopg2
    assert cli(*SAVE, "--auto").exit_code == 0
    base, _, schema = db_url.partition("?schema=")
    blocker = psycopg2.connect(base, options=f"-c search_path={schema}")
    env = {**os.environ, "GAMMA_DB": db_url, "GAMMA_OPERATOR": "admin", "GAMMA_COMPANY": "1",
           "HOME": str(tmp_path), "PYTHONPATH": str(ROOT)}
    try:
        blocker.cursor().execute("LOCK TABLE stat_movement IN EXCLUSIVE MODE")
        first = subprocess.Popen([sys.executable, "-m", "gamma.cli.main", "stats", "run",
                                  "--stored"], cwd=ROOT, env=env, text=True,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        with company_ctx(db_url):
            for _ in range(200):  # until the first process holds the batch lock
                lock = batch_lock.status("stats-stored")
                if lock is not None and lock.holder:
                    break
                time.sleep(0.05)
            assert lock is not None and lock.pid == first.pid
        second = gamma_process(db_url, str(tmp_path), "stats", "run", "--stored")
        assert first.poll() is None  # still running, held by this test
    finally:
        blocker.rollback()
        blocker.close()
    out, err = first.communicate(timeout=60)
    assert second.returncode == 1 and second.stdout == ""
    assert second.stderr.startswith("Errore: Esecuzione delle statistiche memorizzate già in "
                                    "esecuzione: avviata da admin su ")
    assert f"(processo {first.pid})" in second.stderr
    assert first.returncode == 0, err
    assert out.splitlines()[1].startswith("vendite (ditta 1): 100 movimenti letti, 7 righe, ")
