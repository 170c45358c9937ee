"""A statistic described in words, for the heading of its table and prints."""

from __future__ import annotations

from gamma.dates import format_date
from gamma.stats import elements as els
from gamma.stats.spec import StatSpec

SOURCE_WORDS = {"sales": "vendite", "purchases": "acquisti", "orders": "ordini clienti",
                "supplier_orders": "ordini fornitori"}
COST_WORDS = {"line": "costo di riga", "standard": "costo standard",
              "last": "ultimo costo (scheda)", "average": "costo medio (scheda)"}


def title(spec: StatSpec) -> str:
    if spec.title:
        return spec.title
    what = " e ".join(SOURCE_WORDS[s] for s in spec.sources)
    by = ", ".join(els.get(e).label.lower() for e in spec.elements)
    return f"Statistica {what} per {by}"


def subtitle(spec: StatSpec) -> str:
    parts = []
    if spec.date_from or spec.date_to:
        parts.append(" ".join(filter(None, (
            f"dal {format_date(spec.date_from)}" if spec.date_from else "",
            f"al {format_date(spec.date_to)}" if spec.date_to else ""))))
    years = spec.years()
    if years:
        parts.append(f"confronto {years[0][0]}-{years[-1][0]}")
    for name, ranges in spec.filters.items():
        shown = ", ".join(low if low == high else f"{low}-{high}" for low, high in ranges)
        parts.append(f"{els.get(name).label.lower()} {shown}")
    if spec.agent_from == "customer" and "agent" in spec.elements + tuple(spec.filters):
        parts.append("agente della scheda cliente")
    if spec.funnel is not None:
        parts.append(f"imbuto {spec.funnel.normalize():f}% su {spec.funnel_measure}")
    if not spec.gifts:
        parts.append("senza omaggi")
    if not spec.campaigns:
        parts.append("senza campagne")
    if "cost" in spec.measures or any(m.startswith(("margin", "markup"))
                                      for m in spec.measures):
        parts.append(f"costo: {COST_WORDS.get(spec.cost, spec.cost)}")
    return "; ".join(parts)
