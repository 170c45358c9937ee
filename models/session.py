"""Operator sessions (who is connected) and the record locks they hold."""

from __future__ import annotations

from peewee import CharField, ForeignKeyField, IntegerField, SmallIntegerField

from models.base import BaseModel
from models.fields import TimestampField, utcnow
from models.operator import Operator


class Session(BaseModel):
    operator = ForeignKeyField(Operator, on_delete="CASCADE")
    company_code = SmallIntegerField(null=True)
    origin = CharField(max_length=10)  # tui, ssh, cli
    host = CharField(max_length=100, default="")
    pid = IntegerField(null=True)
    remote = CharField(max_length=100, default="")  # client address over SSH
    started_at = TimestampField(default=utcnow)
    last_seen_at = TimestampField(default=utcnow)
    ended_at = TimestampField(null=True, index=True)


class RecordLock(BaseModel):
    table_name = CharField(max_length=60)
    record_key = CharField(max_length=120)
    operator = ForeignKeyField(Operator, on_delete="CASCADE")
    session = ForeignKeyField(Session, null=True, on_delete="CASCADE")
    acquired_at = TimestampField(default=utcnow)
    expires_at = TimestampField()

    class Meta:
        indexes = ((("table_name", "record_key"), True),)
