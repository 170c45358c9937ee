"""The audit log: who did what, when, through which function, to which record."""

from __future__ import annotations

from peewee import AutoField, CharField, IntegerField, TextField

from models.base import BaseModel
from models.fields import TimestampField, utcnow


class AuditEntry(BaseModel):
    # Plain values, not foreign keys: the log outlives operators and companies.
    id = AutoField()
    at = TimestampField(default=utcnow, index=True)
    operator_login = CharField(max_length=20)
    company_code = IntegerField(null=True)
    function_code = CharField(max_length=20, null=True)
    action = CharField(max_length=20)  # insert, update, delete, denied, login, ...
    table_name = CharField(max_length=60, null=True)
    record_key = CharField(max_length=120, null=True)
    changes = TextField(null=True)  # JSON {field: [old, new]}
    message = TextField(null=True)

    class Meta:
        indexes = (
            (("operator_login", "at"), False),
            (("table_name", "record_key"), False),
        )
