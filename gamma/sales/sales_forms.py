"""Forms and lists of the sales runs and queries: the parameters of 211 deferred invoicing
(the same names as `gamma invoice deferred`, so presets are shared with the CLI), the
price query 221 and the price conditions 222 (mask and list source `price_rule`)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from gamma import dates, forms, numbers
from gamma.context import Context
from gamma.forms import FieldDef, Form
from gamma.lookups import Column, Source, register
from gamma.sales import deferred, documents, price_rules, pricing
from gamma.sales.pricing import KIND_LABELS, RULE_KINDS

# -- 211 deferred invoicing ---------------------------------------------------------------

DEFERRED_COMMAND = "invoice deferred"  # the CLI command's preset name
DATE_FIELDS = ("date_to", "date_from", "invoice_date")


def _date_text(name: str, label: str):
    """A check of a date parameter that keeps it as typed."""

    def check(text: str) -> None:
        dates.parse_date(text, date.today(), name, label)

    return check


# Field names are the parameters of `gamma invoice deferred`.
DEFERRED = forms.register(Form("invoice_deferred", "Fatturazione differita", (
    FieldDef("date_to", "DDT fino al", "text", 18, required=True,
             validator=_date_text("date_to", "DDT fino al"),
             help="gg/mm/aaaa, -N giorni, fine mese (scorso)"),
    FieldDef("date_from", "DDT dal", "text", 18,
             validator=_date_text("date_from", "DDT dal"), help="vuoto = dal primo"),
    FieldDef("customers", "Clienti (a,b,...)", "text", 40, upper=True, lookup="customer",
             many=True, help="vuoto = tutti"),
    FieldDef("series", "Serie delle fatture", "code", 3, upper=True),
    FieldDef("invoice_date", "Data delle fatture", "text", 18,
             validator=_date_text("invoice_date", "Data delle fatture"),
             help="vuoto = data fino al"),
)))


def _day(ctx: Context, texts: dict[str, Any], name: str) -> date | None:
    return dates.parse_date(str(texts.get(name) or ""), ctx.today(), name,
                            DEFERRED.field(name).label)


def _customers(text: Any) -> tuple[str, ...]:
    if isinstance(text, (list, tuple)):
        return tuple(str(c).strip().upper() for c in text if str(c).strip())
    return tuple(c.strip().upper() for c in str(text or "").split(",") if c.strip())


def deferred_args(ctx: Context, texts: dict[str, Any]) -> dict[str, Any]:
    """The keyword arguments of `deferred.run` from the mask's texts (dates as typed)."""
    return {"to_date": _day(ctx, texts, "date_to"), "from_date": _day(ctx, texts, "date_from"),
            "customers": _customers(texts.get("customers")),
            "series": str(texts.get("series") or "").strip().upper(),
            "invoice_date": _day(ctx, texts, "invoice_date")}


def deferred_preset(ctx: Context, texts: dict[str, str]) -> dict[str, Any]:
    """The parameters as `gamma invoice deferred --preset` reads them: dates as
    aaaa-mm-gg, or as typed when relative to today ("fine mese scorso", -7), customers as a
    list (the repeatable --customer)."""
    out: dict[str, Any] = {}
    for name, text in texts.items():
        text = (text or "").strip()
        if not text:
            continue
        if name in DATE_FIELDS:
            out[name] = text if dates.is_relative(text) else _day(ctx, texts, name).isoformat()
        elif name == "customers":
            out[name] = list(_customers(text))
        else:
            out[name] = text.upper() if name == "series" else text
    return out


def deferred_texts(params: dict[str, Any]) -> dict[str, str]:
    """A stored preset (from the TUI or the CLI) as the mask's texts."""
    names = {f.name for f in DEFERRED.fields}
    out = {}
    for name, value in params.items():
        if name not in names or value is None:
            continue
        out[name] = ",".join(value) if isinstance(value, (list, tuple)) else str(value)
    return out


def amount(value: Decimal | None) -> str:
    return numbers.format_decimal(value, 2) if value is not None else "-"


def _notes(outcome: deferred.Outcome) -> str:
    return ", ".join(str(n.number) for n in outcome.notes)


def plan_lines(outcomes: list[deferred.Outcome]) -> list[str]:
    """The groups of a dry run: customer, delivery notes, their total (one line each)."""
    lines = []
    for o in outcomes:
        total = sum((n.total or Decimal(0) for n in o.notes), Decimal(0))
        name = o.notes[0].party.name if o.notes and o.notes[0].party_id else ""
        lines.append(f"{o.customer:<10} {name[:24]:<24} {_notes(o)[:26]:<26} "
                     f"{amount(total):>12}"[:78])
    return lines


def result_lines(outcomes: list[deferred.Outcome]) -> list[str]:
    """What a run made: the invoice and its total, or why the customer was not invoiced."""
    lines = []
    for o in outcomes:
        if o.invoice is not None:
            lines.append(f"{o.customer}: {documents.name(o.invoice)}, DDT {_notes(o)}, "
                         f"totale {amount(o.invoice.total)}")
            lines += [f"  {w}" for w in o.warnings or ()]
        else:
            lines.append(f"{o.customer}: NON fatturato (DDT {_notes(o)}): {o.error}")
    return lines


# -- 221 price query --------------------------------------------------------------------

