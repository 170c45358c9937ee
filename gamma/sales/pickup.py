"""Pick-up (prelievo): building a document from the lines of others, single or multiple.

A picked line keeps its origin; the origin's `picked_qty` grows when the new document is
confirmed, in the same transaction and under a condition on the residual, so what was
picked up cannot be picked up twice, not even by two operators at once. Lines without a
quantity are picked by amount: an amount line (an advance invoice's, deducted in parts
on several final invoices) up to its amount, what confirmed documents took of it counted
under a lock on it, and closed once all of it is taken; a comment is picked whole.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from peewee import JOIN

from gamma.context import Context
from gamma.errors import GammaError, ValidationError
from gamma.sales import kinds
from models import Article, Depot, Document, DocumentLine, VatCode

ZERO = Decimal(0)


def residual(line: DocumentLine) -> Decimal | None:
    """What is left to pick up of a line; None for lines without a quantity."""
    if line.qty is None:
        return None
    if line.closed or line.not_to_fulfil:  # an order line given up: nothing to pick
        return ZERO
    return line.qty - line.picked_qty


def amount_taken(origin_id: int, besides: int | None = None) -> Decimal:
    """What confirmed documents (but `besides`) took of an amount line: their picking
    lines' amounts, as positive (a deduction is a negative line)."""
    query = (DocumentLine.select(DocumentLine.amount).join(Document)
             .where(DocumentLine.origin == origin_id, Document.status != kinds.DRAFT))
    if besides is not None:
        query = query.where(Document.id != besides)
    return sum((abs(line.amount) for line in query if line.amount is not None), ZERO)


def amount_left(line: DocumentLine, besides: int | None = None) -> Decimal | None:
    """What is left to pick of an amount line (None when it has no amount)."""
    if line.amount is None:
        return None
    if line.closed and besides is None:
        return ZERO
    return abs(line.amount) - amount_taken(line.id, besides)


def _origin_lines(ctx: Context, ids: list[int]) -> dict[int, DocumentLine]:
    # Only what the checks read: these models are wide and this runs at every save.
    found = (DocumentLine.select(DocumentLine.id, DocumentLine.position, DocumentLine.qty,
                                 DocumentLine.amount, DocumentLine.picked_qty,
                                 DocumentLine.closed,
                                 DocumentLine.not_to_fulfil, Document.id, Document.kind,
                                 Document.number, Document.status, Document.party)
             .join(Document)
             .where(DocumentLine.company == ctx.company, DocumentLine.id.in_(ids)))
    return {line.id: line for line in found}


def check_origins(ctx: Context, doc: dict[str, Any], rows: list[dict[str, Any]],
                  current: Document | None) -> None:
    """Refuse, at draft time already, lines picked from a kind this one cannot pick from,
    from another customer's or an unconfirmed document, or beyond the residual."""
    wanted: dict[int, Decimal] = defaultdict(Decimal)
    amounts: dict[int, Decimal] = {}
    for row in rows:
        origin = row.get("origin")
        if origin is None:
            continue
        origin = origin.id if isinstance(origin, DocumentLine) else int(origin)
        row["origin"] = origin
        if row.get("qty") is None:  # picked by amount: twice in one document is twice billed
            if origin in amounts:
                raise ValidationError("origin", f"riga d'origine {origin} prelevata due "
                                      "volte nello stesso documento", "Prelievo")
            amounts[origin] = abs(Decimal(row.get("amount") or 0))
        wanted[origin] += abs(row.get("qty") or ZERO)
    if not wanted:
        return
    kind = kinds.get(doc["kind"])
    found = _origin_lines(ctx, list(wanted))
    for origin, qty in wanted.items():
        line = found.get(origin)
        if line is None:
            raise ValidationError("origin", f"riga d'origine {origin} inesistente",
                                  "Prelievo")
        source = line.document
        what = f"{kinds.label(source.kind)} {source.number or 'bozza'} riga {line.position}"
        if source.kind not in kind.picks_from:
            raise ValidationError("origin", f"{kind.label} non preleva da "
                                  f"{kinds.label(source.kind).lower()}", "Prelievo")
        if source.status == kinds.DRAFT:
            raise ValidationError("origin", f"{what}: documento non confermato", "Prelievo")
        party = doc.get("party")
        if party is not None and source.party_id not in (None, party.id):
            raise ValidationError("origin", f"{what}: di un altro cliente", "Prelievo")
        left = residual(line)
        if origin in amounts and line.qty is None and line.amount is not None:
            left = amount_left(line, current.id if current is not None else None)
            if amounts[origin] > left:
                raise ValidationError("origin", f"{what}: già prelevata" + (
                    f" (importo residuo {left:f})" if left > 0 else ""), "Prelievo")
            continue
        # a line picked whole (a comment) is closed even with a quantity
        if (line.closed and not qty) or (left is not None and qty > left):
            raise ValidationError("origin", f"{what}: già prelevata"
                                  + (f" (residuo {left:f})" if left else ""), "Prelievo")


