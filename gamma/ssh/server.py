"""The SSH listener: connections, authentication outcome, session limits, clean stop.

A thread per connection (paramiko adds its transport thread) and per session (plus its
output pump). One log line per connection, login, session and outcome goes to the
"gamma.ssh" logger, which `gamma ssh serve` writes to stderr. With `resume`, each TUI runs
in a tmux session that outlives a dropped line (gamma.ssh.resume).
"""

from __future__ import annotations

import contextlib
import logging
import select
import socket
import threading
import time
from collections import Counter
from typing import Callable

import paramiko

from gamma import db
from gamma.settings import Settings
from gamma.ssh.policy import ConnectionPolicy
from gamma.ssh.resume import SessionKeeper
from gamma.ssh.session import (SessionPump, TerminalProcess, clean_environment,
                               tell_and_close, tui_command)
from gamma.ssh.throttle import FailureThrottle

log = logging.getLogger("gamma.ssh")

LOGIN_GRACE_SECONDS = 60  # to authenticate, from the connection
SHELL_WAIT_SECONDS = 30  # for a channel to ask for its shell
NO_PTY = ("Gamma: il terminale richiede una sessione interattiva (pseudo-terminale). "
          "Collegarsi con «ssh -t».")


class SessionLimits:
    """Sessions open at once, in all and per operator (thread-safe)."""

    def __init__(self, total: int, per_operator: int):
        self.total = total
        self.per_operator = per_operator
        self._open: Counter[str] = Counter()
        self._lock = threading.Lock()

    def claim(self, login: str) -> str | None:
        """Take a place for a session of `login`; None, or why not (Italian)."""
        with self._lock:
            if sum(self._open.values()) >= self.total:
                return (f"Gamma: raggiunto il numero massimo di sessioni ({self.total}). "
                        "Riprovare più tardi.")
            if self._open[login] >= self.per_operator:
                return (f"Gamma: l'operatore {login.upper()} ha già {self.per_operator} "
                        "sessioni aperte: chiuderne una e riprovare.")
            self._open[login] += 1
            return None

    def release(self, login: str) -> None:
        with self._lock:
            self._open[login] -= 1
            if self._open[login] <= 0:
                del self._open[login]

    def count(self) -> int:
        with self._lock:
            return sum(self._open.values())


def parse_listen(value: str) -> tuple[str, int]:
    """"host:port" or "[v6]:port" → (host, port); ValueError when malformed."""
    host, sep, port = value.strip().rpartition(":")
    if not sep or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise ValueError(value)
    host = host.strip("[]") or "0.0.0.0"
    return host, int(port)


