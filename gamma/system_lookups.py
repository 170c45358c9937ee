"""Lookup sources for the system's own records: operators, groups, companies, functions."""

from __future__ import annotations

from peewee import fn

from gamma import functions
from gamma.access import permissions
from gamma.lookups import Column, Source, register
from models import Company, Group, Operator


def _like(text: str) -> str:
    return "%" + text.replace("\\", "").replace("%", "").replace("_", "").lower() + "%"


def _operators(ctx, typed, filters, limit):
    q = Operator.select().order_by(Operator.login)
    if typed:
        q = q.where(Operator.login.startswith(typed.lower())
                    | fn.LOWER(Operator.name).contains(typed.lower()))
    if filters.get("active") in ("S", "N"):
        q = q.where(Operator.active == (filters["active"] == "S"))
    return [{"login": o.login, "name": o.name, "active": "S" if o.active else "N",
             "admin": "S" if o.is_admin else ""} for o in q.limit(limit)]


def _groups(ctx, typed, filters, limit):
    q = Group.select().order_by(Group.code)
    if typed:
        q = q.where(Group.code.startswith(typed.lower())
                    | fn.LOWER(Group.description).contains(typed.lower()))
    return [{"code": g.code, "description": g.description} for g in q.limit(limit)]


def _companies(ctx, typed, filters, limit):
    allowed = {c.id for c in permissions.allowed_companies(ctx.operator)}
    q = Company.select().where(Company.id.in_(allowed) if allowed else False).order_by(
        Company.code)
    rows = []
    for c in q:
        if typed and not (str(c.code).startswith(typed) or typed.lower() in c.name.lower()):
            continue
        rows.append({"code": str(c.code), "name": c.name, "vat_number": c.vat_number})
    return rows[:limit]


def _functions(ctx, typed, filters, limit):
    allowed = permissions.allowed_functions(ctx.operator)
    rows = []
    for f in functions.all_functions():
        if filters.get("granted") == "S" and f.code not in allowed:
            continue
        if typed and not (f.code.startswith(typed.upper()) or f.mnemonic.startswith(
                typed.upper()) or typed.lower() in f.title.lower()):
            continue
        rows.append({"code": f.code, "mnemonic": f.mnemonic, "title": f.title})
    return rows[:limit]


register(Source("operator", "Operatori", (Column("login", "Operatore", 20),
                                          Column("name", "Nome", 36),
                                          Column("active", "Att.", 4),
                                          Column("admin", "Amm.", 4)), "login", _operators))
register(Source("group", "Gruppi", (Column("code", "Gruppo", 20),
                                    Column("description", "Descrizione", 50)), "code", _groups))
register(Source("company", "Ditte", (Column("code", "Ditta", 6), Column("name", "Nome", 50),
                                     Column("vat_number", "Partita IVA", 14)), "code",
                _companies))
register(Source("function", "Funzioni", (Column("code", "Codice", 6),
                                         Column("mnemonic", "Sigla", 9),
                                         Column("title", "Funzione", 50)), "code", _functions))
