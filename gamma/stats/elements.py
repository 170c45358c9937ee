"""The elements a statistic groups by: what they are called, where their code comes from
(the movement, its customer/supplier, its article, a table entry of either) and how their
codes are labelled. The SQL side is gamma.stats.query."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gamma.dates import format_date
from gamma.sales import kinds as doc_kinds
from models import Agent, Article, Depot, Document, Party, TableEntry

PERIODS = ("year", "half", "quarter", "month", "week", "day")
NONE_LABEL = "(nessuno)"


@dataclass(frozen=True)
class Element:
    name: str
    label: str  # Italian column header
    entity: str  # party, article, agent, depot, document, kind, source, entry, period, band
    owner: str = ""  # entry: "party" or "article"; the field on the owner
    attr: str = ""
    table: str = ""  # entry: TableEntry.kind

    @property
    def is_period(self) -> bool:
        return self.entity == "period"

    @property
    def has_master(self) -> bool:
        """Its items exist without movements (unmoved items can be listed)."""
        return self.entity in ("party", "article", "agent", "depot", "entry")


def _entry(name: str, label: str, owner: str, attr: str, table: str) -> Element:
    return Element(name, label, "entry", owner, attr, table)


_LIST = [
    Element("customer", "Cliente", "party"),
    Element("supplier", "Fornitore", "party"),
    _entry("customer_area", "Area", "party", "area", "area"),
    _entry("customer_zone", "Zona", "party", "zone", "zone"),
    _entry("customer_category", "Categoria", "party", "category", "category"),
    *(_entry(f"customer_grouping{n}", f"Raggr. cliente {n}", "party", f"grouping{n}",
             f"party_grouping{n}") for n in range(1, 7)),
    Element("agent", "Agente", "agent"),
    Element("article", "Articolo", "article"),
    _entry("family", "Famiglia", "article", "family", "family"),
    _entry("subfamily", "Sottofamiglia", "article", "subfamily", "subfamily"),
    _entry("group", "Gruppo", "article", "product_group", "product_group"),
    _entry("subgroup", "Sottogruppo", "article", "subgroup", "subgroup"),
    *(_entry(f"article_grouping{n}", f"Raggr. articolo {n}", "article", f"grouping{n}",
             f"article_grouping{n}") for n in range(1, 7)),
    Element("depot", "Deposito", "depot"),
    Element("document", "Documento", "document"),
    Element("kind", "Tipo documento", "kind"),
    Element("source", "Provenienza", "source"),
    Element("price_band", "Fascia di prezzo", "band"),
    Element("year", "Anno", "period"),
    Element("half", "Semestre", "period"),
    Element("quarter", "Trimestre", "period"),
    Element("month", "Mese", "period"),
    Element("week", "Settimana", "period"),
    Element("day", "Giorno", "period"),
]
ELEMENTS = {e.name: e for e in _LIST}
NAMES = tuple(ELEMENTS)
FILTERABLE = tuple(e.name for e in _LIST if e.entity not in ("period", "band", "document"))
SOURCE_LABELS = {"sales": "Vendite", "purchases": "Acquisti", "orders": "Ordini clienti",
                 "supplier_orders": "Ordini fornitori"}
MONTHS = ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
          "settembre", "ottobre", "novembre", "dicembre")


def get(name: str) -> Element:
    return ELEMENTS[name]


def period_label(name: str, key: str) -> str:
    """A period key as read: "2026-03" → "marzo 2026", "Q1" → "1° trimestre"."""
    year, _, rest = key.rpartition("-") if name != "day" else ("", "", key)
    if name == "year":
        return key
    if name == "month":
        text = MONTHS[int(rest) - 1]
    elif name in ("quarter", "half"):
        text = f"{rest[1:]}° {'trimestre' if name == 'quarter' else 'semestre'}"
    elif name == "week":
        text = f"settimana {int(rest[1:])}"
    else:
        parts = key.split("-")
        if len(parts) == 3:
            return format_date(date.fromisoformat(key))
        return f"{parts[1]}/{parts[0]}"  # within the year: "03-10" → 10/03
    return f"{text} {year}".strip()


def labels(ctx, element: Element, codes: set[str]) -> dict[str, str]:
    """The labels of `codes` of `element`, by one query (none for periods and kinds)."""
    codes = {c for c in codes if c}
    entity = element.entity
    if entity == "period":
        return {c: period_label(element.name, c) for c in codes}
    if entity == "kind":
        return {c: doc_kinds.label(c) if c in doc_kinds.KINDS else c for c in codes}
    if entity == "source":
        return {c: SOURCE_LABELS.get(c, c) for c in codes}
    if entity == "band" or not codes:
        return {c: c for c in codes}
    if entity == "document":
        ids = [int(c) for c in codes]
        return {str(doc.id): _document(doc) for doc in Document.select().where(
            Document.company == ctx.company, Document.id.in_(ids))}
    model, column, text = {"party": (Party, Party.code, Party.name),
                           "article": (Article, Article.code, Article.description),
                           "agent": (Agent, Agent.code, Agent.name),
                           "depot": (Depot, Depot.code, Depot.description),
                           "entry": (TableEntry, TableEntry.code, TableEntry.description)
                           }[entity]
    query = model.select(column, text).where(model.company == ctx.company,
                                              column.in_(sorted(codes)))
    if entity == "entry":
        query = query.where(TableEntry.kind == element.table)
    return {code: name for code, name in query.tuples()}


def _document(doc: Document) -> str:
    series = f"{doc.series}/" if doc.series else ""
    return f"{doc_kinds.label(doc.kind, doc.subkind)} {series}{doc.number} del " \
           f"{doc.date:%d/%m/%Y}"


def code_sort(code: str | None) -> tuple:
    """Codes in order: numeric codes by value, before the others."""
    if code is None:
        return (2, 0, "")
    return (0, int(code), "") if code.isdigit() else (1, 0, code)
