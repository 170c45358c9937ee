"""The SSH server end to end: the real `gamma ssh serve`, paramiko's client, a pyte screen."""

from __future__ import annotations

import os
import stat
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

import paramiko
import pytest
from click.testing import CliRunner
from cryptography.hazmat.primitives.asymmetric import ed25519
from cryptography.hazmat.primitives.serialization import (Encoding, NoEncryption,
                                                          PrivateFormat, PublicFormat)

from gamma import locks
from gamma.access import keys, operators
from gamma.cli.main import cli as gamma_cli
from gamma.ssh import hostkey
from gamma.ssh.session import TerminalProcess, clean_environment
from gamma.ssh.throttle import FailureThrottle
from models import Operator, RecordLock, Session
from tests.conftest import ADMIN_PASSWORD
from tests.ssh_helpers import (group_members, process_gone, ssh_server,  # noqa: F401
                               ssh_server_factory, start_ssh_server, wait_for)

# End to end on SQLite only, to keep the run short; the services have their own tests.
sqlite_only = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)

MENU = "Ditta 1 La mia azienda"


def new_key(tmp_path: Path) -> tuple[paramiko.PKey, str]:
    """An Ed25519 key pair as an operator makes it: the paramiko key and the .pub line."""
    private = ed25519.Ed25519PrivateKey.generate()
    path = tmp_path / "id_ed25519"
    path.write_bytes(private.private_bytes(Encoding.PEM, PrivateFormat.OpenSSH,
                                           NoEncryption()))
    line = private.public_key().public_bytes(Encoding.OpenSSH, PublicFormat.OpenSSH).decode()
    return paramiko.Ed25519Key.from_private_key_file(str(path)), line + " mario@banco"


def session_of(term) -> Session:
    """The Gamma session of a terminal, found by the client's address."""
    address = "%s:%s" % term.client.get_transport().sock.getsockname()[:2]
    wait_for(lambda: Session.get_or_none(Session.remote == address) is not None, 10,
             "the session row")
    return Session.get(Session.remote == address)


@sqlite_only
def test_password_login_opens_the_main_menu_as_the_operator(ssh_server):
    term = ssh_server.terminal("admin", ADMIN_PASSWORD)
    screen = term.wait_for(MENU)
    assert "111  CLI" in screen
    assert "ADMIN" in screen
    session = session_of(term)
    assert (session.origin, session.operator.login, session.ended_at) == ("ssh", "admin", None)
    log = ssh_server.log()
    assert "accesso di admin (password)" in log and "sessione di admin avviata" in log


@sqlite_only
def test_key_login_and_an_unknown_key(ssh_server, admin_ctx, tmp_path):
    key, line = new_key(tmp_path)
    with pytest.raises(paramiko.AuthenticationException):
        ssh_server.connect("admin", key=key)
    keys.add(admin_ctx, "admin", line)
    term = ssh_server.terminal("admin", key=key)
    assert "111  CLI" in term.wait_for(MENU)
    assert f"accesso di admin (chiave {keys.parse(line).fingerprint})" in ssh_server.log()
    operators.add(admin_ctx, "mario", "password-m")
    with pytest.raises(paramiko.AuthenticationException):  # admin's key is not mario's
        ssh_server.connect("mario", key=key)


@sqlite_only
def test_five_wrong_passwords_lock_the_operator(ssh_server):
    transport = paramiko.Transport((ssh_server.host, ssh_server.port))
    transport.start_client(timeout=10)
    for _ in range(3):  # three on one connection...
        with pytest.raises(paramiko.AuthenticationException):
            transport.auth_password("admin", "sbagliata")
    transport.close()
    for _ in range(2):  # ...and two more on others
        with pytest.raises(paramiko.AuthenticationException):
            ssh_server.connect("admin", "sbagliata")
    locked = Operator.get(Operator.login == "admin").locked_until
    assert locked is not None and locked > datetime.now(timezone.utc)
    with pytest.raises(paramiko.AuthenticationException):
        ssh_server.connect("admin", ADMIN_PASSWORD)
    assert "Operatore ADMIN bloccato fino alle" in ssh_server.log()