def take(ctx: Context, doc: Document) -> None:
    """At confirmation: add what this document picks to its origins' picked quantity,
    refusing (and so rolling back the confirmation) whatever was taken meanwhile."""
    picks: dict[int, Decimal | None] = {}
    for line in (DocumentLine.select(DocumentLine.origin, DocumentLine.qty)
                 .where(DocumentLine.document == doc.id, DocumentLine.origin.is_null(False))):
        qty = abs(line.qty) if line.qty is not None else None
        picks[line.origin_id] = (picks.get(line.origin_id) or ZERO) + qty \
            if qty is not None else None
    for origin, qty in sorted(picks.items()):
        if qty is None:
            done = _take_amount(origin)
        else:
            # peewee scales a parameter next to a column in SET, not in WHERE: the
            # condition compares stored thousandths, so its parameter is scaled by hand.
            raw = DocumentLine.qty.db_value(qty)
            done = (DocumentLine.update(picked_qty=DocumentLine.picked_qty + qty,
                                        version=DocumentLine.version + 1)
                    .where(DocumentLine.id == origin, DocumentLine.closed == False,  # noqa: E712
                           DocumentLine.qty - DocumentLine.picked_qty >= raw)
                    .execute())
        if not done:
            line = DocumentLine.get_by_id(origin)
            source = line.document
            raise GammaError(f"{kinds.label(source.kind)} {source.number} riga {line.position}: "
                             "già prelevata da un altro documento")


def _take_amount(origin: int) -> bool:
    """Count what confirmed documents took of the line `origin`, under a lock on it (the
    update), and close it when nothing is left; False when it was closed already or
    more than its amount is taken."""
    locked = (DocumentLine.update(version=DocumentLine.version + 1)
              .where(DocumentLine.id == origin, DocumentLine.closed == False)  # noqa: E712
              .execute())
    if not locked:
        return False
    line = DocumentLine.get_by_id(origin)
    if line.amount is None:  # a comment: picked whole
        left = ZERO
    else:
        left = abs(line.amount) - amount_taken(origin)
        if left < 0:
            return False
    if left == 0:
        DocumentLine.update(closed=True).where(DocumentLine.id == origin).execute()
    return True


def release(ctx: Context, doc: Document) -> None:
    """Give back what a document had picked (when it is amended or cancelled)."""
    for line in doc.lines.where(DocumentLine.origin.is_null(False)):
        if line.qty is None:
            DocumentLine.update(closed=False).where(DocumentLine.id == line.origin_id).execute()
        else:
            (DocumentLine.update(picked_qty=DocumentLine.picked_qty - abs(line.qty))
             .where(DocumentLine.id == line.origin_id).execute())


def lines_to_pick(ctx: Context, source_ids: list[int],
                  quantities: dict[int, Decimal] | None = None) -> list[dict[str, Any]]:
    """The line data of a new document picking from `source_ids` (in order): every line
    with something left, for its residual or the quantity chosen per origin line id."""
    quantities = quantities or {}
    out: list[dict[str, Any]] = []
    for source_id in source_ids:
        source = Document.get_or_none(Document.company == ctx.company,
                                      Document.id == source_id)
        if source is None:
            raise ValidationError("source", f"documento {source_id} inesistente", "Prelievo")
        series = f"{source.series}/" if source.series else ""
        out.append({"comment": f"Rif. {kinds.label(source.kind, source.subkind)} n. "
                               f"{series}{source.number} del {source.date:%d/%m/%Y}"})
        # The codes joined, not read line by line (a fulfilment run picks up many).
        for line in (DocumentLine.select(DocumentLine, VatCode.id, VatCode.code, Article.id,
                                         Article.code, Depot.id, Depot.code)
                     .join(VatCode, JOIN.LEFT_OUTER).switch(DocumentLine)
                     .join(Article, JOIN.LEFT_OUTER).switch(DocumentLine)
                     .join(Depot, JOIN.LEFT_OUTER)
                     .where(DocumentLine.document == source.id)
                     .order_by(DocumentLine.position)):
            if line.line_kind == "charge":
                continue
            if line.line_kind in ("comment", "text"):
                key = "comment" if line.line_kind == "comment" else "text"
                out.append({key: line.description if key == "comment" else line.long_text})
                continue
            left = residual(line)
            if left is not None and left <= 0 or (left is None and line.closed):
                continue
            qty = quantities.get(line.id, left)
            if qty is not None and qty == 0:
                continue
            data: dict[str, Any] = {"origin": line.id, "vat_code": line.vat_code.code,
                                    "gift": line.gift, "keeps_vat": line.keeps_vat}
            if line.line_kind == "amount":
                amount = line.amount
                if amount is not None:  # what earlier documents left of it
                    rest = amount_left(line)
                    amount = rest if amount >= 0 else -rest
                data.update(description=line.description, amount=amount)
            else:
                data.update(qty=qty, price=line.price, discounts=line.discounts,
                            description=line.description)
                if line.article_id:
                    data["article"] = line.article.code
                    data["depot"] = line.depot.code if line.depot_id else None
                else:
                    data.update(code=line.code, unit=line.unit)
            out.append(data)
    return out


def pickable(ctx: Context, kind: str, party_id: int | None = None) -> list[Document]:
    """Confirmed documents a new `kind` may pick from, with something left."""
    sources = kinds.get(kind).picks_from
    query = (Document.select().where(Document.company == ctx.company,
                                     Document.kind.in_(sources),
                                     Document.status != kinds.DRAFT)
             .order_by(Document.date, Document.number))
    if party_id is not None:
        query = query.where(Document.party == party_id)
    left = (DocumentLine.select(DocumentLine.document).where(
        DocumentLine.line_kind.in_(("article", "manual", "amount")),
        DocumentLine.closed == False, DocumentLine.not_to_fulfil == False,  # noqa: E712
        (DocumentLine.qty.is_null()) | (DocumentLine.qty > DocumentLine.picked_qty)))
    return list(query.where(Document.id.in_(left)))
