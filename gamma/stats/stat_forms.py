"""Forms (masks) of the statistics, and what the screens show of their values: the file
an output is written to, the movements behind a row as lines of text."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from gamma import dates, forms
from gamma.stats import stat_lookups  # noqa: F401  (F2 on the names)
from gamma.context import Context
from gamma.errors import ValidationError
from gamma.forms import FieldDef, Form
from printers.formats import format_amount, format_trimmed
from printers.stats_text import fit

OUTPUT_FILE = forms.register(Form("stat_output_file", "File della statistica", (
    FieldDef("path", "File", "text", 250, required=True),
)))

LINE = 79


def output_folder(ctx: Context) -> Path:
    """Where a company's statistics are written unless the operator says otherwise:
    `statistiche/<company code>` in the data folder (Gamma has no output folder of its
    own per company)."""
    return ctx.settings.data_dir / "statistiche" / str(ctx.require_company().code)


def default_path(ctx: Context, title: str, kind: str) -> Path:
    """The file offered for a statistic: its title as a name, today's date, the kind."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:50] or "statistica"
    return output_folder(ctx) / f"{slug}-{ctx.today():%Y%m%d}.{kind}"


def output_path(typed: str, kind: str) -> Path:
    """The path typed, with the kind's extension when it has none."""
    path = Path(typed.strip()).expanduser()
    return path if path.suffix else path.with_suffix(f".{kind}")


# The drill-down's columns on screen: costs stay out (sensitive, and the spec may not
# show them), as do the internal ids.
MOVE_COLUMNS = (("date", "Data", "date"), ("document_label", "Documento", "text"),
                ("party", "Cli/For", "text"), ("article", "Articolo", "text"),
                ("qty", "Quantità", "qty"), ("revenue", "Ricavo", "money"),
                ("note", "Note", "text"))


def _shown(value: Any, fmt: str) -> str:
    if value is None:
        return ""
    if fmt == "date" and isinstance(value, (datetime, date)):
        return value.strftime("%d/%m/%Y")
    if fmt == "money":
        return format_amount(Decimal(value))
    if fmt == "qty":
        return format_trimmed(Decimal(value), 0, 3)
    return str(value)


def _note(move: dict[str, Any]) -> str:
    flags = (("reversal", "storno"), ("returned", "reso"), ("gift", "omaggio"),
             ("campaign", "campagna"))
    return " ".join(word for key, word in flags if move.get(key))


def movement_lines(moves: list[dict[str, Any]]) -> tuple[str, list[str]]:
    """The movements (gamma.stats.engine.movements) as a header and one line each,
    columns as wide as their widest value (cut to share 79 characters), numbers right."""
    cells = [[_shown(_note(m) if key == "note" else m.get(key), fmt)
              for key, _, fmt in MOVE_COLUMNS] for m in moves]
    titles = [title for _, title, _ in MOVE_COLUMNS]
    right = [fmt in ("qty", "money") for _, _, fmt in MOVE_COLUMNS]
    widths = [max([len(t)] + [len(row[i]) for row in cells]) for i, t in enumerate(titles)]
    while sum(widths) + len(widths) - 1 > LINE and max(widths) > 8:
        widths[widths.index(max(widths))] -= 1

    def line(texts: list[str]) -> str:
        return " ".join(fit(t, w).rjust(w) if r else fit(t, w).ljust(w)
                        for t, w, r in zip(texts, widths, right))[:LINE].rstrip()

    return line(titles), [line(row) for row in cells]


# -- 501: the parameters of a statistic -------------------------------------------------
# Field names are StatSpec's parameters (a filter field is filter_<element>); a preset
# memorized here holds the spec's parameters, as a stored statistic does (502, and
# `gamma stats run NAME`).

FILTER_FIELDS = ("customer", "customer_area", "customer_zone", "customer_category", "agent",
                 "supplier", "article", "family", "subfamily", "group", "subgroup", "depot")
YN = dict(kind="bool", width=1)


FILTER_LOOKUPS = {"customer": "customer", "supplier": "supplier", "article": "article"}


def _filter_field(name: str) -> FieldDef:
    from gamma.stats.elements import ELEMENTS
    return FieldDef(f"filter_{name}", f"Limiti {ELEMENTS[name].label.lower()}", "text", 40,
                    upper=True, lookup=FILTER_LOOKUPS.get(name), many=name in FILTER_LOOKUPS,
                    help="codici o intervalli, fino a 6: 5-10,15-29,50-999 (A..B se il "
                         "codice ha un trattino)")


