"""The statistics journal (movimenti statistici): table stat_movement (models.stats).

One row per statistic-relevant line of a confirmed document, written in the confirmation's
transaction (gamma.sales.confirm.post → `record`). The journal is append-only: a confirmed
document that is changed gets rows cancelling its current net contribution (`reverse`,
from confirm.unpost, flagged `reversal`) and then its new lines; so stored statistics
consolidate by reading only the rows whose id is above their watermark.

Fields of StatMovement:
    company, source      sales | purchases | orders (customer orders) | supplier_orders
    document, line       the document; the line's id when written (lines are rewritten on
                         a change, so it is a plain number), position (the line's number)
    kind                 the document's kind (invoice, delivery_note, credit_note, …)
    date                 the document's date (reversals keep it, so periods net out)
    party, agent         the document's customer/supplier and agent (the "historical" agent)
    article, depot       article None for manual and amount lines
    qty, qty2, packages  signed: credit notes and returns negative; qty2 = qty × the
    weight               article's conversion, packages = qty / pieces_per_package, weight
                         = qty × net_weight in kg (0 when the article has none)
    revenue              euro, net of the line's and the document's discounts (the discount
                         spread per VAT row by largest remainder, so a document's lines sum
                         to its taxable goods); converted at the document's exchange rate;
                         0 for gifts
    gross                euro, qty × price before any discount (the amount for amount lines)
    cost                 euro, the line's unit cost × qty (0 when the line has none)
    unit_price           net unit price in euro, always positive (price bands)
    returned             a return delivery note, a credit note on goods, a negative sale
    gift, campaign       a gift line; a price from a campaign rule
    reversal             written by `reverse`

Which documents count (journal_lines.SOURCES): sales = invoice, sale delivery note, return
delivery note (returned), receipt, counter sale, credit note (sign −1), debit note, fee note,
deferred invoice (but its lines picked from delivery notes or deducting an advance);
purchases = goods receipt; orders = customer order; supplier_orders = supplier order.
Not counted: quotes, pro-formas, pick lists, advance invoices, self-invoices, delivery
notes on approval or to a supplier.
"""

from __future__ import annotations

from decimal import Decimal

from gamma import db, functions
from gamma.context import Context
from gamma.rows import insert as insert_rows
from gamma.service import operation
from gamma.stats.journal_lines import SOURCES, journal_rows
from models import Article, Document, StatMovement, StoredStatistic, StoredStatRow

BATCH = 500  # rows per INSERT: well under the bound parameters SQLite accepts
SUMS = ("qty", "qty2", "packages", "weight", "revenue", "gross", "cost")
KEYS = ("source", "line", "position", "kind", "date", "party", "agent", "article", "depot",
        "unit_price", "returned", "gift", "campaign")


def _insert(rows: list[dict]) -> None:
    for start in range(0, len(rows), BATCH):
        insert_rows(StatMovement, rows[start:start + BATCH])


def _in(values: list) -> tuple[str, list]:
    return ", ".join([db.current().param] * len(values)), list(values)


def _articles(ids: set[int]) -> dict[int, tuple]:
    if not ids:
        return {}
    marks, args = _in(sorted(ids))
    conv, per, kg = Article.conversion, Article.pieces_per_package, Article.net_weight
    sql = ("SELECT id, conversion, pieces_per_package, net_weight FROM article "
           f"WHERE id IN ({marks})")
    return {i: (conv.python_value(c), per.python_value(p), kg.python_value(w))
            for i, c, p, w in db.current().execute_sql(sql, args).fetchall()}


def _origin_kinds(ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    marks, args = _in(sorted(ids))
    sql = ("SELECT l.id, d.kind FROM document_line l JOIN document d ON d.id = l.document_id "
           f"WHERE l.id IN ({marks})")
    return dict(db.current().execute_sql(sql, args).fetchall())


def _id(value):
    return value.id if hasattr(value, "id") else value


def record(ctx: Context, doc: Document, rows: list[dict]) -> int:
    """Append the journal rows of confirmed `doc` whose lines are `rows` (as
    gamma.sales.documents.goods_rows gives them). Returns how many were written."""
    if doc.kind not in SOURCES:
        return 0
    articles = {_id(r["article"]) for r in rows if r.get("article") is not None}
    origins = {_id(r["origin"]) for r in rows if r.get("origin") is not None}
    out = journal_rows(doc, rows, _articles(articles), _origin_kinds(origins),
                       ctx.require_company().id)
    _insert(out)
    return len(out)


def reverse(ctx: Context, doc: Document) -> int:
    """Append rows cancelling what `doc` currently adds up to in the journal (before it is
    changed and recorded again). Returns how many were written."""
    if doc.kind not in SOURCES:
        return 0
    fields = StatMovement._meta.fields
    keys = [fields[k] for k in KEYS]
    names = ", ".join(f.column_name for f in keys)
    sums = ", ".join(f"SUM({k})" for k in SUMS)
    nonzero = " OR ".join(f"SUM({k}) <> 0" for k in SUMS)
    p = db.current().param
    sql = (f"SELECT {names}, {sums} FROM stat_movement WHERE document_id = {p} "
           f"GROUP BY {names} HAVING {nonzero}")
    out = []
    for record_ in db.current().execute_sql(sql, (doc.id,)).fetchall():
        row = {f.name: f.python_value(v) for f, v in zip(keys, record_)}
        for name, total in zip(SUMS, record_[len(keys):]):
            row[name] = -fields[name].python_value(total)
        row.update(company=ctx.require_company().id, document=doc.id, reversal=True)
        out.append(row)
    _insert(out)
    return len(out)


@operation(functions.STATISTICS)
def rebuild(ctx: Context, *, full: bool = False) -> int:
    """Write the journal of the confirmed documents that have none (databases from before
    the journal); idempotent. `full` deletes the company's journal and rewrites it whole,
    with new ids: the stored statistics' groups are forgotten, so their next run is full. Returns the documents recorded."""
    from gamma.sales.documents import goods_rows  # the sales package imports this module
    company = ctx.require_company()
    if full:
        StatMovement.delete().where(StatMovement.company == company).execute()
        _forget_consolidated(company)
    query = (Document.select().where(Document.company == company,
                                     Document.status != "draft",
                                     Document.kind.in_(list(SOURCES)))
             .order_by(Document.id))
    if not full:
        query = query.where(~Document.id.in_(
            StatMovement.select(StatMovement.document).where(StatMovement.company == company)))
    done = 0
    for doc in query:
        record(ctx, doc, goods_rows(doc))
        done += 1
    return done


def _forget_consolidated(company) -> None:
    # Their watermarks count ids of the journal just deleted: a run adding the rewritten
    # rows on top of the old groups would count every document twice.
    mine = StoredStatistic.select(StoredStatistic.id).where(StoredStatistic.company == company)
    StoredStatRow.delete().where(StoredStatRow.stored.in_(mine)).execute()
    StoredStatistic.update(watermark=0, spec_hash="").where(
        StoredStatistic.company == company).execute()


def totals(ctx: Context, document_id: int) -> dict[str, Decimal]:
    """A document's net contribution to the journal (sums of the measures)."""
    query = (StatMovement.select(*[getattr(StatMovement, k) for k in SUMS])
             .where(StatMovement.company == ctx.require_company(),
                    StatMovement.document == document_id))
    out = {k: Decimal(0) for k in SUMS}
    for row in query:
        for k in SUMS:
            out[k] += getattr(row, k)
    return out
