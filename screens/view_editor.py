"""F5 in a lookup: save the current view (columns and filters) under a name."""

from __future__ import annotations

from typing import Any, Callable

from gamma import forms, lookups
from gamma.forms import FieldDef, Form
from screens.mask_dialog import MaskDialog

FORM = forms.register(Form("lookup_view", "Vista della ricerca", (
    FieldDef("name", "Nome della vista", "text", 40, required=True),
    FieldDef("columns", "Colonne (a,b,...)", "text", 50, required=True),
    FieldDef("filters", "Filtri (col=val,...)", "text", 50),
    FieldDef("shared", "Condivisa S/N", "bool", 1),
)))


def _filters(text: str | None) -> dict[str, str]:
    out = {}
    for item in filter(None, (p.strip() for p in (text or "").split(","))):
        name, _, value = item.partition("=")
        out[name.strip()] = value.strip()
    return out


class ViewEditor(MaskDialog):
    def __init__(self, source: lookups.Source, view: lookups.View,
                 on_result: Callable[[lookups.View | None], Any]):
        self.source = source
        self.saved: lookups.View | None = None
        texts = {"name": view.name, "columns": ",".join(view.columns),
                 "filters": ",".join(f"{k}={v}" for k, v in view.filters.items())}
        columns = ", ".join(c.name for c in source.columns)
        super().__init__(FORM, lambda values: on_result(self.saved if values else None),
                         texts, f"Vista di {source.title} — colonne: {columns}")

    def check(self, values: dict[str, Any]) -> None:
        self.saved = lookups.save_view(
            self.app.ctx, self.source.name, values["name"],
            [c.strip() for c in values["columns"].split(",") if c.strip()],
            _filters(values.get("filters")), shared=bool(values.get("shared")))
