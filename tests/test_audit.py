"""The audit log records who changed what, from which function; the switch per operator."""

from __future__ import annotations

import dataclasses
import json

import pytest

from gamma import companies, records
from gamma.access import operators
from gamma.audit import view
from gamma.errors import PermissionDenied
from models import AuditEntry, Company


def entries(**where):
    q = AuditEntry.select().order_by(AuditEntry.id)
    for field, value in where.items():
        q = q.where(getattr(AuditEntry, field) == value)
    return list(q)


def test_an_update_records_old_and_new_values_operator_function_and_time(admin_ctx, clock):
    company = companies.add(admin_ctx, 2, "Vecchio nome")
    clock.advance(minutes=1)
    records.update(admin_ctx.with_function("912"), company, name="Nuovo nome", vat_number="")
    entry = entries(action="update")[0]
    assert (entry.operator_login, entry.company_code, entry.function_code) == ("admin", 1, "912")
    assert (entry.table_name, entry.record_key) == ("company", "2")
    assert json.loads(entry.changes) == {"name": ["Vecchio nome", "Nuovo nome"]}  # only changes
    assert entry.at == clock.now()


def test_an_unchanged_save_writes_nothing(admin_ctx):
    company = companies.find(1)
    before = AuditEntry.select().count()
    records.update(admin_ctx, company, name=company.name)
    assert AuditEntry.select().count() == before
    assert Company.get_by_id(company.id).version == company.version


def test_passwords_never_reach_the_log(admin_ctx):
    operators.add(admin_ctx, "mario", "password-m")
    operators.change_password(admin_ctx, "mario", "password-n")
    for entry in entries(table_name="operator"):
        assert "scrypt" not in (entry.changes or "")
    assert json.loads(entries(action="update", table_name="operator")[0].changes)[
        "password_hash"] == ["***", "***"]


def test_switching_logging_off_keeps_denials_and_logins(admin_ctx):
    operators.add(admin_ctx, "mario", "password-m", is_admin=True)
    operators.set_audit(admin_ctx, "mario", False)
    mario = dataclasses.replace(admin_ctx, operator=operators.find("mario"))
    companies.add(mario, 3, "Non registrata")
    assert entries(operator_login="mario") == []
    operators.set_audit(admin_ctx, "mario", True)
    mario = dataclasses.replace(admin_ctx, operator=operators.find("mario"))
    companies.add(mario, 4, "Registrata")
    assert [e.record_key for e in entries(operator_login="mario")] == ["4"]
    assert entries(action="audit_switch")[0].message == "Registro attività disattivato"


def test_reading_the_log_needs_the_function(admin_ctx):
    operators.add(admin_ctx, "mario", "password-m")
    mario = dataclasses.replace(admin_ctx, operator=operators.find("mario"))
    with pytest.raises(PermissionDenied, match="941 «Registro attività»"):
        view.search(mario, view.AuditQuery())
    found = view.search(admin_ctx, view.AuditQuery(operator="MARIO", action="denied"))
    assert [e.function_code for e in found] == ["941"]
