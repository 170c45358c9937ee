"""`gamma ssh serve --resume`: a dropped session kept in Gamma's private tmux server and
resumed by the same operator; ended when nobody comes back in time or the server stops;
never reachable by another operator; tmux's own keys out of reach. The real server, a real
SSH client, a pyte screen."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from gamma.access import operators
from gamma.cli.main import cli as gamma_cli
from gamma.settings import Settings
from gamma.ssh.resume import socket_path
from models import Operator, RecordLock, Session
from tests.conftest import ADMIN_PASSWORD
from tests.ssh_helpers import (process_gone, ssh_server_factory,  # noqa: F401
                               wait_for)

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None,
                                reason="tmux non installato: la ripresa delle sessioni "
                                       "SSH non si può provare")

MENU = "Ditta 1 La mia azienda"
PROMPT = "Codice o sigla della funzione"


def tmux(server, *args: str) -> subprocess.CompletedProcess:
    """A tmux command on the server's private tmux server (as the tests' inspector)."""
    sock = socket_path(Settings().replace(**{"paths.data_dir": str(server.data_dir)}))
    return subprocess.run(["tmux", "-S", str(sock), *args], capture_output=True, text=True,
                          timeout=10)


def tmux_sessions(server) -> list[str]:
    done = tmux(server, "list-sessions", "-F", "#{session_name} #{session_attached}")
    return done.stdout.splitlines() if done.returncode == 0 else []


def open_session(login: str) -> Session:
    wait_for(lambda: Session.select().where(Session.ended_at.is_null(),
                                            Session.origin == "ssh").join(Operator)
             .where(Operator.login == login).count() == 1, 10, f"the session of {login}")
    return (Session.select().join(Operator)
            .where(Session.ended_at.is_null(), Operator.login == login).get())


@pytest.fixture
def resume_server(ssh_server_factory):
    servers = []

    def start(**settings):
        server = ssh_server_factory(resume="true", **settings)  # a TOML string: coerced
        servers.append(server)
        return server

    yield start
    for server in servers:  # whatever a failed test left: no tmux server lingers
        server.stop()
        tmux(server, "kill-server")


@needs_tmux
def test_a_dropped_session_is_resumed_with_what_was_typed(resume_server):
    server = resume_server()
    term = server.terminal("admin", ADMIN_PASSWORD)
    term.wait_for(PROMPT)
    term.press("922", "enter")
    term.wait_for("Codice operatore")
    term.press("mario", "enter", "Mario Ro")
    term.wait_for("Mario Ro")
    session = open_session("admin")
    term.abort()
    server.wait_log("sessione di admin sospesa")
    assert not process_gone(session.pid)  # the TUI waits, with what was typed
    assert Session.get_by_id(session.id).ended_at is None
    assert tmux_sessions(server) == ["gamma-admin-1 0"]

    started = time.monotonic()
    again = server.terminal("admin", ADMIN_PASSWORD, width=100, height=30)
    text = again.wait_for("Mario Ro")
    print(f"resumed screen shown in {time.monotonic() - started:.2f} s")
    assert "Codice operatore      mario" in text
    assert "sessione di admin ripresa in tmux gamma-admin-1" in server.log()
    # The window follows the new client's size.
    again.wait_until(lambda _: "f10 Conferma" in again.lines()[29], 10, "the footer on row 30")
    assert len(again.lines()[0]) == 100
    again.press("ssi", "tab", "password-m", "f10")
    again.wait_for("Operatore MARIO registrato")
    assert Operator.get(Operator.login == "mario").name == "Mario Rossi"
    assert Session.select().count() == 1  # the same Gamma session throughout
    again.press("ctrl+q")  # the operator leaves: the TUI, and with it the tmux session, end
    assert again.wait_closed(10)
    assert again.exit_status() == 0
    wait_for(lambda: tmux_sessions(server) == [], 5, "the tmux session to end")
    assert Session.get_by_id(session.id).ended_at is not None


@needs_tmux
def test_a_session_not_resumed_in_time_is_ended_and_its_draft_offered(resume_server,
                                                                      admin_ctx):
    operators.add(admin_ctx, "mario", "password-m", name="Mario Rossi")
    server = resume_server(resume_minutes=0.05)  # 3 seconds
    term = server.terminal("admin", ADMIN_PASSWORD)
    term.wait_for(PROMPT)
    term.press("922", "enter", "mario", "enter")
    term.wait_for("Mario Rossi")
    wait_for(lambda: RecordLock.select().count() == 1, 10, "the lock on MARIO")
    term.press("end", " Junior")
    term.wait_for("Mario Rossi Junior")
    session = open_session("admin")
    term.abort()
    dropped = time.monotonic()
    server.wait_log("sessione di admin sospesa")
    assert RecordLock.select().count() == 1  # kept while the operator may come back
    wait_for(lambda: process_gone(session.pid), 15, "the kept TUI to end")
    print(f"kept session ended {time.monotonic() - dropped:.1f} s after the drop "
          "(resume_minutes 0.05 = 3 s)")
    assert "l'operatore non è tornato entro 0.05 min" in server.log()
    assert Session.get_by_id(session.id).ended_at is not None
    assert RecordLock.select().count() == 0
    assert Operator.get(Operator.login == "mario").name == "Mario Rossi"  # not confirmed
    wait_for(lambda: tmux_sessions(server) == [], 5, "tmux to keep nothing")

    again = server.terminal("admin", ADMIN_PASSWORD)  # a new session, the draft offered
    again.wait_for("Bozze non confermate")
    again.press("enter")
    text = again.wait_for("Ripresa la bozza")
    assert "Nome                  Mario Rossi Junior" in text
    again.press("f10")
    again.wait_for("Operatore MARIO registrato")
    assert Operator.get(Operator.login == "mario").name == "Mario Rossi Junior"
    assert [line.split()[0] for line in tmux_sessions(server)] == ["gamma-admin-2"]
    again.close()


@needs_tmux
def test_only_the_same_operator_resumes_and_kept_sessions_count_in_the_limits(
        resume_server, admin_ctx):
    # Administrators, so that they reach the company without grants of their own.
    operators.add(admin_ctx, "mario", "password-m", name="Mario Rossi", is_admin=True)
    operators.add(admin_ctx, "luigi", "password-l", name="Luigi Verdi", is_admin=True)
    server = resume_server(max_sessions=3, max_sessions_per_operator=1)
    admin = server.terminal("admin", ADMIN_PASSWORD)
    admin.wait_for(PROMPT)
    admin.press("922", "enter", "nuovo")
    admin.wait_for("nuovo")
    admin_session = open_session("admin")
    admin.abort()
    server.wait_log("sessione di admin sospesa")

    mario = server.terminal("mario", "password-m")  # his own, never admin's
    text = mario.wait_for(PROMPT)
    assert "MARIO" in text and "nuovo" not in text
    mario_session = open_session("mario")
    assert mario_session.id != admin_session.id

    back = server.terminal("admin", ADMIN_PASSWORD)  # within his limit of 1: his own
    assert "Codice operatore      nuovo" in back.wait_for("nuovo")
    second = server.terminal("admin", ADMIN_PASSWORD)  # his one session is in use
    assert "l'operatore ADMIN ha già 1 sessioni aperte" in second.wait_for("sessioni aperte")

    mario.abort()
    server.wait_log("sessione di mario sospesa")
    luigi = server.terminal("luigi", "password-l")
    luigi.wait_for(PROMPT)
    assert sorted(tmux_sessions(server)) == ["gamma-admin-1 1", "gamma-luigi-3 1",
                                             "gamma-mario-2 0"]
    third = server.terminal("luigi", "password-l")  # mario's kept session counts: 3 in all
    assert "raggiunto il numero massimo di sessioni (3)" in third.wait_for("sessioni")
    assert third.exit_status() == 1
    luigi_session = open_session("luigi")

    # SIGTERM ends every session, attached or kept, the same way.
    assert server.stop() == 0
    for session in (admin_session, mario_session, luigi_session):
        wait_for(lambda: process_gone(session.pid), 5, f"the TUI {session.pid} to go")
        assert Session.get_by_id(session.id).ended_at is not None
    assert tmux(server, "list-sessions").returncode != 0  # no tmux server left


@needs_tmux
def test_the_old_tmux_keys_do_nothing_and_no_shell_is_reachable(resume_server):
    server = resume_server()
    term = server.terminal("admin", ADMIN_PASSWORD)
    term.wait_for(PROMPT)
    term.wait_quiet()
    session = open_session("admin")
    for keys in ("\x02c", "\x02:", "\x02d", "\x02%", "\x02\""):  # ctrl+b then a tmux key
        term.send(keys)
    time.sleep(0.5)
    text = term.wait_quiet()
    assert not term.closed and MENU in text
    assert 'c:d%"' in text  # passed on to the TUI as typed, into the menu's field
    windows = tmux(server, "list-panes", "-a", "-F", "#{session_name} #{pane_pid}")
    assert windows.stdout.split() == ["gamma-admin-1", str(session.pid)]  # one pane: the TUI
    assert tmux(server, "list-keys").stdout == ""
    assert "sospesa" not in server.log()  # ctrl+b d did not detach
    # Still the TUI, taking keys: the menu field is cleared and a function opened.
    term.press(*["backspace"] * 10, "922", "enter")
    term.wait_for("Codice operatore")
    # The TUI runs directly under tmux (no shell), in the same clean environment as
    # without tmux; tmux itself is not the SSH server's child.
    command = Path(f"/proc/{session.pid}/cmdline").read_text().split("\0")[:-1]
    assert command[1:4] == ["-m", "gamma.cli.main", "--db"] and "--operator" in command
    environ = dict(item.split(b"=", 1) for item in
                   Path(f"/proc/{session.pid}/environ").read_bytes().split(b"\0") if item)
    assert set(environ) == {b"PATH", b"HOME", b"LANG", b"LC_ALL", b"TERM"}
    assert environ[b"TERM"] == b"screen"
    parent = int(Path(f"/proc/{session.pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    assert "tmux" in Path(f"/proc/{parent}/cmdline").read_text()
    assert parent != server.process.pid
    term.close()


def test_resume_without_tmux_is_refused_naming_tmux(tmp_path, db_url):
    # db_url: the module's parametrization; tmux is looked for before the database.
    empty = tmp_path / "bin"
    empty.mkdir()
    runner = CliRunner(env={"PATH": str(empty), "HOME": str(tmp_path),
                            "GAMMA_PATHS_DATA_DIR": str(tmp_path), "GAMMA_CONFIG": None,
                            "XDG_CONFIG_HOME": str(tmp_path / "config")})
    result = runner.invoke(gamma_cli, ["ssh", "serve", "--resume", "--listen", "127.0.0.1:0"])
    assert result.exit_code == 1
    assert "richiede tmux, che non è installato" in result.output
