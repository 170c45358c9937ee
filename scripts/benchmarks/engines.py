"""Running a benchmark on both engines: a fresh SQLite file, then PostgreSQL in a schema of
its own, dropped at the end (skipped, saying why, when no server answers)."""

import os
import tempfile

PG_URL = os.environ.get("GAMMA_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


def on_both(name: str, measure) -> None:
    """measure(url, label) on SQLite, then on PostgreSQL."""
    from gamma import db
    with tempfile.TemporaryDirectory() as tmp:
        measure(f"sqlite:///{tmp}/bench.db", "sqlite")
    try:
        import psycopg2
        conn = psycopg2.connect(PG_URL)
        conn.autocommit = True
    except Exception as exc:
        print(f"{name} [postgresql]: skipped ({str(exc).strip()[:80]})")
        return
    schema = f"bench_{name}_{os.getpid()}"
    conn.cursor().execute(f"CREATE SCHEMA {schema}")
    try:
        measure(f"{PG_URL}?schema={schema}", "postgresql")
    finally:
        db.close()
        conn.cursor().execute(f"DROP SCHEMA {schema} CASCADE")
        conn.close()
