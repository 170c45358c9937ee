"""Standard tables: list, read, save and delete rows of any table, resolve codes for other
services (`find`), exchange rates of a day (`rate_on`).

Every table is defined once in gamma.master.tables_defs; values travel as the table's form
gives them (str, int, Decimal, bool) and the form's field rules are enforced here, so the
mask and the CLI agree.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from peewee import ForeignKeyField, fn

from gamma import functions, records, validation
from gamma.access import field_rules
from gamma.context import Context
from gamma.errors import GammaError, NotFound, ValidationError
from gamma.master import due_dates
from gamma.master.tables_defs import (CHARGE_BASES, CHARGE_MODES, METHODS, NATURES, TABLES,
                                      TableDef, table)
from gamma.sales import charges
from gamma.sales.kinds import KINDS
from gamma.service import operation
from models import Currency, ExchangeRate, TableEntry

CODE_RULE = re.compile(r"^[A-Z0-9][A-Z0-9._/-]*$")
_EFFECTS = ("on_hand", "committed", "on_order", "value")


# -- reading ---------------------------------------------------------------------------

def rows_of(ctx: Context, tdef: TableDef):
    """The query of the table's rows in the context's company."""
    model = tdef.model
    q = model.select().where(model.company == ctx.company)
    if tdef.kind:
        q = q.where(TableEntry.kind == tdef.kind)
    return q


def search(ctx: Context, name: str, typed: str = "", active: str = "",
           limit: int | None = None) -> list:
    """Rows whose code starts with, or whose description contains, what was typed."""
    tdef = table(name)
    model = tdef.model
    q = rows_of(ctx, tdef).order_by(model.code)
    typed = (typed or "").strip()
    if typed:
        q = q.where(model.code.startswith(typed.upper())
                    | fn.LOWER(getattr(model, tdef.text)).contains(typed.lower()))
    if active in ("S", "N") and "active" in model._meta.fields:
        q = q.where(model.active == (active == "S"))
    return list(q.limit(limit) if limit else q)


@operation(functions.TABLE_LIST, write=False)
def list_rows(ctx: Context, name: str, typed: str = "") -> list:
    """The rows of table `name`, by code."""
    return search(ctx, name, typed)


@operation(functions.TABLE_LIST, write=False)
def counts(ctx: Context) -> list[tuple[TableDef, int]]:
    """Every table with its number of rows in the company."""
    entries = dict(TableEntry.select(TableEntry.kind, fn.COUNT(TableEntry.id))
                   .where(TableEntry.company == ctx.company)
                   .group_by(TableEntry.kind).tuples())
    out = []
    for tdef in TABLES.values():
        if tdef.kind:
            out.append((tdef, entries.get(tdef.kind, 0)))
        else:
            out.append((tdef, rows_of(ctx, tdef).count()))
    return out


def find(ctx: Context, name: str, code: str, field: str | None = None,
         label: str | None = None):
    """The row of table `name` with `code`, for other services resolving a typed code;
    ValidationError naming `field` when there is none."""
    tdef = table(name)
    found = rows_of(ctx, tdef).where(tdef.model.code == (code or "").strip().upper()).first()
    if found is None:
        raise ValidationError(field or name, f"codice {code!r} inesistente in {tdef.title}",
                              label or tdef.title)
    return found


def exists(ctx: Context, name: str, code: str) -> bool:
    tdef = table(name)
    return rows_of(ctx, tdef).where(tdef.model.code == (code or "").strip().upper()).exists()


@operation(functions.TABLE_LIST, write=False)
def get(ctx: Context, name: str, code: str):
    tdef = table(name)
    found = rows_of(ctx, tdef).where(tdef.model.code == (code or "").strip().upper()).first()
    if found is None:
        raise NotFound(f"{tdef.title}: codice {code} inesistente")
    return found


def _coded(tdef: TableDef) -> tuple[str, ...]:
    """The form's fields that refer to another table's row by its code."""
    fields = tdef.model._meta.fields
    return tuple(f.name for f in tdef.form.fields
                 if isinstance(fields.get(f.name), ForeignKeyField) and f.lookup)


def form_values(tdef: TableDef, row) -> dict[str, Any]:
    """A row as the table's mask shows it (coded fields as codes)."""
    values = {}
    coded = _coded(tdef)
    for f in tdef.form.fields:
        value = getattr(row, f.name)
        if f.name in coded:
            value = value.code if value is not None else None
        elif f.kind == "choice":
            value = str(value) if value not in (None, "") else None
        values[f.name] = value
    return values


