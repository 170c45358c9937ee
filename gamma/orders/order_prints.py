"""The prints of the order reports: supplier reminder letters and the picking list, as
PDF files (the printers take the plain data built here)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Iterable

from gamma.context import Context
from gamma.orders import reports
from printers import order_reminder, picking_list


def _company(ctx: Context) -> dict:
    c = ctx.company
    city = " ".join(x for x in (getattr(c, "zip", ""), getattr(c, "city", ""),
                                f"({c.province})" if getattr(c, "province", "") else "") if x)
    return {"name": c.name, "address": [a for a in (getattr(c, "address", ""), city) if a]}


def reminders_pdf(ctx: Context, path: Path, at: date | None = None,
                  supplier: str | None = None) -> Path:
    """Write one reminder letter per supplier with late deliveries to `path`."""
    late = reports.late_deliveries(ctx, at, supplier)
    data = {"company": _company(ctx), "date": at or ctx.today(), "letters": [
        {"supplier": g.supplier, "name": g.supplier_name, "address": g.address,
         "lines": [{"order": line.order, "due": line.due, "article": line.article,
                    "description": line.description, "residual": line.residual}
                   for line in g.lines]} for g in late]}
    path = Path(path)
    path.write_bytes(order_reminder.render_pdf(data))
    return path


def picking_pdf(ctx: Context, path: Path, orders: Iterable[int] = (),
                party: str | None = None, due_to: date | None = None) -> Path:
    """Write the picking list, by location, to `path`."""
    lines = reports.picking_list(ctx, orders=orders, party=party, due_to=due_to)
    data = {"company": ctx.company.name, "date": ctx.today(), "lines": [
        {"location": line.location, "article": line.article,
         "description": line.description, "order": line.order, "party": line.party,
         "qty": line.residual} for line in lines]}
    path = Path(path)
    path.write_bytes(picking_list.render_pdf(data))
    return path
