"""gamma doc import | show | list | confirm and gamma invoice deferred, with the JSON
format of the README."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from gamma import companies, db
from gamma.access import operators
from gamma.context import Context
from gamma.master import article_prices, articles, parties, tables
from models import Document
from tests.conftest import make_settings
from tests.sales_fixtures import load
from tests.test_cli import gamma  # noqa: F401  (the fixture)

README_EXAMPLE = {
    "kind": "invoice", "series": "A", "date": "2026-03-10", "customer": "C0001",
    "payment_term": "RB306090FM", "vat_regime": "split_payment",
    "lines": [
        {"article": "ART001", "qty": "10", "price": "12.50", "discounts": "10+5",
         "vat_code": "22"},
        {"description": "Trasporto", "amount": "15.00", "vat_code": "22"},
        {"comment": "Consegna al piano"}]}


@pytest.fixture
def cli(gamma, db_url):  # noqa: F811
    db.connect(db_url)
    try:
        ctx = companies.open_company(
            Context(make_settings(), operator=operators.find("admin")), 1)
        tables.save(ctx, "payment_term", {"code": "RB306090FM", "description": "RiBa 30/60/90 fm",
                                          "method": "MP12", "days": "30,60,90",
                                          "end_of_month": True})
        parties.save_from_form(ctx, {"code": "C0001", "name": "Comune di Prova",
                                     "payment_term": "RB306090FM"})
        articles.save_from_form(ctx, {"code": "ART001", "description": "Risma carta A4",
                                      "unit": "NR", "vat_code": "22"})
        article_prices.set_price(ctx, "ART001", 1, Decimal("13.00"), date(2026, 1, 1))
        load(ctx, {"ART001": Decimal("50")})
    finally:
        db.close()
    return gamma


def write(tmp_path, data) -> str:
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_the_readme_example_is_imported_confirmed_and_shown(cli, tmp_path):
    result = cli("doc", "import", write(tmp_path, README_EXAMPLE), "--confirm", "--json")
    assert result.exit_code == 0, result.output
    [doc] = json.loads(result.output)
    assert (doc["kind"], doc["series"], doc["number"]) == ("invoice", "A", 1)
    # 10 × 12,50 less 10+5 % = 125 × 0,855 = 106,875 → 106,88; + transport 15,00.
    # VAT 22 % of 121,88 = 26,8136 → 26,81; split payment: the PA pays the VAT to the State.
    assert doc["totals"] | {} == {"goods": "121.88", "charges": "0.00", "taxable": "121.88",
                                  "vat": "26.81", "stamp_duty": "0.00",
                                  "withholding": "0.00", "total": "148.69", "due": "121.88",
                                  "total_euro": None}
    assert doc["vat_summary"] == [{"vat_code": "22", "rate": "22", "nature": None,
                                   "taxable": "121.88", "vat": "26.81"}]
    # 30/60/90 end of month from 10/03: 30/04, 31/05, 30/06; 121,88 / 3 = 40,6266 → 40,63
    # twice and the remainder 40,62 first.
    assert [(i["due_date"], i["amount"], i["method"]) for i in doc["instalments"]] == [
        ("2026-04-30", "40.62", "riba"), ("2026-05-31", "40.63", "riba"),
        ("2026-06-30", "40.63", "riba")]

    shown = json.loads(cli("doc", "show", str(doc["id"]), "--json").output)
    assert [line["kind"] for line in shown["lines"]] == ["article", "amount", "comment"]
    assert shown["lines"][0]["residual"] == "10"

    listed = cli("doc", "list", "--kind", "invoice", "--from", "2026-03-01", "--to",
                 "2026-03-31", "--json")
    assert json.loads(listed.output) == [{"id": doc["id"], "kind": "invoice", "series": "A",
                                          "number": 1, "date": "2026-03-10",
                                          "customer": "C0001", "status": "confirmed",
                                          "total": "148.69"}]


def test_omitted_price_and_vat_come_from_the_engine_and_master_data(cli, tmp_path):
    data = {"kind": "quote", "date": "2026-03-10", "customer": "C0001",
            "lines": [{"article": "ART001", "qty": "2"}]}
    [doc] = json.loads(cli("doc", "import", write(tmp_path, data), "--json").output)
    assert doc["number"] is None and doc["status"] == "draft"
    line = json.loads(cli("doc", "show", str(doc["id"]), "--json").output)["lines"][0]
    assert (line["price"], line["vat_code"], line["amount"]) == ("13", "22", "26.00")
    assert line["price_source"].startswith("Listino 1")


def test_a_bad_document_in_a_list_names_it_and_imports_nothing(cli, tmp_path, db_url):
    bad = {"kind": "invoice", "customer": "C0001", "date": "2026-03-10",
           "lines": [{"article": "NOPE", "qty": "1"}]}
    result = cli("doc", "import", write(tmp_path, [README_EXAMPLE, bad]), "--confirm")
    assert result.exit_code == 1
    assert "Documento 2: Riga 1, Articolo" in result.output
    db.connect(db_url)
    try:
        assert Document.select().count() == 0
    finally:
        db.close()


def test_deferred_invoicing_from_the_cli(cli, tmp_path):
    notes = [{"kind": "delivery_note", "date": f"2026-03-0{day}", "customer": "C0001",
              "lines": [{"article": "ART001", "qty": "2", "price": "10.00"}]}
             for day in (2, 3)]
    assert cli("doc", "import", write(tmp_path, notes), "--confirm").exit_code == 0
    result = cli("invoice", "deferred", "--to", "2026-03-31", "--series", "D", "--json")
    assert result.exit_code == 0, result.output
    [run] = json.loads(result.output)
    assert run["delivery_notes"] == [1, 2]
    # 2 notes × 2 × 10,00 = 40,00 + 22 % = 48,80.
    assert run["invoice"]["totals"]["total"] == "48.80"
    again = json.loads(cli("invoice", "deferred", "--to", "2026-03-31", "--json").output)
    assert again == []  # nothing left to invoice


def test_print_one_document_and_reprint_a_period(cli, tmp_path):
    from io import BytesIO

    from pypdf import PdfReader
    result = cli("doc", "import", write(tmp_path, README_EXAMPLE), "--confirm", "--json")
    [doc] = json.loads(result.output)
    target = tmp_path / "fattura.pdf"
    assert cli("doc", "print", str(doc["id"]), "-o", str(target)).exit_code == 0
    text = PdfReader(BytesIO(target.read_bytes())).pages[0].extract_text()
    assert "148,69" in text and "26,81" in text and "121,88" in text
    listed = json.loads(cli("doc", "list", "--json").output)
    assert listed[0]["status"] == "printed"
    folder = tmp_path / "ristampa"
    again = cli("doc", "print", "--from", "2026-03-01", "--to", "2026-03-31", "--kind",
                "invoice", "-o", str(folder))
    assert again.exit_code == 0, again.output
    assert [p.name for p in folder.iterdir()] == ["invoice_A_2026_000001.pdf"]
    plain = cli("doc", "print", str(doc["id"]), "--text")
    assert "148,69" in plain.output
    assert max(len(line) for line in plain.output.splitlines()) <= 80


def test_deferred_invoicing_runs_from_a_stored_preset(cli, tmp_path):
    note = {"kind": "delivery_note", "date": "2026-03-02", "customer": "C0001",
            "lines": [{"article": "ART001", "qty": "1", "price": "10.00"}]}
    assert cli("doc", "import", write(tmp_path, note), "--confirm").exit_code == 0
    stored = cli("invoice", "deferred", "--to", "31/03/2026", "--series", "D", "--dry-run",
                 "--save-preset", "marzo")
    assert stored.exit_code == 0, stored.output
    assert "C0001: da fatturare DDT 1" in stored.output
    result = cli("invoice", "deferred", "--preset", "marzo", "--json")
    assert result.exit_code == 0, result.output
    [run] = json.loads(result.output)
    # 10,00 + 22 % = 12,20, in series D of 2026 (the preset's --to 31/03/2026).
    assert (run["invoice"]["series"], run["invoice"]["date"], run["invoice"]["totals"]["total"]
            ) == ("D", "2026-03-31", "12.20")
