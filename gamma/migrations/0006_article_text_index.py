"""A trigram index on the article description, for the lookup by a substring of it.

PostgreSQL: a GIN index with pg_trgm's gin_trgm_ops on article.description, which serves
`description ILIKE '%…%'` as the lookup issues it. The extension is created once per
database, in schema public (so that dropping a Gamma schema, as the tests do with theirs,
never drops it), and its operator class is named with the schema it lives in, because the
connection's search path may hold only Gamma's schema. An advisory lock serialises
concurrent upgrades, which would otherwise race on CREATE EXTENSION.

SQLite: an FTS5 table with the trigram tokenizer (SQLite >= 3.34), external content over
article(id, description), kept in step by triggers and filled from the rows already there.
It matches substrings of 3 or more characters case-insensitively; shorter text goes on
with LIKE.
"""
from peewee import *

PG_INDEX = "article_description_trgm"
FTS_TABLE = "article_fts"
TRIGGERS = ("article_fts_insert", "article_fts_delete", "article_fts_update")


def _is_postgres(db):
    return isinstance(db, PostgresqlDatabase)


def up(migrator, db):
    if _is_postgres(db):
        db.execute_sql("SELECT pg_advisory_xact_lock(hashtext('gamma: CREATE EXTENSION pg_trgm'))")
        db.execute_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public")
        (where,) = db.execute_sql(
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
            "WHERE e.extname = 'pg_trgm'").fetchone()
        opclass = '"%s".gin_trgm_ops' % where.replace('"', '""')
        db.execute_sql(f'CREATE INDEX "{PG_INDEX}" ON "article" USING gin ("description" {opclass})')
        return
    db.execute_sql(f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(description, content='article', "
                   "content_rowid='id', tokenize='trigram')")
    ensure(db)


def ensure(db):
    """On SQLite, put back the triggers that keep article_fts in step and refill it, when
    they are missing: the schema runner calls this after every upgrade, because a later
    migration that rebuilds the article table (SQLite's copy, drop and rename, which
    peewee's migrator does e.g. for a NOT NULL column) drops its triggers with it."""
    if _is_postgres(db):
        return
    present = {name for (name,) in db.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'article'")}
    if not db.execute_sql("SELECT 1 FROM sqlite_master WHERE name = ?", (FTS_TABLE,)).fetchone():
        return  # before this migration, or after its down()
    missing = [name for name in TRIGGERS if name not in present]
    if not missing:
        return
    for name in missing:
        db.execute_sql(_TRIGGER_SQL[name])
    db.execute_sql(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


_INSERT = f"INSERT INTO {FTS_TABLE}(rowid, description) VALUES (new.id, new.description);"
_DELETE = (f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, description) "
           "VALUES ('delete', old.id, old.description);")
_TRIGGER_SQL = {
    "article_fts_insert": f"CREATE TRIGGER article_fts_insert AFTER INSERT ON article "
                          f"BEGIN {_INSERT} END",
    "article_fts_delete": f"CREATE TRIGGER article_fts_delete AFTER DELETE ON article "
                          f"BEGIN {_DELETE} END",
    "article_fts_update": f"CREATE TRIGGER article_fts_update AFTER UPDATE OF description "
                          f"ON article BEGIN {_DELETE} {_INSERT} END",
}


def down(migrator, db):
    if _is_postgres(db):
        # The extension stays: other schemas of the same database may use it.
        db.execute_sql(f'DROP INDEX IF EXISTS "{PG_INDEX}"')
        return
    for trigger in TRIGGERS:
        db.execute_sql(f"DROP TRIGGER IF EXISTS {trigger}")
    db.execute_sql(f"DROP TABLE IF EXISTS {FTS_TABLE}")
