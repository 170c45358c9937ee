"""Shared fixtures: a real SQLite file and a real PostgreSQL schema for every database test.

Tests that take `database` run once per engine. PostgreSQL is reached at
$GAMMA_TEST_PG (default postgresql://postgres@127.0.0.1:5432/test); each run works in a
schema of its own, dropped at the end. Without a server the PostgreSQL half is skipped
with the reason shown in the summary.
"""

from __future__ import annotations

import os
import shutil
import uuid
from datetime import datetime, timezone
from pathlib import Path

import pytest

from gamma import bootstrap, companies, db, schema
from gamma.access import operators
from gamma.context import Context, FixedClock
from gamma.settings import Settings, load

PG_URL = os.environ.get("GAMMA_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
ADMIN_PASSWORD = "segreto123"
NOW = datetime(2026, 3, 10, 9, 30, tzinfo=timezone.utc)  # 10:30 in Rome


def make_settings(**overrides) -> Settings:
    """Defaults only (nothing from this machine's files or environment), cheap hashes."""
    base = load(env={"HOME": "/nonexistent"})
    return base.replace(**{"security.scrypt_n": 1024, **overrides})


@pytest.fixture
def settings() -> Settings:
    return make_settings()


class PgServer:
    """Creates and drops schemas on the test server."""

    def __init__(self, url: str):
        import psycopg2
        self.url = url
        self.conn = psycopg2.connect(url)
        self.conn.autocommit = True
        self.schemas: list[str] = []

    def new_schema(self) -> str:
        name = f"gamma_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        with self.conn.cursor() as cur:
            cur.execute(f'CREATE SCHEMA "{name}"')
        self.schemas.append(name)
        return f"{self.url}?schema={name}"

    def drop_all(self) -> None:
        with self.conn.cursor() as cur:
            for name in self.schemas:
                cur.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
                cur.execute(f'DROP SCHEMA IF EXISTS "{name}_before_restore" CASCADE')
        self.conn.close()


@pytest.fixture(scope="session")
def pg_server():
    try:
        server = PgServer(PG_URL)
    except Exception as exc:  # no driver or no server: say so in the summary
        reason = " ".join(str(exc).split())[:120]
        pytest.skip(f"PostgreSQL non raggiungibile a {PG_URL}: {reason}")
    yield server
    server.drop_all()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """An SQLite file migrated once; each test gets a copy."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    database = db.connect(f"sqlite:///{path}")
    schema.upgrade(database)
    db.close()
    return path


@pytest.fixture(scope="session")
def pg_template_url(pg_server) -> str:
    """A PostgreSQL schema migrated once; tests empty its tables after use."""
    url = pg_server.new_schema()
    database = db.connect(url)
    schema.upgrade(database)
    db.close()
    return url


def _truncate_all(database) -> None:
    tables = [t for t in database.get_tables() if t != schema.HISTORY_TABLE]
    if tables:
        database.execute_sql("TRUNCATE " + ", ".join(f'"{t}"' for t in tables)
                             + " RESTART IDENTITY CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    """The URL of an empty, migrated database of each engine."""
    if request.param == "sqlite":
        path = tmp_path / "gamma.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    url = request.getfixturevalue("pg_template_url")
    yield url
    database = db.connect(url)
    _truncate_all(database)
    db.close()


@pytest.fixture
def database(db_url):
    database = db.connect(db_url)
    yield database
    db.close()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def admin_ctx(database, settings, clock) -> Context:
    """The administrator on company 1, the database set up as `gamma init` leaves it."""
    bootstrap.init(settings, database, ADMIN_PASSWORD, clock=clock)
    ctx = Context(settings, operator=operators.find("admin"), clock=clock)
    return companies.open_company(ctx, 1)


@pytest.fixture
def engine(db_url) -> str:
    return "sqlite" if db_url.startswith("sqlite") else "postgresql"


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_db_url(request, tmp_path) -> str:
    """A database with no table at all, of each engine."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'empty.db'}"
    return request.getfixturevalue("pg_server").new_schema()
