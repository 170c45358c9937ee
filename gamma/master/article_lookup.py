"""The `article` lookup source: by code prefix, by description substring, by barcode
(exact, or a decoded weight/price code: then only that article); filter `family`
narrows to one family; filter `party` (a supplier or customer code) also finds the
articles by that party's own codes, listed first. The column `found` shows the barcode
or the party's code an article was found by.

Code prefixes are searched as a range on the (company, code) index, so they stay fast
on both engines (see code_prefix); a description substring is searched only when the code finds fewer
rows than the limit, through the trigram index of migration 0006 (see description_has).
"""

from __future__ import annotations

from peewee import JOIN, SQL, fn

from gamma import db
from gamma.lookups import Column, Source, register
from gamma.master.article_barcodes import decode
from models.article import Article, PartyArticleCode
from models.party import Party
from models.tables import TableEntry, Unit


def _like(text: str) -> str:
    return text.replace("\\", "").replace("%", "").replace("_", "").lower()


def _fts_phrase(text: str) -> str:
    """`text` as one FTS5 string: double quotes doubled, the whole in double quotes."""
    return '"' + text.replace('"', '""') + '"'


# Above this many articles holding the text (all companies), SQLite looks for it by
# walking the code index (LIKE, stopping at the limit: the text is common, the walk short)
# rather than sorting every match of the text index by code. The two costs meet near
# sqrt(limit × articles): 6,000 for 200 rows of 200,000 articles.
FTS_COMMON = 5000


def description_has(text: str):
    """The condition "the description contains `text`" (any case), served by the trigram
    index of migration 0006: on PostgreSQL the ILIKE itself (pg_trgm's GIN index, chosen
    by the planner, which walks the code index instead when the text is common); on SQLite
    the FTS5 trigram table article_fts, for text of 3 characters or more that is not
    common (FTS_COMMON): otherwise LIKE."""
    needle = _like(text)
    if db.is_sqlite() and len(needle) >= 3:
        phrase = _fts_phrase(needle)
        (found,) = db.current().execute_sql(
            "SELECT count(*) FROM (SELECT rowid FROM article_fts WHERE article_fts MATCH ? "
            "LIMIT ?)", (phrase, FTS_COMMON)).fetchone()
        if found < FTS_COMMON:
            matching = SQL("(SELECT rowid FROM article_fts WHERE article_fts MATCH ?)",
                           (phrase,))
            return Article.id.in_(matching)
    return Article.description.contains(needle)  # ILIKE on PG


def _row(article: Article, found: str = "") -> dict:
    return {"code": article.code, "description": article.description,
            "unit": article.unit.code if article.unit_id else "",
            "found": found, "obsolete": "S" if article.obsolete else ""}


def code_prefix(prefix: str) -> list:
    """Conditions for codes starting with `prefix`: a range the (company, code) index
    serves, bounded by the prefix with its last character bumped (VI → [VI, VJ)), which
    holds under linguistic collations too; the SUBSTR test drops what such a collation
    puts in the range without the prefix. A prefix ending in punctuation (which those
    collations may ignore) gets only the exact test."""
    exact = fn.SUBSTR(Article.code, 1, len(prefix)) == prefix
    if not prefix[-1].isalnum():
        return [exact]
    bumped = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return [Article.code >= prefix, Article.code < bumped, exact]


def search(ctx, typed: str, filters: dict, limit: int) -> list[dict]:
    # The unit joined in: the list shows its code, and one query per row would cost more
    # than the search itself.
    base = (Article.select(Article, Unit).join(Unit, JOIN.LEFT_OUTER, on=Article.unit)
            .where(Article.company == ctx.company))
    family = (filters.get("family") or "").strip().upper()
    if family:
        entry = TableEntry.get_or_none(TableEntry.company == ctx.company,
                                       TableEntry.kind == "family", TableEntry.code == family)
        base = base.where(Article.family == (entry.id if entry else 0))
    if not typed:
        return [_row(a) for a in base.order_by(Article.code).limit(limit)]
    rows: list[dict] = []
    seen: set[int] = set()
    party = (filters.get("party") or "").strip()
    if party:
        # A supplier's or customer's own codes, by prefix, before the company's codes.
        owner = Party.get_or_none(Party.company == ctx.company, Party.code == party.upper())
        if owner is not None:
            codes = (PartyArticleCode.select()
                     .where(PartyArticleCode.party == owner,
                            PartyArticleCode.code >= typed,
                            fn.SUBSTR(PartyArticleCode.code, 1, len(typed)) == typed)
                     .order_by(PartyArticleCode.code).limit(limit))
            for pc in codes:
                if pc.article_id not in seen and (not family or pc.article.family_id == (
                        entry.id if entry else 0)):
                    rows.append(_row(pc.article, pc.code))
                    seen.add(pc.article_id)
    decoded = decode(ctx, typed)
    if decoded is not None:
        # A scanned code names one article: no code or description search after it.
        if family and decoded.article.family_id != (entry.id if entry else 0):
            return []
        return [_row(decoded.article, decoded.barcode.code)]
    by_code = base.where(*code_prefix(typed.upper()))
    for a in by_code.order_by(Article.code).limit(limit):
        if a.id not in seen:
            rows.append(_row(a))
            seen.add(a.id)
    if len(rows) < limit:
        by_text = base.where(description_has(typed))
        for a in by_text.order_by(Article.code).limit(limit):
            if a.id not in seen:
                rows.append(_row(a))
                seen.add(a.id)
    return rows[:limit]


# 80 columns: code 20, description 36, unit 3, found-with 14, obsolete 3, four spaces.
register(Source("article", "Articoli", (Column("code", "Codice", 20),
                                        Column("description", "Descrizione", 36),
                                        Column("unit", "UM", 3),
                                        Column("found", "Trovato con", 14),
                                        Column("obsolete", "Obs", 3)), "code", search))
