"""Presets: named, stored parameter sets of a command, personal or shared."""

from __future__ import annotations

from peewee import CharField, ForeignKeyField, TextField

from models.base import VersionedModel
from models.fields import TimestampField, utcnow
from models.operator import Operator


class Preset(VersionedModel):
    LABEL = "parametri memorizzati"

    command = CharField(max_length=60)
    name = CharField(max_length=40)
    owner = ForeignKeyField(Operator, null=True, on_delete="CASCADE")  # None: shared
    description = CharField(max_length=80, default="")
    params = TextField()  # JSON object
    updated_at = TimestampField(default=utcnow)
    updated_by = CharField(max_length=20, default="")

    class Meta:
        indexes = ((("command", "name", "owner"), True),)
