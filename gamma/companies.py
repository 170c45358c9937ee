"""Companies (ditte), codes 1..9999; an operator sees only those granted."""

from __future__ import annotations

from gamma import functions, records, validation
from gamma.access import permissions
from gamma.context import Context
from gamma.errors import NotFound, ValidationError
from gamma.master import standard_data
from gamma.service import operation
from models import Company


def _check_code(code: int) -> int:
    if not isinstance(code, int) or not 1 <= code <= 9999:
        raise ValidationError("code", "deve essere un numero da 1 a 9999", "Codice ditta")
    return code


@operation(functions.COMPANY_EDIT)
def add(ctx: Context, code: int, name: str, vat_number: str = "", tax_code: str = "") -> Company:
    code = _check_code(code)
    if Company.select().where(Company.code == code).exists():
        raise ValidationError("code", f"la ditta {code} esiste già", "Codice ditta")
    company = records.insert(
        ctx, Company, code=code,
        name=validation.text(name, "name", "Ragione sociale", 80),
        vat_number=validation.italian_vat_number(vat_number),
        tax_code=validation.italian_tax_code(tax_code))
    standard_data.load(ctx, company)  # the standard tables every company starts with
    return company


def find(code: int) -> Company:
    company = Company.get_or_none(Company.code == code)
    if company is None:
        raise NotFound(f"Ditta {code} inesistente")
    return company


@operation(functions.COMPANY_LIST, write=False)
def list_companies(ctx: Context) -> list[Company]:
    """The active companies the operator may open."""
    return permissions.allowed_companies(ctx.operator)


@operation(functions.COMPANY_LIST, write=False)
def get(ctx: Context, code: int) -> Company:
    company = find(code)
    permissions.require_company(ctx, company)
    return company


def open_company(ctx: Context, code: int) -> Context:
    """The context working on company `code`; refused unless granted to the operator."""
    company = find(code)
    if not company.active:
        raise NotFound(f"Ditta {code} disattivata")
    permissions.require_company(ctx, company)
    return ctx.with_company(company)


def default_company(ctx: Context) -> Company | None:
    """The company the operator works on when none is named: the first one granted."""
    companies = permissions.allowed_companies(ctx.operator)
    return companies[0] if companies else None
