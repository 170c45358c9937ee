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


# -- administration: grantees, forms and their fields, rules, user masks, presets, audit,
# sessions, locks, every company -------------------------------------------------------

def _grantees(ctx, typed, filters, limit):
    from gamma.access.grantees import GROUP_PREFIXES
    text = typed.lower()
    kind = filters.get("kind", "")
    for prefix in GROUP_PREFIXES:
        if text.startswith(prefix):
            text, kind = text[len(prefix):], "gruppo"
    rows = []
    if kind != "gruppo":
        rows += [{"grantee": r["login"], "kind": "operatore", "description": r["name"]}
                 for r in _operators(ctx, text, {}, limit)]
    if kind != "operatore":
        rows += [{"grantee": f"gruppo:{r['code']}", "kind": "gruppo",
                  "description": r["description"]} for r in _groups(ctx, text, {}, limit)]
    return rows[:limit]


def _forms(ctx, typed, filters, limit):
    from gamma import forms
    text = typed.lower()
    return [{"name": f.name, "title": f.title} for f in forms.all_forms()
            if not text or f.name.startswith(text) or text in f.title.lower()][:limit]


def _form_fields(ctx, typed, filters, limit):
    """Every field of every form; typing a form's name lists that form's fields."""
    from gamma import forms
    text = typed.lower()
    wanted = filters.get("form", "")
    if "." in text:  # form.field: that form's fields
        wanted, text = text.split(".", 1)
    rows = []
    for form in forms.all_forms():
        if wanted and form.name != wanted:
            continue
        for f in form.fields:
            if text and not (f.name.startswith(text) or text in f.label.lower()
                             or (not wanted and form.name.startswith(text))):
                continue
            rows.append({"field": f.name, "form": form.name, "label": f.label,
                         "required": "S" if f.required else ""})
    return rows[:limit]


def _field_rules(ctx, typed, filters, limit):
    from gamma.access import field_rules, rules_form
    text = typed.lower()
    rows = [rules_form.row(r) for r in field_rules.list_rules(ctx, filters.get("form") or None)]
    return [r for r in rows if not text or r["form"].startswith(text)
            or r["field"].startswith(text) or text in r["for"].lower()][:limit]


def _mask_layouts(ctx, typed, filters, limit):
    from gamma import masks, masks_form
    text = typed.lower()
    rows = [masks_form.row(r) for r in masks.list_layouts(ctx)]
    return [r for r in rows if not text or r["form"].startswith(text)
            or text in r["for"].lower()][:limit]


def _presets(ctx, typed, filters, limit):
    from gamma import presets
    text = typed.lower()
    rows = []
    for p in presets.list_presets(ctx, filters.get("command") or None):
        if text and not (p.command.lower().startswith(text) or text in p.name.lower()
                         or text in p.description.lower()):
            continue
        rows.append({"command": p.command, "name": p.name,
                     "owner": "tutti" if p.shared else (p.owner or ""),
                     "description": p.description, "shared": p.shared,
                     "params": p.params})
    return rows[:limit]


def _audit(ctx, typed, filters, limit):
    from gamma.audit import params, view
    wanted = {k: v for k, v in filters.items() if k in (
        "who", "since", "until", "function_code", "action", "table", "key", "limit")}
    wanted.setdefault("limit", limit)
    text = typed.lower()
    rows = [params.entry_row(ctx, e) for e in view.search(ctx, params.query(ctx, **wanted))]
    return [r for r in rows if not text or r["operator"].startswith(text)
            or text in r["table"].lower() or text in r["key"].lower()
            or text in r["what"].lower() or r["action"].startswith(text)]


def _sessions(ctx, typed, filters, limit):
    from gamma import sessions
    text = typed.lower()
    rows = []
    for s in sessions.active(ctx):
        row = {"id": s.id, "operator": s.operator.login, "company": s.company_code or "",
               "origin": s.origin, "remote": s.remote or s.host,
               "started": ctx.local(s.started_at).strftime("%d/%m %H:%M"),
               "seen": ctx.local(s.last_seen_at).strftime("%d/%m %H:%M"),
               "host": s.host, "pid": s.pid}
        if text and not (row["operator"].startswith(text) or text in row["remote"].lower()):
            continue
        rows.append(row)
    return rows[:limit]


