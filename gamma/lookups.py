"""Lookups: the lists an operator searches from a field (F2), by code prefix or by a
substring of the description, with alternative views saved per operator.

A source says how to search one kind of record; later areas (customers, articles)
register theirs. A view chooses which columns to show and fixed filters; views are kept
as presets of the command `lookup.<source>`, so they are personal or shared like any
other preset.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from gamma import presets
from gamma.context import Context
from gamma.errors import NotFound, ValidationError


@dataclass(frozen=True)
class Column:
    name: str
    label: str
    width: int


@dataclass(frozen=True)
class Source:
    name: str
    title: str
    columns: tuple[Column, ...]
    key: str  # the column returned to the field
    # (ctx, typed, filters, limit) -> rows as dicts holding every column
    search: Callable[[Context, str, dict[str, str], int], list[dict[str, Any]]]

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise ValidationError("columns", f"colonna {name!r} inesistente (esistono: "
                              f"{', '.join(c.name for c in self.columns)})", "Colonne")


@dataclass(frozen=True)
class View:
    name: str
    columns: tuple[str, ...]
    filters: dict[str, str]


_SOURCES: dict[str, Source] = {}
_loaded = False


def _load() -> None:
    # Once, whatever registered first: a master module imported early must not keep the
    # system's sources from loading.
    global _loaded
    if not _loaded:
        _loaded = True
        import gamma.system_lookups  # noqa: F401  (registers the system's sources)
        from gamma.discovery import import_all
        import_all("gamma.master")


def register(source: Source) -> Source:
    _SOURCES[source.name] = source
    return source


def get(name: str) -> Source:
    _load()
    try:
        return _SOURCES[name]
    except KeyError:
        raise NotFound(f"Ricerca {name!r} inesistente") from None


def command(source: str) -> str:
    return f"lookup.{source}"


def search(ctx: Context, source: str, typed: str = "", view: View | None = None,
           limit: int = 200) -> list[dict[str, Any]]:
    """Rows whose code starts with, or whose description contains, what was typed."""
    filters = dict(view.filters) if view else {}
    return get(source).search(ctx, (typed or "").strip(), filters, limit)


def default_view(source: str) -> View:
    s = get(source)
    return View("", tuple(c.name for c in s.columns), {})


def views(ctx: Context, source: str) -> list[View]:
    """The standard view, then the operator's saved views and the shared ones."""
    out = [default_view(source)]
    for p in presets.list_presets(ctx, command(source)):
        out.append(View(p.name, tuple(p.params.get("columns") or out[0].columns),
                        dict(p.params.get("filters") or {})))
    return out


def save_view(ctx: Context, source: str, name: str, columns: list[str],
              filters: dict[str, str] | None = None, shared: bool = False) -> View:
    s = get(source)
    if not columns:
        raise ValidationError("columns", "indicare almeno una colonna", "Colonne")
    for c in columns:
        s.column(c)
    filters = {k: v for k, v in (filters or {}).items() if v}
    presets.save(ctx, command(source), name, {"columns": list(columns), "filters": filters},
                 shared=shared)
    return View(name, tuple(columns), filters)
