"""Two sessions on one record: the second is told who holds it; a stale save is refused."""

from __future__ import annotations

import dataclasses

import pytest

from gamma import companies, locks, records, sessions
from gamma.access import operators
from gamma.context import Context
from gamma.errors import RecordLocked, StaleRecord
from models import Company, RecordLock


@pytest.fixture
def mario_ctx(admin_ctx):
    operators.add(admin_ctx, "mario", "password-m", name="Mario Rossi", is_admin=True)
    return dataclasses.replace(admin_ctx, operator=operators.find("mario"))


def test_the_second_editor_is_told_who_holds_the_record_and_since_when(admin_ctx, mario_ctx,
                                                                       clock):
    first = sessions.start(mario_ctx, "ssh")
    second = sessions.start(admin_ctx, "ssh")
    company = companies.find(1)
    locks.acquire(first, company)
    clock.advance(minutes=5)
    with pytest.raises(RecordLocked) as err:
        locks.acquire(second, company)
    # 09:30 UTC is 10:30 in Rome.
    assert err.value.message == "Ditta 1 in uso da MARIO dalle 10:30"
    assert err.value.holder == "MARIO"
    assert locks.holder(second, company).operator_id == mario_ctx.operator.id
    # The holder renews freely; releasing lets the other in.
    locks.acquire(first, company)
    locks.release(first, company)
    locks.acquire(second, company)


def test_ending_a_session_releases_its_locks(admin_ctx, mario_ctx):
    first = sessions.start(mario_ctx, "ssh")
    second = sessions.start(admin_ctx, "tui")
    locks.acquire(first, companies.find(1))
    sessions.end(first)
    assert RecordLock.select().count() == 0
    locks.acquire(second, companies.find(1))


def test_an_expired_lock_can_be_taken_over(admin_ctx, mario_ctx, clock):
    first = sessions.start(mario_ctx, "ssh")
    second = sessions.start(admin_ctx, "ssh")
    locks.acquire(first, companies.find(1))
    clock.advance(minutes=admin_ctx.settings.locks.expiry_minutes + 1)
    lock = locks.acquire(second, companies.find(1))
    assert lock.operator_id == admin_ctx.operator.id


def test_the_same_operator_in_two_sessions_is_also_kept_out(mario_ctx):
    first = sessions.start(mario_ctx, "ssh")
    second = sessions.start(mario_ctx, "ssh")
    locks.acquire(first, companies.find(1))
    with pytest.raises(RecordLocked, match="in uso da MARIO"):
        locks.acquire(second, companies.find(1))


def test_a_stale_save_is_refused_and_names_who_changed_the_record(admin_ctx, mario_ctx):
    # Both read the company; Mario saves first; the administrator's save is then stale.
    seen_by_admin = Company.get(Company.code == 1)
    seen_by_mario = Company.get(Company.code == 1)
    records.update(mario_ctx, seen_by_mario, name="Nome di Mario")
    with pytest.raises(StaleRecord) as err:
        records.update(admin_ctx, seen_by_admin, name="Nome dell'amministratore")
    assert "modificato da MARIO il 10/03/2026 10:30" in err.value.message
    assert Company.get(Company.code == 1).name == "Nome di Mario"


def test_a_stale_delete_is_refused(admin_ctx, mario_ctx):
    company = companies.add(admin_ctx, 3, "Da cancellare")
    other_copy = Company.get(Company.code == 3)
    records.update(mario_ctx, company, name="Rinominata")
    with pytest.raises(StaleRecord):
        records.delete(admin_ctx, other_copy)
    assert Company.get(Company.code == 3).name == "Rinominata"


def test_locks_are_seen_across_connections(admin_ctx, mario_ctx):
    """Another connection (a second thread gets its own) sees the lock."""
    import threading

    from gamma import db
    first = sessions.start(mario_ctx, "ssh")
    locks.acquire(first, companies.find(1))
    seen = []

    def other_terminal():
        ctx = sessions.start(Context(admin_ctx.settings, operators.find("admin"),
                                     clock=admin_ctx.clock), "ssh")
        try:
            locks.acquire(ctx, companies.find(1))
        except RecordLocked as exc:
            seen.append(exc.message)
        db.close()

    thread = threading.Thread(target=other_terminal)
    thread.start()
    thread.join()
    assert seen == ["Ditta 1 in uso da MARIO dalle 10:30"]
