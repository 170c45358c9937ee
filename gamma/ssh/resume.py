"""Sessions kept across a dropped line (`gamma ssh serve --resume`), on a private tmux server.

Each SSH session's TUI runs in a session of a tmux server of Gamma's own (its own socket,
no configuration file read, a clean environment), and the SSH session's process is a tmux
client attached to it. When the line drops the client is hung up and the tmux session,
with the TUI and what was typed, stays detached; the same operator's next connection
attaches to it (the oldest, when there are several) and tmux redraws the screen at the new
client's size. A kept session whose operator does not come back within
`ssh.resume_minutes` is killed: tmux closes its terminal, the TUI gets SIGHUP (the draft
is kept, the locks released, the Gamma session ended), and what lingers after the grace
period is killed.

The operator never reaches a shell or tmux itself: every key binding is removed (no
prefix key, no mouse, no copy mode), there is no status line, the only window runs the
TUI directly (no shell in between) with the same clean environment as without tmux, and
the session ends when the TUI does. A kept session holds its place in the session limits
until it ends.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import logging
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from gamma.settings import Settings
from gamma.ssh.session import clean_environment

if TYPE_CHECKING:
    from gamma.ssh.server import SessionLimits

log = logging.getLogger("gamma.ssh")

NO_TMUX = ("gamma ssh serve --resume richiede tmux, che non è installato: installare tmux "
           "(per esempio «apt install tmux») oppure avviare il server senza --resume.")
INNER_TERM = "screen"  # what the TUI sees: tmux's own terminal, as described by terminfo
COMMAND_TIMEOUT = 10  # seconds for one tmux command
SOCKET_PATH_MAX = 100  # a Unix socket path must fit in sun_path (108 bytes on Linux)
TERMINFO_DIRS = ("/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo",
                 "/usr/lib/terminfo", "/usr/share/lib/terminfo")

# The tmux server's configuration, read when it starts (no other file is read): no key of
# the operator's reaches tmux, nothing is shown but the TUI, nothing runs a shell. The
# server stays while it has no session, to reap the TUIs it started (killed at the end).
CONFIG = """\
set-option -g prefix None
set-option -g prefix2 None
unbind-key -a -T prefix
unbind-key -a -T root
unbind-key -a -T copy-mode
unbind-key -a -T copy-mode-vi
set-option -g status off
set-option -g mouse off
set-option -g remain-on-exit off
set-option -g destroy-unattached off
set-option -g lock-after-time 0
set-option -g set-titles off
set-option -g update-environment ""
set-option -g default-terminal {term}
set-option -g default-shell {false}
set-option -g default-command ""
set-option -g history-limit 0
set-option -g window-size latest
set-option -g aggressive-resize on
set-option -s escape-time 20
set-option -s exit-empty off
"""
# What a session's server must answer after the session is made, or it is not used.
CHECK = [";", "list-keys", ";", "show-options", "-gv", "prefix", ";", "show-options", "-gv",
         "status"]
CHECKED = ["None", "off"]


def tmux_program() -> str | None:
    return shutil.which("tmux")


def socket_path(settings: Settings) -> Path:
    """<data_dir>/tmux/gamma.sock; when that path is too long for a Unix socket, a
    directory of this user's in the temporary directory, named after the data directory."""
    path = settings.data_dir.expanduser().resolve() / "tmux" / "gamma.sock"
    if len(os.fsencode(path)) <= SOCKET_PATH_MAX:
        return path
    digest = hashlib.sha256(os.fsencode(path)).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"gamma-tmux-{os.getuid()}" / f"{digest}.sock"


