"""Printing results: aligned text tables for people, JSON for programs."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Iterable, Sequence

import click

from gamma.context import Context


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, default=_plain, ensure_ascii=False, indent=2))


def shown(value: Any, ctx: Context | None = None) -> str:
    """A value as operators read it: dates dd/mm/yyyy, times local, booleans sì/no."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "sì" if value else "no"
    if isinstance(value, datetime):
        local = ctx.local(value) if ctx else value
        return local.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def emit_table(headers: Sequence[str], rows: Iterable[Sequence[Any]],
               ctx: Context | None = None) -> None:
    cells = [[shown(v, ctx) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    click.echo("  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip())
    click.echo("  ".join("-" * w for w in widths))
    for row in cells:
        click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
    if not cells:
        click.echo("(nessuna riga)")


def emit(rows: list[dict[str, Any]], headers: dict[str, str], as_json: bool,
         ctx: Context | None = None) -> None:
    """rows as dicts; headers maps keys to column titles (and their order)."""
    if as_json:
        emit_json(rows)
    else:
        emit_table(list(headers.values()), ([r.get(k) for k in headers] for r in rows), ctx)


json_option = click.option("--json", "as_json", is_flag=True, help="Output in JSON.")


def emit_record(row: dict[str, Any], headers: dict[str, str], as_json: bool,
                ctx: Context | None = None) -> None:
    """One record as `Title: value` lines, or as a JSON object."""
    if as_json:
        emit_json(row)
        return
    width = max(len(t) for t in headers.values()) + 2
    for key, title in headers.items():
        click.echo(f"{title + ':':<{width}}{shown(row.get(key), ctx)}")