def export_row(tdef: TableDef, row) -> dict[str, str]:
    """A row as text, one entry per column, as the mask shows it (import reads it back)."""
    values = form_values(tdef, row)
    return {f.name: tdef.form.field(f.name).show(values[f.name]) for f in tdef.form.fields}


def parse_row(tdef: TableDef, texts: dict[str, str], today: date) -> dict[str, Any]:
    """Typed or imported text → values; ValidationError naming the field."""
    return {f.name: f.parse(texts[f.name], today) for f in tdef.form.fields if f.name in texts}


# -- writing ---------------------------------------------------------------------------

def _code(tdef: TableDef, value: Any) -> str:
    field = tdef.form.field("code")
    code = str(value or "").strip().upper()
    if not code:
        raise ValidationError("code", "obbligatorio", field.label)
    if len(code) > field.width:
        raise ValidationError("code", f"al massimo {field.width} caratteri", field.label)
    if not CODE_RULE.match(code):
        raise ValidationError("code", "solo lettere maiuscole, cifre e . _ / -", field.label)
    if tdef.name == "currency" and not re.match(r"^[A-Z]{3}$", code):
        raise ValidationError("code", "codice ISO 4217 di 3 lettere", field.label)
    if tdef.name == "country" and not re.match(r"^[A-Z]{2}$", code):
        raise ValidationError("code", "codice ISO 3166 di 2 lettere", field.label)
    return code


def _range(value: Any, field: str, label: str, low, high) -> Any:
    if value is None:
        value = low if low > 0 or high < 0 else type(low)(0)
    if not low <= value <= high:
        raise ValidationError(field, f"deve essere fra {low} e {high}", label)
    return value


def _typed(tdef: TableDef, values: dict[str, Any], today: date) -> dict[str, Any]:
    """Values given as text (field-rule defaults, callers passing strings) parsed."""
    out = {}
    for f in tdef.form.fields:
        if f.name not in values:
            continue
        value = values[f.name]
        if isinstance(value, str) and f.kind in ("integer", "decimal", "date", "bool",
                                                  "choice"):
            value = f.parse(value, today)
        out[f.name] = value
    return out


def _clean(ctx: Context, tdef: TableDef, v: dict[str, Any]) -> dict[str, Any]:
    """Checked and normalised field values of table `tdef` (the code apart)."""
    labels = tdef.form.labels
    out: dict[str, Any] = {}
    text = tdef.text
    out[text] = validation.text(v.get(text), text, labels[text], 60)
    coded = _coded(tdef)
    for f in tdef.form.fields:
        if f.name in coded:  # the row of another table, by its code in this company
            given = str(v.get(f.name) or "").strip().upper()
            out[f.name] = find(ctx, f.lookup, given, f.name, f.label) if given else None
        elif f.kind == "bool":
            out[f.name] = bool(v.get(f.name))
        elif f.kind in ("text", "code") and f.name not in ("code", text):
            out[f.name] = validation.text(v.get(f.name), f.name, f.label, f.width, False)
    name = tdef.name
    if name == "vat_code":
        rate = _range(v.get("rate"), "rate", labels["rate"], Decimal(0), Decimal(100))
        nature = (v.get("nature") or "").strip().upper()
        if rate == 0 and not nature:
            raise ValidationError("nature", "obbligatoria quando l'aliquota è 0",
                                  labels["nature"])
        if rate != 0 and nature:
            raise ValidationError("nature", "solo per aliquota 0", labels["nature"])
        if nature and nature not in NATURES:
            raise ValidationError("nature", f"natura {nature} non ammessa (N1, N2.1, N2.2, "
                                  "N3.1-N3.6, N4, N5, N6.1-N6.9, N7)", labels["nature"])
        out.update(rate=rate, nature=nature)
    elif name == "payment_term":
        method = (v.get("method") or "").upper()
        if method not in METHODS:
            raise ValidationError("method", "modalità FatturaPA da MP01 a MP23",
                                  labels["method"])
        out["method"] = method
        out["days"] = ",".join(str(d) for d in due_dates.parse_days(v.get("days")))
        out["excluded_months"] = ",".join(
            str(m) for m in due_dates.parse_months(v.get("excluded_months")))
        out["fixed_day"] = _range(v.get("fixed_day"), "fixed_day", labels["fixed_day"], 0, 31)
        out["excluded_to_day"] = _range(v.get("excluded_to_day"), "excluded_to_day",
                                        labels["excluded_to_day"], 0, 31)
        out["collection_charge"] = _range(v.get("collection_charge"), "collection_charge",
                                          labels["collection_charge"], Decimal(0),
                                          Decimal(999))
    elif name == "unit":
        out["decimals"] = _range(v.get("decimals"), "decimals", labels["decimals"], 0, 3)
    elif name == "currency":
        out["decimals"] = _range(v.get("decimals"), "decimals", labels["decimals"], 0, 6)
    elif name == "stock_reason":
        for effect in _EFFECTS:
            out[effect] = _range(int(v.get(effect) or 0), effect, labels[effect], -1, 1)
        paired = (v.get("paired_reason") or "").strip().upper()
        out["paired_reason"] = paired
    elif name == "agent":
        out["commission"] = _range(v.get("commission"), "commission", labels["commission"],
                                   Decimal(0), Decimal(100))
        if out["email"] and "@" not in out["email"]:
            raise ValidationError("email", "indirizzo e-mail non valido", labels["email"])
    elif name == "bank":
        out.update(_bank(out, labels))
    elif name == "charge_rule":
        out.update(_charge_rule(v, out, labels))
    return out