def _table_label(table: str) -> str:
    """What a table holds, in Italian (its model's LABEL), else the name itself."""
    from models import ALL_MODELS
    for model in ALL_MODELS:
        if model._meta.table_name == table and model.LABEL:
            return model.LABEL
    return table


def _locks(ctx, typed, filters, limit):
    from gamma import locks
    text = typed.lower()
    rows = []
    for lk in locks.list_locks(ctx):
        row = {"table": lk.table_name, "what": _table_label(lk.table_name),
               "key": lk.record_key, "operator": lk.operator.login,
               "session": lk.session_id or "",
               "since": ctx.local(lk.acquired_at).strftime("%d/%m %H:%M"),
               "expires": ctx.local(lk.expires_at).strftime("%d/%m %H:%M")}
        if text and not (row["what"].startswith(text) or row["key"].startswith(text)
                         or row["operator"].startswith(text)):
            continue
        rows.append(row)
    return rows[:limit]


def _all_companies(ctx, typed, filters, limit):
    """Every company, inactive ones too, for whoever may change them; else the granted."""
    if permissions.function_allowed(ctx.operator, functions.COMPANY_EDIT.code):
        listed = list(Company.select().order_by(Company.code))
    else:
        listed = permissions.allowed_companies(ctx.operator)
    rows = []
    for c in listed:
        if typed and not (str(c.code).startswith(typed) or typed.lower() in c.name.lower()):
            continue
        if filters.get("active") in ("S", "N") and c.active != (filters["active"] == "S"):
            continue
        rows.append({"code": str(c.code), "name": c.name, "vat_number": c.vat_number,
                     "tax_code": c.tax_code, "active": "S" if c.active else "N"})
    return rows[:limit]


register(Source("grantee", "Operatori e gruppi", (Column("grantee", "Operatore/gruppo", 27),
                                                  Column("kind", "Tipo", 9),
                                                  Column("description", "Descrizione", 40)),
                "grantee", _grantees))
register(Source("form", "Maschere", (Column("name", "Maschera", 20),
                                     Column("title", "Titolo", 50)), "name", _forms))
register(Source("form_field", "Campi delle maschere", (
    Column("field", "Campo", 20), Column("form", "Maschera", 16),
    Column("label", "Descrizione", 34), Column("required", "Obb.", 4)), "field",
    _form_fields))
register(Source("field_rule", "Regole dei campi", (
    Column("id", "N.", 5), Column("form", "Maschera", 14), Column("field", "Campo", 16),
    Column("for", "Per", 16), Column("rule", "Regola", 24)), "id", _field_rules))
register(Source("mask_layout", "Maschere personalizzate", (
    Column("id", "N.", 5), Column("form", "Maschera", 16), Column("for", "Per", 20),
    Column("fields", "Campi", 35)), "id", _mask_layouts))
register(Source("preset", "Parametri memorizzati", (
    Column("command", "Comando", 20), Column("name", "Nome", 20), Column("owner", "Di", 10),
    Column("description", "Descrizione", 26)), "name", _presets))
register(Source("audit", "Registro attività", (
    Column("at", "Quando", 14), Column("operator", "Operat.", 8), Column("function", "Funz", 4),
    Column("action", "Azione", 7), Column("table", "Tabella", 12), Column("key", "Record", 10),
    Column("what", "Dettaglio", 18)), "id", _audit))
register(Source("session", "Operatori collegati", (
    Column("id", "Sess.", 5), Column("operator", "Operatore", 12), Column("company", "Ditta", 5),
    Column("origin", "Tipo", 5), Column("remote", "Da", 18), Column("started", "Dalle", 14),
    Column("seen", "Ult. attività", 14)), "id", _sessions))
register(Source("lock", "Record in uso", (
    Column("what", "Archivio", 24), Column("key", "Record", 16),
    Column("operator", "Operatore", 12), Column("since", "Dalle", 14),
    Column("expires", "Scade", 14)), "key", _locks))
register(Source("company_admin", "Ditte", (
    Column("code", "Ditta", 6), Column("name", "Ragione sociale", 44),
    Column("vat_number", "Partita IVA", 14), Column("active", "Att.", 4)), "code",
    _all_companies))
