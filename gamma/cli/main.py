"""The root `gamma` command: global options, sub-commands, and one error policy.

Domain errors print one Italian line on stderr and exit 1; usage errors exit 2; a traceback
is shown only with --debug.
"""

from __future__ import annotations

import contextlib
import sys
import traceback

import click

from gamma import __version__
from gamma.audit import log
from gamma.cli.state import CliState
from gamma.cli.usage import show_usage_error
from gamma.errors import GammaError, PermissionDenied


class GammaFailure(click.ClickException):
    exit_code = 1

    def show(self, file=None) -> None:
        click.echo(f"Errore: {self.message}", err=True)


class GammaGroup(click.Group):
    """The root group: turns domain errors into one line and exit code 1, usage errors
    into an Italian line and exit code 2."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True,
             **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            super().main(args, prog_name, complete_var, False, **extra)
        except click.UsageError as exc:
            show_usage_error(exc)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("Interrotto.", err=True)
            sys.exit(1)
        sys.exit(0)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except GammaError as exc:
            state: CliState | None = ctx.obj
            if isinstance(exc, PermissionDenied) and state is not None:
                _record_denial(state, exc)
            if state is not None and state.debug:
                traceback.print_exc()
            raise GammaFailure(exc.message) from None
        except Exception as exc:
            state = ctx.obj
            if state is not None and state.debug:
                raise
            raise GammaFailure(f"errore interno: {type(exc).__name__}: {exc} "
                               "(--debug per i dettagli)") from None


def _record_denial(state: CliState, exc: PermissionDenied) -> None:
    # Without a known operator there is nobody to name: the denial is still told on stderr.
    with contextlib.suppress(GammaError):
        log.record_denial(state.base_context(), exc)


@click.group(cls=GammaGroup, context_settings={"help_option_names": ["-h", "--help"],
                                                 "max_content_width": 100})
@click.option("--db", "db_url", metavar="URL", help="Database URL (sqlite:///file.db, "
              "postgresql://user@host:port/db); default from configuration, GAMMA_DB.")
@click.option("--company", type=int, metavar="N", help="Company code (GAMMA_COMPANY).")
@click.option("--operator", metavar="LOGIN", help="Operator the command acts as "
              "(GAMMA_OPERATOR); its permissions apply.")
@click.option("--config", "config_file", metavar="FILE", type=click.Path(dir_okay=False),
              help="Extra configuration file (GAMMA_CONFIG).")
@click.option("--debug", is_flag=True, help="Show tracebacks of errors.")
@click.version_option(__version__, prog_name="gamma")
@click.pass_context
def cli(ctx: click.Context, db_url, company, operator, config_file, debug):
    """Gamma: gestionale multi-ditta. Every command acts as an operator and is bound by
    that operator's permissions."""
    ctx.obj = CliState(db_url, company, operator, config_file, debug)


def _register() -> None:
    # Every gamma/cli/*_cmd.py module: a new command group needs no edit here.
    from gamma.discovery import import_all
    for module in import_all("gamma.cli", suffix="_cmd"):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main() -> None:
    cli(prog_name="gamma")


if __name__ == "__main__":
    main()
