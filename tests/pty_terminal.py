"""A real terminal for the app: `gamma tui` in a pseudo-terminal, its output fed to a
VT100 emulator (pyte) so tests read the screen as the operator sees it, and count the
bytes the app writes."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time

import pyte

KEYS = {"enter": "\r", "tab": "\t", "shift+tab": "\x1b[Z", "escape": "\x1b",
        "f1": "\x1bOP", "f2": "\x1bOQ", "f3": "\x1bOR", "f5": "\x1b[15~", "f6": "\x1b[17~",
        "f9": "\x1b[20~", "f10": "\x1b[21~", "up": "\x1b[A", "down": "\x1b[B",
        "pageup": "\x1b[5~", "pagedown": "\x1b[6~", "backspace": "\x7f"}


def gamma_env(db_url: str, data_dir: str, **extra: str) -> dict[str, str]:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": data_dir,
           "LANG": "C.UTF-8", "TERM": "xterm-256color", "GAMMA_DB": db_url,
           "GAMMA_PATHS_DATA_DIR": data_dir, "GAMMA_SECURITY_SCRYPT_N": "1024"}
    env.update(extra)
    return env


class PtyTerminal:
    def __init__(self, args: list[str], env: dict[str, str], cols: int = 80, rows: int = 24):
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.received = 0
        pid, fd = pty.fork()
        if pid == 0:
            os.execve(sys.executable, [sys.executable, "-m", "gamma.cli.main", *args], env)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    def send(self, *parts: str) -> None:
        """Write everything in one go: what one SSH packet or a fast typist delivers."""
        os.write(self.fd, "".join(KEYS.get(p, p) for p in parts).encode())

    def pump(self, timeout: float) -> int:
        """Read what arrives within `timeout`; return the byte count."""
        got = 0
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return got
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                return got
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return got
            if not chunk:
                return got
            got += len(chunk)
            self.received += len(chunk)
            self.stream.feed(chunk)

    def settle(self, quiet: float = 0.3, limit: float = 10) -> int:
        """Read until the app has been silent for `quiet` seconds; return bytes read."""
        total = 0
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            got = self.pump(quiet)
            total += got
            if got == 0:
                break
        return total

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, needle: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.pump(0.1)
            if needle in self.text():
                return self.text()
        raise AssertionError(f"{needle!r} not on screen; screen:\n{self.text()}")

    def close(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
        os.close(self.fd)