class SshServer:
    """Serves the operator terminal: `bind()`, then `serve()` until `stop()`."""

    def __init__(self, settings: Settings, host_key: paramiko.PKey,
                 config_file: str | None = None,
                 command: Callable[[Settings, str | None, str, str], list[str]] = tui_command,
                 tmux: str | None = None):
        """With `tmux` (the program), sessions are kept across a dropped line."""
        self.settings = settings
        self.host_key = host_key
        self.config_file = config_file
        self.command = command
        ssh = settings.ssh
        self.limits = SessionLimits(ssh.max_sessions, ssh.max_sessions_per_operator)
        self.keeper = SessionKeeper(settings, self.limits, tmux) if tmux else None
        self._keeper_started = False
        self.max_connections = max(2 * ssh.max_sessions, ssh.max_sessions + 10)
        self.throttle = FailureThrottle(ssh.failed_auth_per_minute)
        self.address: tuple[str, int] | None = None
        self._listener: socket.socket | None = None
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._transports: set[paramiko.Transport] = set()
        self._threads: set[threading.Thread] = set()

    # -- listening --------------------------------------------------------------------

    def bind(self, host: str, port: int) -> tuple[str, int]:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        listener = socket.socket(family, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen(128)
        self._listener = listener
        self.address = listener.getsockname()[:2]
        return self.address

    def start_keeper(self) -> None:
        """With resume: prepare the private tmux server (OSError when it cannot be)."""
        if self.keeper is not None and not self._keeper_started:
            self.keeper.start()
            self._keeper_started = True

    def serve(self) -> None:
        """Accept connections until stop(); then hang up every session and return."""
        assert self._listener is not None, "bind() first"
        try:
            self.start_keeper()
            while not self._stopping.is_set():
                ready, _, _ = select.select([self._listener], [], [], 0.5)
                if not ready:
                    continue
                try:
                    sock, peer = self._listener.accept()
                except OSError:
                    continue
                self._accept(sock, peer[:2])
        finally:
            self._shutdown()

    def stop(self) -> None:
        """Ask serve() to return (safe from a signal handler)."""
        self._stopping.set()

    def _accept(self, sock: socket.socket, peer: tuple[str, int]) -> None:
        who = f"{peer[0]}:{peer[1]}"
        if self.throttle.blocked(peer[0]):
            log.info("%s: connessione rifiutata, troppi accessi falliti (attendere %.0f s)",
                     who, self.throttle.wait_seconds(peer[0]))
            sock.close()
            return
        with self._lock:
            crowded = len(self._transports) >= self.max_connections
        if crowded:
            log.info("%s: connessione rifiutata, troppe connessioni aperte", who)
            sock.close()
            return
        self._start(self._connection, (sock, peer), f"ssh-conn-{who}")

    def _start(self, target, args, name: str) -> None:
        thread = threading.Thread(target=self._tracked, args=(target, args), name=name,
                                  daemon=True)
        with self._lock:
            self._threads.add(thread)
        thread.start()

    def _tracked(self, target, args) -> None:
        try:
            target(*args)
        except Exception:  # one connection's failure never stops the server
            log.exception("errore interno")
        finally:
            db.close()
            with self._lock:
                self._threads.discard(threading.current_thread())

    def _tune(self, sock: socket.socket) -> None:
        """Small writes leave at once; a line dropped silently is noticed: the SSH
        keepalives keep data in flight and TCP gives up when it stays unacknowledged."""
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
        seconds = self.settings.ssh.keepalive_seconds
        if seconds > 0 and hasattr(socket, "TCP_USER_TIMEOUT"):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_USER_TIMEOUT, seconds * 3 * 1000)
        if seconds > 0 and hasattr(socket, "TCP_KEEPIDLE"):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, seconds)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, seconds)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT, 3)

    # -- one connection ----------------------------------------------------------------

    def _connection(self, sock: socket.socket, peer: tuple[str, int]) -> None:
        who = f"{peer[0]}:{peer[1]}"
        log.info("%s: connessione aperta", who)
        with contextlib.suppress(OSError):
            self._tune(sock)
        transport = paramiko.Transport(sock)
        transport.use_compression(True)  # zlib offered; a slow line gains the most
        transport.add_server_key(self.host_key)
        if self.settings.ssh.keepalive_seconds > 0:
            transport.set_keepalive(self.settings.ssh.keepalive_seconds)
        policy = ConnectionPolicy(self.settings, peer, self.throttle)
        with self._lock:
            self._transports.add(transport)
        outcome = "connessione chiusa"
        try:
            if self._stopping.is_set():
                return
            try:
                transport.start_server(server=policy)
            except (paramiko.SSHException, EOFError, OSError) as exc:
                outcome = f"negoziazione fallita ({exc or type(exc).__name__})"
                return
            outcome = self._serve_channels(transport, policy, who)
        finally:
            transport.close()
            with self._lock:
                self._transports.discard(transport)
            log.info("%s: %s", who, outcome)

    def _serve_channels(self, transport: paramiko.Transport, policy: ConnectionPolicy,
                        who: str) -> str:
        deadline = time.monotonic() + LOGIN_GRACE_SECONDS
        announced = False
        while not self._stopping.is_set():
            channel = transport.accept(timeout=0.5)
            if not transport.is_active():
                break
            if transport.is_authenticated():
                if not announced:
                    announced = True
                    compression = transport.local_compression
                    log.info("%s: accesso di %s (%s), compressione %s", who, policy.login,
                             policy.method, compression)
            elif time.monotonic() > deadline:
                return "connessione chiusa: accesso non completato in tempo"
            if channel is not None:
                self._start(self._session, (transport, policy, channel, who),
                            f"ssh-sess-{who}-{channel.get_id()}")
        if self._stopping.is_set():
            return "connessione chiusa: server in arresto"
        return "connessione chiusa" if announced else "connessione chiusa senza accesso"

    # -- one session -------------------------------------------------------------------

    def _session(self, transport: paramiko.Transport, policy: ConnectionPolicy,
                 channel: paramiko.Channel, who: str) -> None:
        state = policy.channel(channel.get_id())
        try:
            deadline = time.monotonic() + SHELL_WAIT_SECONDS
            while not state.shell.wait(0.5):
                if channel.closed or not transport.is_active() or self._stopping.is_set() \
                        or time.monotonic() > deadline:
                    channel.close()
                    return
            login = policy.login
            if login is None:  # paramiko opens channels only once authenticated
                channel.close()
                return
            if not state.has_pty:
                log.info("%s: sessione di %s rifiutata: senza pseudo-terminale", who, login)
                tell_and_close(channel, NO_PTY, stderr=True)
                return
            if self.keeper is not None:
                self._run_kept(channel, state, login, who)
                return
            refusal = self.limits.claim(login)
            if refusal:
                log.info("%s: sessione di %s rifiutata: %s", who, login, refusal)
                tell_and_close(channel, refusal)
                return
            try:
                self._run_tui(channel, state, login, who)
            finally:
                self.limits.release(login)
        finally:
            policy.forget(channel.get_id())

    def _run_tui(self, channel: paramiko.Channel, state, login: str, who: str) -> None:
        command = self.command(self.settings, self.config_file, login, who)
        self._pump(channel, state, login, who, command, clean_environment(state.term),
                   "avviata")

    def _run_kept(self, channel: paramiko.Channel, state, login: str, who: str) -> None:
        """With resume: the operator's oldest kept session, or a new one; a tmux client
        attached to it is pumped; when the client goes, the session waits."""
        assert self.keeper is not None
        command = self.command(self.settings, self.config_file, login, who)
        kept, resumed, refusal = self.keeper.open(login, who, command, state.width,
                                                  state.height)
        if kept is None:
            log.info("%s: sessione di %s rifiutata: %s", who, login, refusal)
            tell_and_close(channel, refusal or "Gamma: sessione non disponibile.")
            return
        try:
            self._pump(channel, state, login, who, self.keeper.client_command(kept),
                       self.keeper.client_environment(state.term),
                       f"{'ripresa' if resumed else 'avviata'} in tmux {kept.name}",
                       f"TUI {kept.pid}, client tmux ")
        finally:
            self.keeper.client_gone(kept, who)

    def _pump(self, channel: paramiko.Channel, state, login: str, who: str,
              command: list[str], env: dict[str, str], started_as: str,
              process_as: str = "") -> None:
        try:
            process = TerminalProcess(command, env, state.width, state.height)
        except OSError as exc:
            log.error("%s: sessione di %s non avviata: %s", who, login, exc)
            tell_and_close(channel, "Gamma: impossibile avviare il terminale, riprovare.")
            return
        state.on_resize = process.resize
        process.resize(state.width, state.height)  # a change that came while starting
        started = time.monotonic()
        log.info("%s: sessione di %s %s (%sprocesso %s, %s %sx%s; %s aperte)", who, login,
                 started_as, process_as, process.pid, state.term or "?", state.width,
                 state.height, self.limits.count())
        pump = SessionPump(channel, process, self.settings.ssh.hangup_grace_seconds)
        status = pump.run()
        state.on_resize = None
        with contextlib.suppress(OSError, EOFError, paramiko.SSHException):
            channel.close()
        log.info("%s: sessione di %s chiusa dopo %.0f s (%s), uscita %s, %d byte inviati, "
                 "%d ricevuti", who, login, time.monotonic() - started, pump.reason, status,
                 pump.sent, pump.received)

    # -- stop ----------------------------------------------------------------------------

    def _shutdown(self) -> None:
        """Stop listening, close every connection (which hangs up its sessions), wait;
        with resume, then end the kept sessions."""
        self._stopping.set()
        if self.keeper is not None:
            self.keeper.closing()
        if self._listener is not None:
            with contextlib.suppress(OSError):
                self._listener.close()
        with self._lock:
            transports = list(self._transports)
        for transport in transports:
            with contextlib.suppress(Exception):
                transport.close()
        deadline = time.monotonic() + self.settings.ssh.hangup_grace_seconds + 10
        while time.monotonic() < deadline:
            with self._lock:
                threads = list(self._threads)
            if not threads:
                break
            threads[0].join(timeout=max(0.1, deadline - time.monotonic()))
        with self._lock:
            left = len(self._threads)
        if left:
            log.warning("arresto: %d attività non concluse", left)
        if self.keeper is not None and self._keeper_started:
            self.keeper.stop()  # the kept sessions, hung up like the others
