"""The company mask (912): creating and changing a company (name, identifiers, active)."""

from __future__ import annotations

from typing import Any

from gamma import companies, functions, records, validation
from gamma.access import field_rules, permissions
from gamma.access.forms import COMPANY
from gamma.context import Context
from gamma.errors import ValidationError
from gamma.service import operation
from models import Company


def form_values(company: Company) -> dict[str, Any]:
    return {"code": company.code, "name": company.name, "vat_number": company.vat_number,
            "tax_code": company.tax_code, "active": company.active}


@operation(functions.COMPANY_LIST, write=False)
def get(ctx: Context, code: int) -> Company:
    """A company to maintain: any company for whoever may change them, else a granted one."""
    company = companies.find(code)
    if not permissions.function_allowed(ctx.operator, functions.COMPANY_EDIT.code):
        permissions.require_company(ctx, company)
    return company


@operation(functions.COMPANY_EDIT)
def save_from_form(ctx: Context, values: dict[str, Any], code: int | None = None) -> Company:
    """Create (code None) or change a company from the company mask's values; field rules
    of the form "company" are enforced here."""
    target = companies.find(code) if code is not None else None
    values = field_rules.apply(ctx, COMPANY.name, values, COMPANY.labels,
                               form_values(target) if target is not None else None)
    name = validation.text(values.get("name"), "name", "Ragione sociale", 80)
    vat_number = validation.italian_vat_number(values.get("vat_number") or "")
    tax_code = validation.italian_tax_code(values.get("tax_code") or "")
    active = values.get("active", True) is not False
    if target is None:
        target = companies.add(ctx, values.get("code"), name, vat_number, tax_code)
    elif not active and target.active:
        others = Company.select().where(Company.active == True,  # noqa: E712
                                        Company.id != target.id).exists()
        if not others:
            raise ValidationError("active", "è l'unica ditta attiva", "Attiva")
        if ctx.company is not None and ctx.company.id == target.id:
            raise ValidationError("active", "non si disattiva la ditta in uso", "Attiva")
    return records.update(ctx, target, name=name, vat_number=vat_number, tax_code=tax_code,
                          active=active)
