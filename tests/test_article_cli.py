"""gamma article show | find | export: prices in force, barcodes, CSV/JSON columns."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest

from gamma import companies, db, records
from gamma.access import operators
from gamma.context import Context
from gamma.master import article_barcodes, article_prices, article_relations, articles
from models.tables import TableEntry, Unit, VatCode
from tests.conftest import make_settings
from tests.test_cli import gamma  # noqa: F401  (the fixture)


@pytest.fixture
def cli(gamma, db_url):  # noqa: F811
    """`gamma` on a database with two articles, seeded through the services."""
    db.connect(db_url)
    try:
        ctx = companies.open_company(
            Context(make_settings(), operator=operators.find("admin")), 1)
        c = ctx.company
        for model, code, extra in ((VatCode, "22", {"rate": Decimal("22")}), (Unit, "NR", {}),
                                   (Unit, "KG", {}), (TableEntry, "FER", {"kind": "family"})):
            where = [model.company == c, model.code == code]
            if model is TableEntry:
                where.append(TableEntry.kind == "family")
            if not model.select().where(*where).exists():  # standard data may hold it
                records.insert(ctx, model, company=c, code=code, description=code, **extra)
        articles.save_from_form(ctx, {"code": "VITE6", "description": "Vite M6 × 20 acciaio",
                                      "unit": "NR", "vat_code": "22", "family": "FER",
                                      "cost_last": Decimal("0.0825"),
                                      "min_stock": Decimal("100"),
                                      "reorder_lot": Decimal("500")})
        article_barcodes.add_barcode(ctx, "VITE6", "800123456789")
        article_prices.set_price(ctx, "VITE6", 1, Decimal("0.15"), date(2020, 1, 1))
        article_prices.set_price(ctx, "VITE6", 1, Decimal("0.18"), date(2099, 1, 1))
        article_prices.set_price(ctx, "VITE6", 3, Decimal("1234.5"), date(2020, 1, 1), "10+5")
        articles.save_from_form(ctx, {"code": "PROSC", "description": "Prosciutto crudo",
                                      "unit": "KG", "vat_code": "22"})
        article_barcodes.add_barcode(ctx, "PROSC", "2123456", "weight")
        article_relations.set_text(ctx, "VITE6", "en", "Screw M6 × 20")
        article_relations.link(ctx, "VITE6", "PROSC", "competitor")
    finally:
        db.close()
    return gamma


def test_show_lists_the_prices_in_force_and_the_barcodes(cli):
    result = cli("article", "show", "vite6")
    assert result.exit_code == 0, result.output
    assert "Vite M6 × 20 acciaio" in result.output
    assert "listino 1:           0,15  dal 01/01/2020" in result.output
    assert "sconti 10+5" in result.output and "1.234,50" in result.output
    assert "0,18" not in result.output  # not yet in force
    assert "8001234567897" in result.output
    assert "Descrizione (en): Screw M6 × 20" in result.output
    assert "Articolo concorrente: PROSC Prosciutto crudo" in result.output
    data = json.loads(cli("article", "show", "VITE6", "--json").stdout)
    assert data["code"] == "VITE6" and data["family"] == "FER"
    assert [(p["list"], p["price"]) for p in data["prices"]] == [(1, "0.150000"),
                                                                 (3, "1234.500000")]
    assert data["barcodes"][0] == {"code": "8001234567897", "kind": "ean13",
                                   "quantity": "1.000"}
    assert data["texts"] == [{"language": "en", "description": "Screw M6 × 20"}]
    assert data["links"][0]["code"] == "PROSC" and data["party_codes"] == []


def test_show_of_a_missing_article_fails_with_one_line(cli):
    result = cli("article", "show", "NOPE")
    assert result.exit_code == 1
    assert "Articolo NOPE inesistente" in result.output


def test_find_by_code_description_and_barcode(cli):
    assert [r["code"] for r in json.loads(cli("article", "find", "vi", "--json").stdout)] == [
        "VITE6"]
    assert [r["code"] for r in json.loads(
        cli("article", "find", "crudo", "--json").stdout)] == ["PROSC"]
    assert [r["code"] for r in json.loads(
        cli("article", "find", "2123456012507", "--json").stdout)] == ["PROSC"]
    assert "VITE6" in cli("article", "find", "8001234567897").output


def test_export_csv_has_the_stable_columns_utf8_semicolons_and_decimal_comma(cli, tmp_path):
    result = cli("article", "export")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout), delimiter=";"))
    header = result.stdout.splitlines()[0].split(";")
    assert header[:17] == ["code", "description", "unit", "vat_code", *(
        f"price{n}" for n in range(1, 9)), "cost", "barcode", "family", "min_stock",
        "reorder_lot"]
    vite = next(r for r in rows if r["code"] == "VITE6")
    assert vite["description"] == "Vite M6 × 20 acciaio"
    assert (vite["price1"], vite["price2"], vite["price3"]) == ("0,15", "", "1234,5")
    assert (vite["cost"], vite["barcode"], vite["family"]) == ("0,0825", "8001234567897", "FER")
    assert (vite["min_stock"], vite["reorder_lot"], vite["obsolete"]) == ("100", "500", "N")
    out = tmp_path / "articoli.csv"
    assert cli("article", "export", "-o", str(out)).exit_code == 0
    assert out.read_bytes() == result.stdout_bytes


def test_export_json(cli):
    data = json.loads(cli("article", "export", "--format", "json").stdout)
    vite = next(r for r in data if r["code"] == "VITE6")
    assert vite["price3"] == "1234.5" and vite["price2"] is None and vite["unit"] == "NR"


def test_costs_are_left_out_for_an_operator_who_may_not_see_them(cli):
    cli("group", "add", "banco")
    cli("operator", "add", "lucia", "--group", "banco", "--password-stdin",
        input="password-l\n")
    assert cli("group", "grant", "banco", "--function", "121", "--company", "1").exit_code == 0
    rows = list(csv.DictReader(io.StringIO(cli("--operator", "lucia", "article",
                                               "export").stdout), delimiter=";"))
    vite = next(r for r in rows if r["code"] == "VITE6")
    assert vite["cost"] == "" and vite["price1"] == "0,15"
    data = json.loads(cli("--operator", "lucia", "article", "show", "VITE6", "--json").stdout)
    assert data["cost_last"] is None and data["prices"][0]["price"] == "0.150000"
