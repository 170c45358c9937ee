"""Companies (ditte) and the base of every business table."""

from __future__ import annotations

from peewee import BooleanField, Check, CharField, ForeignKeyField, SmallIntegerField

from models.base import VersionedModel
from models.fields import TimestampField, utcnow


class Company(VersionedModel):
    """A legal entity kept in Gamma, code 1..9999."""

    LABEL = "ditta"
    AUDIT_KEY = "code"

    code = SmallIntegerField(unique=True, constraints=[Check("code BETWEEN 1 AND 9999")])
    name = CharField(max_length=80)
    vat_number = CharField(max_length=20, default="")
    tax_code = CharField(max_length=16, default="")
    active = BooleanField(default=True)
    created_at = TimestampField(default=utcnow)


class CompanyModel(VersionedModel):
    """A business record: it always belongs to one company."""

    company = ForeignKeyField(Company, on_delete="RESTRICT")
