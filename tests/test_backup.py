"""Backup and restore: the data comes back identical, and a bad copy is never trusted."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

import models
from gamma import companies, db, maintenance, schema, sessions
from gamma.access import operators
from gamma.errors import DatabaseError, GammaError


def snapshot() -> dict:
    """Every row of every table, as plain tuples."""
    return {m._meta.table_name: [tuple(r) for r in m.select().order_by(m._meta.primary_key)
                                 .tuples()] for m in models.ALL_MODELS}


@pytest.fixture
def with_data(admin_ctx):
    companies.add(admin_ctx, 2, "Società con accenti: àèìòù €")
    operators.add_group(admin_ctx, "banco")
    operators.add(admin_ctx, "mario", "password-m", groups=("banco",))
    return admin_ctx


@pytest.fixture
def pg_tools(engine):
    if engine == "postgresql" and not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump/pg_restore non installati")


def test_backup_then_restore_gives_back_identical_data(with_data, pg_tools, tmp_path):
    ctx = with_data
    before = snapshot()
    report = maintenance.backup_database(ctx, str(tmp_path / "copia.bak"))
    assert report.rows > 0 and report.version == schema.latest_version()
    # Work goes on after the backup…
    companies.add(ctx, 3, "Creata dopo la copia")
    operators.change_password(ctx, "mario", "cambiata-dopo")
    assert snapshot() != before
    # …and the restore brings back exactly what was copied.
    maintenance.restore_database(ctx, str(tmp_path / "copia.bak"))
    after = snapshot()
    # The log gains the restore itself; the backup's own entry, written after the copy was
    # taken, is not in the copy.
    actions = [row[5] for row in after["audit_entry"]]
    assert actions[-1] == "restore" and "backup" not in actions
    after["audit_entry"].pop()
    assert after == before


def test_a_damaged_backup_is_refused_and_the_data_is_untouched(with_data, pg_tools, tmp_path,
                                                                engine):
    ctx = with_data
    path = tmp_path / "copia.bak"
    maintenance.backup_database(ctx, str(path))
    before = snapshot()
    data = bytearray(path.read_bytes())
    if engine == "sqlite":
        data[len(data) // 2: len(data) // 2 + 4096] = b"\xff" * 4096
    else:
        data = data[: len(data) // 2]
    path.write_bytes(bytes(data))
    with pytest.raises(DatabaseError):
        maintenance.restore_database(ctx, str(path))
    db.close()
    assert snapshot() == before


def test_a_backup_of_the_other_engine_is_refused(with_data, tmp_path, engine):
    other = tmp_path / "altro.bak"
    other.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100 if engine == "postgresql"
                      else b"not a database at all")
    with pytest.raises(DatabaseError):
        maintenance.restore_database(with_data, str(other))


def test_restore_is_refused_while_others_are_connected(with_data, pg_tools, tmp_path):
    ctx = with_data
    maintenance.backup_database(ctx, str(tmp_path / "copia.bak"))
    sessions.start(ctx.__class__(ctx.settings, operators.find("mario"), clock=ctx.clock), "ssh")
    with pytest.raises(GammaError, match="Ripristino rifiutato: 1 sessioni aperte \\(MARIO\\)"):
        maintenance.restore_database(ctx, str(tmp_path / "copia.bak"))
    maintenance.restore_database(ctx, str(tmp_path / "copia.bak"), force=True)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_sqlite_backup_is_a_plain_database_file(with_data, tmp_path):
    maintenance.backup_database(with_data, str(tmp_path / "copia.db"))
    conn = sqlite3.connect(tmp_path / "copia.db")
    assert conn.execute("SELECT name FROM company WHERE code = 2").fetchone() == (
        "Società con accenti: àèìòù €",)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    conn.close()


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_a_restore_that_does_not_match_its_fingerprint_puts_the_old_data_back(
        with_data, pg_tools, tmp_path):
    import io
    import json
    import tarfile
    ctx = with_data
    path = tmp_path / "copia.bak"
    maintenance.backup_database(ctx, str(path))
    companies.add(ctx, 5, "Dopo la copia")
    before = snapshot()
    # Forge the recorded fingerprint, as if the copy had lost rows on the way.
    with tarfile.open(path) as tar:
        manifest = json.load(tar.extractfile("gamma-manifest.json"))
        dump = tar.extractfile("database.pgdump").read()
    manifest["fingerprint"]["company"][0] += 1
    forged = tmp_path / "forged.bak"
    with tarfile.open(forged, "w") as tar:
        for name, data in (("gamma-manifest.json", json.dumps(manifest).encode()),
                           ("database.pgdump", dump)):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    with pytest.raises(DatabaseError, match="non corrisponde alla copia \\(tabelle: company\\)"):
        maintenance.restore_database(ctx, str(forged))
    db.close()
    assert snapshot() == before