STATISTICS = forms.register(Form("statistics", "Statistiche vendite e acquisti", (
    FieldDef("sources", "Provenienza", "text", 40, default="sales", lookup="stat_source",
             many=True, help="sales, purchases, orders, supplier_orders; più d'una: "
                             "insieme (F2 ricerca)"),
    FieldDef("elements", "Elementi (gerarchia)", "text", 56, required=True, many=True,
             lookup="stat_element", help="nell'ordine della gerarchia, es. agent,customer,"
                                         "month (F2 ricerca)"),
    FieldDef("measures", "Misure", "text", 56, required=True, default="qty,revenue",
             lookup="stat_measure", many=True, help="es. qty,revenue,margin_pct (F2 "
                                                    "ricerca)"),
    FieldDef("date_from", "Dalla data", "date", 10),
    FieldDef("date_to", "Alla data", "date", 10),
    FieldDef("compare_years", "Anni a confronto", "integer", 1, default="1",
             help="1 = nessun confronto, fino a 6"),
    FieldDef("page_breaks", "Salto pagina su", "text", 40, lookup="stat_element",
             many=True, help="elementi scelti sopra, nuova pagina a ogni valore"),
    *(_filter_field(name) for name in FILTER_FIELDS),
    FieldDef("other_filters", "Altri limiti", "text", 56,
             help="elemento=intervalli; … es. article_grouping1=A-C; kind=DDT"),
    FieldDef("agent_from", "Agente da", "choice", 9, default="movement",
             choices=(("movement", "movimento"), ("customer", "cliente"))),
    FieldDef("include_unmoved", "Anche non movimentati", **YN, default="N"),
    FieldDef("funnel", "Imbuto fino al %", "decimal", 6, decimals=2,
             help="i primi del primo livello fino a questa quota cumulata"),
    FieldDef("funnel_measure", "Misura dell'imbuto", "text", 20, default="revenue",
             lookup="stat_measure"),
    FieldDef("price_bands", "Fasce di prezzo", "text", 40, help="es. 10,50,100"),
    FieldDef("gifts", "Con gli omaggi", **YN, default="S"),
    FieldDef("campaigns", "Con le campagne", **YN, default="S"),
    FieldDef("cost", "Valorizzazione costo", "text", 20, default="line",
             help="line standard last average o un metodo (fifo, lifo…)"),
    FieldDef("title", "Titolo", "text", 60),
)))

_LISTS = ("sources", "elements", "measures", "page_breaks", "price_bands")
_FLAGS = ("include_unmoved", "gifts", "campaigns")


def spec_params(values: dict[str, Any]) -> dict[str, Any]:
    """The mask's values (parsed) as StatSpec parameters; a wrong range names its field."""
    from gamma.stats.spec import parse_ranges
    params: dict[str, Any] = {}
    for key in _LISTS + ("funnel_measure", "cost", "title", "agent_from"):
        if values.get(key):
            params[key] = values[key]
    for key in _FLAGS:
        params[key] = bool(values.get(key))
    for key in ("date_from", "date_to"):
        if values.get(key):
            params[key] = values[key].isoformat()
    params["compare_years"] = values.get("compare_years") or 1
    if values.get("funnel") is not None:
        params["funnel"] = str(values["funnel"])
    filters = {name: [list(r) for r in parse_ranges(values[f"filter_{name}"],
                                                      f"filter_{name}")]
               for name in FILTER_FIELDS if values.get(f"filter_{name}")}
    for part in (values.get("other_filters") or "").split(";"):
        if not part.strip():
            continue
        name, sign, ranges = part.partition("=")
        if not sign or not name.strip():
            raise ValidationError("other_filters", "scrivere elemento=intervalli",
                                  "Altri limiti")
        filters[name.strip().lower()] = [list(r) for r in parse_ranges(ranges,
                                                                         "other_filters")]
    if filters:
        params["filters"] = filters
    return params


def spec_of(values: dict[str, Any]):
    """The StatSpec the mask describes, validated (ValidationError names the field)."""
    from gamma.stats.spec import StatSpec
    return StatSpec.from_params(spec_params(values))


def preset_texts(params: dict[str, Any]) -> dict[str, str]:
    """A "stats" preset (StatSpec parameters) as the mask's texts, for F6 and 502."""
    texts: dict[str, str] = {}
    for key, value in params.items():
        if value in (None, "", [], {}):
            continue
        if key in _LISTS:
            texts[key] = ",".join(str(v) for v in value) if isinstance(value, list) \
                else str(value)
        elif key in _FLAGS:
            texts[key] = "S" if value else "N"
        elif key in ("date_from", "date_to"):
            texts[key] = str(value) if dates.is_relative(str(value)) else \
                date.fromisoformat(str(value)).strftime("%d/%m/%Y")
        elif key == "funnel":
            texts[key] = str(value).replace(".", ",")
        elif key == "filters":
            other = []
            for name, ranges in value.items():
                text = ",".join(_range_text(r) for r in ranges) if isinstance(ranges, list) \
                    else str(ranges)
                if name in FILTER_FIELDS:
                    texts[f"filter_{name}"] = text
                else:
                    other.append(f"{name}={text}")
            if other:
                texts["other_filters"] = "; ".join(other)
        else:
            texts[key] = str(value)
    return texts


def _range_text(bounds) -> str:
    low, high = bounds
    if low == high:
        return str(low)
    return f"{low}..{high}" if "-" in f"{low}{high}" else f"{low}-{high}"
