"""gamma party add | set | show | find | export | delete."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from gamma.cli.main import cli as gamma_cli
from gamma.master.party_export import EXPORT_COLUMNS
from tests.conftest import ADMIN_PASSWORD

IVA = "00743110157"
IBAN_IT = "IT60X0542811101000000123456"


@pytest.fixture
def gamma(db_url, tmp_path):
    env = {"GAMMA_DB": db_url, "GAMMA_SECURITY_SCRYPT_N": "1024", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "GAMMA_OPERATOR": None,
           "GAMMA_COMPANY": None, "GAMMA_CONFIG": None}
    runner = CliRunner(env=env)

    def run(*args, input=None):
        return runner.invoke(gamma_cli, list(args), input=input, prog_name="gamma")

    assert run("init", "--password-stdin", input=ADMIN_PASSWORD + "\n").exit_code == 0
    return run


def test_add_show_set_and_find(gamma):
    result = gamma("party", "add", "c001", "Società Àccènti S.r.l.", "-s", f"vat_number={IVA}",
                   "-s", f"iban={IBAN_IT}", "-s", "city=Milano", "-s", "credit_limit=1.500,50",
                   "-s", "roles=CF")
    assert result.exit_code == 0, result.output
    assert "Creata l'anagrafica C001" in result.output
    shown = json.loads(gamma("party", "show", "C001", "--json").stdout)
    assert (shown["vat_number"], shown["abi"], shown["cab"], shown["roles"]) == (
        IVA, "05428", "11101", "CF")
    assert shown["credit_limit"] == "1500.50"
    text = gamma("party", "show", "C001").stdout
    assert "Partita IVA:" in text and "Fido:" in text and "1500,50" in text
    assert gamma("party", "set", "C001", "-s", "city=Torino").exit_code == 0
    assert json.loads(gamma("party", "show", "C001", "--json").stdout)["city"] == "Torino"
    gamma("party", "add", "F001", "Bianchi", "-s", "roles=F")
    found = json.loads(gamma("party", "find", "0743110", "--json").stdout)
    assert [r["code"] for r in found] == ["C001"]
    assert [r["code"] for r in json.loads(
        gamma("party", "find", "bianc", "--json").stdout)] == ["F001"]
    assert [r["code"] for r in json.loads(
        gamma("party", "find", "", "--role", "supplier", "--json").stdout)] == ["C001", "F001"]
    assert "Ragione sociale" in gamma("party", "find", "C0").stdout


def test_refusals_name_field_and_rule_with_exit_code_one(gamma):
    result = gamma("party", "add", "C001", "Rossi", "-s", "vat_number=12345678901")
    assert result.exit_code == 1
    assert "Partita IVA: partita IVA italiana non valida" in result.output
    result = gamma("party", "add", "C001", "Rossi", "-s", "iban=IT00X0542811101000000123456")
    assert result.exit_code == 1 and "IBAN: IBAN non valido" in result.output
    result = gamma("party", "add", "C001", "Rossi", "-s", "colour=red")
    assert result.exit_code == 1 and "campo 'colour' inesistente" in result.output
    assert gamma("party", "show", "C001").exit_code == 1


def test_export_csv_has_the_stable_columns_in_utf8(gamma, tmp_path):
    gamma("party", "add", "C001", "Caffè Müller", "-s", f"vat_number={IVA}", "-s",
          "sdi_code=ABC1234", "-s", "province=mi")
    gamma("party", "add", "F001", "Dupont", "-s", "roles=F", "-s", "country=FR", "-s",
          "vat_number=40303265045")
    result = gamma("party", "export")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout), delimiter=";"))
    assert rows[0][:14] == ["code", "name", "vat_number", "tax_code", "address", "zip", "city",
                            "province", "country", "sdi_code", "pec", "roles",
                            "payment_term", "iban"]
    assert tuple(rows[0]) == EXPORT_COLUMNS
    records = [dict(zip(rows[0], r)) for r in rows[1:]]
    assert [(r["code"], r["name"], r["roles"]) for r in records] == [
        ("C001", "Caffè Müller", "C"), ("F001", "Dupont", "F")]
    assert records[1]["vat_number"] == "FR40303265045" and records[1]["sdi_code"] == "XXXXXXX"
    assert records[0]["province"] == "MI" and records[0]["active"] == "S"
    target = tmp_path / "parties.csv"
    assert gamma("party", "export", "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8") == result.stdout
    as_json = json.loads(gamma("party", "export", "--format", "json").stdout)
    assert as_json[1]["vat_number"] == "FR40303265045"


def test_delete(gamma):
    gamma("party", "add", "C001", "Rossi")
    assert gamma("party", "delete", "C001").exit_code == 0
    assert gamma("party", "show", "C001").exit_code == 1


def test_destinations_are_added_listed_and_removed(gamma):
    gamma("party", "add", "C001", "Rossi")
    result = gamma("party", "destination", "add", "c001", "Magazzino", "--city", "Lodi",
                   "--province", "lo")
    assert result.exit_code == 0 and "destinazione 1 di C001" in result.output
    gamma("party", "destination", "add", "C001", "Negozio")
    rows = json.loads(gamma("party", "destination", "list", "C001", "--json").stdout)
    assert [(r["number"], r["name"], r["province"]) for r in rows] == [
        (1, "Magazzino", "LO"), (2, "Negozio", "")]
    assert gamma("party", "destination", "remove", "C001", "1").exit_code == 0
    assert "Negozio" in gamma("party", "destination", "list", "C001").stdout
    result = gamma("party", "destination", "remove", "C001", "1")
    assert result.exit_code == 1 and "Destinazione 1 di C001 inesistente" in result.output
