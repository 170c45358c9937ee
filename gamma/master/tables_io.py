"""Export and import of a standard table as CSV (or JSON for export).

Columns are the table's form fields (`gamma table export NAME` shows them). Import reads
UTF-8 or Windows-1252 (detected), `;` or `,` (detected); a row whose code exists changes
that row, else a new one is added. All or nothing by default, with a report of every
rejected row (line of the file, field, reason); `partial` keeps the valid rows.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any

from gamma import db, functions
from gamma.context import Context
from gamma.errors import GammaError, ValidationError
from gamma.master import tables
from gamma.master.tables_defs import table
from gamma.service import operation


@dataclass
class Rejected:
    line: int  # line of the file, the header being line 1
    field: str
    reason: str


@dataclass
class ImportReport:
    added: int = 0
    changed: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    written: bool = True  # False when rows were rejected and nothing was kept

    @property
    def kept(self) -> int:
        return self.added + self.changed if self.written else 0


@operation(functions.TABLE_LIST, write=False)
def export(ctx: Context, name: str, fmt: str = "csv") -> str:
    """The table's rows as CSV (`;`-separated, header of field names) or JSON."""
    tdef = table(name)
    rows = [tables.export_row(tdef, r) for r in tables.search(ctx, name)]
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt != "csv":
        raise ValidationError("format", "csv o json", "Formato")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(tdef.columns), delimiter=";",
                            lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def read_csv(text: str) -> list[dict[str, str]]:
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


class _Rollback(Exception):
    """Raised after the report is complete, to roll the whole file back."""


@operation(functions.TABLE_EDIT)
def import_rows(ctx: Context, name: str, rows: list[dict[str, str]],
                partial: bool = False) -> ImportReport:
    """Add or change the rows of table `name` from text columns named as the export's."""
    tdef = table(name)
    report = ImportReport()
    if rows:
        unknown = [c for c in rows[0] if c not in tdef.columns]
        if unknown or "code" not in rows[0]:
            raise ValidationError("columns", "colonne ammesse: " + ", ".join(tdef.columns)
                                  + (f" (sconosciute: {', '.join(map(str, unknown))})"
                                     if unknown else " (code obbligatoria)"), "Colonne")
    try:
        with db.transaction():
            for number, texts in enumerate(rows, start=2):
                _one(ctx, tdef, texts, number, report)
            if report.rejected and not partial:
                raise _Rollback
    except _Rollback:
        report.written = False
    return report


def _one(ctx: Context, tdef, texts: dict[str, Any], number: int,
         report: ImportReport) -> None:
    texts = {k: (v or "") for k, v in texts.items() if k is not None}
    try:
        with db.transaction():  # a savepoint: a refused row leaves no trace
            values = tables.parse_row(tdef, texts, ctx.today())
            code = str(values.get("code") or "").strip().upper()
            existing = code and tables.exists(ctx, tdef.name, code)
            if existing:
                values.pop("code")
                tables.save(ctx, tdef.name, values, code)
                report.changed += 1
            else:
                tables.save(ctx, tdef.name, values)
                report.added += 1
    except ValidationError as exc:
        report.rejected.append(Rejected(number, exc.field, exc.message))
    except GammaError as exc:
        report.rejected.append(Rejected(number, "", exc.message))
