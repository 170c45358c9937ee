"""Parties as flat rows for export (CSV, JSON) and a search for the CLI.

EXPORT_COLUMNS is the stable column list of `gamma party export`; the import reads the
same names. Booleans are S/N, amounts use the decimal comma, coded fields hold codes,
roles are C, F or CF.
"""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from typing import IO, Any, Iterable

from gamma import functions, lookups, numbers
from gamma.context import Context
from gamma.master.parties import form_values, roles
from gamma.master.party_form import GROUPINGS
from gamma.service import operation
from models import Party

# The first fourteen are the required columns; never reorder, only append.
EXPORT_COLUMNS = (
    "code", "name", "vat_number", "tax_code", "address", "zip", "city", "province",
    "country", "sdi_code", "pec", "roles", "payment_term", "iban",
    "name2", "email", "phone", "abi", "cab", "our_bank", "price_list", "discounts", "agent",
    "agent2", "zone", "area", "category", *GROUPINGS, "language", "currency",
    "credit_limit", "sales_block", "block_reason", "active", "replaced_by", "notes",
    "vat_regime", "intent_vat_code", "intent_reference", "intent_valid_to", "withholding")


def row(party: Party) -> dict[str, Any]:
    """The party with every export column, as Python values (codes for coded fields)."""
    values = form_values(party)
    values["code"] = party.code
    values["roles"] = roles(party)
    return {c: values.get(c) for c in EXPORT_COLUMNS}


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "S" if value else "N"
    if isinstance(value, Decimal):  # 1500,50: decimal comma, no thousands separator
        return numbers.format_decimal(value, 2).replace(".", "")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


@operation(functions.PARTY_LIST, write=False)
def export_rows(ctx: Context) -> list[dict[str, Any]]:
    """Every party of the company, by code."""
    company = ctx.require_company()
    return [row(p) for p in Party.select().where(Party.company == company)
            .order_by(Party.code)]


def write_csv(rows: Iterable[dict[str, Any]], stream: IO[str]) -> None:
    """UTF-8 text, `;` separated, a header of the column names."""
    writer = csv.writer(stream, delimiter=";", lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    for r in rows:
        writer.writerow([as_text(r.get(c)) for c in EXPORT_COLUMNS])


@operation(functions.PARTY_LIST, write=False)
def search(ctx: Context, text: str, role: str | None = None,
           limit: int = 200) -> list[dict[str, Any]]:
    """Parties by code prefix, name substring or VAT number digits (as the F2 lookup)."""
    ctx.require_company()
    return lookups.search(ctx, role or "party", text, limit=limit)
