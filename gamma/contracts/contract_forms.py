"""Forms (masks) of contracts and billing items (241), the list source `contract`, and
the mask values read from and written to gamma.contracts.contracts."""

from __future__ import annotations

from typing import Any

from gamma import forms, numbers
from gamma.context import Context
from gamma.contracts import contracts, periods
from gamma.forms import FieldDef, Form
from gamma.lookups import Column, Source, register

L, IL = contracts.LABELS, contracts.ITEM_LABELS

CONTRACT = forms.register(Form("contract", "Contratto", (
    FieldDef("code", L["code"], "code", 20, required=True, upper=True),
    FieldDef("customer", L["customer"], "code", 20, required=True, upper=True,
             lookup="customer"),
    FieldDef("series", L["series"], "code", 10, upper=True),
    FieldDef("date", L["date"], "date", 10, help="vuoto = inizio"),
    FieldDef("start", L["start"], "date", 10, required=True),
    FieldDef("end", L["end"], "date", 10, help="vuoto = senza scadenza"),
    FieldDef("frequency", L["frequency"], "choice", 12, required=True, default="Trimestrale",
             choices=tuple((k, label) for k, (_, label) in periods.FREQUENCIES.items())),
    FieldDef("kind", L["kind"], "choice", 18, required=True, default="Fattura",
             choices=tuple(contracts.KINDS.items())),
    FieldDef("payment_term", L["payment_term"], "code", 10, upper=True,
             lookup="payment_term", help="vuoto = del cliente"),
    FieldDef("notes", L["notes"], "text", 60, help="stampate sul documento"),
    FieldDef("active", L["active"] + " S/N", "bool", 1, default="S"),
    FieldDef("billed_to", L["billed_to"], "date", 10, help="vuoto = niente ancora"),
)))

ITEM = forms.register(Form("contract_item", "Voce del contratto", (
    FieldDef("type", IL["type"], "choice", 12, required=True, default="Addebito",
             choices=tuple(contracts.ITEM_TYPES.items())),
    FieldDef("article", IL["article"], "code", 20, upper=True, lookup="article",
             help="vuoto = riga manuale"),
    FieldDef("description", IL["description"], "text", 60,
             help="{dal} {al} {mese} {mese_al} {anno} {rata} {rate}"),
    FieldDef("vat_code", IL["vat_code"], "code", 10, upper=True, lookup="vat_code"),
    FieldDef("qty", IL["qty"], "decimal", 12, decimals=3, default="1"),
    FieldDef("price", IL["price"], "decimal", 16, decimals=6,
             help="a rate: il totale da dividere"),
    FieldDef("repeat", IL["repeat"], "choice", 24, default="Ogni documento",
             choices=tuple(contracts.REPEATS.items())),
    FieldDef("months", IL["months"], "text", 30, help="es. 3,9; vuoto = tutti"),
    FieldDef("instalments", IL["instalments"], "integer", 3, help="0 = non a rate"),
    FieldDef("withholding", IL["withholding"] + " S/N", "bool", 1, default="N"),
)))


def contract_values(ctx: Context, code: str) -> dict[str, Any]:
    """The contract mask's values."""
    data = contracts.as_dict(contracts.find(ctx, code))
    return {f.name: data[f.name] or None for f in CONTRACT.fields} | {"active": data["active"]}


def save_contract(ctx: Context, code: str | None, values: dict[str, Any]):
    """Create or change the header from the mask (the items are kept)."""
    return contracts.save(ctx, {k: v for k, v in values.items()}, code or None)


def items_data(ctx: Context, code: str) -> list[dict[str, Any]]:
    return contracts.as_dict(contracts.find(ctx, code))["items"]


def item_values(item: dict[str, Any]) -> dict[str, Any]:
    return {f.name: item.get(f.name) for f in ITEM.fields}


def save_item(ctx: Context, code: str, index: int | None, values: dict[str, Any]) -> str:
    """Add (index None) or replace item `index` (from 0); the others as they are."""
    items = items_data(ctx, code)
    new = {k: ("" if v is None else v) for k, v in values.items()}
    if index is None:
        items.append(new)
    else:
        items[index] = new
    contracts.save(ctx, {"items": items}, code)
    return f"Voce {len(items) if index is None else index + 1} registrata"


def delete_item(ctx: Context, code: str, index: int) -> str:
    return contracts.delete_item(ctx, code, index + 1)


def item_lines(items: list[dict[str, Any]]) -> list[str]:
    """One line per item: 3 + 3 + 21 + 28 + 12 + 4 + 4 with spaces, within 79."""
    out = []
    for number, item in enumerate(items, start=1):
        kind = contracts.ITEM_TYPES[item["type"]][:3]
        amount = "" if item["type"] == "text" else numbers.format_decimal(
            item["qty"] * item["price"], 2)
        count = (f"{item['billed_count']}/{item['instalments']}" if item["instalments"]
                 else ("1 v." if item["repeat"] == "once" else ""))
        out.append(f"{number:>3} {kind:<3} {item['article'][:12]:<12} "
                   f"{item['description'][:30]:<30} {amount:>12} {item['months'][:7]:<7} "
                   f"{count:>5}")
    return out


ITEMS_HEADER = (f"{'N.':>3} {'Tip':<3} {'Articolo':<12} {'Descrizione':<30} {'Importo':>12} "
                f"{'Mesi':<7} {'Rate':>5}")


def _contracts(ctx: Context, typed: str, filters: dict[str, str], limit: int) -> list[dict]:
    if ctx.company is None:
        return []
    text = (typed or "").strip().upper()
    rows = []
    for c in contracts.list_contracts(ctx):
        if text and not (c.code.startswith(text) or c.party.code.startswith(text)
                         or text.lower() in c.party.name.lower()):
            continue
        rows.append({"code": c.code, "customer": c.party.code, "name": c.party.name,
                     "frequency": periods.FREQUENCIES[c.frequency][1],
                     "kind": contracts.KINDS[c.kind][:9],
                     "billed_to": f"{c.billed_to:%d/%m/%y}" if c.billed_to else "",
                     "active": "" if c.active else "N"})
        if len(rows) >= limit:
            break
    return rows


# 79 columns: 12 + 8 + 18 + 11 + 9 + 8 + 1 and six spaces.
CONTRACT_SOURCE = register(Source("contract", "Contratti", (
    Column("code", "Contratto", 12), Column("customer", "Cliente", 8),
    Column("name", "Ragione sociale", 18), Column("frequency", "Periodicità", 11),
    Column("kind", "Documento", 9), Column("billed_to", "Fatt. al", 8),
    Column("active", "A", 1)), "code", _contracts))

# The forms of 242 and 243 register with this module's (discovery imports this one).
from gamma.contracts import periodic_forms  # noqa: E402,F401