@sqlite_only
def test_the_shell_is_the_tui_never_a_system_shell(ssh_server):
    term = ssh_server.terminal()
    term.wait_for(MENU)
    term.send("echo $HOME\r")
    screen = term.wait_for("echo $HOME")  # told as an unknown function, on the menu
    assert MENU in screen and str(ssh_server.workdir) not in screen
    session = session_of(term)
    pid = session.pid
    command = Path(f"/proc/{pid}/cmdline").read_text().split("\0")[:-1]
    assert command[1:] == ["-m", "gamma.cli.main", "--db", ssh_server.db_url,
                           "--config", str(ssh_server.config_path), "tui", "--operator",
                           "admin", "--origin", "ssh", "--remote", session.remote]
    stat_fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    assert int(stat_fields[1]) == ssh_server.process.pid  # a child of the server
    assert os.getsid(pid) == pid and int(stat_fields[4]) != 0  # session leader with a tty
    environ = dict(item.split(b"=", 1) for item in
                   Path(f"/proc/{pid}/environ").read_bytes().split(b"\0") if item)
    assert set(environ) == {b"PATH", b"HOME", b"LANG", b"LC_ALL", b"TERM"}
    assert environ[b"TERM"] == b"xterm" and environ[b"LC_ALL"] == b"C.UTF-8"


@sqlite_only
def test_exec_sftp_forwarding_and_sessions_without_a_pty_are_refused(ssh_server):
    client = ssh_server.connect()
    with pytest.raises(paramiko.SSHException):
        client.exec_command("id")
    with pytest.raises(paramiko.SSHException):
        client.open_sftp()
    transport = client.get_transport()
    with pytest.raises(paramiko.ChannelException):
        transport.open_channel("direct-tcpip", ("127.0.0.1", ssh_server.port),
                               ("127.0.0.1", 0))
    with pytest.raises(paramiko.SSHException):
        transport.request_port_forward("127.0.0.1", 0)
    with pytest.raises(paramiko.SSHException):
        transport.open_session().request_x11()
    transport.open_session().request_forward_agent(lambda channel: None)  # no reply asked
    ssh_server.wait_log("inoltro dell'agente rifiutato")
    channel = transport.open_session()
    channel.invoke_shell()  # no pty asked for
    assert channel.recv_exit_status() == 1
    told = channel.makefile_stderr("rb").read().decode()
    assert "il terminale richiede una sessione interattiva" in told
    assert Session.select().count() == 0  # no TUI was started
    log = ssh_server.log()
    assert "comando 'id' rifiutato" in log and "sottosistema 'sftp' rifiutato" in log
    client.close()


@sqlite_only
def test_a_dropped_line_hangs_up_the_tui_and_ends_its_session(ssh_server, admin_ctx):
    term = ssh_server.terminal()
    term.wait_for(MENU)
    session = session_of(term)
    in_session = admin_ctx.with_session(session.id)
    locks.acquire(in_session, ("company", "1"))
    assert RecordLock.select().where(RecordLock.session == session.id).count() == 1
    term.abort()
    wait_for(lambda: process_gone(session.pid), 10, "the session's process to go")
    assert group_members(session.pid) == []
    assert Session.get_by_id(session.id).ended_at is not None
    assert RecordLock.select().where(RecordLock.session == session.id).count() == 0
    ssh_server.wait_log("sessione di admin chiusa")


@sqlite_only
def test_the_host_key_is_kept_and_zlib_is_negotiated(ssh_server_factory):
    first = ssh_server_factory()
    client = first.connect(compress=True)
    transport = client.get_transport()
    assert transport.local_compression in ("zlib@openssh.com", "zlib")
    assert transport.remote_compression in ("zlib@openssh.com", "zlib")
    seen = hostkey.fingerprint(transport.get_remote_server_key())
    client.close()
    path = first.host_key_path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text().startswith("-----BEGIN OPENSSH PRIVATE KEY-----")
    assert first.stop() == 0
    restarted = start_ssh_server(first.db_url, first.workdir)  # the same data directory
    try:
        client = restarted.connect()
        assert hostkey.fingerprint(client.get_transport().get_remote_server_key()) == seen
        client.close()
        assert "chiave del server letta" in restarted.log()
    finally:
        restarted.close()


@sqlite_only
def test_a_window_change_reaches_the_tui(ssh_server):
    term = ssh_server.terminal(width=80, height=24)
    term.wait_for(MENU)
    term.wait_until(lambda _: "Esci" in term.lines()[23], 10, "the footer on row 24")
    term.resize(100, 30)
    term.wait_until(lambda _: "Esci" in term.lines()[29], 10, "the footer on row 30")
    assert len(term.lines()[0]) == 100


