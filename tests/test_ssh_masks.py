"""Through the real SSH server and a real client: a mask typed and confirmed, type-ahead
bursts in single packets, and a line dropped in the middle of a mask."""

from __future__ import annotations

import pytest

from gamma.access import operators
from models import Operator, RecordLock, Session
from tests.conftest import ADMIN_PASSWORD
from tests.ssh_helpers import process_gone, ssh_server, ssh_server_factory, wait_for  # noqa: F401

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def test_a_mask_opened_typed_and_confirmed_over_ssh(ssh_server):
    term = ssh_server.terminal("admin", ADMIN_PASSWORD, compress=True)
    term.wait_for("Codice o sigla della funzione")
    term.press("922", "enter")
    term.wait_for("Codice operatore")
    term.press("mario", "enter")
    term.press("Mario Rossi", "tab")
    term.press("password-m", "f10")
    term.wait_for("Operatore MARIO registrato")
    assert Operator.get(Operator.login == "mario").name == "Mario Rossi"
    term.close()


def test_one_packet_with_three_fields_separated_by_tab_fills_the_three(ssh_server):
    term = ssh_server.terminal("admin", ADMIN_PASSWORD)
    term.wait_for("Codice o sigla della funzione")
    term.wait_quiet()
    # The key that opens the mask and everything after it, in ONE channel send.
    term.press("922", "enter", "lucia", "tab", "Lucia Bianchi", "tab", "password-l", "tab",
               "S")
    text = term.wait_for("Lucia Bianchi")
    text = term.wait_quiet()
    assert "Codice operatore      lucia" in text
    assert "Nome                  Lucia Bianchi" in text
    assert "Amministratore S/N    S" in text
    term.press("f10")
    term.wait_for("Operatore LUCIA registrato")
    lucia = operators.find("lucia")
    assert lucia.name == "Lucia Bianchi" and lucia.is_admin
    term.close()


def test_a_dropped_line_releases_the_lock_and_the_draft_is_offered_at_next_login(ssh_server,
                                                                               admin_ctx):
    operators.add(admin_ctx, "mario", "password-m", name="Mario Rossi")
    term = ssh_server.terminal("admin", ADMIN_PASSWORD)
    term.wait_for("Codice o sigla della funzione")
    term.press("922", "enter", "mario", "enter")
    term.wait_for("Mario Rossi")
    wait_for(lambda: RecordLock.select().count() == 1, 10, "the lock on MARIO")
    term.press("end", " Junior")  # the name, half changed
    term.wait_for("Mario Rossi Junior")
    session = Session.get(Session.ended_at.is_null())
    term.abort()
    wait_for(lambda: process_gone(session.pid), 15, "the session's process to go")
    assert RecordLock.select().count() == 0
    assert Session.get_by_id(session.id).ended_at is not None
    assert Operator.get(Operator.login == "mario").name == "Mario Rossi"  # not confirmed

    again = ssh_server.terminal("admin", ADMIN_PASSWORD)
    again.wait_for("Bozze non confermate")
    again.press("enter")
    text = again.wait_for("Ripresa la bozza")
    assert "Nome                  Mario Rossi Junior" in text
    again.press("f10")
    again.wait_for("Operatore MARIO registrato")
    assert Operator.get(Operator.login == "mario").name == "Mario Rossi Junior"
    again.close()
