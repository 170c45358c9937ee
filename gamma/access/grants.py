"""Granting and revoking: companies, functions, document rights, sensitive-data flags.

A grantee is an operator or a group, named as `operator:LOGIN`/`LOGIN` or `group:CODE`
by the faces and resolved here.
"""

from __future__ import annotations

from dataclasses import dataclass

from gamma import companies, functions, records
from gamma.access import operators, permissions
from gamma.context import Context
from gamma.errors import NotFound, ValidationError
from gamma.service import operation
from models import CompanyAccess, DocumentRight, FunctionGrant, Group, Operator


@dataclass(frozen=True)
class Grantee:
    operator: Operator | None = None
    group: Group | None = None

    @classmethod
    def of_operator(cls, login: str) -> "Grantee":
        return cls(operator=operators.find(login))

    @classmethod
    def of_group(cls, code: str) -> "Grantee":
        return cls(group=operators.find_group(code))

    def where(self, model):
        if self.operator is not None:
            return model.operator == self.operator
        return model.group == self.group

    def values(self) -> dict:
        return {"operator": self.operator, "group": self.group}

    def display(self) -> str:
        if self.operator is not None:
            return f"operatore {self.operator.display}"
        return f"gruppo {self.group.code}"


def _function_codes(codes: list[str]) -> list[str]:
    return [functions.get(code).code for code in codes]


@operation(functions.GRANTS)
def grant_functions(ctx: Context, grantee: Grantee, codes: list[str], allowed: bool = True) -> None:
    """Allow (or, for an operator, explicitly deny) functions; codes or mnemonics."""
    if not allowed and grantee.group is not None:
        raise ValidationError("allowed", "i divieti si danno ai singoli operatori", "Divieto")
    for code in _function_codes(codes):
        row = FunctionGrant.get_or_none(grantee.where(FunctionGrant),
                                        FunctionGrant.function_code == code)
        if row is None:
            records.insert(ctx, FunctionGrant, function_code=code, allowed=allowed,
                           **grantee.values())
        else:
            records.update(ctx, row, allowed=allowed)


@operation(functions.GRANTS)
def revoke_functions(ctx: Context, grantee: Grantee, codes: list[str]) -> None:
    for code in _function_codes(codes):
        row = FunctionGrant.get_or_none(grantee.where(FunctionGrant),
                                        FunctionGrant.function_code == code)
        if row is not None:
            records.delete(ctx, row)


@operation(functions.GRANTS)
def grant_company(ctx: Context, grantee: Grantee, code: int) -> None:
    company = companies.find(code)
    if not CompanyAccess.select().where(grantee.where(CompanyAccess),
                                        CompanyAccess.company == company).exists():
        records.insert(ctx, CompanyAccess, company=company, **grantee.values())


@operation(functions.GRANTS)
def revoke_company(ctx: Context, grantee: Grantee, code: int) -> None:
    company = companies.find(code)
    row = CompanyAccess.get_or_none(grantee.where(CompanyAccess), CompanyAccess.company == company)
    if row is None:
        raise NotFound(f"La ditta {code} non è concessa al {grantee.display()}")
    records.delete(ctx, row)


def parse_rights(names: list[str]) -> set[str]:
    rights = set()
    for name in names:
        name = name.strip().lower()
        if name == "all":
            rights.update(permissions.DOCUMENT_RIGHTS)
        elif name in permissions.DOCUMENT_RIGHTS:
            rights.add(name)
        elif name:
            raise ValidationError("rights", "diritti ammessi: " +
                                  ", ".join(list(permissions.DOCUMENT_RIGHTS) + ["all"]),
                                  "Diritti sul documento")
    return rights


