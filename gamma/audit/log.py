"""The audit log: every write through a service, every denial, every login event.

Writes are logged when the operator's logging is on (the default); denials and security
events are always logged. A denial is written in its own transaction, after the denied
operation has been rolled back, so that it survives the rollback.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from peewee import ForeignKeyField, Model

from gamma import db, rows
from gamma.context import Context
from gamma.errors import PermissionDenied
from models import AuditEntry

MASK = "***"


def jsonable(value: Any) -> Any:
    """A value as it is written in the log: plain JSON types, exact decimals as strings."""
    if isinstance(value, Model):
        return value.get_id()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def field_value(instance: Model, name: str) -> Any:
    """A field's value as stored: the id for a foreign key, without loading the target."""
    field = instance._meta.fields[name]
    if isinstance(field, ForeignKeyField):
        return instance.__data__.get(name)
    return getattr(instance, name)


def record_key(instance: Model) -> str:
    """How the log and the locks name a record: its AUDIT_KEY field, else its id."""
    return str(getattr(instance, instance.AUDIT_KEY))


def record(ctx: Context, action: str, table: str | None = None, key: str | None = None,
           changes: dict[str, tuple[Any, Any]] | None = None, message: str | None = None,
           always: bool = False, login: str | None = None) -> None:
    """Append one entry, inside the caller's transaction. `login` overrides the context's
    operator (failed logins of unknown operators)."""
    if not always and ctx.operator is not None and not ctx.operator.audit_enabled:
        return
    rows.insert(AuditEntry, [dict(
        at=ctx.now(),
        operator_login=(login or ctx.login)[:20],
        company_code=ctx.company.code if ctx.company else None,
        function_code=ctx.function,
        action=action,
        table_name=table,
        record_key=key,
        changes=json.dumps({k: [jsonable(o), jsonable(n)] for k, (o, n) in changes.items()},
                           ensure_ascii=False) if changes else None,
        message=message,
    )])


def record_change(ctx: Context, action: str, instance: Model,
                  changes: dict[str, tuple[Any, Any]]) -> None:
    masked = getattr(instance, "AUDIT_MASKED", frozenset())
    shown = {k: ((MASK if o is not None else None), MASK) if k in masked else (o, n)
             for k, (o, n) in changes.items()}
    record(ctx, action, instance._meta.table_name, record_key(instance), shown)


def record_denial(ctx: Context, exc: PermissionDenied) -> None:
    """Log a denial in a transaction of its own; once per exception."""
    if exc.recorded:
        return
    with db.transaction():
        record(ctx.with_function(exc.function or ctx.function), "denied",
               message=exc.message, always=True)
    exc.recorded = True


def record_event(ctx: Context, action: str, message: str, table: str | None = None,
                 key: str | None = None, login: str | None = None) -> None:
    """A security event (login, lockout…), always logged, in the caller's transaction."""
    record(ctx, action, table, key, message=message, always=True, login=login)


def last_change(table: str, key: str) -> AuditEntry | None:
    return (AuditEntry.select()
            .where(AuditEntry.table_name == table, AuditEntry.record_key == key,
                   AuditEntry.action.in_(["insert", "update", "delete"]))
            .order_by(AuditEntry.id.desc()).first())
