"""What the operator terminal keeps per operator: SSH keys, drafts, favourites, own masks."""

from __future__ import annotations

from peewee import Check, CharField, ForeignKeyField, SmallIntegerField, TextField

from models.base import BaseModel, VersionedModel
from models.company import Company
from models.fields import TimestampField, utcnow
from models.operator import Group, Operator


class OperatorKey(BaseModel):
    """A public key that lets its operator in through the SSH server."""

    LABEL = "chiave SSH"
    AUDIT_KEY = "fingerprint"

    operator = ForeignKeyField(Operator, on_delete="CASCADE", backref="keys")
    key_type = CharField(max_length=40)
    key_data = TextField()  # base64 of the public key blob
    fingerprint = CharField(max_length=80, unique=True)  # SHA256:..., as ssh-keygen -l
    comment = CharField(max_length=80, default="")
    created_at = TimestampField(default=utcnow)


class Draft(BaseModel):
    """A mask being filled in, saved as the operator types; offered again at next login.

    One per operator, company, form and record: the record key is "" for a new record.
    """

    operator = ForeignKeyField(Operator, on_delete="CASCADE")
    company = ForeignKeyField(Company, on_delete="CASCADE")
    form = CharField(max_length=40)
    record_key = CharField(max_length=120, default="")
    function_code = CharField(max_length=20, default="")
    title = CharField(max_length=80, default="")
    values = TextField()  # JSON object of the fields as typed
    updated_at = TimestampField(default=utcnow)

    class Meta:
        indexes = ((("operator", "company", "form", "record_key"), True),)


class Favourite(BaseModel):
    """A command an operator keeps at hand, callable from inside other functions."""

    LABEL = "preferito"

    operator = ForeignKeyField(Operator, on_delete="CASCADE", backref="favourites")
    position = SmallIntegerField(constraints=[Check("position BETWEEN 1 AND 9")])
    function_code = CharField(max_length=20)

    class Meta:
        indexes = ((("operator", "position"), True),)


class MaskLayout(VersionedModel):
    """A user-built mask: chosen fields of a form, in order, with width and label.

    Assigned to one operator, one group, or everybody (neither).
    """

    LABEL = "maschera personalizzata"
    AUDIT_KEY = "form"

    form = CharField(max_length=40, index=True)
    operator = ForeignKeyField(Operator, null=True, on_delete="CASCADE")
    group = ForeignKeyField(Group, null=True, on_delete="CASCADE")
    fields = TextField()  # JSON list of {"name", "width", "label"}
    updated_at = TimestampField(default=utcnow)
    updated_by = CharField(max_length=20, default="")

    class Meta:
        constraints = [Check("operator_id IS NULL OR group_id IS NULL")]
