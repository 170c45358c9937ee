"""gamma ssh serve | host-key."""

from __future__ import annotations

import logging
import os
import signal
import sys

import click

from gamma import functions, sessions
from gamma.cli.state import CliState, pass_state, uses
from gamma.errors import GammaError


@click.group("ssh")
def ssh():
    """The embedded SSH server of the operator terminal."""


def _log_to_stderr() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s gamma-ssh %(message)s",
                                           "%Y-%m-%d %H:%M:%S"))
    logger = logging.getLogger("gamma.ssh")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    # paramiko's own messages (a reset connection, with its traceback) are noise here:
    # the outcome of every connection is told by the lines above.
    logging.getLogger("paramiko").setLevel(logging.CRITICAL + 1)


@uses(functions.SESSIONS)
@ssh.command("serve")
@click.option("--listen", metavar="HOST:PORT",
              help="Address and port to listen on (default: the ssh.listen setting; port 0 "
                   "picks a free one).")
@click.option("--resume/--no-resume", default=None,
              help="Keep a dropped session for ssh.resume_minutes: the same operator "
                   "connecting again gets it back as it was. Needs tmux. Default: the "
                   "ssh.resume setting.")
@pass_state
def serve(state: CliState, listen: str | None, resume: bool | None):
    """Serve the operator terminal over SSH: operators log in with their password or a
    registered key and get the Gamma terminal, never a system shell. Stops on SIGTERM or
    SIGINT, hanging up every session."""
    from gamma.ssh import hostkey, resume as keeping, server  # paramiko only when needed

    settings = state.settings
    if resume is None:
        resume = settings.ssh.resume
    tmux = None
    if resume:
        tmux = keeping.tmux_program()
        if tmux is None:
            raise GammaError(keeping.NO_TMUX)
        if settings.ssh.resume_minutes <= 0:
            raise GammaError("ssh.resume_minutes deve essere maggiore di zero "
                             f"({settings.sources.get('ssh.resume_minutes', 'predefinito')})")
    try:
        host, port = server.parse_listen(listen or settings.ssh.listen)
    except ValueError:
        raise click.BadParameter(f"indirizzo non valido {listen or settings.ssh.listen!r} "
                                 "(atteso HOST:PORTA)", param_hint="--listen") from None
    state.database()
    _log_to_stderr()
    log = logging.getLogger("gamma.ssh")
    key_path = hostkey.path_for(settings)
    key, created = hostkey.load_or_create(key_path)
    log.info("chiave del server %s %s (%s)", "creata" if created else "letta", key_path,
             hostkey.fingerprint(key))
    ended = sessions.reap(state.system_context())
    if ended:
        log.info("chiuse %d sessioni rimaste aperte da processi terminati", ended)
    config_file = state.config_file or os.environ.get("GAMMA_CONFIG") or None
    ssh_server = server.SshServer(settings, key, config_file=config_file, tmux=tmux)
    try:
        bound = ssh_server.bind(host, port)
    except OSError as exc:
        raise GammaError(f"impossibile ascoltare su {host}:{port}: "
                                   f"{exc.strerror or exc}") from None
    try:
        ssh_server.start_keeper()
    except OSError as exc:
        raise GammaError(f"impossibile preparare tmux per la ripresa delle sessioni: "
                         f"{exc}") from None
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, lambda *_: ssh_server.stop())
    log.info("in ascolto su %s:%s (database %s)", bound[0], bound[1],
             state.database(check_schema=False).gamma_url.display())
    ssh_server.serve()
    log.info("server arrestato")


@uses(functions.SESSIONS)
@ssh.command("host-key")
@pass_state
def host_key(state: CliState):
    """Show the fingerprint of the server's host key (created when missing), for operators
    to check at their first connection."""
    from gamma.ssh import hostkey

    path = hostkey.path_for(state.settings)
    key, created = hostkey.load_or_create(path)
    click.echo(f"{hostkey.fingerprint(key)} {key.get_name()} {path}"
               + (" (creata ora)" if created else ""))


COMMANDS = [ssh]
