"""One SSH session: the TUI in its own process on a pseudo-terminal, pumped to the channel.

The child is the leader of a new session with the pty slave as its controlling terminal and
as stdin/stdout/stderr, and a clean environment. Two pumps: pty→channel in a thread of its
own, which stops reading the pty while the channel cannot send (back-pressure down to the
TUI), and channel→pty in the session's thread. When the client goes (clean close, dropped
line, failed keepalive), the child's process group gets SIGHUP, then SIGKILL after the
grace period, and the child is reaped.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import functools
import logging
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import threading
import tty
from pathlib import Path

import paramiko

from gamma.settings import Settings

log = logging.getLogger("gamma.ssh")

READ_SIZE = 32768
POLL_SECONDS = 0.5


def tui_command(settings: Settings, config_file: str | None, login: str,
                remote: str) -> list[str]:
    """The command line of a session's process: the TUI as the authenticated operator."""
    command = [sys.executable, "-m", "gamma.cli.main", "--db", settings.database_url]
    if config_file:
        command += ["--config", str(Path(config_file).expanduser().resolve())]
    return command + ["tui", "--operator", login, "--origin", "ssh", "--remote", remote]


def clean_environment(term: str) -> dict[str, str]:
    """Only what a terminal program needs; nothing of the server's own (no GAMMA_*)."""
    home = os.environ.get("HOME") or str(Path.home())
    return {"PATH": os.environ.get("PATH") or os.defpath, "HOME": home,
            "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": term or "vt100"}


def _set_size(fd: int, width: int, height: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))


class TerminalProcess:
    """A child process on a new pseudo-terminal; the parent keeps the master side."""

    def __init__(self, command: list[str], env: dict[str, str], width: int, height: int):
        master, slave = pty.openpty()
        try:
            _set_size(slave, width, height)
            # Raw from the start: keys typed before the TUI sets up the terminal are
            # neither echoed nor held back by the line discipline.
            tty.setraw(slave)
            self.popen = subprocess.Popen(
                command, stdin=slave, stdout=slave, stderr=slave, env=env,
                start_new_session=True,  # setsid(): its own session and process group
                # then the slave (fd 0) becomes its controlling terminal
                preexec_fn=functools.partial(fcntl.ioctl, 0, termios.TIOCSCTTY, 0))
        except BaseException:
            os.close(master)
            raise
        finally:
            os.close(slave)
        self.master = master
        self.pid = self.popen.pid
        os.set_blocking(master, False)

    def resize(self, width: int, height: int) -> None:
        """Window change: the kernel then sends SIGWINCH to the TUI."""
        with contextlib.suppress(OSError):
            _set_size(self.master, width, height)

    def alive(self) -> bool:
        return self.popen.poll() is None

    def _signal_group(self, sig: int) -> None:
        # The group id is the child's pid; it stays reserved while any member lives.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, sig)

    def hang_up(self, grace_seconds: float) -> int:
        """SIGHUP to the process group, SIGKILL to whatever lingers after the grace period,
        the child reaped. Return its exit status (negative: killed by that signal)."""
        if self.alive():
            self._signal_group(signal.SIGHUP)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.popen.wait(timeout=grace_seconds)
        self._signal_group(signal.SIGKILL)  # members left behind, or a deaf leader
        return self.popen.wait()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self.master)


class SessionPump:
    """Moves bytes between a channel and a TerminalProcess until one side is gone."""

    def __init__(self, channel: paramiko.Channel, process: TerminalProcess,
                 grace_seconds: float):
        self.channel = channel
        self.process = process
        self.grace_seconds = grace_seconds
        self._stop = threading.Event()
        self._client_gone = threading.Event()
        self.sent = 0  # bytes from the TUI to the client
        self.received = 0  # bytes from the client to the TUI
        self.reason = ""

    def run(self) -> int:
        """Pump until the client or the TUI goes; hang up; return the TUI's exit status."""
        output = threading.Thread(target=self._pty_to_channel, daemon=True,
                                  name=f"ssh-out-{self.process.pid}")
        output.start()
        try:
            self._channel_to_pty()
        finally:
            status = self.process.hang_up(self.grace_seconds)
            self._stop.set()
            output.join(timeout=5)
            self.process.close()
        return status

    def _channel_to_pty(self) -> None:
        while True:
            try:
                data = self.channel.recv(READ_SIZE)
            except (OSError, EOFError, paramiko.SSHException):
                data = b""
            if not data:  # the client closed, or the line is gone; or the TUI ended
                self.reason = self.reason or "cliente disconnesso"
                self._client_gone.set()
                return
            self.received += len(data)
            if not self._write_all(data):
                return

    def _write_all(self, data: bytes) -> bool:
        """Write to the pty, waiting while the TUI reads nothing, as long as it lives."""
        view = memoryview(data)
        while view:
            try:
                written = os.write(self.process.master, view)
                view = view[written:]
                continue
            except BlockingIOError:
                pass
            except OSError:
                return False
            select.select([], [self.process.master], [], POLL_SECONDS)
            if not self.process.alive() or self.channel.closed:
                return False
        return True

    def _pty_to_channel(self) -> None:
        delivering = True
        while not self._stop.is_set():
            ready, _, _ = select.select([self.process.master], [], [], POLL_SECONDS)
            if not ready:
                if not self.process.alive():
                    break
                continue
            try:
                data = os.read(self.process.master, READ_SIZE)
            except BlockingIOError:
                continue
            except OSError as exc:  # EIO: every slave closed, the TUI has ended
                if exc.errno not in (errno.EIO, errno.EBADF):
                    log.warning("lettura dal terminale del processo %s: %s",
                                self.process.pid, exc)
                break
            if not data:
                break
            if not delivering:
                continue  # the client is gone: drain, so that the TUI never blocks
            try:
                # Blocks while the channel's window is full: the pty is then not read,
                # and the TUI's writes wait. Input keeps flowing in the other thread.
                self.channel.sendall(data)
                self.sent += len(data)
            except (OSError, EOFError, paramiko.SSHException):
                delivering = False
        if delivering and not self._stop.is_set() and not self._client_gone.is_set():
            self._finish()

    def _finish(self) -> None:
        """The TUI ended by itself: pass its exit status and close the channel."""
        status = None
        with contextlib.suppress(subprocess.TimeoutExpired):
            status = self.process.popen.wait(timeout=self.grace_seconds)
        self.reason = self.reason or "terminale chiuso dall'operatore"
        with contextlib.suppress(OSError, EOFError, paramiko.SSHException):
            if status is not None:
                self.channel.send_exit_status(status if status >= 0 else 128 - status)
            self.channel.close()  # wakes the other pump, which hangs up


def tell_and_close(channel: paramiko.Channel, message: str, status: int = 1,
                   stderr: bool = False) -> None:
    """Write an Italian message to the client and close the channel."""
    with contextlib.suppress(OSError, EOFError, paramiko.SSHException):
        text = (message.rstrip("\n").replace("\n", "\r\n") + "\r\n").encode("utf-8")
        (channel.sendall_stderr if stderr else channel.sendall)(text)
        channel.send_exit_status(status)
        channel.close()