def _charge_rule(v: dict[str, Any], out: dict[str, Any],
                 labels: dict[str, str]) -> dict[str, Any]:
    """Document kinds known, basis and mode among the choices, the rate of a percentage,
    valid tiers (gamma.sales.charges.parse_tiers, as the documents read them)."""
    kinds = []
    for kind in (out["kinds"] or "").replace(";", ",").split(","):
        kind = kind.strip().lower()
        if not kind or kind in kinds:
            continue
        if kind not in KINDS:
            raise ValidationError("kinds", f"tipo documento {kind!r} sconosciuto (ammessi: "
                                  + ", ".join(KINDS) + "; vuoto = tutti)", labels["kinds"])
        kinds.append(kind)
    result: dict[str, Any] = {"kinds": ",".join(kinds)}
    for field, allowed in (("basis", CHARGE_BASES), ("mode", CHARGE_MODES)):
        chosen = str(v.get(field) or "").strip().lower()
        if chosen not in allowed:
            raise ValidationError(field, "valore non ammesso (ammessi: "
                                  + ", ".join(allowed) + ")", labels[field])
        result[field] = chosen
    value = Decimal(v.get("value") or 0)
    if value < 0:
        raise ValidationError("value", "non può essere negativo", labels["value"])
    rate = v.get("rate")
    rate = None if rate in (None, "") else Decimal(rate)
    if rate is not None and not Decimal(0) < rate <= Decimal(100):
        raise ValidationError("rate", "deve essere maggiore di 0 e al massimo 100",
                              labels["rate"])
    if result["mode"] == "percent" and rate is None:
        raise ValidationError("rate", "obbligatoria per le spese in percentuale",
                              labels["rate"])
    if result["mode"] == "fixed" and value == 0:
        raise ValidationError("value", "obbligatorio per le spese a importo fisso",
                              labels["value"])
    tiers = (out["tiers"] or "").strip()
    if tiers or result["mode"] == "tiers":
        charges.parse_tiers(tiers)  # ValidationError naming "tiers"
    result.update(value=value, rate=rate, tiers=tiers)
    return result


def _bank(v: dict[str, Any], labels: dict[str, str]) -> dict[str, Any]:
    """IBAN validated; ABI and CAB derived from an Italian IBAN."""
    from stdnum import bic, iban
    from stdnum.exceptions import ValidationError as StdnumError
    out = {}
    if v.get("iban"):
        try:
            out["iban"] = iban.compact(iban.validate(v["iban"]))
        except StdnumError:
            raise ValidationError("iban", "IBAN non valido (paese, lunghezza o carattere di "
                                  "controllo)", labels["iban"]) from None
        if out["iban"].startswith("IT"):
            out["abi"], out["cab"] = out["iban"][5:10], out["iban"][10:15]
    if v.get("bic"):
        try:
            out["bic"] = bic.validate(v["bic"])
        except StdnumError:
            raise ValidationError("bic", "BIC non valido (8 o 11 caratteri)",
                                  labels["bic"]) from None
    return out


