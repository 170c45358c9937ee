"""Operators (who log in) and groups (who share grants)."""

from __future__ import annotations

from peewee import BooleanField, CharField, ForeignKeyField, IntegerField

from models.base import BaseModel, VersionedModel
from models.fields import TimestampField, utcnow


class Operator(VersionedModel):
    LABEL = "operatore"
    AUDIT_KEY = "login"
    AUDIT_MASKED = frozenset({"password_hash"})

    login = CharField(max_length=20, unique=True)  # stored lower case
    name = CharField(max_length=60, default="")
    password_hash = CharField(max_length=255, default="")
    is_admin = BooleanField(default=False)  # every right, every company
    active = BooleanField(default=True)
    audit_enabled = BooleanField(default=True)
    failed_logins = IntegerField(default=0)
    locked_until = TimestampField(null=True)
    # Sensitive data: None inherits from the operator's groups.
    see_costs = BooleanField(null=True)
    see_margins = BooleanField(null=True)
    see_prices = BooleanField(null=True)
    created_at = TimestampField(default=utcnow)
    password_changed_at = TimestampField(null=True)
    last_login_at = TimestampField(null=True)

    @property
    def display(self) -> str:
        return self.login.upper()


class Group(VersionedModel):
    LABEL = "gruppo"
    AUDIT_KEY = "code"

    code = CharField(max_length=20, unique=True)  # stored lower case
    description = CharField(max_length=60, default="")
    see_costs = BooleanField(default=False)
    see_margins = BooleanField(default=False)
    see_prices = BooleanField(default=True)

    class Meta:
        table_name = "operator_group"  # GROUP is an SQL keyword


class Membership(BaseModel):
    LABEL = "appartenenza al gruppo"

    operator = ForeignKeyField(Operator, on_delete="CASCADE", backref="memberships")
    group = ForeignKeyField(Group, on_delete="CASCADE", backref="memberships")

    class Meta:
        indexes = ((("operator", "group"), True),)
