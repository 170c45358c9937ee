"""Confirmation: in one transaction, the gap-free number (register, series, year), the
stock movements, the instalments from the payment term, the pick-up of the origins, the
last prices agreed, the audit entry. Anything that fails leaves nothing behind: no number
taken, no movement, no instalment."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from gamma import functions, numbering
from gamma.audit import log
from gamma.context import Context
from gamma.errors import GammaError, ValidationError
from gamma.master.due_dates import due_dates
from gamma.orders import open_orders, preorders, residuals
from gamma.rows import fetch_one
from gamma.rows import insert as insert_rows
from gamma.rows import update as update_row
from gamma.sales import credit, kinds, pickup, stock
from gamma.sales.document_totals import totals_of
from gamma.stats import journal
from gamma.stock import tracking
from gamma.sales.documents import (TOTAL_FIELDS, euro, find, goods_rows, name, require_right,
                                   write_lines)
from gamma.service import operation
from models import Document, Instalment, LastPrice, Operator, Party, PaymentTerm

ZERO = Decimal(0)


@dataclass
class Confirmed:
    document: Document
    warnings: list[str] = field(default_factory=list)


@operation(functions.DOCUMENT_EDIT)
def confirm(ctx: Context, document_id: int, *, kind: str | None = None,
            override: Operator | bool | None = None) -> Confirmed:
    """Confirm a draft. A counter sale becomes `kind` here; `override` forces a credit
    block (True: the acting operator's right; an Operator: a supervisor's)."""
    doc = find(ctx, document_id, for_update=True)
    if doc.status != kinds.DRAFT:
        raise GammaError(f"{name(doc)}: già confermato")
    if doc.kind == "counter":
        if not kind:
            raise ValidationError("kind", "scegliere il documento da emettere: "
                                  + ", ".join(kinds.COUNTER_TARGETS), "Tipo documento")
        if kind not in kinds.COUNTER_TARGETS:
            raise ValidationError("kind", "uno di " + ", ".join(kinds.COUNTER_TARGETS),
                                  "Tipo documento")
        target = kinds.get(kind)
        if target.needs_party and doc.party_id is None:
            raise ValidationError("customer", f"obbligatorio per {target.label.lower()}",
                                  "Cliente")
        doc.kind, doc.register = target.code, target.register
    elif kind and kind != doc.kind:
        raise ValidationError("kind", "solo il banco sceglie il tipo alla conferma",
                              "Tipo documento")
    require_right(ctx, doc, "insert")
    # Read here in one plain query each, not lazily by peewee (this runs for every invoice).
    if doc.payment_term_id is not None:
        doc.payment_term = fetch_one(PaymentTerm, id=doc.payment_term_id)
    if doc.party_id is not None:
        doc.party = fetch_one(Party, id=doc.party_id)
    rows = goods_rows(doc)
    if not any(r["line_kind"] in ("article", "manual", "amount") for r in rows):
        raise ValidationError("lines", "il documento non ha righe", "Righe")
    warnings: list[str] = []
    _refresh_totals(ctx, doc, rows)
    more, forced_by = credit.check(ctx, doc, override)
    warnings += more
    doc.number = numbering.next_number(ctx, doc.register, doc.series, doc.year)
    doc.status = kinds.CONFIRMED
    doc.confirmed_at = ctx.now()
    doc.credit_override_by = forced_by
    updated = update_row(doc, kind=doc.kind, register=doc.register, number=doc.number,
                         status=doc.status, confirmed_at=doc.confirmed_at,
                         credit_override_by=forced_by,
                         **{f: getattr(doc, f) for f in TOTAL_FIELDS + ("total_euro",)})
    if not updated:
        raise GammaError(f"{name(doc)}: modificato da altri durante la conferma; riprovare")
    warnings += post(ctx, doc, rows)
    log.record(ctx, "confirm", "document", str(doc.id),
               message=f"{name(doc)}: totale {doc.total:f}, da pagare {doc.due:f}")
    return Confirmed(doc, warnings)


def post(ctx: Context, doc: Document, rows: list[dict]) -> list[str]:
    """What a confirmed document writes besides itself: stock movements (checked against
    on hand), instalments, the pick-up of its origins, the last prices. Returns the
    warnings."""
    the_kind = kinds.get(doc.kind)
    warnings: list[str] = []
    if not residuals.is_order(doc.kind):  # an order holds its residuals (after_post)
        stock.move(ctx, _movements(ctx, doc, the_kind, rows, warnings))
    if the_kind.instalments:
        _instalments(ctx, doc)
    if any(r.get("origin") for r in rows):
        pickup.take(ctx, doc)
    residuals.after_post(ctx, doc, rows)
    open_orders.after_post(ctx, doc, rows)
    warnings += preorders.after_confirm(ctx, doc, rows)
    if the_kind.credit_check and doc.party_id is not None:
        _last_prices(ctx, doc, rows)
    journal.record(ctx, doc, rows)
    return warnings


def unpost(ctx: Context, doc: Document) -> None:
    """Undo what `post` wrote, before a confirmed document is changed."""
    stock.unmove(ctx, doc.id)
    journal.reverse(ctx, doc)
    Instalment.delete().where(Instalment.document == doc).execute()
    pickup.release(ctx, doc)


def _refresh_totals(ctx: Context, doc: Document, rows: list[dict]) -> None:
    """Totals again at confirmation (charge rules or settings may have changed since the
    draft was saved); lines and summary rewritten only when something differs."""
    head = {name_: getattr(doc, name_) for name_ in (
        "kind", "discounts", "vat_regime", "withholding_rate", "payment_term", "freight_terms",
        "gross_weight", "packages")}
    totals = totals_of(ctx, head, rows)
    if all(getattr(doc, f) == getattr(totals, f) for f in TOTAL_FIELDS):
        return
    for f in TOTAL_FIELDS:
        setattr(doc, f, getattr(totals, f))
    doc.total_euro = euro(doc.total, doc.exchange_rate)
    write_lines(ctx, doc, None, totals)


def _movements(ctx: Context, doc: Document, the_kind: kinds.Kind, rows: list[dict],
               warnings: list[str]) -> list[dict]:
    sign, reason_code = kinds.stock_effect(the_kind, doc.subkind)
    if not sign:  # the sign chooses the reason; the reason moves the stock
        return []
    goods = [r for r in rows if r["line_kind"] == "article" and r.get("qty")]
    if not goods:
        return []
    reason = stock.reason(ctx, reason_code)
    outgoing: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    where: dict[tuple[int, int], str] = {}
    moves = []
    for r in goods:
        article_id = r["article"].id if hasattr(r["article"], "id") else r["article"]
        depot_id = r["depot"].id if hasattr(r["depot"], "id") else r["depot"]
        # The reason says which way on hand moves; a negative line quantity (a unit
        # returned on a sale) moves the other way.
        moves.append({"article": article_id, "depot": depot_id, "reason": reason,
                      "date": doc.date, "qty": r["qty"], "unit_value": r.get("cost"),
                      "party": doc.party_id, "document": doc.id,
                      "line": r["id"], "lot": r.get("lot"),
                      "serials": r.get("serials")})
        if reason.on_hand < 0 and r["qty"] > 0:
            outgoing[(article_id, depot_id)] += r["qty"]
            where.setdefault((article_id, depot_id), f"Riga {r['position']}")
    warnings += stock.check(ctx, outgoing, where, stock.released_by(ctx, goods))
    traced = tracking.for_document(ctx, doc.party_id, goods, moves)  # lots, serials
    warnings += traced.warnings
    return traced.rows


def _instalments(ctx: Context, doc: Document) -> None:
    term = doc.payment_term
    if term is None or doc.due == 0:
        return
    vat = ZERO if doc.vat_regime == "split_payment" else doc.vat
    insert_rows(Instalment, [
        {"company": ctx.company.id, "document": doc.id, "party": doc.party_id,
         "number": n, "due_date": day, "amount": amount,
         "collection_charge": term.collection_charge or ZERO, "method": term.method,
         "bank": doc.bank_id, "iban": doc.iban}
        for n, (day, amount) in enumerate(due_dates(term, doc.date, doc.due, vat), start=1)])


def _last_prices(ctx: Context, doc: Document, rows: list[dict]) -> None:
    latest: dict[int, dict] = {}
    for r in rows:
        if r["line_kind"] == "article" and r.get("price") is not None and not r.get("gift"):
            article_id = r["article"].id if hasattr(r["article"], "id") else r["article"]
            latest[article_id] = {"company": ctx.company.id, "party": doc.party_id,
                                  "article": article_id, "date": doc.date, "price": r["price"],
                                  "discounts": r.get("discounts") or "", "qty": r.get("qty"),
                                  "document": doc.id}
    if not latest:
        return
    insert_rows(LastPrice, list(latest.values()), conflict=("party", "article"),
                replace=("date", "price", "discounts", "qty", "document"), add=("version",))
