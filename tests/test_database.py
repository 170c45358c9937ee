"""The database session and the shared field types, on both engines."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

import pytest
from peewee import CharField, fn

import models
from gamma import db
from gamma.db import DatabaseURL
from gamma.errors import DatabaseError
from models import BaseModel, CompanyModel
from models.fields import MoneyField, PriceField, QuantityField, TimestampField

# Tables that are not business data: the system's own, shared by all companies.
SYSTEM_TABLES = {"company", "operator", "operator_group", "membership", "company_access",
                 "function_grant", "document_right", "field_rule", "audit_entry", "session",
                 "record_lock", "preset", "operator_key", "draft", "favourite",
                 "mask_layout", "batch_lock"}
# Rows that belong to a company through their parent, deleted with it: a stored
# statistic's groups (tens of thousands per statistic) carry only their statistic.
CHILD_TABLES = {"stored_stat_row": "stored"}


class Sample(BaseModel):
    label = CharField()
    amount = MoneyField(null=True)
    price = PriceField(null=True)
    qty = QuantityField(null=True)
    at = TimestampField(null=True)


@pytest.fixture
def sample_table(database):
    database.create_tables([Sample])
    yield Sample
    database.drop_tables([Sample])


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_sqlite_runs_in_wal_mode_with_foreign_keys_and_a_busy_timeout(database):
    assert database.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert database.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert database.execute_sql("PRAGMA busy_timeout").fetchone()[0] == 10000


def test_decimals_round_half_up_and_come_back_exact(sample_table):
    Sample.create(label="a", amount=Decimal("1234.565"), price=Decimal("0.1234565"),
                  qty=Decimal("2.0005"))
    row = Sample.get()
    assert (row.amount, row.price, row.qty) == (Decimal("1234.57"), Decimal("0.123457"),
                                                Decimal("2.001"))
    assert str(row.amount) == "1234.57"


def test_sums_in_sql_are_exact_to_the_cent(sample_table):
    # 0.10 a thousand times: a float sum would drift; the scaled integers do not.
    Sample.insert_many([{"label": str(i), "amount": Decimal("0.10")} for i in range(1000)]
                       ).execute()
    Sample.create(label="big", amount=Decimal("99999999999.99"))
    total = Sample.select(fn.SUM(Sample.amount)).scalar()
    assert MoneyField().python_value(total) == Decimal("100000000099.99")


def test_floats_are_refused_for_money(sample_table):
    with pytest.raises(TypeError, match="float"):
        Sample.create(label="x", amount=0.1)


def test_timestamps_are_stored_as_utc_and_read_back_aware(sample_table):
    from zoneinfo import ZoneInfo
    rome = datetime(2026, 7, 1, 10, 42, tzinfo=ZoneInfo("Europe/Rome"))
    Sample.create(label="t", at=rome)
    assert Sample.get().at == datetime(2026, 7, 1, 8, 42, tzinfo=timezone.utc)


def test_every_business_table_carries_its_company():
    for model in models.ALL_MODELS:
        table = model._meta.table_name
        if table in CHILD_TABLES:
            parent = model._meta.fields[CHILD_TABLES[table]]
            assert issubclass(parent.rel_model, CompanyModel) and parent.on_delete == "CASCADE"
        elif table not in SYSTEM_TABLES:
            assert issubclass(model, CompanyModel), f"{model.__name__} has no company"


@pytest.mark.parametrize("url, parsed", [
    ("sqlite:///var/lib/gamma/gamma.db", {"engine": "sqlite", "path": "/var/lib/gamma/gamma.db"}),
    ("sqlite:////var/lib/gamma/gamma.db", {"engine": "sqlite", "path": "/var/lib/gamma/gamma.db"}),
    ("sqlite:gamma.db", {"engine": "sqlite", "path": "gamma.db"}),
    ("postgresql://gamma:s%40cret@db:6543/ditta?schema=s1&sslmode=require",
     {"engine": "postgresql", "user": "gamma", "password": "s@cret", "host": "db",
      "port": 6543, "name": "ditta", "schema": "s1", "options": {"sslmode": "require"}}),
])
def test_database_urls(url, parsed):
    result = DatabaseURL.parse(url)
    for key, value in parsed.items():
        assert getattr(result, key) == value
    assert "cret" not in result.display()


def test_an_unknown_or_unreachable_database_is_a_clear_error():
    with pytest.raises(DatabaseError, match="URL del database non riconosciuto"):
        db.connect("mysql://x/y")
    with pytest.raises(DatabaseError, match="Database non raggiungibile"):
        db.connect("postgresql://nobody@127.0.0.1:1/none")


def test_the_database_itself_refuses_rows_breaking_the_rules(admin_ctx):
    from peewee import IntegrityError

    from gamma.access import operators
    from models import Company, CompanyAccess
    mario = operators.add(admin_ctx, "mario", "password-m")
    group = operators.add_group(admin_ctx, "banco")
    company = Company.get(Company.code == 1)
    for values in ({}, {"operator": mario, "group": group}):
        with pytest.raises(IntegrityError), db.transaction():
            CompanyAccess.create(company=company, **values)
    with pytest.raises(IntegrityError), db.transaction():
        Company.create(code=10000, name="Troppo")
