"""Stored statistics: a run consolidates only the journal rows added since the last one,
and after 1% more lines and an amended document the stored result equals a full
recomputation, row by row and in the totals; a changed spec or a cost by valuation
recomputes from zero."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from gamma.errors import NotFound, PermissionDenied
from gamma.sales import amend
from gamma.stats import engine, stored
from models import StatMovement, StoredStatistic, StoredStatRow
from tests.sales_fixtures import d, issue
from tests.stats_stored_fixtures import SPEC, expected, invoice_of, setup, table_of


@pytest.fixture
def ctx(admin_ctx):
    setup(admin_ctx)
    return admin_ctx


def run(ctx, name="vendite", **kwargs):
    info = stored.RunInfo()
    result = stored.run_named(ctx, name, info=info, **kwargs)
    return result, info


def test_first_run_consolidates_everything_by_customer_and_month(ctx):
    stored.save(ctx, "vendite", SPEC)
    result, info = run(ctx)
    assert (info.full, info.read) == (True, 100)
    # C001 in January: invoices 0 and 2. Invoice 0: A22 1+4+3+2 = 10 × 10,00 = 100,00,
    # A10 2+1+4 = 7 × 5,50 = 38,50, A04 3+2+1 = 6 × 2,00 = 12,00 → 23 pieces, 150,50.
    # Invoice 2: A22 4+3+2 = 9 → 90,00, A10 1+4+3 = 8 → 44,00, A04 3+2+1+4 = 10 → 20,00
    # → 27 pieces, 154,00. Together 50 pieces, 304,50.
    rows = {(r.keys["customer"], r.keys["month"]): (r.cells["qty"], r.cells["revenue"])
            for r in engine.to_table(result).details()}
    assert rows[("C001", "2026-01")] == (d("50"), d("304.50"))
    want = expected([invoice_of(k) for k in range(10)])
    assert rows == want
    # C001 bought in January, February, March; C002 also in April (invoice 9, 5 April).
    assert info.rows == len(want) == 7
    assert StoredStatRow.select().count() == 7
    state = StoredStatistic.get()
    assert state.watermark == StatMovement.select().count() == 100


def test_incremental_run_after_one_percent_more_lines_and_an_amendment_equals_a_full_run(ctx):
    stored.save(ctx, "vendite", SPEC)
    run(ctx)
    before = StoredStatistic.get().watermark
    # 1% more lines: one new invoice of one line, in a month C002 had nothing in (May) …
    new = {"kind": "invoice", "date": date(2026, 5, 4), "customer": "C002",
           "lines": [{"article": "A22", "qty": "7"}]}
    issue(ctx, new)
    # … and invoice 0 (C001, January) amended: its ten lines become one of 2 × A10.
    first = invoice_of(0)
    doc = engine_document(first)
    amend.amend(ctx, doc, {"lines": [{"article": "A10", "qty": "2"}]})
    result, info = run(ctx)
    # Read: the new line, 10 reversal rows of invoice 0 and its new line.
    assert (info.full, info.read) == (False, 12)
    assert StoredStatistic.get().watermark == before + 12
    full = engine.run(ctx, SPEC)
    assert table_of(result) == table_of(full)
    rows = {(r.keys["customer"], r.keys["month"]): (r.cells["qty"], r.cells["revenue"])
            for r in engine.to_table(result).details()}
    # C001 January is now invoice 2 (27 pieces, 154,00) + 2 × 5,50 = 29 pieces, 165,00.
    assert rows[("C001", "2026-01")] == (d("29"), d("165.00"))
    assert rows[("C002", "2026-05")] == (d("7"), d("70.00"))
    amended = dict(first, lines=[{"article": "A10", "qty": "2"}])
    assert rows == expected([amended] + [invoice_of(k) for k in range(1, 10)] + [new])
    # Totals: 1.458,50 before; − 150,50 + 11,00 + 70,00 = 1.389,00; 248 − 23 + 2 + 7 = 234.
    [total] = [r for r in engine.to_table(result).rows if r.kind == "total"]
    assert (total.cells["qty"], total.cells["revenue"]) == (d("234"), d("1389.00"))
    again, info = run(ctx)
    assert (info.full, info.read) == (False, 0)
    assert table_of(again) == table_of(full)


def engine_document(data: dict) -> int:
    from models import Document, Party
    party = Party.get(Party.code == data["customer"])
    return Document.get(Document.party == party, Document.date == data["date"],
                        Document.kind == "invoice").id


def test_a_changed_spec_or_full_recomputes_from_zero(ctx):
    stored.save(ctx, "vendite", SPEC)
    run(ctx)
    stored.save(ctx, "vendite", replace(SPEC, date_to=date(2026, 2, 28)))
    result, info = run(ctx)
    assert (info.full, info.read) == (True, 100)
    assert [r.keys["month"] for r in engine.to_table(result).details()] == [
        "2026-01", "2026-02", "2026-01", "2026-02"]
    assert StoredStatRow.select().count() == 4  # the old groups are gone
    _, info = run(ctx)
    assert (info.full, info.read) == (False, 0)
    # A new title changes how the result reads, not its groups: still incremental.
    stored.save(ctx, "vendite", replace(SPEC, date_to=date(2026, 2, 28), title="Bimestre"))
    result, info = run(ctx)
    assert (info.full, info.read, result.spec.title) == (False, 0, "Bimestre")
    _, info = run(ctx, full=True)
    assert (info.full, info.read) == (True, 100)


def test_a_cost_by_valuation_is_recomputed_at_every_run(ctx):
    spec = replace(SPEC, measures=("revenue", "cost"), cost="last")
    stored.save(ctx, "costi", spec)
    assert stored.needs_full(spec) == "costo valorizzato «last»"
    assert stored.needs_full(replace(spec, cost="line")) == ""
    run(ctx, "costi")
    result, info = run(ctx, "costi")
    assert (info.full, info.read) == (True, 100)
    assert table_of(result) == table_of(engine.run(ctx, spec))


def test_list_automatic_and_drop(ctx):
    stored.save(ctx, "vendite", SPEC, automatic=True, description="Vendite per mese")
    stored.save(ctx, "prova", SPEC)
    run(ctx)
    views = {v.name: v for v in stored.list_stored(ctx)}
    assert (views["vendite"].automatic, views["vendite"].watermark,
            views["vendite"].last_rows, views["vendite"].description) == (
        True, 100, 7, "Vendite per mese")
    assert (views["prova"].automatic, views["prova"].last_run_at) == (False, None)
    stored.set_automatic(ctx, "prova", True)
    assert {v.name for v in stored.list_stored(ctx) if v.automatic} == {"vendite", "prova"}
    stored.drop(ctx, "vendite")
    assert [v.name for v in stored.list_stored(ctx)] == ["prova"]
    assert StoredStatRow.select().count() == 0  # its groups went with it
    with pytest.raises(NotFound, match="«vendite» inesistenti"):
        run(ctx)


def test_stored_statistics_need_function_502(ctx):
    from gamma.access import operators
    from gamma.context import Context
    operators.add(ctx, "mario", "password-mario", name="Mario Rossi")
    mario = Context(ctx.settings, operators.find("mario"), ctx.company, ctx.clock)
    with pytest.raises(PermissionDenied, match="502"):
        stored.save(mario, "vendite", SPEC)


def test_a_journal_rewritten_whole_makes_the_next_run_full_and_right(ctx):
    # The rewritten journal has new ids, above the watermark: added on top of the stored
    # groups, every document would count twice.
    from gamma.stats import journal
    stored.save(ctx, "vendite", SPEC)
    first, _ = run(ctx)
    journal.rebuild(ctx, full=True)
    again, info = run(ctx)
    assert (info.full, info.read) == (True, 100)
    assert table_of(again) == table_of(first) == table_of(engine.run(ctx, SPEC))
