"""gamma contract import | list | show and gamma periodic generate | show | invoice | undo |
restore-instalments | change-line | agent-proforma from the command line."""

from __future__ import annotations

import json

import pytest

from gamma.master import articles, tables
from tests.order_fixtures_h5 import company_ctx
from tests.sales_fixtures import prepare
from tests.test_cli import gamma  # noqa: F401  (the fixture)
from tests.test_contracts import quarterly


@pytest.fixture
def cli(gamma, db_url):  # noqa: F811
    with company_ctx(db_url) as ctx:
        prepare(ctx)
        articles.save_from_form(ctx, {"code": "CAN", "description": "Canone assistenza",
                                      "unit": "NR", "vat_code": "22"})
        tables.save(ctx, "agent", {"code": "AG1", "name": "Mario Rossi", "commission": "5"})
    return gamma


def test_import_is_all_or_nothing_with_the_index_and_field(cli, tmp_path):
    bad = tmp_path / "bad.json"
    second = quarterly(code="K002")
    second["items"][0] = {"type": "charge", "description": "Canone", "price": ""}
    bad.write_text(json.dumps([quarterly(), second]), encoding="utf-8")
    result = cli("contract", "import", str(bad))
    assert result.exit_code == 1
    assert "Contratto 2: Voce 1, Prezzo: obbligatorio" in result.stderr
    assert json.loads(cli("contract", "list", "--json").stdout) == []
    bad.write_text(json.dumps([{**quarterly(), "frequency": "weekly"}]), encoding="utf-8")
    assert "Contratto 1: Periodicità: uno di monthly" in cli("contract", "import",
                                                              str(bad)).stderr


def test_contracts_billed_from_the_command_line(cli, tmp_path):
    path = tmp_path / "contracts.json"
    path.write_text(json.dumps([quarterly()]), encoding="utf-8")
    result = cli("contract", "import", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "Importati 1 contratti: K001"
    listed = json.loads(cli("contract", "list", "--json").stdout)
    assert [(c["code"], c["frequency"], c["billed_to"]) for c in listed] == [
        ("K001", "quarterly", None)]
    shown = cli("contract", "show", "K001").stdout
    assert "Contratto K001 cliente C001, trimestrale dal 01/01/2026" in shown
    assert "Canone dal {dal} al {al}" in shown

    run = json.loads(cli("periodic", "generate", "--period", "2026-01", "--json").stdout)
    [movement] = run["movements"]
    assert (movement["from"], movement["to"], movement["taxable"]) == (
        "2026-01-01", "2026-03-31", "463.33")
    assert movement["lines"][0]["description"] == "Canone dal 01/01/2026 al 31/03/2026"
    again = cli("periodic", "generate", "--period", "2026-01")
    assert again.stdout.strip() == "Nessun periodo da fatturare al 31/01/2026"
    # The fee changed by hand before invoicing: 463.33 − 300.00 + 310.00 = 473.33.
    fee = movement["lines"][0]["id"]
    assert cli("periodic", "change-line", str(fee), "--amount", "310.00").exit_code == 0
    printed = tmp_path / "pdf"
    result = cli("periodic", "invoice", str(run["run"]), "--print-dir", str(printed))
    assert result.exit_code == 0, result.output
    # 473.33 + VAT 22% 104.1326 → 104.13 = 577.46.
    assert result.stdout.splitlines()[0].startswith("Fattura 1 del 31/01/2026 a C001, "
                                                    "totale 577.46")
    assert [p.name for p in printed.iterdir()] == ["invoice_2026_1.pdf"]
    assert (printed / "invoice_2026_1.pdf").read_bytes().startswith(b"%PDF")
    refused = cli("periodic", "invoice", str(run["run"]))
    assert refused.exit_code == 1 and "già trasformata in documenti" in refused.stderr

    second = json.loads(cli("periodic", "generate", "--period", "2026-06", "--json").stdout)
    assert [m["from"] for m in second["movements"]] == ["2026-04-01"]
    undone = cli("periodic", "undo", str(second["run"]))
    assert undone.stdout.startswith(f"Generazione {second['run']} annullata: 1 movimenti")
    assert "annullata" in cli("periodic", "show", str(second["run"])).stdout
    items = json.loads(cli("contract", "show", "K001", "--json").stdout)["items"]
    assert [i["billed_count"] for i in items] == [0, 1, 0, 1, 0]  # back after the undo
    restored = cli("periodic", "restore-instalments", "K001", "4", "0")
    assert restored.stdout.strip() == ("Contratto K001, voce 4: rate fatturate riportate "
                                       "da 1 a 0, residuo 3 rate")


def test_agent_proforma_from_the_command_line(cli, tmp_path):
    with_agent = [{"kind": "invoice", "customer": "C001", "agent": "AG1",
                   "date": "2026-03-02", "lines": [{"article": "A22", "qty": "10"}]}]
    doc_file = tmp_path / "docs.json"
    doc_file.write_text(json.dumps(with_agent), encoding="utf-8")
    assert cli("doc", "import", str(doc_file), "--confirm").exit_code == 0
    pdf = tmp_path / "agenti.pdf"
    result = cli("periodic", "agent-proforma", "--from", "2026-03-01", "--to", "2026-03-31",
                 "--add", "AG1", "Rimborso spese", "12.00", "--pdf", str(pdf), "--json")
    assert result.exit_code == 0, result.output
    # 10 × 10.00 = 100.00 at 5% = 5.00, + 12.00 = 17.00.
    [row] = json.loads(result.stdout)
    assert (row["base"], row["commission"], row["total"]) == ("100.00", "5.00", "17.00")
    assert pdf.read_bytes().startswith(b"%PDF")


def test_a_stored_preset_runs_the_same_generation(cli, tmp_path):
    path = tmp_path / "contracts.json"
    path.write_text(json.dumps([quarterly(), quarterly(code="K002", series="B")]),
                    encoding="utf-8")
    assert cli("contract", "import", str(path)).exit_code == 0
    first = cli("periodic", "generate", "--period", "2026-01", "--contract", "K002",
                "--save-preset", "solo-b", "--json")
    assert first.exit_code == 0, first.output
    assert [m["contract"] for m in json.loads(first.stdout)["movements"]] == ["K002"]
    again = cli("periodic", "generate", "--preset", "solo-b")
    assert again.stdout.strip() == "Nessun periodo da fatturare al 31/01/2026"
    later = json.loads(cli("periodic", "generate", "--preset", "solo-b", "--period",
                           "2026-04", "--json").stdout)
    assert [(m["contract"], m["from"]) for m in later["movements"]] == [("K002", "2026-04-01")]
