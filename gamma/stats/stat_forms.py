"""Forms (masks) of the statistics, and what the screens show of their values: the file
an output is written to, the movements behind a row as lines of text."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from gamma import forms
from gamma.context import Context
from gamma.forms import FieldDef, Form
from printers.formats import format_amount, format_trimmed
from printers.stats_text import fit

OUTPUT_FILE = forms.register(Form("stat_output_file", "File della statistica", (
    FieldDef("path", "File", "text", 66, required=True),
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


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (datetime, date)):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        # Amounts come with two places, quantities with as many as they need.
        exponent = value.as_tuple().exponent
        return format_amount(value) if exponent == -2 else format_trimmed(value, 0, 3)
    return str(value)


def movement_lines(moves: list[dict[str, Any]],
                   labels: dict[str, str] | None = None) -> tuple[str, list[str]]:
    """The movements as a header and one line each, columns as wide as their widest value
    (cut to share 79 characters), numbers on the right."""
    if not moves:
        return "", []
    keys = list(moves[0])
    labels = labels or {}
    titles = [labels.get(k, k.replace("_", " ").capitalize()) for k in keys]
    cells = [[_shown(m.get(k)) for k in keys] for m in moves]
    numeric = [all(isinstance(m.get(k), (int, Decimal)) or m.get(k) is None for m in moves)
               for k in keys]
    widths = [max(len(t), *(len(row[i]) for row in cells)) for i, t in enumerate(titles)]
    while sum(widths) + len(widths) - 1 > LINE and max(widths) > 6:
        widths[widths.index(max(widths))] -= 1

    def line(texts: list[str]) -> str:
        return " ".join(fit(t, w).rjust(w) if right else fit(t, w).ljust(w)
                        for t, w, right in zip(texts, widths, numeric))[:LINE]

    return line(titles), [line(row) for row in cells]
