"""gamma db upgrade | status | backup | restore | check."""

from __future__ import annotations

import click

from gamma import functions, maintenance, schema
from gamma.cli.output import emit_json, json_option
from gamma.cli.state import CliState, pass_state, uses
from gamma.errors import GammaError


@click.group("db")
def db_group():
    """Database schema, backup and restore."""


@uses(functions.DB_UPGRADE)
@db_group.command("upgrade")
@click.option("--to", "target", type=int, metavar="VERSION",
              help="Stop at this schema version (default: the latest).")
@pass_state
def upgrade(state: CliState, target: int | None):
    """Create or upgrade the schema to the version this program needs.

    Runs without an operator: it is what makes operators possible. Protect it with the
    database's own credentials and file permissions.
    """
    database = state.database(check_schema=False)
    applied = schema.upgrade(database, target)
    status = schema.status(database)
    if not applied:
        click.echo(f"Nessuna modifica: schema già alla versione {status.current}.")
        return
    for name in applied:
        click.echo(f"Applicata la migrazione {name}")
    click.echo(f"Schema alla versione {status.current}.")


@uses(functions.DB_UPGRADE)
@db_group.command("status")
@json_option
@pass_state
def status_cmd(state: CliState, as_json: bool):
    """Show the schema version of the database and of this program."""
    status = schema.status(state.database(check_schema=False))
    if as_json:
        emit_json({"current": status.current, "latest": status.latest,
                   "pending": status.pending})
        return
    click.echo(f"Versione dello schema: {status.current} (programma: {status.latest})")
    for name in status.pending:
        click.echo(f"Da applicare: {name}")


@uses(functions.DB_BACKUP)
@db_group.command("backup")
@click.argument("file", type=click.Path(dir_okay=False))
@pass_state
def backup_cmd(state: CliState, file: str):
    """Write a verified copy of the database to FILE (safe while operators work)."""
    report = maintenance.backup_database(state.context(), file)
    click.echo(f"Copia di sicurezza scritta e verificata: {report.path} "
               f"({report.tables} tabelle, {report.rows} righe, schema {report.version})")


@uses(functions.DB_RESTORE)
@db_group.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--force", is_flag=True, help="Restore even with other sessions open.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_state
def restore_cmd(state: CliState, file: str, force: bool, yes: bool):
    """Replace the database's data with the copy in FILE, then verify it table by table."""
    ctx = state.context()
    if not yes:
        click.confirm("Il contenuto attuale del database sarà sostituito. Continuare?",
                      abort=True)
    report = maintenance.restore_database(ctx, file, force=force)
    click.echo(f"Ripristino completato e verificato: {report.tables} tabelle, "
               f"{report.rows} righe, schema {report.version}")
    if report.version < schema.latest_version():
        click.echo("La copia è di una versione precedente: eseguire `gamma db upgrade`.")


@uses(functions.DB_CHECK)
@db_group.command("check")
@json_option
@pass_state
def check_cmd(state: CliState, as_json: bool):
    """Check integrity, foreign keys and that the schema matches this program."""
    report = maintenance.check_database(state.context())
    if as_json:
        emit_json({"ok": report.ok, "engine": report.engine,
                   "schema_version": report.schema_version, "problems": report.problems})
    else:
        for problem in report.problems:
            click.echo(f"- {problem}")
        click.echo("Database integro." if report.ok else "Trovati problemi.")
    if not report.ok:
        raise GammaError(f"verifica fallita: {len(report.problems)} problemi")


COMMANDS = [db_group]
