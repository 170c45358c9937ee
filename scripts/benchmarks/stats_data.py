"""Data for the statistics benchmark (scripts/benchmarks/stats.py): confirmed invoices of
LINES_PER_DOC lines over two years, their document lines and the statistics journal rows
confirmation would write for them, consistent with each other (the journal's quantity
and revenue are the line's, its customer and date the document's). Written in bulk: SQLite
by executemany, PostgreSQL by COPY (foreign keys not checked row by row); the values of
defaulted columns computed once."""

import io
import random
from datetime import date, timedelta
from decimal import Decimal

from models import Article, Document, DocumentLine, Party, StatMovement

LINES_PER_DOC = 10
CUSTOMERS = 1000
ARTICLES = 500
FIRST_DAY = date(2025, 1, 1)
DAYS = 730


def _constants(model, varying):
    """The model's columns (varying first, then those with a default) and the stored
    value of each default."""
    fields = [model._meta.fields[n] for n in varying]
    rest = [f for f in model._meta.sorted_fields
            if f.name != "id" and f.name not in varying and f.default is not None]
    consts = tuple(f.db_value(f.default() if callable(f.default) else f.default) for f in rest)
    return [f.column_name for f in fields + rest], consts


def _copy_value(v):
    if v is None:
        return "\\N"
    if v is True or v is False:
        return "t" if v else "f"
    return str(v)


def write(database, model, varying, rows):
    """rows: tuples of the `varying` fields' stored values (ids included when given)."""
    columns, consts = _constants(model, varying)
    table = model._meta.table_name
    names = ", ".join(f'"{c}"' for c in columns)
    if database.gamma_url.engine == "sqlite":
        marks = ", ".join(["?"] * len(columns))
        with database.atomic():
            database.cursor().executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})',
                                          (row + consts for row in rows))
        return
    tail = "\t".join(_copy_value(v) for v in consts)
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(map(_copy_value, row)))
        buffer.write("\t" + tail + "\n" if tail else "\n")
    buffer.seek(0)
    # The rows are consistent by construction: foreign keys are not checked row by row
    # during the load (needs a superuser; without one the load is just slower).
    try:
        database.execute_sql("SET session_replication_role = replica")
    except Exception:  # noqa: BLE001
        pass
    with database.atomic():
        database.cursor().copy_expert(f'COPY "{table}" ({names}) FROM STDIN', buffer)
    database.execute_sql("SET session_replication_role = DEFAULT")


def next_id(database, table):
    return (database.execute_sql(f'SELECT MAX(id) FROM "{table}"').fetchone()[0] or 0) + 1


def reset_sequences(database):
    if database.gamma_url.engine == "sqlite":
        return
    for table in ("party", "article", "document", "document_line", "stat_movement"):
        database.execute_sql(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                             f'(SELECT MAX(id) FROM "{table}"))')


def masters(database, ctx):
    """CUSTOMERS customers and ARTICLES articles; their ids."""
    company = ctx.company.id
    first = next_id(database, "party")
    write(database, Party, ("id", "company", "code", "name"),
          [(first + n, company, f"C{n:05d}", f"Cliente {n}") for n in range(CUSTOMERS)])
    first_article = next_id(database, "article")
    write(database, Article, ("id", "company", "code", "description"),
          [(first_article + n, company, f"A{n:05d}", f"Articolo {n}") for n in range(ARTICLES)])
    reset_sequences(database)
    return (list(range(first, first + CUSTOMERS)),
            list(range(first_article, first_article + ARTICLES)))


def invoices(database, ctx, customers, articles, count, seed, number_from=1):
    """`count` confirmed invoices of LINES_PER_DOC lines, with their journal rows; returns
    (lines written, their quantity total, their revenue total)."""
    rng = random.Random(seed)
    company = ctx.company.id
    doc_id = next_id(database, "document")
    line_id = next_id(database, "document_line")
    move_id = next_id(database, "stat_movement")
    docs, lines, moves = [], [], []
    total_qty = total_revenue = 0
    for n in range(count):
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        party = rng.choice(customers)
        goods = 0
        for pos in range(1, LINES_PER_DOC + 1):
            article = rng.choice(articles)
            qty = rng.randint(1, 20) * 1000  # scaled: 3 places
            price = rng.randint(100, 9999)  # cents
            amount = qty // 1000 * price
            cost = amount * 6 // 10
            goods += amount
            lines.append((line_id, company, doc_id, pos, article, qty, price * 10000, amount,
                          cost // max(1, qty // 1000) * 10000))
            moves.append((move_id, company, "sales", doc_id, line_id, pos, "invoice", day,
                          party, article, qty, amount, amount, cost, price * 10000))
            total_qty += qty
            total_revenue += amount
            line_id += 1
            move_id += 1
        docs.append((doc_id, company, "invoice", "invoice", day.year, number_from + n, day,
                     "confirmed", party, goods, goods, goods, goods))
        doc_id += 1
    write(database, Document, ("id", "company", "kind", "register", "year", "number", "date",
                               "status", "party", "goods", "taxable", "total", "due"), docs)
    write(database, DocumentLine, ("id", "company", "document", "position", "article", "qty",
                                   "price", "amount", "cost"), lines)
    write(database, StatMovement, ("id", "company", "source", "document", "line", "position",
                                   "kind", "date", "party", "article", "qty", "revenue",
                                   "gross", "cost", "unit_price"), moves)
    reset_sequences(database)
    return len(lines), Decimal(total_qty) / 1000, Decimal(total_revenue) / 100
