"""Lookup sources `party`, `customer`, `supplier`: by code prefix, by a substring of the
name, by the digits of the VAT number."""

from __future__ import annotations

from peewee import fn

from gamma.lookups import Column, Source, register
from gamma.master.parties import roles
from models import Destination, Party

COLUMNS = (Column("code", "Codice", 10), Column("name", "Ragione sociale", 34),
           Column("city", "Località", 14), Column("vat_number", "Partita IVA", 13),
           Column("roles", "C/F", 3))


def _search(role: str | None):
    def search(ctx, typed, filters, limit):
        if ctx.company is None:
            return []
        q = Party.select().where(Party.company == ctx.company)
        if role == "customer":
            q = q.where(Party.is_customer == True)  # noqa: E712
        elif role == "supplier":
            q = q.where(Party.is_supplier == True)  # noqa: E712
        if filters.get("active") in ("S", "N"):
            q = q.where(Party.active == (filters["active"] == "S"))
        typed = (typed or "").strip()
        if typed:
            cond = (Party.code.startswith(typed.upper())
                    | fn.LOWER(Party.name).contains(typed.lower()))
            compact = typed.replace(" ", "").upper()
            if len(compact) >= 3 and any(c.isdigit() for c in compact):
                cond |= Party.vat_number.contains(compact)
            q = q.where(cond)
        return [{"code": p.code, "name": p.name, "city": p.city, "vat_number": p.vat_number,
                 "roles": roles(p), "active": "S" if p.active else "N"}
                for p in q.order_by(Party.code).limit(limit)]
    return search


register(Source("party", "Clienti e fornitori", COLUMNS, "code", _search(None)))
register(Source("customer", "Clienti", COLUMNS, "code", _search("customer")))
register(Source("supplier", "Fornitori", COLUMNS, "code", _search("supplier")))


def _destinations(ctx, typed, filters, limit):
    """The destinations of the party named by the filter `party` (the F6 list)."""
    code = filters.get("party", "")
    if ctx.company is None or not code:
        return []
    party = Party.get_or_none(Party.company == ctx.company, Party.code == code.upper())
    if party is None:
        return []
    text = (typed or "").lower()
    rows = [{"number": d.number, "name": d.name, "city": d.city, "province": d.province,
             "country": d.country}
            for d in Destination.select().where(Destination.party == party)
            .order_by(Destination.number)]
    return [r for r in rows if not text or str(r["number"]).startswith(text)
            or text in r["name"].lower() or text in r["city"].lower()][:limit]


register(Source("party_destination", "Destinazioni", (
    Column("number", "N.", 4), Column("name", "Nome", 36), Column("city", "Località", 24),
    Column("province", "Pr", 2), Column("country", "Naz", 3)), "number", _destinations))
