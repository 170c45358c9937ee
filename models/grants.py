"""What operators and groups may do: companies, functions, document rights, field rules.

A grant names either an operator or a group (never both). An operator's own row decides
over their groups' rows; among groups, any grant allows.
"""

from __future__ import annotations

from peewee import BooleanField, Check, CharField, ForeignKeyField, TextField

from models.base import BaseModel, VersionedModel
from models.company import Company
from models.operator import Group, Operator

class Grant(BaseModel):
    """Base of the rows granted to exactly one operator or one group."""

    operator = ForeignKeyField(Operator, null=True, on_delete="CASCADE")
    group = ForeignKeyField(Group, null=True, on_delete="CASCADE")

    class Meta:
        constraints = [Check("(operator_id IS NULL) <> (group_id IS NULL)")]


class CompanyAccess(Grant):
    LABEL = "accesso alla ditta"

    company = ForeignKeyField(Company, on_delete="CASCADE")


class FunctionGrant(Grant):
    LABEL = "permesso di funzione"

    function_code = CharField(max_length=20, index=True)
    allowed = BooleanField(default=True)  # False: an operator-level denial


class DocumentRight(Grant):
    LABEL = "diritti sul documento"

    doc_type = CharField(max_length=30, index=True)
    can_insert = BooleanField(default=False)
    can_modify = BooleanField(default=False)
    can_print = BooleanField(default=False)
    can_history = BooleanField(default=False)
    can_view_others = BooleanField(default=False)
    can_modify_others = BooleanField(default=False)


class FieldRule(VersionedModel):
    """A rule on one field of one form, for everybody (no grantee), a group or an operator."""

    LABEL = "regola del campo"

    form = CharField(max_length=40)
    field = CharField(max_length=40)
    operator = ForeignKeyField(Operator, null=True, on_delete="CASCADE")
    group = ForeignKeyField(Group, null=True, on_delete="CASCADE")
    # None: not set at this level, the broader rule applies.
    hidden = BooleanField(null=True)
    read_only = BooleanField(null=True)
    default_value = TextField(null=True)
    min_value = TextField(null=True)
    max_value = TextField(null=True)
    allowed_values = TextField(null=True)  # JSON list of strings

    class Meta:
        indexes = ((("form", "field"), False),)
        constraints = [Check("operator_id IS NULL OR group_id IS NULL")]
