"""The README's commands: `scripts/run` on a first start shows the login screen."""

from __future__ import annotations

import contextlib
import os
import pty
import re
import select
import signal
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def read_until(fd: int, pattern: str, timeout: float) -> str:
    """Read the terminal until `pattern` (a regex) shows in the text, escape codes removed."""
    seen = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            text = re.sub(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Z]|\x1b[=>]", "",
                          seen.decode("utf-8", "replace"))
            if re.search(pattern, text):
                return text
    raise AssertionError(f"{pattern!r} not seen; got: {seen[-2000:]!r}")


@pytest.mark.slow
def test_scripts_run_creates_the_demo_and_shows_the_login(tmp_path):
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "TERM": "xterm-256color",
           "LANG": "C.UTF-8", "GAMMA_SECURITY_SCRYPT_N": "1024"}
    scripts_run = [str(ROOT / "scripts" / "run")]
    gamma_tui = [str(ROOT / ".venv" / "bin" / "gamma"), "tui"]
    # The second start finds everything in place; then the CLI's own `gamma tui`.
    for command in (scripts_run, scripts_run, gamma_tui):
        pid, fd = pty.fork()
        if pid == 0:
            os.execve(command[0], command, env)
        try:
            text = read_until(fd, r"GAMMA — accesso", timeout=90)
            if command is scripts_run:
                assert "operatore: admin" in text
                password = re.search(r"password: (\w+)", text).group(1)
                assert len(password) == 12
            os.write(fd, b"\x11")  # ctrl+q
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                done, status = os.waitpid(pid, os.WNOHANG)
                if done:
                    break
                time.sleep(0.1)
            else:
                raise AssertionError("scripts/run did not exit on ctrl+q")
            assert os.waitstatus_to_exitcode(status) == 0
        finally:
            with contextlib.suppress(ProcessLookupError):  # already gone: the usual case
                os.kill(pid, signal.SIGKILL)
            os.close(fd)
    db_file = tmp_path / ".local" / "share" / "gamma" / "gamma.db"
    assert db_file.exists()
    creds = db_file.parent / "demo-credentials.txt"
    assert oct(creds.stat().st_mode & 0o777) == "0o600"
    listed = subprocess.run([str(ROOT / ".venv" / "bin" / "gamma"), "company", "list", "--json"],
                            env=env, capture_output=True, text=True)
    assert listed.returncode == 0, listed.stderr
    assert '"code": 99' in listed.stdout  # the demo company
