"""What one SSH connection may do: paramiko's ServerInterface for the operator terminal.

Logins by the operator's password (through gamma.access.auth, which counts failures and
locks the operator) or by a public key registered to the operator. Only "session"
channels, with a pseudo-terminal and a shell request, which runs the TUI; exec, subsystems
(SFTP), port forwarding, X11, agent forwarding and environment variables are refused.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Callable

import paramiko

from gamma import db
from gamma.access import auth, keys
from gamma.context import Clock, Context
from gamma.errors import AuthenticationError, GammaError
from gamma.settings import Settings
from gamma.ssh.throttle import FailureThrottle

log = logging.getLogger("gamma.ssh")

THROTTLE_DELAY = 2.0  # seconds a throttled attempt waits before its refusal


@dataclass
class ChannelState:
    """What the client asked of one session channel."""

    term: str = ""
    width: int = 80
    height: int = 24
    has_pty: bool = False
    shell: threading.Event = field(default_factory=threading.Event)
    # Set by the session once its process runs, so that window changes reach it.
    on_resize: Callable[[int, int], None] | None = None


class ConnectionPolicy(paramiko.ServerInterface):
    """One per connection; paramiko calls it from the connection's transport thread."""

    def __init__(self, settings: Settings, peer: tuple[str, int], throttle: FailureThrottle):
        self.settings = settings
        self.peer = peer
        self.throttle = throttle
        self.login: str | None = None  # the operator, once authenticated
        self.method = ""
        self._channels: dict[int, ChannelState] = {}
        self._lock = threading.Lock()

    @property
    def who(self) -> str:
        return f"{self.peer[0]}:{self.peer[1]}"

    def channel(self, chanid: int) -> ChannelState:
        with self._lock:
            return self._channels.setdefault(chanid, ChannelState())

    def forget(self, chanid: int) -> None:
        with self._lock:
            self._channels.pop(chanid, None)

    # -- authentication -------------------------------------------------------------

    def get_allowed_auths(self, username: str) -> str:
        return "publickey,password"

    def check_auth_none(self, username: str) -> int:
        return paramiko.AUTH_FAILED

    def check_auth_password(self, username: str, password) -> int:
        address = self.peer[0]
        if self.throttle.blocked(address):
            log.info("%s: password di %r non verificata: troppi tentativi falliti da questo "
                     "indirizzo", self.who, username)
            time.sleep(THROTTLE_DELAY)
            return paramiko.AUTH_FAILED
        if isinstance(password, bytes):  # not UTF-8: cannot be anybody's password
            password = password.decode("utf-8", "replace")
        ctx = Context(self.settings, operator=None, clock=Clock())
        try:
            operator = auth.login(ctx, username, password)
        except AuthenticationError as exc:
            self.throttle.failed(address)
            log.info("%s: accesso con password rifiutato per %r: %s", self.who, username,
                     exc.message)
            return paramiko.AUTH_FAILED
        except GammaError as exc:
            log.warning("%s: accesso con password non verificato per %r: %s", self.who,
                        username, exc.message)
            return paramiko.AUTH_FAILED
        finally:
            db.close()  # this thread's connection: not kept for the life of the transport
        self.login, self.method = operator.login, "password"
        return paramiko.AUTH_SUCCESSFUL

    def check_auth_publickey(self, username: str, key: paramiko.PKey) -> int:
        # Called once to ask whether the key would do and again, signature verified by
        # paramiko, to log in; failures are not throttled (clients offer every key they
        # hold), and a key cannot be guessed.
        try:
            operator = keys.find_operator(key.get_name(), key.asbytes())
        except GammaError as exc:
            log.warning("%s: chiave di %r non verificata: %s", self.who, username, exc.message)
            return paramiko.AUTH_FAILED
        finally:
            db.close()
        if operator is None or operator.login != (username or "").strip().lower():
            return paramiko.AUTH_FAILED
        if not operator.active or (operator.locked_until is not None and
                                   operator.locked_until > Clock().now()):
            log.info("%s: chiave di %r rifiutata: operatore bloccato o disattivato", self.who,
                     username)
            return paramiko.AUTH_FAILED
        self.login = operator.login
        self.method = f"chiave {keys.fingerprint(key.asbytes())}"
        return paramiko.AUTH_SUCCESSFUL

    # -- channels and requests --------------------------------------------------------

    def check_channel_request(self, kind: str, chanid: int) -> int:
        if kind == "session":
            return paramiko.OPEN_SUCCEEDED
        log.info("%s: canale %r rifiutato", self.who, kind)
        return paramiko.OPEN_FAILED_ADMINISTRATIVELY_PROHIBITED

    def check_channel_direct_tcpip_request(self, chanid, origin, destination) -> int:
        log.info("%s: inoltro di porta verso %s:%s rifiutato", self.who, *destination)
        return paramiko.OPEN_FAILED_ADMINISTRATIVELY_PROHIBITED

    def check_port_forward_request(self, address, port) -> bool:
        log.info("%s: inoltro di porta remoto %s:%s rifiutato", self.who, address, port)
        return False

    def check_global_request(self, kind, msg) -> bool:
        return False

    def check_channel_pty_request(self, channel, term, width, height, pixelwidth,
                                  pixelheight, modes) -> bool:
        state = self.channel(channel.get_id())
        term = term.decode("ascii", "replace") if isinstance(term, bytes) else str(term)
        state.term = "".join(ch for ch in term if ch.isalnum() or ch in "-_.+")[:40]
        state.width, state.height = _size(width, 80), _size(height, 24)
        state.has_pty = True
        return True

    def check_channel_shell_request(self, channel) -> bool:
        # Accepted even without a pseudo-terminal, so that the session can tell the
        # client why it is refused before closing.
        self.channel(channel.get_id()).shell.set()
        return True

    def check_channel_window_change_request(self, channel, width, height, pixelwidth,
                                            pixelheight) -> bool:
        state = self.channel(channel.get_id())
        state.width, state.height = _size(width, state.width), _size(height, state.height)
        if state.on_resize is not None:
            state.on_resize(state.width, state.height)
        return True

    def check_channel_exec_request(self, channel, command) -> bool:
        log.info("%s: comando %r rifiutato (solo il terminale Gamma)", self.who,
                 bytes(command)[:80].decode("utf-8", "replace"))
        return False

    def check_channel_subsystem_request(self, channel, name) -> bool:
        log.info("%s: sottosistema %r rifiutato", self.who, name)
        return False

    def check_channel_x11_request(self, channel, single_connection, auth_protocol,
                                  auth_cookie, screen_number) -> bool:
        log.info("%s: inoltro X11 rifiutato", self.who)
        return False

    def check_channel_forward_agent_request(self, channel) -> bool:
        log.info("%s: inoltro dell'agente rifiutato", self.who)
        return False

    def check_channel_env_request(self, channel, name, value) -> bool:
        return False


def _size(value: int, default: int) -> int:
    """A terminal dimension from the client, kept within what a pty accepts."""
    return max(1, min(int(value), 1000)) if value else default
