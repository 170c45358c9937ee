"""Party import: all or nothing with every rejected row reported, --partial, mappings
stored as presets, and export → import round trips in CSV, xlsx and fixed width."""

from __future__ import annotations

import csv
import io
import json
import time

from gamma.interchange import csv_format, layouts
from gamma.master import import_files, parties, party_export, party_import
from models import Party
from tests.test_cli import gamma  # noqa: F401  (the CLI fixture)

IVA = "00743110157"
IBAN_IT = "IT60X0542811101000000123456"
BAD = {  # row number in the file -> (column, the row's cells)
    7: ("vat_number", {"vat_number": "12345678901"}),
    120: ("name", {"name": ""}),
    333: ("iban", {"iban": "IT00X0542811101000000123456"}),
    500: ("province", {"province": "MIL"}),
    640: ("roles", {"roles": "X"}),
    777: ("payment_term", {"payment_term": "NOPE"}),
    999: ("credit_limit", {"credit_limit": "mille"}),
}


def thousand_rows() -> bytes:
    header = ["code", "name", "city", "province", "vat_number", "iban", "roles",
              "payment_term", "credit_limit"]
    rows = []
    for number in range(2, 1002):  # the header is row 1
        row = {"code": f"C{number:05d}", "name": f"Cliente àèì {number}", "city": "Forlì",
               "province": "FC", "vat_number": "", "iban": "", "roles": "C",
               "payment_term": "", "credit_limit": "1500,50"}
        row.update(BAD.get(number, ("", {}))[1])
        rows.append(row)
    return csv_format.write(header, rows).encode("utf-8")


def test_a_thousand_rows_with_seven_bad_write_nothing_then_993_with_partial(admin_ctx):
    data = thousand_rows()
    started = time.perf_counter()
    report = party_import.import_file(admin_ctx, data, "csv")
    assert [(r.row, r.field) for r in report.rejected] == [(n, c) for n, (c, _) in
                                                            sorted(BAD.items())]
    assert (report.read, report.written, report.committed) == (1000, 0, False)
    assert Party.select().count() == 0
    assert "partita IVA" in report.rejected[0].reason
    report = party_import.import_file(admin_ctx, data, "csv", partial=True)
    assert (report.written, len(report.rejected)) == (993, 7)
    assert Party.select().count() == 993
    assert parties.get(admin_ctx, "C00002").credit_limit == parties.get(
        admin_ctx, "C00003").credit_limit
    print(f"2,000 party rows imported in {time.perf_counter() - started:.1f} s")


def test_an_existing_code_is_changed_only_in_the_given_columns(admin_ctx):
    parties.save_from_form(admin_ctx, {"code": "C1", "name": "Rossi", "city": "Roma",
                                       "vat_number": IVA})
    data = "code;city\nc1;Milano\nC2;Milano\n".encode()
    report = party_import.import_file(admin_ctx, data, "csv")
    assert [(r.row, r.field) for r in report.rejected] == [(3, "name")]
    report = party_import.import_file(admin_ctx, "code;city\nc1;Milano\n".encode(), "csv")
    assert report.written == 1
    changed = parties.get(admin_ctx, "C1")
    assert (changed.name, changed.city, changed.vat_number) == ("Rossi", "Milano", IVA)


def _two_parties(ctx) -> None:
    parties.save_from_form(ctx, {"code": "C001", "name": "Caffè Più S.r.l.",
                                 "name2": "Reparto «Qualità»", "vat_number": IVA,
                                 "iban": IBAN_IT, "city": "Forlì", "province": "fc",
                                 "credit_limit": "1500,50", "sdi_code": "ABC1234",
                                 "is_supplier": True,
                                 "notes": "Perché; sì, \"così\"\nseconda riga " + "x" * 300,
                                 "vat_regime": "intent", "intent_vat_code": "N3.5",
                                 "intent_reference": "Prot. 24011512345678-000001 «è»",
                                 "intent_valid_to": "31/12/2026", "withholding": True})
    parties.save_from_form(ctx, {"code": "F002", "name": "Dupont & Fils", "country": "FR",
                                 "vat_number": "40303265045", "is_customer": False,
                                 "is_supplier": True, "sales_block": True,
                                 "block_reason": "Insolvente", "language": "fr",
                                 "vat_regime": "reverse_charge",
                                 # a fixed-width number has no "empty": zero is written
                                 "credit_limit": "0"})


