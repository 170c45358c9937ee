"""Reorder proposals: the needs of gamma.orders.reorder saved as a proposal the buyer can
change (quantity, supplier) and then confirm into one supplier order per supplier,
written and confirmed by the document engine (so they are numbered and raise on order)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from peewee import JOIN

from gamma import functions, records
from gamma.audit import log
from gamma.context import Context
from gamma.errors import GammaError, NotFound, ValidationError
from gamma.master.article_common import find_article
from gamma.orders.reorder import needs, quantity_of, supplier_line, supplier_of
from gamma.rows import fetch_one
from gamma.rows import insert as insert_rows
from gamma.sales import documents
from gamma.sales.confirm import confirm as confirm_document
from gamma.service import operation
from models import Article, Document, Party, ReorderLine, ReorderProposal

OPEN, CONFIRMED = "open", "confirmed"


@dataclass
class Group:
    """The lines of one supplier (supplier None: articles without a preferred one)."""

    supplier: Party | None
    lines: list[ReorderLine] = field(default_factory=list)

    @property
    def label(self) -> str:
        if self.supplier is None:
            return "Senza fornitore abituale"
        return f"{self.supplier.code} {self.supplier.name}"


def find(ctx: Context, proposal_id: int, for_update: bool = False) -> ReorderProposal:
    found = fetch_one(ReorderProposal, for_update=for_update, company=ctx.require_company(),
                      id=proposal_id)
    if found is None:
        raise NotFound(f"Proposta di riordino {proposal_id} inesistente")
    return found


def lines_of(proposal: ReorderProposal) -> list[ReorderLine]:
    return list(ReorderLine.select(ReorderLine, Article, Party)
                .join(Article).switch(ReorderLine)
                .join(Party, JOIN.LEFT_OUTER, on=(ReorderLine.supplier == Party.id))
                .where(ReorderLine.proposal == proposal).order_by(ReorderLine.position))


def groups(proposal: ReorderProposal) -> list[Group]:
    """The proposal's lines by supplier (code order), those without one last."""
    by_supplier: dict[int | None, Group] = {}
    for line in lines_of(proposal):
        key = line.supplier_id
        if key not in by_supplier:
            by_supplier[key] = Group(line.supplier if key is not None else None)
        by_supplier[key].lines.append(line)
    return sorted(by_supplier.values(),
                  key=lambda g: (g.supplier is None, g.supplier.code if g.supplier else ""))


@operation(functions.REORDER_PROPOSALS)
def propose(ctx: Context, supplier: str | None = None) -> ReorderProposal:
    """Save a new proposal from the articles under minimum (of `supplier`, or all)."""
    chosen = supplier_of(ctx, supplier)
    found = [n for n in needs(ctx, chosen) if n.proposed > 0]
    if not found:
        raise GammaError("Nessun articolo sotto scorta da riordinare")
    proposal = records.insert(ctx, ReorderProposal, company=ctx.company, date=ctx.today(),
                              supplier=chosen, created_by=ctx.login)
    insert_rows(ReorderLine, [
        {"company": ctx.company.id, "proposal": proposal.id, "position": n,
         "article": need.article_id, "supplier": need.supplier_id, "on_hand": need.on_hand,
         "committed": need.committed, "on_order": need.on_order,
         "min_stock": need.min_stock, "proposed": need.proposed, "qty": need.proposed}
        for n, need in enumerate(found, start=1)])
    return proposal


@operation(functions.REORDER_PROPOSALS, write=False)
def get(ctx: Context, proposal_id: int) -> ReorderProposal:
    return find(ctx, proposal_id)


@operation(functions.REORDER_PROPOSALS, write=False)
def listing(ctx: Context, status: str | None = None) -> list[ReorderProposal]:
    query = ReorderProposal.select().where(ReorderProposal.company == ctx.require_company())
    if status:
        query = query.where(ReorderProposal.status == status)
    return list(query.order_by(ReorderProposal.id.desc()))