def _private_directory(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    info = path.stat()
    if info.st_uid != os.getuid():
        raise OSError(f"{path} non appartiene all'utente del server")
    if info.st_mode & 0o077:
        path.chmod(0o700)


def known_terminal(term: str) -> str:
    """The client's terminal type when terminfo describes it (tmux refuses one it does
    not know); else a plain one."""
    term = term or "vt100"
    dirs = [str(Path.home() / ".terminfo"), *TERMINFO_DIRS]
    for base in dirs:
        for sub in (term[0], f"{ord(term[0]):x}"):
            if Path(base, sub, term).is_file():
                return term
    return "xterm"


def _is_gone(pid: int) -> bool:
    """No such process, or only its zombie left for its parent to reap."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return False
    return stat[stat.rindex(")") + 2:].startswith("Z")


@dataclass
class KeptSession:
    """One tmux session running one TUI."""

    name: str
    login: str
    pid: int  # the TUI's
    state: str = "attached"  # attached (a connection pumps it) | detached | ending
    since: float = field(default_factory=time.monotonic)  # of the state


class SessionKeeper:
    """The private tmux server and the sessions it keeps (thread-safe)."""

    def __init__(self, settings: Settings, limits: SessionLimits, program: str):
        self.settings = settings
        self.limits = limits
        self.program = program
        self.socket = socket_path(settings)
        self.config = self.socket.with_suffix(".conf")
        self.keep_seconds = settings.ssh.resume_minutes * 60
        self.grace_seconds = settings.ssh.hangup_grace_seconds
        self._sessions: dict[str, KeptSession] = {}
        self._numbers = itertools.count(1)
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._monitor: threading.Thread | None = None

    # -- tmux ------------------------------------------------------------------------

    def _base(self) -> list[str]:
        return [self.program, "-S", str(self.socket), "-f", str(self.config)]

    def _tmux(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(self._base() + list(args), env=clean_environment("xterm"),
                              stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              timeout=COMMAND_TIMEOUT)

    def _exists(self, name: str) -> bool | None:
        """Whether the tmux session is there; None when tmux could not be asked."""
        try:
            done = self._tmux("has-session", "-t", f"={name}")
        except (OSError, subprocess.SubprocessError):
            return None
        return done.returncode == 0

    def _names(self) -> set[str] | None:
        """The tmux sessions there are; None when tmux could not be asked."""
        try:
            done = self._tmux("list-sessions", "-F", "#{session_name}")
        except (OSError, subprocess.SubprocessError):
            return None
        if done.returncode == 0:
            return set(done.stdout.split())
        if re.search(r"no server running|error connecting|no sessions", done.stderr):
            return set()
        return None

    # -- life of the keeper -----------------------------------------------------------

    def start(self) -> None:
        """Make the socket's directory; end what a previous server left behind; watch."""
        _private_directory(self.socket.parent)
        text = CONFIG.format(term=INNER_TERM, false=shutil.which("false") or "/bin/false")
        descriptor = os.open(self.config, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as out:
            out.write(text)
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            if self._tmux("kill-server").returncode == 0:
                log.info("chiuse le sessioni sospese lasciate da un server precedente")
        log.info("ripresa delle sessioni attiva: tmux %s, socket %s, attesa %s min",
                 self.program, self.socket, _minutes(self.keep_seconds))
        self._monitor = threading.Thread(target=self._watch, name="ssh-resume",
                                         daemon=True)
        self._monitor.start()

    def closing(self) -> None:
        """The server is stopping: the clients about to go are not waited for."""
        self._stopping.set()

    def stop(self) -> None:
        """End every session (SIGHUP to each TUI, SIGKILL after the grace), then tmux."""
        self._stopping.set()
        if self._monitor is not None:
            self._monitor.join(timeout=5)
        with self._lock:
            kept = [s for s in self._sessions.values() if s.state != "ending"]
            for session in kept:
                session.state, session.since = "ending", time.monotonic()
            ending = list(self._sessions.values())
        for session in kept:
            self._kill(session, "server in arresto")
        deadline = time.monotonic() + self.grace_seconds
        while time.monotonic() < deadline and not all(_is_gone(s.pid) for s in ending):
            time.sleep(0.1)
        for session in ending:
            self._finish(session)
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            self._tmux("kill-server")

    # -- sessions --------------------------------------------------------------------

    def open(self, login: str, who: str, command: list[str], width: int,
             height: int) -> tuple[KeptSession | None, bool, str | None]:
        """A session for a new connection of `login`: (session, resumed, refusal). The
        oldest detached session of the operator if there is one, else a new one running
        `command` (which takes a place in the limits)."""
        if self._stopping.is_set():
            return None, False, "Gamma: server in arresto, riprovare più tardi."
        while True:
            with self._lock:
                waiting = sorted((s for s in self._sessions.values()
                                  if s.login == login and s.state == "detached"),
                                 key=lambda s: s.since)
                if waiting:
                    session = waiting[0]
                    session.state, session.since = "attached", time.monotonic()
            if not waiting:
                break
            if self._exists(session.name) is not False:
                return session, True, None
            self._forget(session)  # its TUI ended while nobody was there: try the next
        refusal = self.limits.claim(login)
        if refusal:
            return None, False, refusal
        name = f"gamma-{re.sub(r'[^A-Za-z0-9_-]', '_', login)}-{next(self._numbers)}"
        inner = [shutil.which("env") or "/usr/bin/env", "-i",
                 *(f"{key}={value}" for key, value in clean_environment(INNER_TERM).items()),
                 *command]
        args = ["new-session", "-d", "-P", "-F", "#{pane_pid}", "-s", name,
                "-x", str(width), "-y", str(height), "--", *inner, *CHECK]
        pid, why = 0, ""
        try:
            done = self._tmux(*args)
            lines = done.stdout.split("\n")
            if done.returncode != 0:
                why = done.stderr.strip() or f"uscita {done.returncode}"
            elif [line for line in lines[1:] if line] != CHECKED:
                why = f"tmux non configurato come atteso: {lines[1:]!r}"
            else:
                pid = int(lines[0])
        except (OSError, subprocess.SubprocessError, ValueError) as exc:
            why = str(exc)
        if not pid:
            log.error("%s: sessione tmux di %s non creata: %s", who, login, why)
            with contextlib.suppress(OSError, subprocess.SubprocessError):
                self._tmux("kill-session", "-t", f"={name}")
            self.limits.release(login)
            return None, False, "Gamma: impossibile avviare il terminale, riprovare."
        session = KeptSession(name, login, pid)
        with self._lock:
            self._sessions[name] = session
        return session, False, None

    def client_command(self, session: KeptSession) -> list[str]:
        """The SSH session's process: a tmux client attached to the session."""
        return self._base() + ["-u", "attach-session", "-t", f"={session.name}"]

    def client_environment(self, term: str) -> dict[str, str]:
        return clean_environment(known_terminal(term))

    def client_gone(self, session: KeptSession, who: str) -> None:
        """The connection's client has ended: keep the session if its TUI still runs."""
        if self._exists(session.name) is False:  # the TUI ended: so did the session
            self._forget(session)
            return
        with self._lock:
            if session.state != "attached":
                return
            session.state, session.since = "detached", time.monotonic()
        if not self._stopping.is_set():
            log.info("%s: sessione di %s sospesa (%s, processo %s): ripresa possibile per "
                     "%s min", who, session.login, session.name, session.pid,
                     _minutes(self.keep_seconds))

    def _forget(self, session: KeptSession) -> None:
        with self._lock:
            if self._sessions.pop(session.name, None) is None:
                return
        self.limits.release(session.login)

    def _kill(self, session: KeptSession, why: str) -> None:
        """Close the session's terminal: the TUI gets SIGHUP."""
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            self._tmux("kill-session", "-t", f"={session.name}")
        log.info("sessione di %s terminata (%s, processo %s): %s", session.login,
                 session.name, session.pid, why)

    def _finish(self, session: KeptSession) -> None:
        """Whatever is left of an ending session is killed; its place is freed."""
        if not _is_gone(session.pid):
            log.warning("sessione di %s (%s): il processo %s non si è chiuso in tempo, "
                        "terminato", session.login, session.name, session.pid)
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(session.pid, signal.SIGKILL)
        self._forget(session)

    def _watch(self) -> None:
        """Ends the sessions kept too long; forgets those whose TUI ended by itself."""
        tick = max(0.2, min(1.0, self.keep_seconds / 10))
        while not self._stopping.wait(tick):
            try:
                self._check()
            except Exception:  # the watch goes on
                log.exception("controllo delle sessioni sospese")

    def _check(self) -> None:
        with self._lock:
            if all(s.state == "attached" for s in self._sessions.values()):
                return  # nothing waits: tmux is not asked
        now = time.monotonic()
        names = self._names()
        expired, finished = [], []
        with self._lock:
            for session in self._sessions.values():
                if session.state == "detached":
                    if names is not None and session.name not in names:
                        finished.append(session)
                    elif now - session.since >= self.keep_seconds:
                        session.state, session.since = "ending", now
                        expired.append(session)
                elif session.state == "ending" and (
                        _is_gone(session.pid) or now - session.since >= self.grace_seconds):
                    finished.append(session)
        for session in expired:
            self._kill(session, "l'operatore non è tornato entro "
                                f"{_minutes(self.keep_seconds)} min")
        for session in finished:
            if session.state == "ending":
                self._finish(session)
            else:
                self._forget(session)


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:g}"