def _round_trip(ctx, data: bytes, fmt: str, layout: str | None = None,
                columns=party_export.EXPORT_COLUMNS) -> None:
    before = [{c: r[c] for c in columns} for r in party_export.export_rows(ctx)]
    for party in Party.select():
        parties.delete(ctx, party.code)
    report = party_import.import_file(ctx, data, fmt, layout)
    assert report.rejected == [] and report.written == 2
    after = [{c: r[c] for c in columns} for r in party_export.export_rows(ctx)]
    assert after == before


def test_export_then_import_round_trips_in_csv_and_xlsx(admin_ctx):
    _two_parties(admin_ctx)
    rows = party_export.export_rows(admin_ctx)
    out = io.StringIO()
    party_export.write_csv(rows, out)
    exported = list(csv.DictReader(io.StringIO(out.getvalue()), delimiter=";"))
    assert party_export.EXPORT_COLUMNS[-5:] == (
        "vat_regime", "intent_vat_code", "intent_reference", "intent_valid_to", "withholding")
    assert {k: exported[0][k] for k in party_export.EXPORT_COLUMNS[-5:]} == {
        "vat_regime": "intent", "intent_vat_code": "N3.5",
        "intent_reference": "Prot. 24011512345678-000001 «è»",
        "intent_valid_to": "31/12/2026", "withholding": "S"}
    assert (exported[1]["vat_regime"], exported[1]["intent_valid_to"],
            exported[1]["withholding"]) == ("reverse_charge", "", "N")
    _round_trip(admin_ctx, out.getvalue().encode("utf-8"), "csv")
    data = import_files.write(admin_ctx, "xlsx", party_export.EXPORT_COLUMNS,
                              party_export.export_rows(admin_ctx))
    _round_trip(admin_ctx, data, "xlsx")


FIXED = [{"name": "code", "start": 1, "length": 10},
         {"name": "name", "start": 11, "length": 40},
         {"name": "name2", "start": 51, "length": 30},
         {"name": "vat_number", "start": 81, "length": 16},
         {"name": "city", "start": 97, "length": 20},
         {"name": "province", "start": 117, "length": 2},
         {"name": "country", "start": 119, "length": 2},
         {"name": "roles", "start": 121, "length": 2},
         {"name": "credit_limit", "start": 123, "length": 12, "type": "number",
          "decimals": 2},
         {"name": "iban", "start": 135, "length": 34}]


def test_export_then_import_round_trips_in_a_fixed_width_layout(admin_ctx):
    _two_parties(admin_ctx)
    layouts.save(admin_ctx, "clienti", FIXED)
    data = import_files.write(admin_ctx, "fixed", party_export.EXPORT_COLUMNS,
                              party_export.export_rows(admin_ctx), "clienti")
    assert data.decode("cp1252").splitlines()[0].startswith("C001      Caffè Più S.r.l.")
    _round_trip(admin_ctx, data, "fixed", "clienti", [f["name"] for f in FIXED])


def test_cli_import_reports_every_bad_row_and_exits_1(gamma, tmp_path):
    path = tmp_path / "clienti.csv"
    path.write_text("code;name;vat_number\nC1;Rossi;\nC2;Bianchi;12345678901\nC3;;\n",
                    encoding="utf-8")
    result = gamma("party", "import", str(path))
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        "riga 3: vat_number: partita IVA italiana non valida (11 cifre con carattere di "
        "controllo)", "riga 4: name: campo obbligatorio",
        "Errore: Nessuna riga importata: 2 righe errate su 3 (usare --partial per "
        "importare le altre)"]
    assert json.loads(gamma("party", "find", "", "--json").stdout) == []
    result = gamma("party", "import", str(path), "--partial")
    assert result.exit_code == 0 and "riga 3: vat_number:" in result.stderr
    assert "Importate 1 righe su 3; 2 scartate" in result.stdout
    assert [r["code"] for r in json.loads(gamma("party", "find", "", "--json").stdout)] == [
        "C1"]


