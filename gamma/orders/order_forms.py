"""What the order screens show and read: the order lists (401 customers, 403 suppliers)
as lookup sources, and the fulfilment parameters (411), whose field names and stored
values are those of `gamma order fulfil`, so a preset saved on either side runs on the
other."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from gamma import dates, forms, numbers
from gamma.context import Context
from gamma.errors import ValidationError
from gamma.forms import FieldDef, Form
from gamma.lookups import Column, Source, register
from gamma.orders import fulfilment, listing

FULFIL_COMMAND = "order fulfil"  # the CLI command's preset name
KINDS = {"customer": "customer_order", "supplier": "supplier_order"}
DATE_FIELDS = ("delivery_to", "day")
FLAGS = ("full", "close_rest")
NUMBERS = ("number_from", "number_to", "priority")


def _date_text(name: str, label: str):
    """A check of a date parameter that keeps it as typed (-7 stays "7 days ago")."""

    def check(text: str) -> None:
        dates.parse_date(text, date.today(), name, label)

    return check


L = fulfilment.LABELS
FULFIL = forms.register(Form("order_fulfil", "Evasione ordini", (
    FieldDef("kind", "Ordini di", "choice", 8, choices=(
        ("customer", "clienti: DDT o fattura"), ("supplier", "fornitori: carico")),
        default="customer"),
    FieldDef("number_from", L["number_from"], "integer", 9),
    FieldDef("number_to", L["number_to"], "integer", 9),
    FieldDef("party_from", L["party_from"], "code", 20, upper=True, lookup="party"),
    FieldDef("party_to", L["party_to"], "code", 20, upper=True, lookup="party"),
    FieldDef("article", L["article"], "code", 20, upper=True, lookup="article"),
    FieldDef("delivery_to", L["delivery_to"], "text", 10,
             validator=_date_text("delivery_to", L["delivery_to"]),
             help="gg/mm/aaaa, +N giorni; vuoto = tutte"),
    FieldDef("priority", L["priority"], "integer", 1, help="1 la più urgente; vuoto = tutte"),
    FieldDef("mode", L["mode"], "choice", 9, choices=(
        ("automatic", "tutto il disponibile"), ("manual", "quantità a scelta")),
        default="automatic"),
    FieldDef("full", "Solo ordini completi", "bool", 1),
    FieldDef("target", L["target"], "choice", 13, choices=(
        ("delivery_note", "DDT"), ("invoice", "fattura"), ("goods_receipt", "carico")),
        help="vuoto: DDT (clienti), carico (fornitori)"),
    FieldDef("group", L["group"], "choice", 5, choices=(
        ("order", "ordine"), ("party", "cliente/fornitore")), default="order"),
    FieldDef("series", L["series"], "code", 3, upper=True),
    FieldDef("day", L["date"], "text", 10, validator=_date_text("day", L["date"]),
             help="vuoto = oggi"),
    FieldDef("close_rest", "Residuo non evadibile", "bool", 1),
)))


def _flag(text: Any) -> bool:
    return str(text or "").strip().upper() in ("S", "SI", "SÌ", "TRUE", "1", "Y")


def _number(texts: dict[str, Any], name: str) -> int | None:
    text = str(texts.get(name) or "").strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        raise ValidationError(name, "numero intero", FULFIL.field(name).label) from None


def _day(ctx: Context, texts: dict[str, Any], name: str) -> date | None:
    return dates.parse_date(str(texts.get(name) or ""), ctx.today(), name,
                            FULFIL.field(name).label)


def fulfil_args(ctx: Context, texts: dict[str, Any]) -> dict[str, Any]:
    """The selection and options of a fulfilment from the mask's texts."""
    kind = KINDS.get(str(texts.get("kind") or "customer"), "customer_order")
    selection = fulfilment.Selection(
        kind, _number(texts, "number_from"), _number(texts, "number_to"),
        str(texts.get("party_from") or "").strip().upper(),
        str(texts.get("party_to") or "").strip().upper(),
        str(texts.get("article") or "").strip().upper(), _day(ctx, texts, "delivery_to"),
        _number(texts, "priority"))
    return {"selection": selection, "mode": str(texts.get("mode") or "automatic"),
            "partial": not _flag(texts.get("full")),
            "target": str(texts.get("target") or ""),
            "group": str(texts.get("group") or "order"),
            "series": str(texts.get("series") or "").strip().upper(),
            "day": _day(ctx, texts, "day"), "close_rest": _flag(texts.get("close_rest"))}


