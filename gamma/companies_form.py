"""The company mask (912): creating and changing a company (name, identifiers, active,
registered office and contacts, the fiscal data FatturaPA's CedentePrestatore carries)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from gamma import companies, functions, numbers, records, validation
from gamma.access import field_rules, permissions
from gamma.access.forms import (COMPANY, FUND_TYPES, LIQUIDATION, SOLE_SHAREHOLDER,
                                TAX_REGIMES, WITHHOLDING_REASONS)
from gamma.context import Context
from gamma.errors import ValidationError
from gamma.master import party_rules
from gamma.service import operation
from models import Company

# The company's own columns the mask edits besides code, name, identifiers and active.
DETAILS = ("address", "zip", "city", "province", "country", "phone", "email", "pec",
           "tax_regime", "rea_office", "rea_number", "share_capital", "sole_shareholder",
           "liquidation", "fund_type", "fund_rate", "enasarco_rate", "withholding_reason")
# Tax regimes the FatturaPA schema in use (v1.2.2) lists: RF20 came with specification
# v1.9 (2025), and a file carrying it would not validate.
SCHEMA_TAX_REGIMES = tuple(f"RF{n:02d}" for n in range(1, 20) if n != 3)


def form_values(company: Company) -> dict[str, Any]:
    return {"code": company.code, "name": company.name, "vat_number": company.vat_number,
            "tax_code": company.tax_code, "active": company.active,
            **{name: getattr(company, name) for name in DETAILS}}


def _label(name: str) -> str:
    return COMPANY.field(name).label


# Free texts and their column lengths.
_TEXTS = {"address": 60, "city": 60, "phone": 30, "rea_number": 20}


def _province(value: Any, name: str) -> str:
    value = (value or "").strip().upper()
    if value and not (len(value) == 2 and value.isalpha()):
        raise ValidationError(name, "sigla di 2 lettere", _label(name))
    return value


def _choice(value: Any, name: str, choices: tuple[tuple[str, str], ...],
            default: str) -> str:
    value = (value or "").strip().upper() or default
    if value not in dict(choices):
        allowed = ", ".join(code for code, _ in choices if code)
        raise ValidationError(name, f"valore non ammesso (ammessi: {allowed})", _label(name))
    return value


def details(values: dict[str, Any]) -> dict[str, Any]:
    """The registered office, contacts and fiscal data from the form's values, checked."""
    out: dict[str, Any] = {"country": party_rules.country_code(values.get("country"))}
    for name, length in _TEXTS.items():
        out[name] = validation.text(values.get(name), name, _label(name), length,
                                    required=False)
    out["zip"] = (values.get("zip") or "").strip().upper()
    if out["country"] == "IT" and out["zip"] and not re.fullmatch(r"\d{5}", out["zip"]):
        raise ValidationError("zip", "5 cifre per l'Italia", _label("zip"))
    if len(out["zip"]) > 10:
        raise ValidationError("zip", "al massimo 10 caratteri", _label("zip"))
    out["province"] = _province(values.get("province"), "province")
    out["email"] = (values.get("email") or "").strip()
    if out["email"] and not party_rules.EMAIL.match(out["email"]):
        raise ValidationError("email", "indirizzo di posta elettronica non valido",
                              _label("email"))
    out["pec"] = party_rules.pec(values.get("pec"))
    for name in ("email", "pec"):
        if len(out[name]) > 100:
            raise ValidationError(name, "al massimo 100 caratteri", _label(name))
    out["tax_regime"] = _choice(values.get("tax_regime"), "tax_regime", TAX_REGIMES, "RF01")
    if out["tax_regime"] not in SCHEMA_TAX_REGIMES:
        raise ValidationError("tax_regime", f"{out['tax_regime']} non previsto dallo schema "
                              "FatturaPA v1.2.2 in uso: le fatture elettroniche non sarebbero "
                              "valide", _label("tax_regime"))
    out["rea_office"] = _province(values.get("rea_office"), "rea_office")
    out["rea_number"] = out["rea_number"].upper()
    if out["rea_number"] and not out["rea_office"]:
        raise ValidationError("rea_office", "obbligatorio con il numero REA",
                              _label("rea_office"))
    if out["rea_office"] and not out["rea_number"]:
        raise ValidationError("rea_number", "obbligatorio con l'ufficio REA",
                              _label("rea_number"))
    capital = values.get("share_capital")
    if isinstance(capital, str):
        capital = numbers.parse_decimal(capital, 2, "share_capital", _label("share_capital"))
    elif capital is not None and not isinstance(capital, Decimal):
        capital = Decimal(str(capital))
    if capital is not None and capital < 0:
        raise ValidationError("share_capital", "non può essere negativo",
                              _label("share_capital"))
    out["share_capital"] = capital
    out["sole_shareholder"] = _choice(values.get("sole_shareholder"), "sole_shareholder",
                                      SOLE_SHAREHOLDER, "")
    out["liquidation"] = _choice(values.get("liquidation"), "liquidation", LIQUIDATION, "LN")
    _contributions(values, out)
    return out


def _rate(value: Any, name: str) -> Decimal | None:
    if isinstance(value, str):
        value = numbers.parse_decimal(value, 2, name, _label(name)) if value.strip() else None
    elif value is not None and not isinstance(value, Decimal):
        value = Decimal(str(value))
    if value is not None and not 0 < value < 100:
        raise ValidationError(name, "percentuale maggiore di 0 e minore di 100", _label(name))
    return value


def _contributions(values: dict[str, Any], out: dict[str, Any]) -> None:
    """The pension fund the company charges (type and rate together), the agent's ENASARCO
    share and the withholdings' reason."""
    out["fund_type"] = _choice(values.get("fund_type"), "fund_type", FUND_TYPES, "")
    out["fund_rate"] = _rate(values.get("fund_rate"), "fund_rate")
    if out["fund_type"] and out["fund_rate"] is None:
        raise ValidationError("fund_rate", "obbligatoria con la cassa previdenziale",
                              _label("fund_rate"))
    if out["fund_rate"] is not None and not out["fund_type"]:
        raise ValidationError("fund_type", "obbligatoria con l'aliquota della cassa",
                              _label("fund_type"))
    out["enasarco_rate"] = _rate(values.get("enasarco_rate"), "enasarco_rate")
    out["withholding_reason"] = _choice(values.get("withholding_reason"),
                                        "withholding_reason",
                                        (("", ""),) + WITHHOLDING_REASONS, "")


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
    current = form_values(target) if target is not None else None
    if current is not None:  # fields not given (hidden, not named by the CLI) stay as they are
        values = {**current, **values}
    values = field_rules.apply(ctx, COMPANY.name, values, COMPANY.labels, current)
    name = validation.text(values.get("name"), "name", "Ragione sociale", 80)
    vat_number = validation.italian_vat_number(values.get("vat_number") or "")
    tax_code = validation.italian_tax_code(values.get("tax_code") or "")
    active = values.get("active", True) is not False
    checked = details(values)
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
                          active=active, **checked)
