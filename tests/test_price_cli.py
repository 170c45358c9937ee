"""gamma price explain | rule add | rule list | rule delete."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from gamma import companies, db, records
from gamma.access import operators
from gamma.context import Context
from gamma.master import article_prices, articles
from models.party import Party
from models.tables import TableEntry, Unit, VatCode
from tests.conftest import make_settings
from tests.test_cli import gamma  # noqa: F401  (the fixture)


@pytest.fixture
def cli(gamma, db_url):  # noqa: F811
    """`gamma` on a database with a customer and an article priced on lists 1 and 2."""
    db.connect(db_url)
    try:
        ctx = companies.open_company(
            Context(make_settings(), operator=operators.find("admin")), 1)
        c = ctx.company
        for model, code, extra in ((VatCode, "22", {"rate": Decimal("22")}), (Unit, "NR", {}),
                                   (TableEntry, "FER", {"kind": "family"})):
            where = [model.company == c, model.code == code]
            if model is TableEntry:
                where.append(TableEntry.kind == "family")
            if not model.select().where(*where).exists():
                records.insert(ctx, model, company=c, code=code, description=code, **extra)
        records.insert(ctx, Party, company=c, code="ROSSI", name="Rossi srl", price_list=2)
        articles.save_from_form(ctx, {"code": "VITE", "description": "Vite", "unit": "NR",
                                      "vat_code": "22", "family": "FER"})
        article_prices.set_price(ctx, "VITE", 1, Decimal("10"), date(2026, 1, 1))
        article_prices.set_price(ctx, "VITE", 2, Decimal("9.5"), date(2026, 1, 1), "5")
    finally:
        db.close()
    return gamma


def test_explain_prints_the_winner_and_the_candidates(cli):
    result = cli("price", "explain", "--customer", "rossi", "--article", "vite", "--qty", "10",
                 "--date", "10/03/2026")
    assert result.exit_code == 0, result.output
    assert "Articolo VITE, cliente ROSSI, quantità 10, al 10/03/2026, listino 2" in result.output
    assert "Prezzo:  9,50  (Listino 2 dal 01/01/2026)" in result.output
    assert " * customer_list: Listino 2 dal 01/01/2026; prezzo 9,50, sconti 5" in result.output


def test_a_rule_added_wins_and_is_listed_and_deleted(cli):
    result = cli("price", "rule", "add", "customer_family", "--customer", "ROSSI",
                 "--family", "FER", "--discounts", "10+5", "--from", "01/03/2026")
    assert result.exit_code == 0, result.output
    assert "Registrata la condizione di prezzo" in result.output
    data = json.loads(cli("price", "explain", "--customer", "ROSSI", "--article", "VITE",
                          "--date", "10/03/2026", "--json").stdout)
    assert (data["price"], data["discounts"], data["net"]) == ("9.500000", "10+5", "8.122500")
    assert data["discount_source"] == "Condizione cliente/famiglia dal 01/03/2026"
    winners = [(c["kind"], c["note"]) for c in data["candidates"] if c["chosen"]]
    assert winners == [("customer_family", "vincente: sconti"),
                       ("customer_list",
                        "vincente: prezzo; sconti: viene prima customer_family")]
    rules = json.loads(cli("price", "rule", "list", "--json").stdout)
    assert [(r["kind"], r["party"], r["family"], r["discounts"]) for r in rules] == [
        ("customer_family", "ROSSI", "FER", "10+5")]
    table = cli("price", "rule", "list")
    assert "cliente=ROSSI famiglia=FER" in table.output and "10+5" in table.output
    assert cli("price", "rule", "delete", str(rules[0]["id"])).exit_code == 0
    assert json.loads(cli("price", "rule", "list", "--json").stdout) == []
    assert cli("price", "rule", "delete", str(rules[0]["id"])).exit_code == 1


def test_bad_rules_are_refused_naming_the_field(cli):
    result = cli("price", "rule", "add", "customer_family", "--customer", "ROSSI",
                 "--family", "NOPE", "--discounts", "10")
    assert result.exit_code == 1
    assert result.stderr.startswith("Errore: Famiglia: codice 'NOPE' inesistente")
    result = cli("price", "rule", "add", "promotion", "--article", "VITE", "--buy", "2",
                 "--pay", "3")
    assert result.stderr == "Errore: Quantità acquistata: maggiore della quantità pagata\n"
    result = cli("price", "rule", "add", "campaign", "--article", "VITE", "--price", "7",
                 "--from", "10/03/2026", "--to", "01/03/2026")
    assert result.stderr.startswith("Errore: Valida fino al: non può precedere")
    result = cli("price", "explain", "--customer", "NOPE", "--article", "VITE")
    assert result.stderr == "Errore: Cliente: codice NOPE inesistente in anagrafica\n"
    assert json.loads(cli("price", "rule", "list", "--json").stdout) == []


def test_explain_and_rules_need_their_functions(cli):
    assert cli("operator", "add", "ugo", "--password-stdin", input="password-u\n").exit_code == 0
    assert cli("operator", "grant", "ugo", "--company", "1").exit_code == 0
    result = cli("--operator", "ugo", "price", "explain", "--article", "VITE")
    assert result.exit_code == 1 and "Funzione 221" in result.stderr
    result = cli("--operator", "ugo", "price", "rule", "add", "parametric", "--family", "FER",
                 "--discounts", "5")
    assert result.exit_code == 1 and "Funzione 222" in result.stderr
    result = cli("--operator", "ugo", "price", "rule", "list")
    assert result.exit_code == 1 and "Funzione 222" in result.stderr
