"""Versioned schema migrations, on peewee's migration runner.

Each file in gamma/migrations/ (NNNN_name.py) moves the schema one version up with
`up(migrator, db)`; new tables are declared there as frozen copies, independent of the
models, so an old migration never changes meaning. The runner records every applied file
in `schema_migration`; the version is the number of the last one applied. A migration may
also define `ensure(db)`, run after every upgrade while it is applied, to restore what a
later migration can lose on the way (see ensure_objects).
A test checks that the migrated schema and the models agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from peewee import Database
from playhouse.migrations import Migration, Runner

from gamma.errors import DatabaseError

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
HISTORY_TABLE = "schema_migration"


@dataclass(frozen=True)
class SchemaStatus:
    current: int  # 0: empty database
    latest: int  # what this program knows
    pending: list[str]

    @property
    def up_to_date(self) -> bool:
        return self.current == self.latest


def runner(db: Database) -> Runner:
    return Runner(db, str(MIGRATIONS_DIR), table_name=HISTORY_TABLE)


def runner_for_files() -> Runner:
    """A runner with no database, for writing new migration files."""
    from peewee import SqliteDatabase
    return Runner(SqliteDatabase(":memory:"), str(MIGRATIONS_DIR), table_name=HISTORY_TABLE)


def latest_version() -> int:
    return max((m.idx for m in Migration.load_directory(str(MIGRATIONS_DIR))), default=0)


def status(db: Database) -> SchemaStatus:
    rows = runner(db).status()
    applied = [m.idx for m in rows if m.applied]
    return SchemaStatus(current=max(applied, default=0), latest=latest_version(),
                        pending=[m.name for m in rows if not m.applied and m.path])


def upgrade(db: Database, target: int | None = None) -> list[str]:
    """Apply pending migrations (up to `target`, a version number); return their names."""
    r = runner(db)
    rows = r.status()
    if any(m.path is None for m in rows):
        unknown = ", ".join(m.name for m in rows if m.path is None)
        raise DatabaseError(
            f"Il database è stato aggiornato da una versione più recente di Gamma ({unknown}): "
            "aggiornare il programma")
    name = None
    if target is not None:
        names = [m.name for m in rows if m.idx == target]
        if not names:
            raise DatabaseError(f"Versione dello schema {target} inesistente")
        name = names[0]
    applied = r.up(name)
    ensure_objects(db, r)
    return applied


def ensure_objects(db: Database, r: Runner | None = None) -> None:
    """Run `ensure(db)` of every applied migration that defines one. On SQLite a migration
    that rebuilds a table (copy, drop, rename: peewee's migrator does so e.g. to add NOT NULL)
    drops the table's triggers with it; 0006's triggers keep the article text index in step,
    and its ensure() puts them back."""
    r = r or runner(db)
    for m in r.status():
        if m.applied and m.path:
            hook = getattr(m.load(), "ensure", None)
            if hook is not None:
                with db.atomic():
                    hook(db)


# Indexes that no model declares, on purpose: engine-specific search aids, not part of the
# data model. Migration 0006's GIN trigram index on article.description (PostgreSQL); its
# SQLite counterpart (the FTS5 table article_fts and its triggers) is invisible to the diff
# already, which ignores tables no model covers and never looks at triggers.
NOT_IN_MODELS = {("article", "article_description_trgm")}


def diff(db: Database):
    """What differs between the database schema and the models (playhouse's diff_models),
    less the indexes of NOT_IN_MODELS."""
    import models
    from playhouse.schema_diff import diff_models
    found = diff_models(db, models.ALL_MODELS)
    return found._replace(drop_indexes=[i for i in found.drop_indexes
                                        if (i.table, i.name) not in NOT_IN_MODELS])


def require_current(db: Database) -> None:
    """Refuse to work on a database whose schema is not the one this program expects."""
    s = status(db)
    if s.current < s.latest:
        if s.current == 0:
            raise DatabaseError("Database vuoto: eseguire `gamma init` (oppure `gamma db upgrade`)")
        raise DatabaseError(
            f"Schema del database alla versione {s.current}, il programma richiede la "
            f"{s.latest}: eseguire `gamma db upgrade`")
    if s.current > s.latest:
        raise DatabaseError(
            f"Schema del database alla versione {s.current}, più recente di questo programma "
            f"({s.latest}): aggiornare Gamma")