def test_cli_mapping_saved_and_reused_windows_1252_with_commas(gamma, tmp_path):
    path = tmp_path / "fornitori.csv"
    path.write_bytes("Codice,Ragione sociale,Città,Colore\nF1,Società Àlfa,Forlì,rosso\n"
                     .encode("cp1252"))
    result = gamma("party", "import", str(path))
    assert result.exit_code == 1 and "colonne sconosciute: Codice" in result.stderr
    result = gamma("party", "import", str(path), "--map", "Codice=code", "--map",
                   "Città=name", "--map", "Colore=-", "--map", "Ragione sociale=name")
    assert result.exit_code == 1 and "più colonne per il campo name" in result.stderr
    result = gamma("party", "import", str(path), "--map", "Codice=code", "--map",
                   "Ragione sociale=name", "--map", "Città=city", "--map", "Colore=-",
                   "--save-map", "fornitori", "--format", "csv")
    assert result.exit_code == 0, result.output
    shown = json.loads(gamma("party", "show", "F1", "--json").stdout)
    assert (shown["name"], shown["city"]) == ("Società Àlfa", "Forlì")
    path.write_bytes("Codice,Ragione sociale,Città,Colore\nF2,Perché Sì,Cesena,blu\n"
                     .encode("cp1252"))
    result = gamma("party", "import", str(path), "--use-map", "fornitori")
    assert result.exit_code == 0, result.output
    assert json.loads(gamma("party", "show", "F2", "--json").stdout)["name"] == "Perché Sì"


def test_cli_export_xlsx_and_fixed_then_import_round_trip(gamma, tmp_path):
    from openpyxl import load_workbook
    assert gamma("party", "add", "C001", "Caffè Più", "-s", f"vat_number={IVA}", "-s",
                 "credit_limit=1500,50").exit_code == 0
    xlsx = tmp_path / "p.xlsx"
    assert gamma("party", "export", "-o", str(xlsx)).exit_code == 0
    sheet = load_workbook(xlsx).active
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.b and sheet.auto_filter.ref
    layout = tmp_path / "l.json"
    layout.write_text(json.dumps({"name": "cli", "fields": FIXED[:4]}), encoding="utf-8")
    assert gamma("layout", "import", str(layout)).exit_code == 0
    fixed = tmp_path / "p.txt"
    result = gamma("party", "export", "--format", "fixed", "--layout", "cli", "-o", str(fixed))
    assert result.exit_code == 0, result.output
    csv_before = gamma("party", "export").stdout
    assert gamma("party", "delete", "C001").exit_code == 0
    result = gamma("party", "import", str(xlsx))
    assert result.exit_code == 0, result.output
    assert gamma("party", "export").stdout == csv_before
    result = gamma("party", "import", str(fixed))
    assert result.exit_code == 1 and "--layout" in result.stderr
    result = gamma("party", "import", str(fixed), "--layout", "cli")
    assert result.exit_code == 0, result.output
    assert list(csv.reader(io.StringIO(gamma("party", "export").stdout), delimiter=";")) == \
        list(csv.reader(io.StringIO(csv_before), delimiter=";"))


def test_a_file_without_the_regime_columns_still_imports(admin_ctx):
    """Files written before the VAT-regime columns were appended: the defaults apply."""
    old_columns = party_export.EXPORT_COLUMNS[:-5]
    header = ";".join(old_columns)
    row = {c: "" for c in old_columns}
    row.update(code="C9", name="Vecchio tracciato àè", roles="C", country="IT")
    data = (header + "\n" + ";".join(row[c] for c in old_columns) + "\n").encode("utf-8")
    report = party_import.import_file(admin_ctx, data, "csv")
    assert report.rejected == [] and report.written == 1
    party = parties.get(admin_ctx, "C9")
    assert (party.name, party.vat_regime, party.intent_vat_code, party.withholding) == (
        "Vecchio tracciato àè", "ordinary", None, False)