def fulfil_preset(texts: dict[str, str]) -> dict[str, Any]:
    """The parameters as `gamma order fulfil --preset` reads them: numbers as numbers,
    flags as true/false, dates as typed."""
    out: dict[str, Any] = {}
    for name, text in texts.items():
        text = (text or "").strip()
        if not text:
            continue
        if name in FLAGS:
            if _flag(text):
                out[name] = True
        elif name in NUMBERS:
            out[name] = int(text)
        else:
            out[name] = text
    return out


def fulfil_texts(params: dict[str, Any]) -> dict[str, str]:
    """A stored preset (from the TUI or the CLI) as the mask's texts."""
    names = {f.name for f in FULFIL.fields}
    out = {}
    for name, value in params.items():
        if name not in names or value is None:
            continue
        out[name] = ("S" if value else "N") if name in FLAGS else str(value)
    return out


def qty(value: Decimal | None) -> str:
    """A quantity as screens show it: 1.234,5 (no trailing zeros)."""
    if value is None:
        return ""
    return numbers.format_decimal(value, 3).rstrip("0").rstrip(",")


# 78 columns: order 16, party 8, line 3, article 12, residual 9, available 9, to ship 9.
PROPOSAL_HEADER = (f"{'Ordine':<16} {'C/F':<8} {'Rg':>3} {'Articolo':<12} {'Residuo':>9} "
                   f"{'Dispon.':>9} {'Da evadere':>10}")


def proposal_line(p: fulfilment.Proposed) -> str:
    return (f"{p.order[:16]:<16} {p.party[:8]:<8} {p.position:>3} {p.article[:12]:<12} "
            f"{qty(p.residual):>9} {qty(p.available) if p.available is not None else '-':>9} "
            f"{qty(p.to_ship):>10}")[:78]


def result_lines(outcomes: list[fulfilment.Outcome]) -> list[str]:
    from gamma.sales.documents import name
    out = []
    for o in outcomes:
        orders = ", ".join(o.orders)
        if o.document is not None:
            out.append(f"{o.party}: {name(o.document)} da ordini {orders}"[:78])
            out += [f"  {w}"[:78] for w in o.warnings]
        else:
            out.append(f"{o.party}: NON evaso (ordini {orders}): {o.error}"[:78])
    return out


# -- the order lists (401, 403) --------------------------------------------------------------
def _search(kind: str):
    def search(ctx: Context, typed: str, filters: dict[str, str], limit: int) -> list[dict]:
        if ctx.company is None:
            return []
        rows = listing.orders(ctx, kind, status=filters.get("status", ""))
        typed = (typed or "").strip().lower()
        if typed:
            rows = [r for r in rows if (r["party"] or "").lower().startswith(typed)
                    or typed in r["name"].lower() or str(r["number"]) == typed]
        rows.reverse()  # the latest first
        for r in rows:
            r["date"] = date.fromisoformat(r["date"]).strftime("%d/%m/%Y")
            if r["delivery_date"]:
                r["delivery_date"] = date.fromisoformat(r["delivery_date"]).strftime("%d/%m/%Y")
        return rows[:limit]

    return search


# 79 columns: 7 + 10 + 8 + 16 + 10 + 2 + 13 + 7 and seven spaces.
_COLUMNS = (Column("number", "Numero", 7), Column("date", "Data", 10),
            Column("party", "Codice", 8), Column("name", "Ragione sociale", 16),
            Column("delivery_date", "Consegna", 10), Column("priority", "P", 2),
            Column("status_label", "Stato", 13), Column("residual_qty", "Residuo", 7))
CUSTOMER_ORDERS = register(Source("customer_order", "Ordini clienti", _COLUMNS, "id",
                                  _search("customer_order")))
SUPPLIER_ORDERS = register(Source("supplier_order", "Ordini fornitori", _COLUMNS, "id",
                                  _search("supplier_order")))
