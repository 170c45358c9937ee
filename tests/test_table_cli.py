"""gamma table list | export | import."""

from __future__ import annotations

import json

import pytest

from tests.test_cli import gamma  # noqa: F401  (the fixture)


def test_list_the_tables_with_their_row_counts(gamma):
    result = gamma("table", "list", "--json")
    assert result.exit_code == 0, result.output
    counted = {r["name"]: r["rows"] for r in json.loads(result.stdout)}
    assert (counted["vat_code"], counted["unit"], counted["carrier"], counted["family"]) == (
        25, 10, 3, 0)
    text = gamma("table", "list").stdout
    assert "Codici IVA" in text and "Condizioni di pagamento" in text


def test_list_the_rows_of_a_table(gamma):
    rows = json.loads(gamma("table", "list", "payment_term", "--json").stdout)
    riba = next(r for r in rows if r["code"] == "RB306090")
    assert (riba["days"], riba["end_of_month"], riba["method"]) == ("30,60,90", True, "MP12")
    text = gamma("table", "list", "vat_code").stdout
    assert "Aliquota 22%" in text and "22,00" in text
    missing = gamma("table", "list", "nothing")
    assert missing.exit_code == 1 and "Tabella 'nothing' inesistente" in missing.stderr


def test_export_then_import_round_trips_accents_included(gamma, tmp_path):
    out = tmp_path / "zone.csv"
    assert gamma("table", "export", "zone", "-o", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "code;description;notes;active"
    assert "NO;Nord Ovest;;S" in text
    changed = text.replace("Nord Ovest", "Nord Ovest è più").replace(
        "CE;Centro;;S", "CE;Centro;;N") + "LIG;Liguria;città;S\n"
    src = tmp_path / "in.csv"
    src.write_bytes(changed.encode("cp1252"))  # Windows-1252 detected
    result = gamma("table", "import", "zone", str(src))
    assert result.exit_code == 0, result.output
    assert "Importate 6 righe (1 nuove, 5 modificate), scartate 0" in result.stdout
    rows = {r["code"]: r for r in json.loads(gamma("table", "export", "zone", "--format",
                                                    "json").stdout)}
    assert rows["NO"]["description"] == "Nord Ovest è più"
    assert (rows["CE"]["active"], rows["LIG"]["notes"]) == ("N", "città")


def test_import_is_all_or_nothing_with_a_report_and_partial_keeps_the_valid(gamma, tmp_path):
    src = tmp_path / "vat.csv"
    src.write_text("code,description,rate,nature\n"
                   "V1,Uno,21,\n"
                   "V2,Due,0,\n"          # line 3: nature required at rate 0
                   "V3,Tre,abc,\n"        # line 4: rate not a number
                   "V4,Quattro,0,N3.5\n"
                   ",Senza codice,5,\n",  # line 6: code required
                   encoding="utf-8")
    result = gamma("table", "import", "vat_code", str(src))
    assert result.exit_code == 1
    lines = [l for l in result.stderr.splitlines() if l.startswith("Riga")]
    assert [l.split(":")[0:2] for l in lines] == [["Riga 3", " nature"], ["Riga 4", " rate"],
                                                  ["Riga 6", " code"]]
    assert "nessuna registrata" in result.stderr
    codes = {r["code"] for r in json.loads(gamma("table", "list", "vat_code", "--json").stdout)}
    assert not codes & {"V1", "V4"}
    result = gamma("table", "import", "vat_code", str(src), "--partial")
    assert result.exit_code == 0, result.output
    assert "Importate 2 righe (2 nuove, 0 modificate), scartate 3" in result.stdout
    codes = {r["code"] for r in json.loads(gamma("table", "list", "vat_code", "--json").stdout)}
    assert {"V1", "V4"} <= codes


def test_import_refuses_unknown_columns(gamma, tmp_path):
    src = tmp_path / "u.csv"
    src.write_text("code;descr\nX;Y\n", encoding="utf-8")
    result = gamma("table", "import", "unit", str(src))
    assert result.exit_code == 1 and "Colonne: colonne ammesse: code, description, decimals" \
        in result.stderr


def test_exchange_rates_set_and_shown_for_a_day_or_the_previous_one(gamma):
    result = gamma("table", "rate", "set", "usd", "02/03/2026", "1,0812")
    assert result.exit_code == 0, result.output
    assert "Cambio USD del 02/03/2026: 1,081200" in result.stdout
    assert "USD al 05/03/2026: 1,081200" in gamma("table", "rate", "show", "USD",
                                                  "05/03/2026").stdout
    missing = gamma("table", "rate", "show", "USD", "01/03/2026")
    assert missing.exit_code == 1
    assert "Cambio: nessun cambio per USD al 01/03/2026 o prima" in missing.stderr
    bad = gamma("table", "rate", "set", "XXX", "02/03/2026", "1")
    assert bad.exit_code == 1 and "Valuta: codice 'XXX' inesistente" in bad.stderr