@sqlite_only
def test_session_limits_and_the_failed_login_throttle(ssh_server_factory):
    server = ssh_server_factory(max_sessions_per_operator=1, failed_auth_per_minute=2)
    first = server.terminal()
    first.wait_for(MENU)
    second = server.terminal()
    assert "l'operatore ADMIN ha già 1 sessioni aperte" in second.wait_for("sessioni aperte")
    assert second.exit_status() == 1
    for _ in range(2):
        with pytest.raises(paramiko.AuthenticationException):
            server.connect("nessuno", "sbagliata")
    with pytest.raises((paramiko.SSHException, EOFError, OSError)):
        server.connect("admin", ADMIN_PASSWORD)  # the address waits, right password or not
    assert "connessione rifiutata, troppi accessi falliti" in server.log()


@sqlite_only
def test_twenty_sessions_at_once_and_a_clean_stop(ssh_server_factory):
    server = ssh_server_factory(max_sessions_per_operator=20)
    terminals, errors = [], []

    def one() -> None:
        try:
            term = server.terminal()
            term.wait_for(MENU, timeout=40)
            terminals.append(term)
        except Exception as exc:  # reported below
            errors.append(exc)

    started = time.monotonic()
    threads = [threading.Thread(target=one) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(terminals) == 20
    print(f"20 sessions on the main menu in {time.monotonic() - started:.1f} s")
    pids = [session_of(term).pid for term in terminals]
    assert server.stop() == 0  # SIGTERM: every session hung up
    assert all(process_gone(pid) for pid in pids)
    assert Session.select().where(Session.ended_at.is_null()).count() == 0
    assert "server arrestato" in server.log()


def test_the_throttle_counts_a_minute_per_address():
    now = [1000.0]
    throttle = FailureThrottle(3, clock=lambda: now[0])
    for _ in range(3):
        assert not throttle.blocked("10.0.0.1")
        throttle.failed("10.0.0.1")
    assert throttle.blocked("10.0.0.1") and not throttle.blocked("10.0.0.2")
    now[0] += 30
    assert throttle.wait_seconds("10.0.0.1") == pytest.approx(30)
    now[0] += 30.5
    assert not throttle.blocked("10.0.0.1")


def test_the_host_key_file_is_openssh_ed25519_readable_by_its_owner_only(tmp_path):
    path = tmp_path / "keys" / "host"
    key, created = hostkey.load_or_create(path)
    again, created_again = hostkey.load_or_create(path)
    assert (created, created_again) == (True, False)
    assert hostkey.fingerprint(key) == hostkey.fingerprint(again)
    assert key.get_name() == "ssh-ed25519"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    pub = (tmp_path / "keys" / "host.pub").read_text().split()
    assert keys.parse(" ".join(pub[:2])).fingerprint == hostkey.fingerprint(key)


def test_a_session_process_deaf_to_sighup_is_killed_with_its_group_after_the_grace():
    process = TerminalProcess(["/bin/sh", "-c", "trap '' HUP; sleep 30 & wait"],
                              clean_environment("xterm"), 80, 24)
    try:
        wait_for(lambda: len(group_members(process.pid)) == 2, 5, "sh and its sleep")
        stat_fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        assert os.getsid(process.pid) == process.pid and int(stat_fields[4]) != 0
        started = time.monotonic()
        assert process.hang_up(grace_seconds=0.5) == -9
        assert 0.5 <= time.monotonic() - started < 3
        assert process_gone(process.pid)  # reaped
        # the orphaned sleep, killed too, is reaped by init
        wait_for(lambda: group_members(process.pid) == [], 2, "the group to go")
    finally:
        process.close()


def test_ssh_commands_without_a_server(tmp_path):
    runner = CliRunner(env={"GAMMA_PATHS_DATA_DIR": str(tmp_path), "HOME": str(tmp_path),
                            "XDG_CONFIG_HOME": str(tmp_path / "config"), "GAMMA_CONFIG": None,
                            "GAMMA_SSH_HOST_KEY": None})
    shown = runner.invoke(gamma_cli, ["ssh", "host-key"])
    assert shown.exit_code == 0 and shown.stdout.startswith("SHA256:")
    assert "(creata ora)" in shown.stdout
    again = runner.invoke(gamma_cli, ["ssh", "host-key"])
    assert again.stdout.split()[0] == shown.stdout.split()[0] and "creata" not in again.stdout
    bad = runner.invoke(gamma_cli, ["ssh", "serve", "--listen", "nessuna-porta"])
    assert bad.exit_code == 2
