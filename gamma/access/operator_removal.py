"""Deleting an operator (Del in the operators list, 921): what is granted to them, their
user masks, presets, favourites, drafts and SSH keys go with them, each removal in the
audit log; the audit log keeps their login. Refused for oneself, for the last active
administrator and for an operator connected now (deactivating is the way to suspend)."""

from __future__ import annotations

from gamma import functions, records, sessions
from gamma.access import operators
from gamma.context import Context
from gamma.errors import ValidationError
from gamma.service import operation
from models import (CompanyAccess, DocumentRight, Draft, Favourite, FieldRule, FunctionGrant,
                    MaskLayout, Membership, Operator, OperatorKey, Preset, RecordLock, Session)

LABEL = "Codice operatore"


@operation(functions.OPERATOR_EDIT)
def delete_operator(ctx: Context, login: str) -> None:
    target = operators.find(login)
    if ctx.operator is not None and target.id == ctx.operator.id:
        raise ValidationError("login", "non si può eliminare il proprio operatore", LABEL)
    if target.is_admin and not Operator.select().where(
            Operator.is_admin == True, Operator.active == True,  # noqa: E712
            Operator.id != target.id).exists():
        raise ValidationError("login", "è l'ultimo amministratore attivo", LABEL)
    sessions.reap(ctx)
    if Session.select().where(Session.operator == target, Session.ended_at.is_null()).exists():
        raise ValidationError("login", f"l'operatore {target.display} è collegato ora: "
                              "disattivarlo, oppure attendere che esca", LABEL)
    for model in (Membership, FunctionGrant, CompanyAccess, DocumentRight, FieldRule,
                  MaskLayout, Favourite, Draft, OperatorKey):
        for row in model.select().where(model.operator == target):
            records.delete(ctx, row)
    for row in Preset.select().where(Preset.owner == target):
        records.delete(ctx, row)
    RecordLock.delete().where(RecordLock.operator == target).execute()
    Session.delete().where(Session.operator == target).execute()
    records.delete(ctx, target)
