"""The database session: binding the models' proxy to SQLite or PostgreSQL, transactions.

SQLite runs in WAL mode with foreign keys on and a busy timeout; its write transactions
begin IMMEDIATE, so two writers queue at BEGIN instead of failing on a lock upgrade.
PostgreSQL goes through psycopg2; `?schema=NAME` in the URL sets the search path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlparse

from peewee import Database, PostgresqlDatabase, SqliteDatabase

from gamma.errors import DatabaseError
from models import database


@dataclass(frozen=True)
class DatabaseURL:
    """A parsed database URL."""

    engine: str  # "sqlite" or "postgresql"
    path: str = ""  # sqlite file
    name: str = ""  # postgresql database
    user: str | None = None
    password: str | None = None
    host: str | None = None
    port: int | None = None
    schema: str | None = None
    options: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, url: str) -> "DatabaseURL":
        parsed = urlparse(url)
        if parsed.scheme == "sqlite":
            path = unquote(parsed.netloc + parsed.path)
            if not path or path == "/":
                raise DatabaseError(f"URL del database senza percorso del file: {url}")
            if path.startswith("//"):
                path = path[1:]
            return cls(engine="sqlite", path=str(Path(path).expanduser()))
        if parsed.scheme in ("postgresql", "postgres"):
            options = dict(parse_qsl(parsed.query))
            schema = options.pop("schema", None)
            return cls(
                engine="postgresql",
                name=unquote(parsed.path.lstrip("/")) or "postgres",
                user=unquote(parsed.username) if parsed.username else None,
                password=unquote(parsed.password) if parsed.password else None,
                host=parsed.hostname,
                port=parsed.port,
                schema=schema,
                options=options,
            )
        raise DatabaseError(
            f"URL del database non riconosciuto: {url!r} (usare sqlite:///percorso oppure "
            "postgresql://utente@host:porta/database)")

    def display(self) -> str:
        """The URL without the password, for messages."""
        if self.engine == "sqlite":
            return f"sqlite:///{self.path}" if self.path.startswith("/") else f"sqlite:{self.path}"
        auth = f"{self.user}@" if self.user else ""
        port = f":{self.port}" if self.port else ""
        schema = f"?schema={self.schema}" if self.schema else ""
        return f"postgresql://{auth}{self.host or ''}{port}/{self.name}{schema}"


def make_database(url: DatabaseURL, busy_timeout_ms: int = 10000) -> Database:
    """A peewee database for the URL, not yet connected."""
    if url.engine == "sqlite":
        Path(url.path).parent.mkdir(parents=True, exist_ok=True)
        return SqliteDatabase(
            url.path,
            pragmas={
                "journal_mode": "wal",
                "foreign_keys": 1,
                "busy_timeout": busy_timeout_ms,
                "synchronous": "normal",
            },
            timeout=busy_timeout_ms / 1000,
            lock_type="IMMEDIATE",
        )
    kwargs: dict = dict(url.options)
    for key in ("user", "password", "host", "port"):
        value = getattr(url, key)
        if value is not None:
            kwargs[key] = value
    if url.schema:
        kwargs["options"] = f"-c search_path={url.schema}"
    return PostgresqlDatabase(url.name, **kwargs)


def connect(url: str, busy_timeout_ms: int = 10000) -> Database:
    """Bind the models to the database at `url` and open the connection."""
    parsed = DatabaseURL.parse(url)
    db = make_database(parsed, busy_timeout_ms)
    close()
    database.initialize(db)
    try:
        db.connect()
    except Exception as exc:  # peewee's OperationalError, or the driver's own when missing
        database.initialize(None)
        raise DatabaseError(f"Database non raggiungibile ({parsed.display()}): {exc}") from None
    db.gamma_url = parsed  # what backup/restore need to know of where the data lives
    return db


def close() -> None:
    """Close the current thread's connection, if any."""
    if database.obj is not None and not database.obj.is_closed():
        database.obj.close()


def current() -> Database:
    if database.obj is None:
        raise DatabaseError("Nessun database aperto")
    return database.obj


def url() -> DatabaseURL:
    return current().gamma_url


def is_sqlite() -> bool:
    return isinstance(current(), SqliteDatabase)


def transaction():
    """One business operation: everything inside commits together or not at all.

    Nested calls become savepoints of the outer transaction.
    """
    return database.atomic()


def in_transaction() -> bool:
    return database.obj is not None and database.obj.in_transaction()
