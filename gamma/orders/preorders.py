"""Pre-orders (preordini): a note of goods to order, made by hand or, with
`orders.auto_preorders` on, by the confirmation of a customer order or a sale that asks for
more than an article has available (on hand − committed + on order: what is already on
order from a supplier is not noted twice). Later they become supplier orders, one per
supplier, or customer orders, one per customer, through the document engine."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any, Iterable

from peewee import JOIN

from gamma import functions, records
from gamma.audit import log
from gamma.context import Context
from gamma.errors import GammaError, ValidationError
from gamma.master import parties
from gamma.master.article_common import find_article
from gamma.orders.reorder import quantity_of, supplier_line, supplier_of
from gamma.rows import insert as insert_rows
from gamma.sales import kinds, stock
from gamma.service import operation
from models import Article, Document, Party, PreOrder

ZERO = Decimal(0)
OPEN, CONVERTED = "open", "converted"
TARGETS = {"supplier": "supplier_order", "customer": "customer_order"}


def _customer(ctx: Context, code: str | None) -> Party | None:
    if not code:
        return None
    party = parties.find(ctx, code)
    if not party.is_customer:
        raise ValidationError("customer", f"{party.code} non è un cliente", "Cliente")
    return party


@operation(functions.PREORDERS)
def add(ctx: Context, article: str, qty: Any, *, customer: str | None = None,
        supplier: str | None = None, notes: str = "", day: date | None = None) -> PreOrder:
    """Note a pre-order by hand (the supplier defaults to the article's preferred one)."""
    found = find_article(ctx, article, "article")
    quantity = quantity_of(qty, "qty", "Quantità")
    if not quantity:
        raise ValidationError("qty", "maggiore di zero", "Quantità")
    chosen = supplier_of(ctx, supplier) if supplier else found.preferred_supplier
    return records.insert(ctx, PreOrder, company=ctx.company, date=day or ctx.today(),
                          article=found, qty=quantity, customer=_customer(ctx, customer),
                          supplier=chosen, notes=(notes or "")[:72], created_by=ctx.login)


def _is_demand(doc: Document) -> bool:
    """A customer order or a sale (goods leaving for a customer)."""
    if doc.kind == "customer_order":
        return True
    sign, reason = kinds.stock_effect(kinds.get(doc.kind), doc.subkind)
    return sign < 0 and reason == "VEN"


def after_confirm(ctx: Context, doc: Document, rows: list[dict]) -> list[str]:
    """At the confirmation of a customer order or a sale (its movements written): a
    pre-order for each article whose availability went below zero, for the part of this
    document's quantity not covered. Returns the warnings naming them."""
    if not ctx.settings.orders.auto_preorders or not _is_demand(doc):
        return []
    if PreOrder.select().where(PreOrder.source == doc.id).exists():
        return []  # re-posted after a change: noted at its first confirmation
    asked: dict[int, Decimal] = defaultdict(Decimal)
    first_line: dict[int, int] = {}
    for r in rows:
        if r.get("line_kind") == "article" and r.get("article") and (r.get("qty") or 0) > 0:
            article_id = getattr(r["article"], "id", r["article"])
            asked[article_id] += r["qty"]
            first_line.setdefault(article_id, r.get("id"))
    if not asked:
        return []
    levels = stock.levels(ctx, asked)
    short = {a: min(qty, -(levels[a].on_hand - levels[a].committed + levels[a].on_order))
             for a, qty in asked.items()}
    short = {a: q for a, q in short.items() if q > 0}
    if not short:
        return []
    articles = {a.id: a for a in Article.select().where(Article.id.in_(list(short)))}
    insert_rows(PreOrder, [
        {"company": ctx.company.id, "date": doc.date, "article": a, "qty": q,
         "customer": doc.party_id, "supplier": articles[a].preferred_supplier_id,
         "origin": "shortfall", "source": doc.id, "source_line": first_line[a],
         "created_by": ctx.login, "created_at": ctx.now(), "notes": ""}
        for a, q in sorted(short.items())])
    warnings = [f"Articolo {articles[a].code}: preordine di {q.normalize():f} "
                "(disponibilità insufficiente)" for a, q in sorted(short.items())]
    log.record(ctx, "insert", "pre_order", str(doc.id), message="; ".join(warnings))
    return warnings


@operation(functions.PREORDERS, write=False)
def listing(ctx: Context, status: str | None = OPEN, article: str | None = None,
            supplier: str | None = None) -> list[PreOrder]:
    """Pre-orders (open ones by default), by date."""
    suppliers = Party.alias()
    query = (PreOrder.select(PreOrder, Article, Party, suppliers)
             .join(Article).switch(PreOrder)
             .join(Party, JOIN.LEFT_OUTER, on=(PreOrder.customer == Party.id)).switch(PreOrder)
             .join(suppliers, JOIN.LEFT_OUTER, on=(PreOrder.supplier == suppliers.id))
             .where(PreOrder.company == ctx.require_company()))
    if status:
        query = query.where(PreOrder.status == status)
    if article:
        query = query.where(PreOrder.article == find_article(ctx, article, "article"))
    if supplier:
        query = query.where(PreOrder.supplier == supplier_of(ctx, supplier))
    return list(query.order_by(PreOrder.date, PreOrder.id))


def _party_of(ctx: Context, pre: PreOrder, target: str, given: Party | None) -> Party:
    if given is not None:
        return given
    party = pre.supplier if target == "supplier" else pre.customer
    if party is None and target == "supplier":
        party = pre.article.preferred_supplier
    if party is None:
        noun = "Fornitore" if target == "supplier" else "Cliente"
        raise ValidationError(target, "obbligatorio (indicarlo o assegnarlo al preordine)",
                              f"{noun} del preordine {pre.id} ({pre.article.code})")
    return party


@operation(functions.PREORDERS)
def convert(ctx: Context, ids: Iterable[int], target: str = "supplier",
            party: str | None = None, day: date | None = None) -> list[Document]:
    """Turn open pre-orders into confirmed orders: supplier orders grouped by supplier
    (the pre-order's, else the article's preferred one, or `party` for all), or customer
    orders grouped by customer. Each pre-order is marked converted with its order."""
    if target not in TARGETS:
        raise ValidationError("target", "supplier o customer", "Tipo di ordine")
    from gamma.sales import documents
    from gamma.sales.confirm import confirm
    wanted = sorted(set(ids))
    found = list(PreOrder.select().where(PreOrder.company == ctx.require_company(),
                                         PreOrder.id.in_(wanted)).order_by(PreOrder.id))
    missing = set(wanted) - {p.id for p in found}
    if missing or not wanted:
        raise GammaError(f"Preordini inesistenti: {', '.join(map(str, sorted(missing)))}"
                         if missing else "Nessun preordine indicato")
    done = [p.id for p in found if p.status != OPEN]
    if done:
        raise GammaError(f"Preordini già convertiti: {', '.join(map(str, done))}")
    given = (supplier_of(ctx, party) if target == "supplier" else _customer(ctx, party))
    groups: dict[int, tuple[Party, list[PreOrder]]] = {}
    for pre in found:
        who = _party_of(ctx, pre, target, given)
        groups.setdefault(who.id, (who, []))[1].append(pre)
    made = []
    for who, pres in sorted(groups.values(), key=lambda g: g[0].code):
        saved = documents.save_draft(ctx, {
            "kind": TARGETS[target], "date": day or ctx.today(), "customer": who.code,
            "lines": [supplier_line(p.article, p.qty) if target == "supplier"
                      else {"article": p.article.code, "qty": str(p.qty)} for p in pres]})
        doc = confirm(ctx, saved.document.id).document
        (PreOrder.update(status=CONVERTED, order=doc.id, version=PreOrder.version + 1)
         .where(PreOrder.id.in_([p.id for p in pres])).execute())
        log.record(ctx, "convert", "pre_order", ",".join(str(p.id) for p in pres),
                   message=f"Preordini {', '.join(str(p.id) for p in pres)} → {doc.kind} "
                           f"{doc.number} ({who.code})")
        made.append(doc)
    return made


@operation(functions.PREORDERS)
def delete(ctx: Context, preorder_id: int) -> None:
    pre = PreOrder.get_or_none(PreOrder.company == ctx.require_company(),
                               PreOrder.id == preorder_id)
    if pre is None:
        raise GammaError(f"Preordine {preorder_id} inesistente")
    if pre.status != OPEN:
        raise GammaError(f"Preordine {preorder_id}: già convertito, non si elimina")
    records.delete(ctx, pre)


def as_dict(pre: PreOrder) -> dict[str, Any]:
    return {"id": pre.id, "date": pre.date.isoformat(), "article": pre.article.code,
            "description": pre.article.description, "qty": str(pre.qty),
            "customer": pre.customer.code if pre.customer_id else None,
            "supplier": pre.supplier.code if pre.supplier_id else None,
            "status": pre.status, "origin": pre.origin, "source": pre.source_id,
            "order": pre.order_id, "notes": pre.notes}
