"""The stored groups of a statistic (gamma.stats.consolidate): keys with empty elements come
back as they went in, sums add up exactly and keep their decimals (widened in place when a
later sum has more), and on PostgreSQL a run waits for a journal writer still in progress
rather than skipping its row for ever."""

from __future__ import annotations

import threading
import time
from datetime import date
from decimal import Decimal

import pytest

from gamma import db
from gamma.errors import GammaError
from gamma.stats import consolidate, stored
from gamma.stats import engine as stats_engine
from models import Preset, StatMovement, StoredStatistic
from tests.sales_fixtures import d, issue
from tests.stats_stored_fixtures import SPEC, setup, table_of


@pytest.fixture
def row(admin_ctx):
    preset = Preset.create(command="stats", name="prova", params="{}")
    return StoredStatistic.create(company=admin_ctx.company, preset=preset)


def test_keys_and_sums_come_back_exactly(row):
    groups = [(("C001", "2026-01"), {"qty": d("1.500"), "revenue": d("10.00")}),
              ((None, "2026-02"), {"qty": d("2.000"), "revenue": d("-3.10")})]
    layout = consolidate.widen([], groups)
    assert layout == [("qty", 3), ("revenue", 2)]
    consolidate.add(row, layout, groups)
    consolidate.add(row, layout, [(("C001", "2026-01"), {"qty": d("0.250"),
                                                         "revenue": d("0.05")})])
    loaded = dict(consolidate.load(row, layout))
    # 1,500 + 0,250 = 1,750 and 10,00 + 0,05 = 10,05, with their places as given.
    assert str(loaded[("C001", "2026-01")]["qty"]) == "1.750"
    assert str(loaded[("C001", "2026-01")]["revenue"]) == "10.05"
    assert loaded[(None, "2026-02")] == {"qty": d("2.000"), "revenue": d("-3.10")}


def test_a_sum_with_more_decimals_widens_the_stored_ones(row):
    first = [(("A",), {"cost": d("1.50")})]
    layout = consolidate.widen([], first)
    consolidate.add(row, layout, first)
    later = [(("A",), {"cost": d("0.125")}), (("B",), {"cost": d("2.000")})]
    wider = consolidate.widen(layout, later)
    assert wider == [("cost", 3)]
    consolidate.rescale(row, layout, wider)
    consolidate.add(row, wider, later)
    loaded = dict(consolidate.load(row, wider))
    assert str(loaded[("A",)]["cost"]) == "1.625"  # 1,50 + 0,125
    assert str(loaded[("B",)]["cost"]) == "2.000"
    with pytest.raises(GammaError, match="più di 6 decimali"):
        consolidate.widen(wider, [(("A",), {"cost": d("0.0000001")})])


def test_a_key_holding_the_separator_is_refused(row):
    with pytest.raises(GammaError, match="chiave di gruppo non memorizzabile"):
        consolidate.encode_key(["A" + consolidate.SEPARATOR + "B"])
    assert consolidate.decode_key(consolidate.encode_key([None, "x", ""])) == (None, "x", "")


def test_postgresql_run_waits_for_a_journal_writer_in_progress(admin_ctx, engine, db_url):
    if engine != "postgresql":
        pytest.skip("SQLite has one writer at a time: the last id seen is settled")
    import psycopg2
    ctx = admin_ctx
    setup(ctx)
    stored.save(ctx, "vendite", SPEC)
    stored.run_named(ctx, "vendite")
    base, _, schema = db_url.partition("?schema=")
    writer = psycopg2.connect(base, options=f"-c search_path={schema}")
    try:
        cur = writer.cursor()
        # Another session writes a journal row (taking its id) and has not committed yet …
        cur.execute("INSERT INTO stat_movement (version, company_id, source, document_id, line, "
                    "position, kind, date, party_id, agent_id, article_id, depot_id, qty, qty2, "
                    "packages, weight, revenue, gross, cost, unit_price, returned, gift, "
                    "campaign, reversal) SELECT version, company_id, source, document_id, line, "
                    "position, kind, date, party_id, agent_id, article_id, depot_id, qty, qty2, "
                    "packages, weight, revenue, gross, cost, unit_price, returned, gift, "
                    "campaign, reversal "
                    "FROM stat_movement WHERE id = 1 RETURNING id")
        pending = cur.fetchone()[0]
        # … while this one commits a later row: an invoice of 7 × A22 in May.
        issue(ctx, {"kind": "invoice", "date": date(2026, 5, 4), "customer": "C002",
                    "lines": [{"article": "A22", "qty": "7"}]})
        assert StatMovement.select().where(StatMovement.id > pending).count() == 1
        done: dict = {}

        def run():
            info = stored.RunInfo()
            try:
                stored.run_named(ctx, "vendite", info=info)
                done["read"] = info.read
            finally:
                db.close()

        thread = threading.Thread(target=run)
        thread.start()
        time.sleep(1.0)
        waited = thread.is_alive()
        writer.commit()
        thread.join(30)
    finally:  # never leave the writer open: it would hold the schema's tables
        writer.close()
    assert waited, "the run must wait for the writer, not read past its row"
    assert done["read"] == 2  # the pending row and the invoice's, none skipped
    assert StoredStatistic.get().watermark == pending + 1
    assert table_of(stored.run_named(ctx, "vendite")) == table_of(stats_engine.run(ctx, SPEC))


def test_decimal_zero_sums_are_kept(row):
    groups = [(("A",), {"qty": Decimal("0.000")})]
    layout = consolidate.widen([], groups)
    consolidate.add(row, layout, groups)
    assert dict(consolidate.load(row, layout)) == {("A",): {"qty": d("0")}}
