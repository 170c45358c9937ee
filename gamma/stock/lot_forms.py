"""The masks of 311 (an article's lots and serials, reserving a lot to a customer) and
312 (traceability of a lot, a serial, or what a customer received), and their answers as
lines of text. The screens only show these; `gamma lot`/`gamma serial` call the same
services."""

from __future__ import annotations

from typing import Any

from gamma import forms
from gamma.context import Context
from gamma.errors import ValidationError
from gamma.forms import FieldDef, Form
from gamma.master import parties
from gamma.stock import lots, serials, traceability
from gamma.stock.lots import qty_text

LOTS = forms.register(Form("stock_lots", "Lotti e matricole", (
    FieldDef("article", "Articolo", "code", 20, required=True, upper=True, lookup="article"),
    FieldDef("lot", "Lotto", "code", 30, upper=True, help="per riservarlo o liberarlo"),
    FieldDef("reserve_to", "Riserva al cliente", "code", 20, upper=True, lookup="party",
             help="vuoto con Libera = S: il lotto torna di tutti"),
    FieldDef("free", "Libera il lotto", "bool", 1, default="N"),
)))

TRACE = forms.register(Form("lot_trace", "Tracciabilità lotti", (
    FieldDef("article", "Articolo", "code", 20, upper=True, lookup="article",
             help="con il lotto"),
    FieldDef("lot", "Lotto", "code", 30, upper=True),
    FieldDef("serial", "Matricola", "code", 40, upper=True),
    FieldDef("customer", "Cliente", "code", 20, upper=True, lookup="party",
             help="lotti e matricole ricevuti"),
)))


def _day(value) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def lots_lines(ctx: Context, values: dict[str, Any]) -> list[str]:
    """Reserve or free the lot when asked, then the article's lots (or serials)."""
    article = lots.article_of(ctx, values.get("article") or "")
    out: list[str] = []
    code = values.get("lot") or ""
    if code and (values.get("reserve_to") or values.get("free")):
        customer = parties.find(ctx, values["reserve_to"]) if values.get("reserve_to") else None
        lots.reserve(ctx, article, code, customer)
        out += [f"Lotto {lots.normalize(code)}: " + (
            f"riservato a {customer.code} {customer.name}" if customer else "libero"), ""]
    elif values.get("reserve_to"):
        raise ValidationError("lot", "indicare il lotto da riservare", "Lotto")
    out.append(f"{article.code} {article.description}"[:79])
    if article.serial_tracked:
        rows = serials.listing(ctx, article)
        out.append(f"{'Matricola':40} {'Lotto':20} Stato")
        out += [f"{r['serial']:40} {r['lot'] or '':20} {r['status_label']}" for r in rows]
        return out if rows else out + ["(nessuna matricola)"]
    rows = lots.listing(ctx, article)
    out.append(f"{'Lotto':16} {'Scadenza':10} {'Fornitore':10} {'Riservato':10} "
               f"{'Giacenza':>11} {'Impegnato':>11}")
    for r in rows:
        out.append(f"{r['lot'][:16]:16} {_day(r['expiry']):10} {(r['supplier'] or '')[:10]:10} "
                   f"{(r['reserved_to'] or '')[:10]:10} {qty_text(r['on_hand']):>11} "
                   f"{qty_text(r['committed']):>11}")
    return out if rows else out + ["(nessun lotto in giacenza)"]


def _moves(found: dict[str, Any]) -> list[str]:
    out = [f"Fornitori: " + (", ".join(s["code"] for s in found["suppliers"]) or "-"),
           "Clienti: " + (", ".join(f"{c['code']} ({qty_text(c['qty'])})"
                                    for c in found["customers"]) or "-"),
           f"Giacenza: {qty_text(found['on_hand'])}",
           f"{'Data':10} {'Caus':4} {'Dep':4} {'Quantità':>9} {'Documento':32} Soggetto"]
    for m in found["movements"]:
        doc = m["document"]
        what = f"{doc['label'][:22]} {doc['number'] or ''}" if doc else "manuale"
        out.append(f"{_day(m['date']):10} {m['reason'][:4]:4} {m['depot'][:4]:4} "
                   f"{qty_text(m['qty']):>9} {what[:32]:32} {m['party'] or ''}")
    return out


def trace_lines(ctx: Context, values: dict[str, Any]) -> list[str]:
    """The life of a lot (with its article) or a serial, or what a customer received."""
    if values.get("lot"):
        if not values.get("article"):
            raise ValidationError("article", "obbligatorio con il lotto", "Articolo")
        found = traceability.trace_lot(ctx, values["article"], values["lot"])
        expiry = f", scadenza {_day(found['expiry'])}" if found["expiry"] else ""
        return [f"Lotto {found['lot']} dell'articolo {found['article']}{expiry}"] + \
            _moves(found)
    if values.get("serial"):
        out: list[str] = []
        for item in traceability.trace_serial(ctx, values["serial"],
                                              values.get("article") or None):
            out += [f"Matricola {item['serial']} dell'articolo {item['article']}: "
                    f"{item['status_label'].lower()}"] + _moves(item) + [""]
        return out
    if values.get("customer"):
        found = traceability.party_lots(ctx, values["customer"])
        out = [f"{found['party']} {found['name']}"[:79],
               f"{'Articolo':20} {'Lotto / matricola':30} {'Quantità':>9} Documenti"]
        for r in found["lots"]:
            docs = ", ".join(f"{d['number'] or ''}" for d in r["documents"])
            out.append(f"{r['article'][:20]:20} {(r['lot'] or r['serial'] or '')[:30]:30} "
                       f"{qty_text(r['qty']):>9} {docs}"[:79])
        return out if found["lots"] else out + ["(nessun lotto)"]
    raise ValidationError("lot", "indicare un lotto (con l'articolo), una matricola o un "
                          "cliente", "Lotto")


def propose_lot(ctx: Context, article, qty, depot_code: str | None, party,
                day) -> tuple[str | None, str]:
    """The lot a document line should take (FEFO) and the message saying why; None and
    the reason when there is none to propose."""
    if not article.lot_tracked:
        return None, f"L'articolo {article.code} non è gestito a lotti"
    from gamma.master import tables
    depot = tables.find(ctx, "depot", depot_code or ctx.settings.sales.depot)
    wanted = qty if qty else 1
    best = lots.fefo(ctx, article, wanted, depot.id, party.id if party else None, day)
    if best is None:
        return None, f"Nessun lotto di {article.code} ha {qty_text(wanted)} disponibili"
    expiry = f", scade il {_day(best.expiry)}" if best.expiry else ""
    return best.code, f"Lotto {best.code}{expiry}: disponibili {qty_text(best.available)}"
