"""CSV as Italian offices exchange it: UTF-8 or Windows-1252, `;` or `,`."""

from __future__ import annotations

import csv
import io
from typing import Iterable, Iterator

from gamma.errors import ValidationError


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) when it decodes, else Windows-1252 (Excel's Italian
    default): a file of either kind is read right without asking."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def sniff_delimiter(first_line: str) -> str:
    return ";" if first_line.count(";") >= first_line.count(",") else ","


def read(data: bytes) -> tuple[list[str], Iterator[tuple[int, dict[str, str]]]]:
    """The header and the rows as (line number in the file, {column: text})."""
    text = decode(data)
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(first))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise ValidationError("file", "file vuoto: manca la riga di intestazione",
                              "File") from None
    if len(set(header)) != len(header):
        raise ValidationError("file", "colonne ripetute nell'intestazione", "File")

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        for number, values in enumerate(reader, start=2):
            if not any(v.strip() for v in values):
                continue
            yield number, dict(zip(header, (v.strip() for v in values)))
    return header, rows()


def write(columns: list[str], rows: Iterable[dict[str, object]], delimiter: str = ";") -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else row.get(c) for c in columns])
    return out.getvalue()
