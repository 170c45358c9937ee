"""Backup and restore, checked rather than assumed.

SQLite: the online backup API copies a consistent image while operators keep working;
the copy is an ordinary SQLite file. PostgreSQL: pg_dump (custom format) of the schema,
run on a snapshot exported from a transaction that also takes the fingerprint; the backup
is a tar holding the dump and that fingerprint.

Every backup is verified once written, and every restore is compared table by table
(row count and a digest of the rows) with the fingerprint of the backup before the old
data is let go.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from peewee import Database

from gamma import db as dbmod, schema
from gamma.db import DatabaseURL
from gamma.errors import DatabaseError

Fingerprint = dict[str, list]  # table -> [row count, digest]

SQLITE_MAGIC = b"SQLite format 3\x00"
MANIFEST = "gamma-manifest.json"
DUMP = "database.pgdump"


@dataclass(frozen=True)
class BackupReport:
    path: Path
    tables: int
    rows: int
    version: int


def _summary(path: Path, fp: Fingerprint, version: int) -> BackupReport:
    return BackupReport(path, len(fp), sum(count for count, _ in fp.values()), version)


# SQLite


def _sqlite_fingerprint(conn: sqlite3.Connection) -> Fingerprint:
    # Stored tables only: a virtual table (the FTS5 article_fts) and its shadow tables
    # (article_fts_data, _idx, …: some WITHOUT ROWID) hold no data of their own, only an
    # index over other tables.
    rows = conn.execute(
        "SELECT name, sql LIKE 'CREATE VIRTUAL TABLE%' FROM sqlite_master "
        "WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall()
    virtual = [name for name, is_virtual in rows if is_virtual]
    tables = [name for name, is_virtual in rows if not is_virtual
              and not any(name.startswith(v + "_") for v in virtual)]
    result = {}
    for table in tables:
        digest = hashlib.sha256()
        count = 0
        for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid'):
            digest.update(repr(row).encode())
            count += 1
        result[table] = [count, digest.hexdigest()]
    return result


def _sqlite_check(conn: sqlite3.Connection, what: str) -> int:
    """Integrity and schema version of an SQLite database; return the version."""
    try:
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{what}: non è un database SQLite leggibile ({exc})") from None
    if result != "ok":
        raise DatabaseError(f"{what}: verifica di integrità fallita ({result})")
    try:
        names = [r[0] for r in conn.execute(f"SELECT name FROM {schema.HISTORY_TABLE}")]
    except sqlite3.DatabaseError:
        raise DatabaseError(f"{what}: non contiene un database Gamma") from None
    return _version(names, what)


def _version(names: list[str], what: str) -> int:
    return _known(max((int(n.split("_", 1)[0]) for n in names), default=0), what)


def _known(version: int, what: str) -> int:
    if version > schema.latest_version():
        raise DatabaseError(f"{what}: schema alla versione {version}, più recente di questo "
                            f"programma ({schema.latest_version()})")
    return version


def _backup_sqlite(url: DatabaseURL, dest: Path) -> BackupReport:
    tmp = dest.with_name(dest.name + ".partial")
    tmp.unlink(missing_ok=True)
    src = sqlite3.connect(url.path)
    out = sqlite3.connect(tmp)
    try:
        src.backup(out, pages=4096)  # in steps: writers are held up only briefly
        out.execute("PRAGMA journal_mode=DELETE")  # a self-contained single file
        version = _sqlite_check(out, "Copia")
        fp = _sqlite_fingerprint(out)
    finally:
        out.close()
        src.close()
    os.replace(tmp, dest)
    return _summary(dest, fp, version)


def _restore_sqlite(url: DatabaseURL, source: Path) -> BackupReport:
    src = sqlite3.connect(source.as_uri() + "?mode=ro", uri=True)
    try:
        version = _sqlite_check(src, str(source))
        expected = _sqlite_fingerprint(src)
        live = sqlite3.connect(url.path, timeout=30)
        try:
            src.backup(live)
            actual = _sqlite_fingerprint(live)
            _sqlite_check(live, "Database ripristinato")
        finally:
            live.close()
    finally:
        src.close()
    _compare(expected, actual)
    return _summary(source, actual, version)


# PostgreSQL


def _pg_connect(url: DatabaseURL):
    import psycopg2  # the postgres extra
    kwargs = {k: v for k, v in dict(dbname=url.name, user=url.user, password=url.password,
                                    host=url.host, port=url.port).items() if v is not None}
    return psycopg2.connect(**kwargs, **url.options)


def _pg_env(url: DatabaseURL) -> dict[str, str]:
    env = dict(os.environ)
    for var, value in (("PGHOST", url.host), ("PGPORT", url.port), ("PGUSER", url.user),
                       ("PGPASSWORD", url.password), ("PGDATABASE", url.name)):
        if value is not None:
            env[var] = str(value)
    return env


def _pg_fingerprint(cur, schema_name: str) -> Fingerprint:
    cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = %s ORDER BY tablename",
                (schema_name,))
    result = {}
    for (table,) in cur.fetchall():
        cur.execute(f'SELECT count(*), md5(coalesce(string_agg(t::text, E\'\\n\' '
                    f'ORDER BY t::text), \'\')) FROM "{schema_name}"."{table}" t')
        count, digest = cur.fetchone()
        result[table] = [count, digest]
    return result


def _pg_version(cur, schema_name: str, what: str) -> int:
    cur.execute(f'SELECT name FROM "{schema_name}".{schema.HISTORY_TABLE}')
    return _version([r[0] for r in cur.fetchall()], what)


def _run(cmd: list[str], env: dict[str, str], what: str) -> None:
    try:
        done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    except FileNotFoundError:
        raise DatabaseError(f"{what}: programma {cmd[0]} non trovato "
                            "(impostazioni database.pg_dump / database.pg_restore)") from None
    if done.returncode != 0:
        raise DatabaseError(f"{what} fallito: {done.stderr.strip()[:500]}")


def _backup_pg(url: DatabaseURL, dest: Path, pg_dump: str) -> BackupReport:
    schema_name = url.schema or "public"
    conn = _pg_connect(url)
    try:
        conn.set_session(isolation_level="REPEATABLE READ", readonly=True)
        with conn.cursor() as cur:
            cur.execute("SELECT pg_export_snapshot()")
            snapshot = cur.fetchone()[0]
            version = _pg_version(cur, schema_name, "Database")
            fp = _pg_fingerprint(cur, schema_name)
            with tempfile.TemporaryDirectory() as tmpdir:
                dump = Path(tmpdir) / DUMP
                _run([pg_dump, "--format=custom", f"--snapshot={snapshot}", "--no-owner",
                      f"--schema={schema_name}", f"--file={dump}"], _pg_env(url), "pg_dump")
                manifest = json.dumps({"engine": "postgresql", "schema": schema_name,
                                       "version": version, "fingerprint": fp}).encode()
                tmp = dest.with_name(dest.name + ".partial")
                with tarfile.open(tmp, "w") as tar:
                    info = tarfile.TarInfo(MANIFEST)
                    info.size = len(manifest)
                    tar.addfile(info, io.BytesIO(manifest))
                    tar.add(dump, DUMP)
        conn.rollback()
    finally:
        conn.close()
    os.replace(tmp, dest)
    return _summary(dest, fp, version)


def _restore_pg(url: DatabaseURL, source: Path, pg_restore: str) -> BackupReport:
    schema_name = url.schema or "public"
    tmpdir = tempfile.mkdtemp()
    try:
        try:
            with tarfile.open(source) as tar:
                manifest = json.load(tar.extractfile(MANIFEST))
                tar.extract(DUMP, tmpdir, filter="data")
        except (tarfile.TarError, KeyError, json.JSONDecodeError, TypeError) as exc:
            raise DatabaseError(f"{source}: non è una copia di sicurezza Gamma ({exc})") from None
        if manifest.get("schema") != schema_name:
            raise DatabaseError(
                f"{source}: copia dello schema {manifest.get('schema')}, il database in uso è "
                f"nello schema {schema_name}")
        version = _known(int(manifest["version"]), str(source))
        dump = Path(tmpdir) / DUMP
        _run([pg_restore, "--list", str(dump)], _pg_env(url), "Lettura della copia")
        parked = f"{schema_name}_before_restore"
        conn = _pg_connect(url)
        conn.autocommit = True
        try:
            with conn.cursor() as cur:
                cur.execute(f'DROP SCHEMA IF EXISTS "{parked}" CASCADE')
                cur.execute(f'ALTER SCHEMA "{schema_name}" RENAME TO "{parked}"')
                try:
                    _run([pg_restore, "--no-owner", "--exit-on-error", "--single-transaction",
                          f"--dbname={url.name}", str(dump)], _pg_env(url), "pg_restore")
                    actual = _pg_fingerprint(cur, schema_name)
                    _compare(manifest["fingerprint"], actual)
                except Exception:
                    cur.execute(f'DROP SCHEMA IF EXISTS "{schema_name}" CASCADE')
                    cur.execute(f'ALTER SCHEMA "{parked}" RENAME TO "{schema_name}"')
                    raise
                cur.execute(f'DROP SCHEMA "{parked}" CASCADE')
        finally:
            conn.close()
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)
    return _summary(source, actual, version)


# Both


def _compare(expected: Fingerprint, actual: Fingerprint) -> None:
    if expected != actual:
        differing = sorted(t for t in set(expected) | set(actual)
                           if expected.get(t) != actual.get(t))
        raise DatabaseError("Il database ripristinato non corrisponde alla copia (tabelle: "
                            + ", ".join(differing) + ")")


def backup(database: Database, dest: str | Path, pg_dump: str = "pg_dump") -> BackupReport:
    """Write a verified copy of the open database to `dest`."""
    dest = Path(dest).expanduser().resolve()
    dest.parent.mkdir(parents=True, exist_ok=True)
    url = database.gamma_url
    if url.engine == "sqlite":
        return _backup_sqlite(url, dest)
    return _backup_pg(url, dest, pg_dump)


def restore(database: Database, source: str | Path, pg_restore: str = "pg_restore") -> BackupReport:
    """Replace the open database's data with the backup, then prove they are equal."""
    source = Path(source).expanduser().resolve()
    if not source.is_file():
        raise DatabaseError(f"Copia di sicurezza non trovata: {source}")
    url = database.gamma_url
    with source.open("rb") as fh:
        is_sqlite = fh.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    if is_sqlite != (url.engine == "sqlite"):
        raise DatabaseError(f"{source}: copia di un database "
                            f"{'SQLite' if is_sqlite else 'PostgreSQL'}, il database in uso è "
                            f"{'SQLite' if url.engine == 'sqlite' else 'PostgreSQL'}")
    dbmod.close()  # our own connection must not hold the old data open
    if url.engine == "sqlite":
        return _restore_sqlite(url, source)
    return _restore_pg(url, source, pg_restore)
