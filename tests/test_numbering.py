"""Gap-free numbering series: per company, kind, series and year; safe under concurrency."""

from __future__ import annotations

import multiprocessing

import pytest

from gamma import companies, db, numbering
from gamma.context import Context
from tests.conftest import make_settings


def test_numbers_follow_each_other_per_series_and_year(admin_ctx):
    with db.transaction():
        assert numbering.next_number(admin_ctx, "invoice", "A", 2026) == 1
        assert numbering.next_number(admin_ctx, "invoice", "A", 2026) == 2
        assert numbering.next_number(admin_ctx, "invoice", "B", 2026) == 1
        assert numbering.next_number(admin_ctx, "invoice", "A", 2027) == 1
        assert numbering.next_number(admin_ctx, "delivery_note", "A", 2026) == 1
    assert numbering.last_number(admin_ctx, "invoice", "A", 2026) == 2


def test_each_company_has_its_own_numbers(admin_ctx):
    other = companies.open_company(admin_ctx, companies.add(admin_ctx, 2, "Seconda").code)
    with db.transaction():
        numbering.next_number(admin_ctx, "invoice", "", 2026)
        assert numbering.next_number(other, "invoice", "", 2026) == 1


def test_a_rolled_back_number_is_given_again(admin_ctx):
    with db.transaction():
        assert numbering.next_number(admin_ctx, "invoice", "", 2026) == 1
    with pytest.raises(RuntimeError, match="simulated"):
        with db.transaction():
            assert numbering.next_number(admin_ctx, "invoice", "", 2026) == 2
            raise RuntimeError("simulated failure after numbering")
    with db.transaction():
        assert numbering.next_number(admin_ctx, "invoice", "", 2026) == 2


def test_numbers_cannot_be_taken_outside_a_transaction(admin_ctx):
    with pytest.raises(RuntimeError, match="outside a transaction"):
        numbering.next_number(admin_ctx, "invoice", "", 2026)


def _take_numbers(url: str, count: int, queue) -> None:
    from gamma.access import operators
    settings = make_settings()
    db.connect(url)
    ctx = companies.open_company(Context(settings, operators.find("admin")), 1)
    taken = []
    for i in range(count):
        with db.transaction():
            taken.append(numbering.next_number(ctx, "invoice", "A", 2026))
    db.close()
    queue.put(taken)


@pytest.mark.slow
def test_eight_processes_take_400_numbers_without_gaps_or_duplicates(admin_ctx, db_url):
    db.close()
    spawn = multiprocessing.get_context("spawn")
    queue = spawn.Queue()
    workers = [spawn.Process(target=_take_numbers, args=(db_url, 50, queue)) for _ in range(8)]
    for w in workers:
        w.start()
    results = [queue.get(timeout=120) for _ in workers]
    for w in workers:
        w.join(timeout=30)
        assert w.exitcode == 0
    numbers = sorted(n for taken in results for n in taken)
    assert numbers == list(range(1, 401))
    for taken in results:
        assert taken == sorted(taken)  # each process saw its numbers increase
    db.connect(db_url)
    assert numbering.last_number(admin_ctx, "invoice", "A", 2026) == 400
