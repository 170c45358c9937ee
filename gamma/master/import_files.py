"""What the party and article imports and exports share: the file's format, reading its
rows, the column mapping (stored as a preset), and writing rows as xlsx or fixed width.

Formats: `csv` (UTF-8 or Windows-1252, `;` or `,`, detected), `xlsx` (first sheet, a
header row) and `fixed` (a record layout stored with `gamma layout import`; its field
names are the columns). Without a format the file's extension decides: .csv, .xlsx,
.txt/.dat (fixed, a layout is needed).

A fixed-width file is written in Windows-1252, one byte a character so that the columns
hold for byte-oriented readers; a text with a character outside it is written in UTF-8
instead (the reader detects either), so nothing is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from gamma import presets
from gamma.context import Context
from gamma.errors import GammaError, ValidationError
from gamma.interchange import csv_format, importer, layouts, xlsx_format
from gamma.interchange.importer import ImportReport

FORMATS = ("csv", "xlsx", "fixed")
EXTENSIONS = {".csv": "csv", ".xlsx": "xlsx", ".txt": "fixed", ".dat": "fixed"}
IGNORE = ("", "-")  # `--map COLUMN=-`: a column of the file left out on purpose


def format_of(filename: str | None, fmt: str | None, layout: str | None) -> str:
    """The format asked for, else the one of the file's extension."""
    if fmt:
        if fmt not in FORMATS:
            raise ValidationError("format", f"ammessi: {', '.join(FORMATS)}", "Formato")
        chosen = fmt
    else:
        chosen = EXTENSIONS.get(Path(filename or "").suffix.lower(), "")
        if not chosen:
            raise ValidationError("format", "indicare --format (csv, xlsx, fixed): "
                                  "l'estensione del file non lo dice", "Formato")
    if chosen == "fixed" and not layout:
        raise ValidationError("layout", "un file a tracciato fisso richiede --layout NOME",
                              "Tracciato")
    return chosen


@dataclass(frozen=True)
class Broken:
    """A record that could not even be read (a fixed-width number that is not one)."""

    error: ValidationError


def read(ctx: Context, data: bytes, fmt: str, layout: str | None = None
         ) -> tuple[list[str], Iterator[tuple[int, Any]]]:
    """The header and the rows (row number, {column: text} or Broken)."""
    if fmt == "csv":
        return csv_format.read(data)
    if fmt == "xlsx":
        return xlsx_format.read(data)
    record = layouts.get(ctx, layout or "")
    lines = csv_format.decode(data).splitlines()

    def rows() -> Iterator[tuple[int, Any]]:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                yield number, record.parse(line, number)
            except ValidationError as exc:
                rule = exc.rule.split(": ", 1)[-1]
                yield number, Broken(ValidationError(exc.field, rule, exc.field))
    return [f.name for f in record.fields], rows()


def parse_map(items: Iterable[str]) -> dict[str, str]:
    """`COLUMN=FIELD` pairs as {column: field}."""
    mapping: dict[str, str] = {}
    for item in items:
        column, sep, field = item.partition("=")
        if not sep or not column.strip():
            raise ValidationError("map", f"{item!r}: scrivere COLONNA=CAMPO", "--map")
        mapping[column.strip()] = field.strip()
    return mapping


def preset_command(kind: str) -> str:
    return f"import.{kind}"


def save_map(ctx: Context, kind: str, name: str, mapping: dict[str, str],
             shared: bool = False) -> None:
    presets.save(ctx, preset_command(kind), name, {"map": mapping}, shared=shared)


def load_map(ctx: Context, kind: str, name: str) -> dict[str, str]:
    return dict(presets.load(ctx, preset_command(kind), name).params.get("map") or {})


