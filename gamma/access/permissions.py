"""Permission checks, made by the services themselves (the faces only hide what is denied).

Resolution: an administrator may do everything. Otherwise an operator's own grant row
decides (allowed or denied); without one, any of the operator's groups granting it allows.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from gamma import functions
from gamma.context import Context
from gamma.errors import PermissionDenied
from models import (Company, CompanyAccess, DocumentRight, FunctionGrant, Group, Membership,
                    Operator)

DOCUMENT_RIGHTS = {
    "insert": "inserimento",
    "modify": "modifica",
    "print": "stampa",
    "history": "accesso allo storico",
    "view_others": "consultazione dei documenti di altri operatori",
    "modify_others": "modifica dei documenti di altri operatori",
}


@dataclass(frozen=True)
class DocumentRights:
    insert: bool = False
    modify: bool = False
    print: bool = False
    history: bool = False
    view_others: bool = False
    modify_others: bool = False

    @classmethod
    def everything(cls) -> "DocumentRights":
        return cls(**{f.name: True for f in fields(cls)})

    def names(self) -> list[str]:
        return [f.name for f in fields(self) if getattr(self, f.name)]


@dataclass(frozen=True)
class SensitiveData:
    costs: bool
    margins: bool
    prices: bool


def _current(operator: Operator) -> Operator:
    """The operator as stored now: rights change (or end) without a new login."""
    return Operator.get_by_id(operator.id)


def group_ids(operator: Operator) -> list[int]:
    return [m.group_id for m in Membership.select(Membership.group).where(
        Membership.operator == operator)]


def function_allowed(operator: Operator | None, code: str) -> bool:
    if operator is None:
        return True
    operator = _current(operator)
    if not operator.active:
        return False
    if operator.is_admin:
        return True
    own = (FunctionGrant.select(FunctionGrant.allowed)
           .where(FunctionGrant.operator == operator, FunctionGrant.function_code == code)
           .first())
    if own is not None:
        return own.allowed
    groups = group_ids(operator)
    if not groups:
        return False
    return (FunctionGrant.select()
            .where(FunctionGrant.group.in_(groups), FunctionGrant.function_code == code,
                   FunctionGrant.allowed == True)  # noqa: E712 (peewee expression)
            .exists())


def allowed_functions(operator: Operator | None) -> set[str]:
    """The codes of every function the operator may use (two queries, for menus)."""
    codes = {f.code for f in functions.all_functions()}
    if operator is None:
        return codes
    operator = _current(operator)
    if not operator.active:
        return set()
    if operator.is_admin:
        return codes
    own = {g.function_code: g.allowed for g in FunctionGrant.select().where(
        FunctionGrant.operator == operator)}
    groups = group_ids(operator)
    by_groups = set()
    if groups:
        by_groups = {g.function_code for g in FunctionGrant.select(FunctionGrant.function_code)
                     .where(FunctionGrant.group.in_(groups),
                            FunctionGrant.allowed == True)}  # noqa: E712
    return {code for code in codes if own.get(code, code in by_groups)}


def require(ctx: Context, function: functions.Function) -> None:
    """Raise PermissionDenied naming the function unless the operator may use it."""
    if not function_allowed(ctx.operator, function.code):
        raise PermissionDenied(
            f"Funzione {function.label()} non consentita all'operatore {ctx.operator.display}",
            function.code)


def company_allowed(operator: Operator | None, company: Company) -> bool:
    if operator is None:
        return True
    operator = _current(operator)
    if not operator.active:
        return False
    if operator.is_admin:
        return True
    groups = group_ids(operator)
    grantee = CompanyAccess.operator == operator
    if groups:
        grantee |= CompanyAccess.group.in_(groups)
    return CompanyAccess.select().where(CompanyAccess.company == company, grantee).exists()


def allowed_companies(operator: Operator | None) -> list[Company]:
    companies = Company.select().where(Company.active == True).order_by(Company.code)  # noqa: E712
    return [c for c in companies if company_allowed(operator, c)]


def require_company(ctx: Context, company: Company) -> None:
    if not company_allowed(ctx.operator, company):
        raise PermissionDenied(
            f"Ditta {company.code} non accessibile all'operatore {ctx.operator.display}")


def document_rights(operator: Operator | None, doc_type: str) -> DocumentRights:
    if operator is None:
        return DocumentRights.everything()
    operator = _current(operator)
    if not operator.active:
        return DocumentRights()
    if operator.is_admin:
        return DocumentRights.everything()
    rows = list(DocumentRight.select().where(
        DocumentRight.doc_type == doc_type, DocumentRight.operator == operator))
    if not rows:
        groups = group_ids(operator)
        if groups:
            rows = list(DocumentRight.select().where(
                DocumentRight.doc_type == doc_type, DocumentRight.group.in_(groups)))
    names = [f.name for f in fields(DocumentRights)]
    return DocumentRights(**{n: any(getattr(r, f"can_{n}") for r in rows) for n in names})


def require_document_right(ctx: Context, doc_type: str, right: str, doc_label: str) -> None:
    if not getattr(document_rights(ctx.operator, doc_type), right):
        raise PermissionDenied(
            f"{doc_label}: {DOCUMENT_RIGHTS[right]} non consentita all'operatore "
            f"{ctx.operator.display}")


def sensitive_data(operator: Operator | None) -> SensitiveData:
    """Whether the operator may see costs, margins and prices."""
    if operator is None:
        return SensitiveData(True, True, True)
    operator = _current(operator)
    if not operator.active:
        return SensitiveData(False, False, False)
    if operator.is_admin:
        return SensitiveData(True, True, True)
    groups = list(Group.select().where(Group.id.in_(group_ids(operator))))

    def flag(name: str, without_groups: bool) -> bool:
        own = getattr(operator, f"see_{name}")
        if own is not None:
            return own
        if not groups:
            return without_groups
        return any(getattr(g, f"see_{name}") for g in groups)

    return SensitiveData(costs=flag("costs", False), margins=flag("margins", False),
                         prices=flag("prices", True))
