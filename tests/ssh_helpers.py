"""Helpers for end-to-end tests through the real SSH server and a real SSH client.

    server = start_ssh_server(db_url, tmp_path)          # or the `ssh_server` fixture
    term = server.terminal("admin", ADMIN_PASSWORD)       # paramiko client + invoke_shell
    term.wait_for("Ditta 1")                              # what an 80x24 terminal shows
    term.send("911\\r")                                    # ONE channel send, as typed
    term.press("f10")                                     # named keys, see KEYS
    term.abort()                                          # the line drops (no clean close)

The server is `gamma ssh serve` in a subprocess on a free loopback port, with its data
directory (host key) and config in the test's tmp_path and a cheap scrypt cost; the
terminal feeds what it receives into a pyte screen.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import paramiko
import pyte
import pytest

from tests.conftest import ADMIN_PASSWORD

# paramiko logs a traceback when a test drops a line on purpose.
logging.getLogger("paramiko").setLevel(logging.CRITICAL + 1)

# What an xterm sends for the keys the masks use.
KEYS = {
    "enter": "\r", "tab": "\t", "shift+tab": "\x1b[Z", "escape": "\x1b", "backspace": "\x7f",
    "up": "\x1b[A", "down": "\x1b[B", "right": "\x1b[C", "left": "\x1b[D",
    "home": "\x1b[H", "end": "\x1b[F", "pageup": "\x1b[5~", "pagedown": "\x1b[6~",
    "delete": "\x1b[3~", "insert": "\x1b[2~",
    "f1": "\x1bOP", "f2": "\x1bOQ", "f3": "\x1bOR", "f4": "\x1bOS", "f5": "\x1b[15~",
    "f6": "\x1b[17~", "f7": "\x1b[18~", "f8": "\x1b[19~", "f9": "\x1b[20~", "f10": "\x1b[21~",
    "f11": "\x1b[23~", "f12": "\x1b[24~", "ctrl+c": "\x03", "ctrl+q": "\x11",
}
READY_LINE = re.compile(r"in ascolto su (\S+):(\d+)")


class SshTerminal:
    """An interactive SSH session seen as an operator sees it: a pyte screen fed by a
    reader thread. Thread-safe reads of the screen; writes go out as one channel send."""

    def __init__(self, client: paramiko.SSHClient, channel: paramiko.Channel,
                 width: int = 80, height: int = 24):
        self.client = client
        self.channel = channel
        self.screen = pyte.Screen(width, height)
        self.stream = pyte.ByteStream(self.screen)
        self.received = 0  # bytes of terminal output received so far
        self.sent = 0
        self._lock = threading.RLock()  # predicates of wait_until may read the screen
        self._changed = threading.Condition(self._lock)
        self._closed = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                data = self.channel.recv(65536)
            except (OSError, EOFError, paramiko.SSHException):
                data = b""
            with self._changed:
                if data:
                    self.received += len(data)
                    self.stream.feed(data)
                else:
                    self._closed.set()
                self._changed.notify_all()
            if not data:
                return

    # -- input ----------------------------------------------------------------------

    def send(self, text: str | bytes) -> None:
        """Send keys as typed, in ONE channel send (one SSH data message up to 32 KB):
        a type-ahead burst arrives at the server all together."""
        data = text.encode("utf-8") if isinstance(text, str) else text
        self.channel.sendall(data)
        self.sent += len(data)

    def press(self, *keys: str) -> None:
        """Named keys (KEYS) and plain text, joined into one send: press("f2", "enter")."""
        self.send("".join(KEYS.get(key, key) for key in keys))

    def resize(self, width: int, height: int) -> None:
        """The client's window changes: the request goes to the server, the screen here
        takes the new size."""
        with self._changed:
            self.screen.resize(height, width)
        self.channel.resize_pty(width=width, height=height)

    # -- what is shown ------------------------------------------------------------------

    def lines(self) -> list[str]:
        with self._lock:
            return list(self.screen.display)

    def screen_text(self) -> str:
        """The screen as plain text, one line per row, trailing blanks kept."""
        return "\n".join(self.lines())

    @property
    def cursor(self) -> tuple[int, int]:
        """(column, row) of the cursor, from 0."""
        with self._lock:
            return self.screen.cursor.x, self.screen.cursor.y

    def wait_until(self, predicate: Callable[[str], bool], timeout: float = 10.0,
                   what: str = "condition") -> str:
        """Wait until predicate(screen_text) holds; return the screen text. On timeout
        fail with the screen shown."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                text = "\n".join(self.screen.display)
                if predicate(text):
                    return text
                left = deadline - time.monotonic()
                if left <= 0 or (self._closed.is_set() and not predicate(text)):
                    break
                self._changed.wait(min(left, 0.2))
        state = "closed" if self._closed.is_set() else "open"
        raise AssertionError(f"timed out waiting for {what} (session {state}); screen:\n{text}")

    def wait_for(self, text: str, timeout: float = 10.0) -> str:
        """Wait until `text` shows on the screen; return the screen text."""
        return self.wait_until(lambda screen: text in screen, timeout, repr(text))

    def wait_gone(self, text: str, timeout: float = 10.0) -> str:
        return self.wait_until(lambda screen: text not in screen, timeout,
                               f"{text!r} to go")

    def wait_quiet(self, quiet: float = 0.3, timeout: float = 10.0) -> str:
        """Wait until no output has come for `quiet` seconds (the TUI has settled)."""
        deadline = time.monotonic() + timeout
        last = -1
        while time.monotonic() < deadline:
            with self._lock:
                count = self.received
            if count == last:
                return self.screen_text()
            last = count
            time.sleep(quiet)
        return self.screen_text()

    # -- ending -------------------------------------------------------------------------

    @property
    def closed(self) -> bool:
        return self._closed.is_set()

    def wait_closed(self, timeout: float = 10.0) -> bool:
        return self._closed.wait(timeout)

    def exit_status(self, timeout: float = 10.0) -> int | None:
        if not self.channel.status_event.wait(timeout):
            return None
        return self.channel.recv_exit_status()

    def close(self) -> None:
        """A clean logout: the SSH connection is closed properly."""
        self.client.close()
        self._closed.wait(5)

    def abort(self) -> None:
        """The line drops: the TCP connection is reset, no SSH goodbye is sent."""
        sock = self.client.get_transport().sock
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            sock.shutdown(socket.SHUT_RDWR)
        with contextlib.suppress(OSError):
            sock.close()
        self._closed.wait(5)
        with contextlib.suppress(Exception):
            self.client.close()