@operation(functions.GRANTS)
def set_document_rights(ctx: Context, grantee: Grantee, doc_type: str, rights: set[str]) -> None:
    """Set exactly these rights on a document type (an empty set removes the row)."""
    doc_type = doc_type.strip().lower()
    if not doc_type:
        raise ValidationError("doc_type", "obbligatorio", "Tipo documento")
    row = DocumentRight.get_or_none(grantee.where(DocumentRight), DocumentRight.doc_type == doc_type)
    values = {f"can_{name}": name in rights for name in permissions.DOCUMENT_RIGHTS}
    if not rights:
        if row is not None:
            records.delete(ctx, row)
    elif row is None:
        records.insert(ctx, DocumentRight, doc_type=doc_type, **values, **grantee.values())
    else:
        records.update(ctx, row, **values)


SENSITIVE = {"costs": "costi", "margins": "margini", "prices": "prezzi"}


@operation(functions.GRANTS)
def set_sensitive(ctx: Context, grantee: Grantee, **flags: bool | None) -> None:
    """See costs / margins / prices: True, False, or None (operators only: inherit)."""
    unknown = set(flags) - set(SENSITIVE)
    if unknown:
        raise ValidationError("sensitive", "dati riservati ammessi: costs, margins, prices",
                              "Dati riservati")
    target = grantee.operator or grantee.group
    if grantee.group is not None and None in flags.values():
        raise ValidationError("sensitive", "un gruppo non eredita: indicare sì o no",
                              "Dati riservati")
    records.update(ctx, target, **{f"see_{k}": v for k, v in flags.items()})


@dataclass(frozen=True)
class GrantSummary:
    functions: dict[str, bool]
    companies: list[int]
    document_rights: dict[str, list[str]]


@operation(functions.OPERATOR_LIST, write=False)
def summary(ctx: Context, grantee: Grantee) -> GrantSummary:
    """The rows granted directly to the grantee (not the effective rights)."""
    return _granted(grantee)


def _granted(grantee: Grantee) -> GrantSummary:
    # Without a permission check of its own: granting (923) must not need the operator
    # list (921) just to read what is there.
    funcs = {g.function_code: g.allowed for g in FunctionGrant.select()
             .where(grantee.where(FunctionGrant)).order_by(FunctionGrant.function_code)}
    comps = sorted(a.company.code for a in CompanyAccess.select().where(
        grantee.where(CompanyAccess)))
    docs = {}
    for row in DocumentRight.select().where(grantee.where(DocumentRight)):
        docs[row.doc_type] = [n for n in permissions.DOCUMENT_RIGHTS if getattr(row, f"can_{n}")]
    return GrantSummary(funcs, comps, docs)


@dataclass(frozen=True)
class GrantChange:
    """Several grants at once, applied in one transaction."""

    functions: tuple[str, ...] = ()
    companies: tuple[int, ...] = ()
    documents: tuple[tuple[str, frozenset[str]], ...] = ()
    sensitive: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return not (self.functions or self.companies or self.documents or self.sensitive)


def _require_something(change: GrantChange) -> None:
    if change.is_empty():
        raise ValidationError("grant", "indicare almeno una funzione, ditta, documento o dato "
                              "riservato", "Permessi")


@operation(functions.GRANTS)
def grant(ctx: Context, grantee: Grantee, change: GrantChange, deny: bool = False) -> None:
    _require_something(change)
    if change.functions:
        grant_functions(ctx, grantee, list(change.functions), allowed=not deny)
    for code in change.companies:
        grant_company(ctx, grantee, code)
    for doc_type, rights in change.documents:
        current = set(_granted(grantee).document_rights.get(doc_type.lower(), []))
        set_document_rights(ctx, grantee, doc_type, current | set(rights))
    if change.sensitive:
        set_sensitive(ctx, grantee, **{name: True for name in change.sensitive})


@operation(functions.GRANTS)
def revoke(ctx: Context, grantee: Grantee, change: GrantChange) -> None:
    _require_something(change)
    if change.functions:
        revoke_functions(ctx, grantee, list(change.functions))
    for code in change.companies:
        revoke_company(ctx, grantee, code)
    for doc_type, rights in change.documents:
        current = set(_granted(grantee).document_rights.get(doc_type.lower(), []))
        set_document_rights(ctx, grantee, doc_type, current - set(rights))
    if change.sensitive:
        set_sensitive(ctx, grantee, **{name: False for name in change.sensitive})
