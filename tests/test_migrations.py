"""Schema versions: creation, idempotence, upgrading an older database holding data."""

from __future__ import annotations

import pytest
from playhouse.migrations import Migration

from gamma import db, locks, schema, sessions
from gamma.access import auth, passwords
from gamma.context import Context
from gamma.errors import DatabaseError
from models import AuditEntry, Company, NumberCounter, Operator, Preset


# Every migration file, in order: later issues add theirs without touching this test.
ALL_NAMES = sorted(m.name for m in Migration.load_directory(str(schema.MIGRATIONS_DIR)))


def test_upgrade_creates_the_schema_the_models_describe(empty_db_url):
    database = db.connect(empty_db_url)
    assert schema.status(database).current == 0
    applied = schema.upgrade(database)
    assert applied == ALL_NAMES
    assert applied[:7] == ["0001_foundation", "0002_sessions", "0003_terminal",
                           "0004_master_data", "0005_record_layouts", "0006_article_text_index",
                           "0007_sales_documents"]
    assert schema.status(database).up_to_date
    assert not schema.diff(database), "migrations and models disagree"
    db.close()


def test_second_upgrade_changes_nothing(empty_db_url):
    database = db.connect(empty_db_url)
    schema.upgrade(database)
    tables_before = sorted(database.get_tables())
    assert schema.upgrade(database) == []
    assert sorted(database.get_tables()) == tables_before
    db.close()


def _insert(database, table: str, **values):
    columns = ", ".join(f'"{c}"' for c in values)
    marks = ", ".join([database.param] * len(values))
    database.execute_sql(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})',
                         list(values.values()))


def test_upgrade_of_a_version_1_database_keeps_its_data(empty_db_url, settings, clock):
    database = db.connect(empty_db_url)
    assert schema.upgrade(database, target=1) == ["0001_foundation"]
    # Data as Gamma at schema version 1 wrote it.
    now = clock.now().replace(tzinfo=None)
    _insert(database, "company", version=1, code=7, name="Bianchi S.r.l.", vat_number="",
            tax_code="", active=True, created_at=now)
    _insert(database, "operator", version=3, login="mario", name="Mario Rossi",
            password_hash=passwords.hash_password("password-v1", 1024), is_admin=True,
            active=True, audit_enabled=True, failed_logins=2, created_at=now)
    _insert(database, "audit_entry", at=now, operator_login="mario", action="insert",
            table_name="company", record_key="7")
    # Only the columns version 1 had: the model's later ones do not exist yet.
    company_id = Company.select(Company.id).where(Company.code == 7).get().id
    _insert(database, "number_counter", version=1, company_id=company_id, kind="invoice",
            series="A", year=2026, last_number=41)
    _insert(database, "preset", version=1, command="audit list", name="mine",
            description="", params='{"who": "mario"}', updated_at=now, updated_by="mario")

    with pytest.raises(DatabaseError, match="versione 1.*gamma db upgrade"):
        schema.require_current(database)

    assert schema.upgrade(database) == ALL_NAMES[1:]
    schema.require_current(database)
    assert not schema.diff(database)

    mario = Operator.get(Operator.login == "mario")
    assert (mario.name, mario.version, mario.failed_logins) == ("Mario Rossi", 3, 2)
    assert mario.last_login_at is None  # the column 0002 added
    assert Company.get(Company.code == 7).name == "Bianchi S.r.l."
    assert AuditEntry.select().where(AuditEntry.record_key == "7").count() == 1
    assert NumberCounter.get().last_number == 41
    assert Preset.get().params == '{"who": "mario"}'

    # And the new tables work on the old data: log in, open a session, lock a record.
    operator = auth.login(Context(settings, None, clock=clock), "mario", "password-v1")
    assert Operator.get_by_id(operator.id).last_login_at == clock.now()
    ctx = sessions.start(Context(settings, operator, clock=clock), "tui")
    locks.acquire(ctx, Company.get(Company.code == 7))
    sessions.end(ctx)
    db.close()


def test_a_database_newer_than_the_program_is_refused(empty_db_url):
    database = db.connect(empty_db_url)
    schema.upgrade(database)
    _insert(database, schema.HISTORY_TABLE, name="9999_future",
            applied=db.current().execute_sql("SELECT CURRENT_TIMESTAMP").fetchone()[0])
    with pytest.raises(DatabaseError, match="più recente"):
        schema.upgrade(database)
    db.close()