@dataclass
class GammaSshServer:
    """A running `gamma ssh serve`."""

    host: str
    port: int
    process: subprocess.Popen
    workdir: Path
    db_url: str
    config_path: Path
    log_path: Path
    terminals: list[SshTerminal] = field(default_factory=list)

    @property
    def data_dir(self) -> Path:
        return self.workdir / "data"

    @property
    def host_key_path(self) -> Path:
        return self.data_dir / "ssh_host_ed25519_key"

    def log(self) -> str:
        """Everything the server wrote to stderr so far."""
        return self.log_path.read_text(errors="replace")

    def wait_log(self, text: str, timeout: float = 10.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in (logged := self.log()):
                return logged
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never logged; log:\n{self.log()}")

    def connect(self, login: str = "admin", password: str | None = ADMIN_PASSWORD,
                key: paramiko.PKey | None = None, compress: bool = False,
                timeout: float = 10.0) -> paramiko.SSHClient:
        """An authenticated SSH client (paramiko raises AuthenticationException if not).
        With a key, only the key is tried."""
        client = paramiko.SSHClient()
        client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
        client.connect(self.host, self.port, username=login,
                       password=None if key else password, pkey=key, compress=compress,
                       look_for_keys=False, allow_agent=False, timeout=timeout,
                       banner_timeout=timeout, auth_timeout=timeout)
        return client

    def terminal(self, login: str = "admin", password: str | None = ADMIN_PASSWORD,
                 key: paramiko.PKey | None = None, width: int = 80, height: int = 24,
                 term: str = "xterm", compress: bool = False) -> SshTerminal:
        """Log in and open an interactive session with a pseudo-terminal."""
        client = self.connect(login, password, key, compress)
        channel = client.invoke_shell(term=term, width=width, height=height)
        terminal = SshTerminal(client, channel, width, height)
        self.terminals.append(terminal)
        return terminal

    def stop(self, timeout: float = 20.0) -> int:
        """SIGTERM, as an init system stops it; return its exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode

    def close(self) -> None:
        for terminal in self.terminals:
            with contextlib.suppress(Exception):
                terminal.client.close()
        self.stop()


def start_ssh_server(db_url: str, workdir: Path, timeout: float = 15.0,
                     **ssh_settings) -> GammaSshServer:
    """Start `gamma ssh serve` on a free loopback port against `db_url`; settings of the
    [ssh] section as keywords (max_sessions_per_operator=1, ...)."""
    workdir.mkdir(parents=True, exist_ok=True)
    config = workdir / "gamma-ssh.toml"
    lines = ["[security]", "scrypt_n = 1024", "[paths]", f'data_dir = "{workdir / "data"}"',
             "[ssh]", 'listen = "127.0.0.1:0"']
    lines += [f"{name} = {value!r}" if isinstance(value, str) else f"{name} = {value}"
              for name, value in ssh_settings.items()]
    config.write_text("\n".join(lines) + "\n")
    env = {key: value for key, value in os.environ.items() if not key.startswith("GAMMA_")}
    env.update(HOME=str(workdir), XDG_CONFIG_HOME=str(workdir / "config"),
               GAMMA_TEST_MARKER="server-only")  # must not reach the sessions
    log_path = workdir / f"ssh-server-{len(list(workdir.glob('ssh-server-*.log')))}.log"
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(
            [sys.executable, "-m", "gamma.cli.main", "--db", db_url, "--config", str(config),
             "ssh", "serve"], stdin=subprocess.DEVNULL, stdout=log_file, stderr=log_file,
            env=env, cwd=workdir)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = READY_LINE.search(log_path.read_text(errors="replace"))
        if found:
            return GammaSshServer(found.group(1), int(found.group(2)), process, workdir,
                                  db_url, config, log_path)
        if process.poll() is not None:
            break
        time.sleep(0.05)
    process.kill()
    process.wait()
    raise AssertionError(f"gamma ssh serve did not start:\n{log_path.read_text()}")


@pytest.fixture
def ssh_server_factory(admin_ctx, db_url, tmp_path):
    """start(**ssh_settings) → a server on the test database (initialised, admin and
    company 1); every server started is stopped at the end."""
    servers: list[GammaSshServer] = []

    def start(**ssh_settings) -> GammaSshServer:
        server = start_ssh_server(db_url, tmp_path / f"server{len(servers)}", **ssh_settings)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


@pytest.fixture
def ssh_server(ssh_server_factory) -> GammaSshServer:
    """A server with the default [ssh] settings on the test database."""
    return ssh_server_factory()


def process_gone(pid: int) -> bool:
    """True when no process (not even a zombie) has that pid."""
    return not Path(f"/proc/{pid}").exists()


def group_members(pgid: int) -> list[int]:
    """The pids of the processes in a process group (from /proc)."""
    members = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                stat = (entry / "stat").read_text()
                fields = stat[stat.rindex(")") + 2:].split()
                if int(fields[2]) == pgid:
                    members.append(int(entry.name))
    return members


def wait_for(predicate: Callable[[], bool], timeout: float = 10.0,
             what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)
