"""F2 in the statistics' masks: the names a statistic is written with (elements,
measures, sources), each with its Italian label, searched by name or label; a field
holding a list (agent,customer,month) gets the chosen name after its last comma."""

from __future__ import annotations

from typing import Callable

from gamma.lookups import Column, Source, register

COLUMNS = (Column("name", "Nome", 20), Column("label", "Descrizione", 40))


def _source(name: str, title: str, items: Callable[[], list[tuple[str, str]]]) -> Source:
    def search(ctx, typed, filters, limit):
        typed = typed.strip().lower()
        return [{"name": n, "label": label} for n, label in items()
                if not typed or n.startswith(typed) or typed in label.lower()][:limit]

    return register(Source(name, title, COLUMNS, "name", search))


def _elements() -> list[tuple[str, str]]:
    from gamma.stats import elements
    return [(e.name, e.label) for e in elements.ELEMENTS.values()]


def _measures() -> list[tuple[str, str]]:
    from gamma.stats import measures
    return [(m.name, m.label) for m in measures.MEASURES.values()]


def _sources() -> list[tuple[str, str]]:
    from gamma.stats import elements
    return list(elements.SOURCE_LABELS.items())


ELEMENTS = _source("stat_element", "Elementi delle statistiche", _elements)
MEASURES = _source("stat_measure", "Misure delle statistiche", _measures)
SOURCES = _source("stat_source", "Provenienze delle statistiche", _sources)
