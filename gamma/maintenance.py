"""Database maintenance as services: backup, restore, check. Each is audited."""

from __future__ import annotations

from dataclasses import dataclass, field

from gamma import backup, db, functions, schema, sessions
from gamma.audit import log
from gamma.context import Context
from gamma.errors import GammaError
from gamma.service import operation
from models import Session


@operation(functions.DB_BACKUP, write=False)
def backup_database(ctx: Context, dest: str) -> backup.BackupReport:
    report = backup.backup(db.current(), dest, ctx.settings.database.pg_dump)
    with db.transaction():
        log.record_event(ctx, "backup", f"Copia di sicurezza in {report.path}: "
                         f"{report.tables} tabelle, {report.rows} righe")
    return report


@operation(functions.DB_RESTORE, write=False)
def restore_database(ctx: Context, source: str, force: bool = False) -> backup.BackupReport:
    """Replace the data with a backup; refused while other operators are connected."""
    sessions.reap(ctx)
    others = [s for s in Session.select().where(Session.ended_at.is_null())
              if s.id != ctx.session_id]
    if others and not force:
        who = ", ".join(sorted({s.operator.display for s in others}))
        raise GammaError(f"Ripristino rifiutato: {len(others)} sessioni aperte ({who}); "
                         "chiuderle o usare --force")
    report = backup.restore(db.current(), source, ctx.settings.database.pg_restore)
    with db.transaction():
        log.record_event(ctx, "restore", f"Ripristino da {report.path}: {report.tables} "
                         f"tabelle, {report.rows} righe, schema versione {report.version}")
    return report


@dataclass
class CheckReport:
    engine: str
    schema_version: int
    latest_version: int
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@operation(functions.DB_CHECK, write=False)
def check_database(ctx: Context) -> CheckReport:
    """Integrity (SQLite), foreign keys (SQLite), schema version and schema-vs-models."""
    database = db.current()
    status = schema.status(database)
    report = CheckReport(db.url().engine, status.current, status.latest)
    if not status.up_to_date:
        report.problems.append(f"schema alla versione {status.current}, attesa {status.latest}")
    if db.is_sqlite():
        result = database.execute_sql("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            report.problems.append(f"integrità: {result}")
        for table, rowid, parent, _ in database.execute_sql("PRAGMA foreign_key_check"):
            report.problems.append(f"{table} riga {rowid}: riferimento mancante a {parent}")
    diff = schema.diff(database)
    if diff:
        report.problems.extend(f"schema diverso dal programma: {line}"
                               for line in str(diff).splitlines())
    return report
