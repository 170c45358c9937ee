"""Permission checks, made by the services themselves (the faces only hide what is denied).

Resolution: an administrator may do everything. Otherwise an operator's own grant row
decides (allowed or denied); without one, any of the operator's groups granting it allows.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from gamma import functions, rows
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


ALL, NOTHING = "all", "nothing"


def _standing(operator: Operator | None) -> str | Operator:
    """ALL for the system and administrators, NOTHING for a deactivated operator, else the
    operator as stored now (rights change, or end, without a new login)."""
    if operator is None:
        return ALL
    current = rows.fetch_one(Operator, id=operator.id)  # read at every check, so kept lean
    if current is None or not current.active:
        return NOTHING
    return ALL if current.is_admin else current


def group_ids(operator: Operator) -> list[int]:
    return [m.group_id for m in Membership.select(Membership.group).where(
        Membership.operator == operator)]


def _grantee(model, operator: Operator, groups: list[int]):
    """Rows granted to the operator or to one of their groups."""
    condition = model.operator == operator
    return condition | model.group.in_(groups) if groups else condition


def allowed_functions(operator: Operator | None) -> set[str]:
    """The codes of every function the operator may use."""
    codes = {f.code for f in functions.all_functions()}
    standing = _standing(operator)
    if standing in (ALL, NOTHING):
        return codes if standing == ALL else set()
    groups = group_ids(standing)
    own, by_groups = {}, set()
    for grant in FunctionGrant.select().where(_grantee(FunctionGrant, standing, groups)):
        if grant.operator_id is not None:
            own[grant.function_code] = grant.allowed
        elif grant.allowed:
            by_groups.add(grant.function_code)
    return {code for code in codes if own.get(code, code in by_groups)}


def function_allowed(operator: Operator | None, code: str) -> bool:
    return code in allowed_functions(operator)


def require(ctx: Context, function: functions.Function) -> None:
    """Raise PermissionDenied naming the function unless the operator may use it."""
    if not function_allowed(ctx.operator, function.code):
        raise PermissionDenied(
            f"Funzione {function.label()} non consentita all'operatore {ctx.operator.display}",
            function.code)


def allowed_companies(operator: Operator | None) -> list[Company]:
    """The active companies the operator may open, by code."""
    active = Company.select().where(Company.active == True).order_by(Company.code)  # noqa: E712
    standing = _standing(operator)
    if standing in (ALL, NOTHING):
        return list(active) if standing == ALL else []
    granted = {a.company_id for a in CompanyAccess.select(CompanyAccess.company).where(
        _grantee(CompanyAccess, standing, group_ids(standing)))}
    return [c for c in active if c.id in granted]


def company_allowed(operator: Operator | None, company: Company) -> bool:
    return company.id in {c.id for c in allowed_companies(operator)}


def require_company(ctx: Context, company: Company) -> None:
    if not company_allowed(ctx.operator, company):
        raise PermissionDenied(
            f"Ditta {company.code} non accessibile all'operatore {ctx.operator.display}")


def document_rights(operator: Operator | None, doc_type: str) -> DocumentRights:
    standing = _standing(operator)
    if standing in (ALL, NOTHING):
        return DocumentRights.everything() if standing == ALL else DocumentRights()
    operator = standing
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
    standing = _standing(operator)
    if standing in (ALL, NOTHING):
        return SensitiveData(*[standing == ALL] * 3)
    operator = standing
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
