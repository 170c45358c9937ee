"""Reading and writing rows (CSV, Excel, fixed-width) and importing all-or-nothing."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from gamma import records
from gamma.errors import ValidationError
from gamma.forms import FieldDef
from gamma.interchange import csv_format, importer, xlsx_format
from gamma.interchange.fixed_width import Layout, LayoutField
from models import TableEntry

ROWS = [{"code": "Z1", "description": "Città di Forlì", "amount": Decimal("1234.50"),
         "day": date(2026, 3, 1)},
        {"code": "Z2", "description": "Perché sì; \"virgolette\"", "amount": Decimal("-0.05"),
         "day": date(2026, 12, 31)}]
COLUMNS = ["code", "description", "amount", "day"]


def test_csv_in_utf8_or_windows_1252_with_either_separator_reads_the_same():
    expected = [(2, {"code": "Z1", "description": "Città di Forlì"})]
    for encoding in ("utf-8", "utf-8-sig", "cp1252"):
        for sep in (";", ","):
            data = f"code{sep}description\r\nZ1{sep}Città di Forlì\r\n\r\n".encode(encoding)
            header, rows = csv_format.read(data)
            assert header == ["code", "description"] and list(rows) == expected


def test_csv_round_trip_keeps_accents_separators_and_quotes():
    text = csv_format.write(COLUMNS, ROWS)
    _, rows = csv_format.read(text.encode("utf-8"))
    back = [r for _, r in rows]
    assert back[1]["description"] == "Perché sì; \"virgolette\""
    assert back[0]["amount"] == "1234.50" and back[0]["day"] == "2026-03-01"


def test_excel_has_a_bold_frozen_filtered_header_and_reads_back_exactly():
    data = xlsx_format.write(COLUMNS, ROWS)
    ws = load_workbook(io.BytesIO(data)).active
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:D3"
    assert ws["A1"].font.bold and ws["C2"].number_format == "#,##0.00"
    assert ws["D2"].number_format == "DD/MM/YYYY"
    header, rows = xlsx_format.read(data)
    assert header == COLUMNS
    assert [r for _, r in rows] == [
        {"code": "Z1", "description": "Città di Forlì", "amount": "1234,50",
         "day": "01/03/2026"},
        {"code": "Z2", "description": "Perché sì; \"virgolette\"", "amount": "-0,05",
         "day": "31/12/2026"}]


LAYOUT = Layout("prova", (
    LayoutField("code", 1, 6),
    LayoutField("description", 7, 24),
    LayoutField("amount", 31, 10, "number", decimals=2),
    LayoutField("day", 41, 8, "date"),
))


def test_a_fixed_width_record_round_trips_accents_included():
    lines = [LAYOUT.format(row) for row in ROWS]
    assert lines[0] == "Z1    Città di Forlì          000012345001032026"
    assert lines[1][30:40] == "-000000005"
    back = [LAYOUT.parse(line, n) for n, line in enumerate(lines, start=1)]
    assert back[0] == {"code": "Z1", "description": "Città di Forlì", "amount": "1234,50",
                       "day": "01/03/2026"}
    assert back[1]["amount"] == "-0,05"
    assert back[1]["description"] == "Perché sì; \"virgolette\""


def test_fixed_width_refuses_overlaps_and_values_too_long():
    with pytest.raises(ValidationError, match="i campi a e b si sovrappongono alla colonna 5"):
        Layout("x", (LayoutField("a", 1, 5), LayoutField("b", 5, 3)))
    with pytest.raises(ValidationError, match="code: valore di 7 caratteri in un campo di 6"):
        LAYOUT.format({"code": "TROPPO7"})


CODE = FieldDef("code", "Codice", "code", 10, required=True, upper=True)
DESCRIPTION = FieldDef("description", "Descrizione", "text", 60, required=True)


def _rows(count: int, bad: set[int]):
    for n in range(count):
        code = "" if n in bad else f"Z{n:04d}"
        yield n + 2, {"code": code, "description": f"Zona {n}"}


@pytest.fixture
def write_zone(admin_ctx):
    def write(row):
        records.insert(admin_ctx, TableEntry, company=admin_ctx.company, kind="zone",
                       code=CODE.parse(row.get("code"), admin_ctx.today()),
                       description=DESCRIPTION.parse(row.get("description"),
                                                     admin_ctx.today()))
    return write


def zones(admin_ctx) -> int:
    return TableEntry.select().where(TableEntry.company == admin_ctx.company,
                                     TableEntry.kind == "zone").count()


def test_a_file_with_bad_rows_writes_nothing_and_reports_exactly_them(admin_ctx, write_zone):
    before = zones(admin_ctx)
    bad = {3, 100, 250, 500, 501, 777, 999}
    report = importer.run(_rows(1000, bad), write_zone)
    assert zones(admin_ctx) == before
    assert report.read == 1000 and report.written == 0 and not report.committed
    assert [r.row for r in report.rejected] == sorted(n + 2 for n in bad)
    assert report.rejected[0].line() == "riga 5: code: campo obbligatorio"
    assert report.summary().startswith("Nessuna riga importata: 7 righe errate su 1000")


def test_partial_keeps_the_valid_rows(admin_ctx, write_zone):
    before = zones(admin_ctx)
    report = importer.run(_rows(1000, {3, 100, 250, 500, 501, 777, 999}), write_zone,
                          partial=True)
    assert report.written == 993 and zones(admin_ctx) == before + 993
    assert report.summary() == "Importate 993 righe su 1000; 7 scartate"


def test_a_duplicate_inside_the_file_is_a_rejected_row_not_a_broken_import(admin_ctx,
                                                                          write_zone):
    rows = [(2, {"code": "A", "description": "uno"}), (3, {"code": "A", "description": "due"}),
            (4, {"code": "B", "description": "tre"})]

    def guarded(row):
        if TableEntry.select().where(TableEntry.company == admin_ctx.company,
                                     TableEntry.kind == "zone",
                                     TableEntry.code == row["code"]).exists():
            raise ValidationError("code", f"codice {row['code']} già presente", "Codice")
        write_zone(row)
    report = importer.run(rows, guarded, partial=True)
    assert report.written == 2 and [r.line() for r in report.rejected] == [
        "riga 3: code: codice A già presente"]
