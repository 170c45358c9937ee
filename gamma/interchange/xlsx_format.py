"""Excel .xlsx: a bold frozen header with autofilter, numbers and dates as such."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal
from typing import Iterable, Iterator

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from gamma.errors import ValidationError

DATE_FORMAT = "DD/MM/YYYY"


def _number_format(value: Decimal) -> str:
    places = max(0, -value.as_tuple().exponent)
    return "#,##0" + ("." + "0" * places if places else "")


def write(columns: list[str], rows: Iterable[dict[str, object]], sheet: str = "Dati") -> bytes:
    book = Workbook()
    ws = book.active
    ws.title = sheet[:31]
    ws.append(columns)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    widths = [len(c) for c in columns]
    for row in rows:
        values = []
        for c in columns:
            value = row.get(c)
            # Excel keeps numbers as binary floats; the exact text is in the format, and
            # reading back rounds to the places written.
            values.append(float(value) if isinstance(value, Decimal) else value)
        ws.append(values)
        for number, c in enumerate(columns):
            value = row.get(c)
            cell = ws.cell(row=ws.max_row, column=number + 1)
            if isinstance(value, Decimal):
                cell.number_format = _number_format(value)
            elif isinstance(value, (date, datetime)):
                cell.number_format = DATE_FORMAT
            widths[number] = max(widths[number], len(str(value or "")))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(ws.max_row, 1)}"
    for number, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(number)].width = min(max(width + 2, 8), 60)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _text(value: object, number_format: str) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().strftime("%d/%m/%Y") if value.time() == datetime.min.time() \
            else value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float):
        places = len(number_format.split(".", 1)[1]) if "." in number_format else 0
        exact = Decimal(repr(value))
        if places:
            exact = exact.quantize(Decimal(1).scaleb(-places))
        elif exact == exact.to_integral_value():
            exact = exact.quantize(Decimal(1))
        # The Italian comma: "1.234" would read as one thousand two hundred thirty-four.
        return format(exact, "f").replace(".", ",")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, bool):
        return "S" if value else "N"
    return str(value).strip()


def read(data: bytes) -> tuple[list[str], Iterator[tuple[int, dict[str, str]]]]:
    """The first sheet: header and rows as (row number, {column: text})."""
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several kinds for a damaged file
        raise ValidationError("file", f"file Excel illeggibile ({exc.__class__.__name__})",
                              "File") from None
    ws = book.worksheets[0]
    rows = ws.iter_rows()
    try:
        header = [_text(c.value, "") for c in next(rows)]
    except StopIteration:
        raise ValidationError("file", "foglio vuoto: manca la riga di intestazione",
                              "File") from None

    def body() -> Iterator[tuple[int, dict[str, str]]]:
        for number, cells in enumerate(rows, start=2):
            values = [_text(c.value, getattr(c, "number_format", "") or "") for c in cells]
            if any(values):
                yield number, dict(zip(header, values))
    return header, body()
