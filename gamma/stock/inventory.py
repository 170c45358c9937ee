"""Physical inventory (inventario fisico): a count at a depot and a date, entered by hand
or read from a batch barcode reader's file, then applied as adjustment movements
(reason INV, the difference between counted and book quantity) for the articles counted.

Counting the same article twice:
- in a reader file (and in a second file imported into the same count), the quantities
  ADD UP: each scan is a box or a shelf, and two readers may cover the same article;
- by hand, the quantity typed REPLACES the one counted so far: the entry screen shows the
  count's current quantity, so the operator types the corrected total.
Articles not counted are left as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from peewee import fn

from gamma import functions, records
from gamma.audit import log
from gamma.context import Context
from gamma.errors import NotFound, ValidationError
from gamma.master import article_barcodes, tables
from gamma.master.article_common import find_article
from gamma.sales import stock
from gamma.service import operation
from models import Article, StockCount, StockCountLine, StockMovement

ADJUSTMENT = "INV"
QTY = Decimal("0.001")


@dataclass(frozen=True)
class ReadLine:
    """A line of a reader file: where it was, the code scanned, the quantity."""

    number: int
    code: str
    qty: Decimal


def parse_reader(text: str) -> list[ReadLine]:
    """Lines "barcode;qty", "barcode qty" (tab or comma too) or just "barcode" (one unit
    per scan); quantities with a comma or a point for decimals; blank lines skipped."""
    out = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        # "8001234567890;2,5": the separator is the first ; or blank, the rest is the qty.
        match = re.match(r"^(\S+?)\s*[;\t ]\s*(\S+)$", line)
        code, qty_text = (match.group(1), match.group(2)) if match else (line, "1")
        try:
            qty = Decimal(qty_text.replace(",", "."))
        except InvalidOperation:
            raise ValidationError("file", f"riga {number}: quantità {qty_text!r} non "
                                  "numerica", "File del lettore") from None
        if qty <= 0 or qty != qty.quantize(QTY):
            raise ValidationError("file", f"riga {number}: quantità {qty_text!r} non valida "
                                  "(maggiore di zero, al massimo 3 decimali)",
                                  "File del lettore")
        out.append(ReadLine(number, code, qty))
    return out


def _resolve(ctx: Context, line: ReadLine) -> tuple[int, Decimal]:
    """The article and the units a scanned code stands for (a box code counts its
    units; a weight code its kilograms); an article code is accepted too."""
    found = article_barcodes.decode(ctx, line.code)
    if found is not None:
        per_scan = found.quantity if found.quantity else Decimal(1)
        return found.article.id, (line.qty * per_scan).quantize(QTY)
    article = Article.get_or_none(Article.company == ctx.company, Article.code == line.code)
    if article is None:
        raise ValidationError("file", f"riga {line.number}: codice {line.code} non "
                              "assegnato ad alcun articolo", "File del lettore")
    return article.id, line.qty


def get_count(ctx: Context, count_id: int) -> StockCount:
    found = StockCount.get_or_none(StockCount.company == ctx.company, StockCount.id == count_id)
    if found is None:
        raise NotFound(f"Inventario {count_id} inesistente")
    return found


def _open(ctx: Context, count_id: int) -> StockCount:
    count = get_count(ctx, count_id)
    if count.status != "open":
        raise ValidationError("count", f"l'inventario {count_id} è già stato applicato",
                              "Inventario")
    return count


@operation(functions.STOCK_COUNT)
def start(ctx: Context, depot: str, day: date, description: str = "") -> StockCount:
    """A new count at `depot` dated `day`."""
    if day is None:
        raise ValidationError("date", "obbligatoria", "Data inventario")
    found = tables.find(ctx, "depot", depot, "depot", "Deposito")
    return records.insert(ctx, StockCount, company=ctx.company, depot=found, date=day,
                          description=description[:60])


def _add(ctx: Context, count: StockCount, counted: dict[int, Decimal], source: str,
         replace: bool) -> None:
    existing = {x.article_id: x for x in count.lines}
    for article_id, qty in counted.items():
        line = existing.get(article_id)
        if line is None:
            StockCountLine.create(company=ctx.company, count=count, article=article_id,
                                  qty=qty, source=source)
        else:
            line.qty = qty if replace else line.qty + qty
            line.save()


@operation(functions.STOCK_COUNT)
def import_reader(ctx: Context, count_id: int, text: str) -> int:
    """Add a reader file's lines to an open count; returns the articles it counted.
    Any unknown code refuses the whole file, naming its line."""
    count = _open(ctx, count_id)
    counted: dict[int, Decimal] = {}
    for line in parse_reader(text):
        article_id, qty = _resolve(ctx, line)
        counted[article_id] = counted.get(article_id, Decimal(0)) + qty
    if not counted:
        raise ValidationError("file", "nessuna riga letta", "File del lettore")
    _add(ctx, count, counted, "reader", replace=False)
    log.record(ctx, "import", "stock_count", str(count.id),
               message=f"{len(counted)} articoli letti dal file del lettore")
    return len(counted)


@operation(functions.STOCK_COUNT)
def import_file(ctx: Context, text: str, depot: str, day: date, description: str = ""
                ) -> StockCount:
    """A new count at `depot` on `day` from a reader file (`gamma stock count import`)."""
    count = start(ctx, depot, day, description or "Da lettore")
    import_reader(ctx, count.id, text)
    return count


@operation(functions.STOCK_COUNT)
def set_line(ctx: Context, count_id: int, code: str, qty: Decimal) -> StockCountLine:
    """By hand: the article (code or barcode) counted `qty` — replacing what was counted."""
    count = _open(ctx, count_id)
    if qty is None or qty < 0:
        raise ValidationError("qty", "zero o più", "Quantità contata")
    decoded = article_barcodes.decode(ctx, code)
    article = decoded.article if decoded else find_article(ctx, code)
    _add(ctx, count, {article.id: qty.quantize(QTY)}, "hand", replace=True)
    log.record(ctx, "update", "stock_count", str(count.id),
               changes={article.code: (None, qty)})
    return StockCountLine.get(StockCountLine.count == count, StockCountLine.article == article)


def book_quantities(ctx: Context, depot_id: int, day: date, article_ids: list[int]
                    ) -> dict[int, Decimal]:
    """On hand at the depot at the end of `day`, per article, from the movements."""
    if not article_ids:
        return {}
    rows = (StockMovement.select(StockMovement.article, fn.SUM(StockMovement.on_hand))
            .where(StockMovement.company == ctx.company, StockMovement.depot == depot_id,
                   StockMovement.date <= day, StockMovement.article.in_(article_ids))
            .group_by(StockMovement.article).tuples())
    return {a: (Decimal(int(q or 0)) * QTY).quantize(QTY) for a, q in rows}


@dataclass(frozen=True)
class Difference:
    code: str
    description: str
    counted: Decimal
    expected: Decimal

    @property
    def adjustment(self) -> Decimal:
        return self.counted - self.expected


def differences(ctx: Context, count_id: int) -> list[Difference]:
    """Per article counted: counted, book quantity (at apply: the one recorded)."""
    count = get_count(ctx, count_id)
    lines = list(count.lines.join(Article).order_by(Article.code))
    book = book_quantities(ctx, count.depot_id, count.date, [x.article_id for x in lines])
    return [Difference(x.article.code, x.article.description, x.qty,
                       x.expected if x.expected is not None
                       else book.get(x.article_id, Decimal("0.000")))
            for x in lines]


@operation(functions.STOCK_COUNT)
def apply(ctx: Context, count_id: int) -> list[Difference]:
    """Write the adjustments: for each article counted, a movement of reason INV by
    counted − book quantity at the count's date (none when they agree). Once only."""
    count = _open(ctx, count_id)
    found = differences(ctx, count.id)
    reason = stock.reason(ctx, ADJUSTMENT)
    by_code = {x.article.code: x for x in count.lines.join(Article)}
    moves = []
    for diff in found:
        line = by_code[diff.code]
        line.expected = diff.expected
        line.save()
        if diff.adjustment:
            # INV loads: a shortfall is a negative quantity of it.
            moves.append({"article": line.article_id, "depot": count.depot_id,
                          "reason": reason, "date": count.date, "qty": diff.adjustment})
    stock.move(ctx, moves)
    records.update(ctx, count, status="applied", applied_at=ctx.now())
    log.record(ctx, "apply", "stock_count", str(count.id),
               message=f"{len(moves)} rettifiche di inventario")
    return found


def counts(ctx: Context, status: str | None = None) -> list[StockCount]:
    query = StockCount.select().where(StockCount.company == ctx.company)
    if status:
        query = query.where(StockCount.status == status)
    return list(query.order_by(StockCount.id.desc()))
