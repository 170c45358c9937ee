"""The inventory book (libro inventari) of a valuation: its articles by fiscal group
(the article's product group, else its family), with subtotals, as the printers take it."""

from __future__ import annotations

from decimal import Decimal
from itertools import groupby

from gamma.context import Context
from gamma.stock.valuation import Valuation
from printers import inventory_pdf, inventory_xlsx

NO_GROUP = "Senza gruppo"


def book(ctx: Context, found: Valuation) -> dict:
    """Plain data: company, title, subtitle, groups (code, name, lines, value), total."""
    ordered = sorted(found.lines, key=lambda x: (x.group == "", x.group, x.code))
    groups = []
    for (code, name), lines in groupby(ordered, key=lambda x: (x.group, x.group_name)):
        rows = [{"code": x.code, "description": x.description, "unit": x.unit,
                 "qty": x.qty, "unit_cost": x.unit_cost, "value": x.value} for x in lines]
        groups.append({"code": code, "name": name or NO_GROUP, "lines": rows,
                       "value": sum((r["value"] for r in rows), Decimal("0.00"))})
    depot = f", deposito {found.depot}" if found.depot else ""
    return {"company": ctx.company.name,
            "title": f"Inventario di magazzino al {found.at:%d/%m/%Y}",
            "subtitle": f"Valorizzazione: {found.label()}{depot}",
            "groups": groups, "total": found.total}


def xlsx(ctx: Context, found: Valuation) -> bytes:
    return inventory_xlsx.render(book(ctx, found))


def pdf(ctx: Context, found: Valuation) -> bytes:
    return inventory_pdf.render(book(ctx, found))