def _open(ctx: Context, proposal_id: int) -> ReorderProposal:
    proposal = find(ctx, proposal_id, for_update=True)
    if proposal.status != OPEN:
        raise GammaError(f"Proposta di riordino {proposal.id}: già confermata")
    return proposal


@operation(functions.REORDER_PROPOSALS)
def change_line(ctx: Context, proposal_id: int, article_code: str, *, qty: Any = None,
                supplier: str | None = None) -> ReorderLine:
    """Change what a proposal orders of an article: the quantity (0 leaves it out) and/or
    the supplier it is ordered from."""
    proposal = _open(ctx, proposal_id)
    article = find_article(ctx, article_code)
    line = ReorderLine.get_or_none(ReorderLine.proposal == proposal,
                                   ReorderLine.article == article)
    if line is None:
        raise NotFound(f"Articolo {article.code} non presente nella proposta {proposal.id}")
    values: dict[str, Any] = {}
    if qty is not None:
        values["qty"] = quantity_of(qty, "qty", "Quantità da ordinare")
    if supplier is not None:
        values["supplier"] = supplier_of(ctx, supplier)
    return records.update(ctx, line, **values)


@operation(functions.REORDER_PROPOSALS)
def confirm(ctx: Context, proposal_id: int) -> list[Document]:
    """One confirmed supplier order per supplier with the lines' quantities (lines at 0
    are left out). A line to order without a supplier stops it all, naming the article."""
    proposal = _open(ctx, proposal_id)
    orders: dict[int, list[ReorderLine]] = defaultdict(list)
    for line in lines_of(proposal):
        if line.qty <= 0:
            continue
        if line.supplier_id is None:
            raise ValidationError("supplier", "obbligatorio per ordinare (o quantità 0)",
                                  f"Fornitore dell'articolo {line.article.code}")
        orders[line.supplier_id].append(line)
    if not orders:
        raise GammaError(f"Proposta di riordino {proposal.id}: nessuna quantità da ordinare")
    made = []
    for supplier_id in sorted(orders, key=lambda s: orders[s][0].supplier.code):
        lines = orders[supplier_id]
        saved = documents.save_draft(ctx, {
            "kind": "supplier_order", "date": ctx.today(), "customer": lines[0].supplier.code,
            "lines": [supplier_line(line.article, line.qty) for line in lines]})
        doc = confirm_document(ctx, saved.document.id).document
        ids = [line.id for line in lines]
        ReorderLine.update(order=doc.id).where(ReorderLine.id.in_(ids)).execute()
        made.append(doc)
    records.update(ctx, proposal, status=CONFIRMED, confirmed_at=ctx.now())
    log.record(ctx, "confirm", "reorder_proposal", str(proposal.id),
               message=f"Proposta di riordino {proposal.id}: {len(made)} ordini a fornitore")
    return made


@operation(functions.REORDER_PROPOSALS)
def delete(ctx: Context, proposal_id: int) -> None:
    proposal = _open(ctx, proposal_id)
    ReorderLine.delete().where(ReorderLine.proposal == proposal).execute()
    records.delete(ctx, proposal)


def as_dict(proposal: ReorderProposal) -> dict[str, Any]:
    """The proposal as `--json` gives it: per supplier, its lines."""
    def line_dict(line: ReorderLine) -> dict[str, Any]:
        available = line.on_hand - line.committed + line.on_order
        return {"article": line.article.code, "description": line.article.description,
                "on_hand": str(line.on_hand), "committed": str(line.committed),
                "on_order": str(line.on_order), "available": str(available),
                "min_stock": str(line.min_stock), "proposed": str(line.proposed),
                "qty": str(line.qty), "order": line.order_id}
    out: dict[str, Any] = {"id": proposal.id, "date": proposal.date.isoformat(),
                           "status": proposal.status, "suppliers": [],
                           "without_supplier": []}
    for group in groups(proposal):
        rows = [line_dict(line) for line in group.lines]
        if group.supplier is None:
            out["without_supplier"] = rows
        else:
            out["suppliers"].append({"supplier": group.supplier.code,
                                     "name": group.supplier.name, "lines": rows})
    return out

