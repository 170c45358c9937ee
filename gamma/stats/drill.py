"""The drill-down: the journal rows, with their documents, behind one row of a
statistic's table. The elements that are codes are matched in SQL; periods, price bands
and the compared year are matched on each row read (a row of the table is a few rows of
the journal)."""

from __future__ import annotations

from gamma.sales.kinds import label as kind_label
from gamma.stats import elements as els
from gamma.stats import query
from gamma.stats.spec import StatSpec
from models import Document, StatMovement

M = StatMovement
LIMIT = 5000


def _band_of(spec: StatSpec, price) -> str:
    index = sum(1 for edge in spec.price_bands if price >= edge)
    return query.band_code(spec.price_bands, index)


def movements(ctx, spec: StatSpec, keys: dict[str, str]) -> list[dict]:
    spec.validate()
    joins = query.Joins(spec)
    where = query.conditions(ctx, joins)
    later = {}
    for name, code in keys.items():
        if name == "year":
            later[name] = code
            continue
        element = els.get(name)
        if element.entity in ("period", "band"):
            later[name] = code
        elif element.entity == "document":
            where.append(M.document == int(code))
        elif code in (None, ""):
            where.append(query.id_expression(joins, element).is_null())
        else:
            where.append(query.code_expression(joins, element) == code)
    party = joins.party()
    article = joins.article()
    select = (joins.apply(M.select(M, Document.kind.alias("doc_kind"), Document.subkind,
                                   Document.series, Document.number, party.code.alias("pc"),
                                   article.code.alias("ac")))
              .join_from(M, Document, on=(M.document == Document.id))
              .where(*where).order_by(M.date, M.document, M.position, M.id).limit(LIMIT))
    years = {str(y): (f, t) for y, f, t in spec.years()}
    out = []
    for row in select.objects():
        if "year" in later:
            low, high = years.get(later["year"], (None, None))
            if low is None or not low <= row.date <= high:
                continue
        if any(els.get(n).entity == "period"
               and query.period_of(n, row.date, bool(years)) != c
               for n, c in later.items() if n != "year"):
            continue
        if "price_band" in later and _band_of(spec, row.unit_price) != later["price_band"]:
            continue
        series = f"{row.series}/" if row.series else ""
        out.append({"id": row.id, "date": row.date, "document": row.document_id,
                    "document_label": f"{kind_label(row.doc_kind, row.subkind)} "
                                      f"{series}{row.number}",
                    "position": row.position, "party": row.pc, "article": row.ac,
                    "qty": row.qty, "revenue": row.revenue, "gross": row.gross,
                    "cost": row.cost, "unit_price": row.unit_price, "returned": row.returned,
                    "gift": row.gift, "campaign": row.campaign, "reversal": row.reversal})
    return out