PRICE_QUERY = forms.register(Form("price_query", "Interrogazione prezzi", (
    FieldDef("customer", "Cliente", "code", 20, upper=True, lookup="customer",
             help="vuoto = nessun cliente"),
    FieldDef("article", "Articolo", "code", 20, required=True, upper=True, lookup="article"),
    FieldDef("qty", "Quantità", "decimal", 12, decimals=3, default="1"),
    FieldDef("day", "Data", "date", 10, help="vuoto = oggi"),
)))


def price_text(ctx: Context, values: dict[str, Any]) -> list[str]:
    """pricing.explain for the mask's values, as lines."""
    sale = pricing.sale_from_codes(ctx, values["article"], values.get("qty") or 1,
                                   values.get("day"), values.get("customer"))
    return pricing.explain(ctx, sale).splitlines()


# -- 222 price conditions ---------------------------------------------------------------

L = price_rules.LABELS
PRICE_RULE = forms.register(Form("price_rule", "Condizione di prezzo", (
    FieldDef("kind", L["kind"], "choice", 16, required=True,
             choices=tuple((k, KIND_LABELS[k]) for k in RULE_KINDS)),
    FieldDef("party", L["party"], "code", 20, upper=True, lookup="customer"),
    FieldDef("article", L["article"], "code", 20, upper=True, lookup="article"),
    FieldDef("family", L["family"], "code", 10, upper=True, lookup="table_family"),
    FieldDef("category", L["category"], "code", 10, upper=True, lookup="table_category"),
    FieldDef("zone", L["zone"], "code", 10, upper=True, lookup="table_zone"),
    FieldDef("freight_terms", L["freight_terms"], "code", 10, upper=True,
             lookup="table_freight_term"),
    FieldDef("agent", L["agent"], "code", 10, upper=True, lookup="agent"),
    FieldDef("payment_term", "Pagamento", "code", 10, upper=True, lookup="payment_term"),
    FieldDef("valid_from", L["valid_from"], "date", 10),
    FieldDef("valid_to", L["valid_to"], "date", 10),
    FieldDef("min_qty", L["min_qty"], "decimal", 14, decimals=3),
    FieldDef("price", L["price"], "decimal", 16, decimals=6),
    FieldDef("price_list", L["price_list"], "integer", 1),
    FieldDef("discounts", L["discounts"], "text", 20, help="es. 10+5"),
    FieldDef("buy_qty", L["buy_qty"], "integer", 6),
    FieldDef("pay_qty", L["pay_qty"], "integer", 6),
    FieldDef("priority", L["priority"], "integer", 3),
    FieldDef("description", L["description"], "text", 56),
    FieldDef("active", L["active"] + " S/N", "bool", 1, default="S"),
)))

SHORT_KINDS = {"customer_article": "Cli/art", "customer_family": "Cli/fam",
               "category_family": "Cat/fam", "campaign": "Campagna",
               "quantity_break": "Scaglione", "promotion": "Promoz.",
               "parametric": "Parametr."}


def rule_values(ctx: Context, rule_id: int | str) -> dict[str, Any]:
    """The mask's values of a condition (keys as codes)."""
    values = price_rules.as_values(price_rules.get(ctx, rule_id))
    values.pop("id", None)
    return values


def save_rule(ctx: Context, rule_id: int | str | None, values: dict[str, Any]):
    """Add (no rule_id) or change a condition from the mask's values."""
    fields = {k: v for k, v in values.items() if k != "kind"}
    if rule_id:
        return price_rules.update(ctx, rule_id, kind=values.get("kind"), **fields)
    return price_rules.add(ctx, values.get("kind") or "", **fields)


def _short_day(value: date | None) -> str:
    return f"{value:%d/%m/%y}" if value else ""


def _price(rule) -> str:
    if rule.price is not None:
        text = numbers.format_decimal(rule.price, 6).rstrip("0")
        return text + "0" * max(0, 2 - len(text.split(",")[1]))
    if rule.price_list is not None:
        return f"listino {rule.price_list}"
    if rule.kind == "promotion":
        return f"{rule.buy_qty}x{rule.pay_qty}"
    return ""


def _rules(ctx: Context, typed: str, filters: dict[str, str], limit: int) -> list[dict]:
    if ctx.company is None:
        return []
    text = (typed or "").strip().lower()
    rows = []
    for rule in price_rules.list_rules(ctx):
        v = price_rules.as_values(rule)
        row = {"id": rule.id, "kind": SHORT_KINDS.get(rule.kind, rule.kind),
               "party": v["party"] or "", "article": v["article"] or "",
               "family": v["family"] or "", "valid_from": _short_day(rule.valid_from),
               "valid_to": _short_day(rule.valid_to), "price": _price(rule),
               "discounts": rule.discounts or "",
               "active": "" if rule.active else "N"}
        if text and not (any(str(row[k]).lower().startswith(text)
                             for k in ("party", "article", "family", "id"))
                         or rule.kind.startswith(text) or row["kind"].lower().startswith(text)
                         or text in (rule.description or "").lower()):
            continue
        rows.append(row)
        if len(rows) >= limit:
            break
    return rows


# 79 columns: 3 + 9 + 8 + 10 + 5 + 8 + 8 + 10 + 9 + 1 and nine spaces.
PRICE_RULES = register(Source("price_rule", "Condizioni di prezzo", (
    Column("id", "N.", 3), Column("kind", "Tipo", 9), Column("party", "Cliente", 8),
    Column("article", "Articolo", 10), Column("family", "Fam.", 5),
    Column("valid_from", "Dal", 8), Column("valid_to", "Al", 8),
    Column("price", "Prezzo", 10), Column("discounts", "Sconti", 8),
    Column("active", "A", 1)), "id", _rules))