def columns_to_fields(header: list[str], mapping: dict[str, str] | None,
                      known: Iterable[str], key: str = "code") -> dict[str, str]:
    """{column of the file: field} for the columns read; unknown ones are refused, so no
    column is silently dropped (map them to `-` to leave them out)."""
    known = set(known)
    mapping = mapping or {}
    wrong = sorted({f for f in mapping.values() if f not in IGNORE and f not in known})
    if wrong:
        raise ValidationError("map", f"campi inesistenti: {', '.join(wrong)} (campi: "
                              f"{', '.join(sorted(known))})", "--map")
    result: dict[str, str] = {}
    unknown = []
    for column in header:
        field = mapping.get(column, column)
        if field in IGNORE:
            continue
        if field not in known:
            unknown.append(column)
        result[column] = field
    twice = sorted({f for f in result.values() if list(result.values()).count(f) > 1})
    if twice:
        raise ValidationError("columns", f"più colonne per il campo {', '.join(twice)}",
                              "Colonne")
    if unknown:
        raise ValidationError("columns", f"colonne sconosciute: {', '.join(unknown)} "
                              "(indicare --map COLONNA=CAMPO, o COLONNA=- per ignorarla)",
                              "Colonne")
    if key not in result.values():
        raise ValidationError("columns", f"manca la colonna del codice ({key})", "Colonne")
    return result


def run(rows: Iterator[tuple[int, Any]], columns: dict[str, str],
        write: Callable[[dict[str, str]], Any], partial: bool,
        field_columns: dict[str, str] | None = None) -> ImportReport:
    """Every row through `write` (fields as keys) with importer.run; the report names the
    file's columns."""
    def write_row(row: Any) -> None:
        if isinstance(row, Broken):
            raise row.error
        write({columns[c]: v for c, v in row.items() if c in columns})

    report = importer.run(rows, write_row, partial)
    back = {f: c for c, f in columns.items()}
    for extra, field in (field_columns or {}).items():
        if field in back:
            back[extra] = back[field]
    report.rejected = [importer.Rejected(r.row, back.get(r.field, r.field), r.reason)
                       for r in report.rejected]
    return report


def plain(value: Any) -> Any:
    """A value for xlsx or a fixed-width record: booleans S/N, None empty; numbers and
    dates kept as such for their formats."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "S" if value else "N"
    if isinstance(value, (Decimal, date, int, str)):
        return value
    return str(value)


def _cell(value: Any) -> Any:
    value = plain(value)
    return None if value == "" else value


def write(ctx: Context, fmt: str, columns: Iterable[str], rows: Iterable[dict[str, Any]],
          layout: str | None = None, sheet: str = "Dati") -> bytes:
    """Rows as an xlsx workbook or fixed-width records (CRLF lines)."""
    columns = list(columns)
    if fmt == "xlsx":
        return xlsx_format.write(columns, ({c: _cell(r.get(c)) for c in columns}
                                           for r in rows), sheet)
    if fmt != "fixed":
        raise ValidationError("format", "ammessi: csv, json, xlsx, fixed", "Formato")
    if not layout:
        raise ValidationError("layout", "il formato fixed richiede --layout NOME", "Tracciato")
    record = layouts.get(ctx, layout)
    names = [f.name for f in record.fields]
    lines = []
    for row in rows:
        broken = [n for n in names if isinstance(row.get(n), str)
                  and ("\n" in row[n] or "\r" in row[n])]
        if broken:  # a line break would split the record
            raise GammaError(f"Codice {row.get('code')}: {broken[0]}: a capo non ammesso "
                             "in un tracciato fisso")
        try:
            lines.append(record.format({k: plain(v) for k, v in row.items()}))
        except ValidationError as exc:
            raise GammaError(f"Codice {row.get('code')}: {exc.message}") from None
    text = "".join(line + "\r\n" for line in lines)
    try:
        return text.encode("cp1252")
    except UnicodeEncodeError:
        return text.encode("utf-8")


def mapping_for(ctx: Context, kind: str, items: Iterable[str], use_map: str | None,
                save_as: str | None, shared: bool = False) -> dict[str, str] | None:
    """The mapping of an import command: the stored one named `use_map`, with the
    `COLUMN=FIELD` items on top; stored as `save_as` when asked."""
    mapping = load_map(ctx, kind, use_map) if use_map else {}
    mapping.update(parse_map(items))
    if save_as:
        save_map(ctx, kind, save_as, mapping, shared)
    return mapping or None