def _given(tdef: TableDef, values: dict[str, Any], current: dict[str, Any] | None,
           today: date) -> dict[str, Any]:
    """What was given over what is stored (or, for a new row, the form's defaults)."""
    if current is not None:
        base = dict(current)
    else:
        base = {f.name: f.parse(f.default, today) if f.default else None
                for f in tdef.form.fields}
    base.update({k: v for k, v in values.items() if k in base})
    return base


@operation(functions.TABLE_EDIT)
def save(ctx: Context, name: str, values: dict[str, Any], code: str | None = None):
    """Create (code None) or change a row of table `name` from its form's values."""
    tdef = table(name)
    model = tdef.model
    target = get(ctx, name, code) if code else None
    current = form_values(tdef, target) if target is not None else None
    values = field_rules.apply(ctx, tdef.form.name, values, tdef.form.labels, current)
    values = _given(tdef, _typed(tdef, values, ctx.today()), current, ctx.today())
    clean = _clean(ctx, tdef, values)
    if tdef.name == "stock_reason" and clean["paired_reason"]:
        if clean["paired_reason"] != str(values.get("code") or "").strip().upper():
            find(ctx, "stock_reason", clean["paired_reason"], "paired_reason",
                 tdef.form.field("paired_reason").label)
    if target is not None:
        return records.update(ctx, target, **clean)
    new_code = _code(tdef, values.get("code"))
    if rows_of(ctx, tdef).where(model.code == new_code).exists():
        raise ValidationError("code", f"il codice {new_code} esiste già in {tdef.title}",
                              tdef.form.field("code").label)
    extra = {"kind": tdef.kind} if tdef.kind else {}
    return records.insert(ctx, model, company=ctx.company, code=new_code, **extra, **clean)


@operation(functions.TABLE_EDIT)
def delete(ctx: Context, name: str, code: str) -> None:
    """Delete a row no record refers to."""
    tdef = table(name)
    row = get(ctx, name, code)
    for field in tdef.model._meta.backrefs:
        if field.model.select().where(field == row.id).exists():
            raise GammaError(f"{tdef.title}: il codice {row.code} è usato "
                             f"({field.model.LABEL or field.model._meta.table_name}); "
                             "non si può eliminare")
    records.delete(ctx, row)


# -- exchange rates --------------------------------------------------------------------

@operation(functions.TABLE_EDIT)
def set_rate(ctx: Context, currency: str, day: date, rate: Decimal) -> ExchangeRate:
    """The rate of `currency` (units for one euro) on `day`, created or changed."""
    cur = find(ctx, "currency", currency, "currency", "Valuta")
    rate = Decimal(rate)
    if rate <= 0:
        raise ValidationError("rate", "deve essere maggiore di zero", "Cambio")
    found = ExchangeRate.get_or_none(ExchangeRate.currency == cur, ExchangeRate.day == day)
    if found is not None:
        return records.update(ctx, found, rate=rate)
    return records.insert(ctx, ExchangeRate, company=ctx.company, currency=cur, day=day,
                          rate=rate)


def rate_on(ctx: Context, currency: str, day: date) -> Decimal:
    """The rate of `currency` on `day`, or on the latest earlier day that has one; euro 1."""
    code = (currency or "").strip().upper()
    if code == "EUR":
        return Decimal("1.000000")
    cur = find(ctx, "currency", code, "currency", "Valuta")
    found = (ExchangeRate.select().where(ExchangeRate.currency == cur, ExchangeRate.day <= day)
             .order_by(ExchangeRate.day.desc()).first())
    if found is None:
        raise ValidationError("currency", f"nessun cambio per {code} al "
                              f"{day:%d/%m/%Y} o prima", "Cambio")
    return found.rate


@operation(functions.TABLE_LIST, write=False)
def show_rate(ctx: Context, currency: str, day: date) -> Decimal:
    """rate_on for an operator looking at the tables (the CLI): needs the tables' list."""
    return rate_on(ctx, currency, day)


def currency_of(ctx: Context, code: str) -> Currency:
    return find(ctx, "currency", code, "currency", "Valuta")
