"""The company's registered office, contacts and fiscal data (FatturaPA CedentePrestatore):
kept through the company mask's service and the CLI, checked field by field, printed on
the documents."""

from __future__ import annotations

import asyncio
import dataclasses
import io
import json
from datetime import date
from decimal import Decimal

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from gamma import bootstrap, companies, companies_form
from gamma.access.forms import COMPANY
from gamma.cli.main import cli as gamma_cli
from gamma.errors import ValidationError
from gamma.sales import printing
from models import Company
from tests.conftest import ADMIN_PASSWORD
from tests.sales_fixtures import issue, prepare

OFFICE = {"address": "Via Roma 12", "zip": "20121", "city": "Milano", "province": "mi",
          "country": "it", "phone": "02 1234567", "email": "info@rossi.it",
          "pec": "rossi@pec.it", "tax_regime": "RF19", "rea_office": "mi",
          "rea_number": "1234567", "share_capital": Decimal("10000.00"),
          "sole_shareholder": "SU", "liquidation": "LN"}


def test_the_office_and_fiscal_data_are_saved_and_shown_by_the_mask(admin_ctx):
    company = companies_form.save_from_form(
        admin_ctx, {"code": 5, "name": "Rossi S.r.l.", **OFFICE})
    got = companies_form.form_values(Company.get_by_id(company.id))
    assert got == {"code": 5, "name": "Rossi S.r.l.", "vat_number": "", "tax_code": "",
                   "active": True, **OFFICE, "province": "MI", "country": "IT",
                   "rea_office": "MI", "fund_type": "", "fund_rate": None,
                   "enasarco_rate": None, "withholding_reason": ""}
    # A change of one field keeps the others (the CLI names only what changes).
    companies_form.save_from_form(admin_ctx, {"city": "Monza", "province": "MB",
                                              "share_capital": None}, 5)
    company = Company.get(Company.code == 5)
    assert (company.address, company.city, company.province, company.share_capital,
            company.tax_regime) == ("Via Roma 12", "Monza", "MB", None, "RF19")
    # A new company starts ordinary, not in liquidation, in Italy.
    plain = companies_form.save_from_form(admin_ctx, {"code": 6, "name": "Bianchi"})
    assert (plain.tax_regime, plain.liquidation, plain.country, plain.share_capital,
            plain.sole_shareholder) == ("RF01", "LN", "IT", None, "")


@pytest.mark.parametrize("field, value, label", [
    ("province", "MIL", "Provincia"),
    ("province", "1A", "Provincia"),
    ("zip", "2012", "CAP"),
    ("zip", "2012A", "CAP"),
    ("email", "info-at-rossi.it", "E-mail"),
    ("pec", "rossi@pec", "PEC"),
    ("tax_regime", "RF03", "Regime fiscale"),
    ("tax_regime", "RF99", "Regime fiscale"),
    ("sole_shareholder", "XX", "Socio unico SU/SM"),
    ("liquidation", "LQ", "Liquidazione LN/LS"),
    ("share_capital", Decimal("-1"), "Capitale sociale"),
    ("rea_office", "M1", "Ufficio REA (prov.)"),
    ("country", "ITA", "Nazione"),
])
def test_bad_values_are_refused_naming_the_field(admin_ctx, field, value, label):
    with pytest.raises(ValidationError) as refused:
        companies_form.save_from_form(admin_ctx, {"code": 5, "name": "Rossi S.r.l.",
                                                  **OFFICE, field: value})
    assert refused.value.field == field
    assert str(refused.value).startswith(f"{label}:")
    assert not Company.select().where(Company.code == 5).exists()  # nothing half-written


def test_rules_that_depend_on_other_fields(admin_ctx):
    # A foreign postcode is free text; the Italian one 5 digits.
    company = companies_form.save_from_form(admin_ctx, {
        "code": 5, "name": "Rossi GmbH", "country": "DE", "zip": "D-80331"})
    assert company.zip == "D-80331"
    with pytest.raises(ValidationError) as refused:
        companies_form.save_from_form(admin_ctx, {"country": "IT"}, 5)
    assert refused.value.field == "zip"
    # REA: office and number together.
    with pytest.raises(ValidationError) as refused:
        companies_form.save_from_form(admin_ctx, {"rea_number": "123"}, 5)
    assert refused.value.field == "rea_office"
    with pytest.raises(ValidationError) as refused:
        companies_form.save_from_form(admin_ctx, {"rea_office": "MI"}, 5)
    assert refused.value.field == "rea_number"


def test_the_form_lists_every_fatturapa_tax_regime_with_its_description():
    field = COMPANY.field("tax_regime")
    codes = [code for code, _ in field.choices]
    # RF03 was withdrawn; RF20 came with specification v1.9 (2025).
    assert codes == [f"RF{n:02d}" for n in range(1, 21) if n != 3]
    assert field.choice_label("RF01") == "Ordinario"
    assert field.choice_label("RF19").startswith("Forfettario")
    assert field.parse("forf", date.today()) == "RF19"  # typed by its description
    assert field.parse("rf02", date.today()) == "RF02"


@pytest.fixture
def gamma(db_url, tmp_path):
    env = {"GAMMA_DB": db_url, "GAMMA_SECURITY_SCRYPT_N": "1024", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "GAMMA_OPERATOR": None,
           "GAMMA_COMPANY": None, "GAMMA_CONFIG": None}
    runner = CliRunner(env=env)

    def run(*args, input=None):
        return runner.invoke(gamma_cli, list(args), input=input, prog_name="gamma")

    result = run("init", "--password-stdin", input=ADMIN_PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    return run


def test_the_cli_adds_and_sets_the_office_and_fiscal_data(gamma):
    result = gamma("company", "add", "5", "Rossi S.r.l.", "--address", "Via Roma 12",
                   "--zip", "20121", "--city", "Milano", "--province", "mi",
                   "--tax-regime", "RF19", "--share-capital", "10.000,00")
    assert result.exit_code == 0, result.output
    result = gamma("company", "set", "5", "--city", "Monza", "--province", "MB",
                   "--rea-office", "MB", "--rea-number", "1234567", "--sole-shareholder",
                   "SU", "--pec", "rossi@pec.it", "--phone", "039 123456")
    assert result.exit_code == 0, result.output
    assert "Modificata la ditta 5 «Rossi S.r.l.»" in result.output
    shown = json.loads(gamma("company", "show", "5", "--json").stdout)
    assert {k: shown[k] for k in ("address", "zip", "city", "province", "tax_regime",
                                  "rea_office", "rea_number", "sole_shareholder", "pec",
                                  "phone", "liquidation", "country")} == {
        "address": "Via Roma 12", "zip": "20121", "city": "Monza", "province": "MB",
        "tax_regime": "RF19", "rea_office": "MB", "rea_number": "1234567",
        "sole_shareholder": "SU", "pec": "rossi@pec.it", "phone": "039 123456",
        "liquidation": "LN", "country": "IT"}
    assert Decimal(str(shown["share_capital"])) == Decimal("10000.00")
    text = gamma("company", "show", "5").output
    assert "Regime fiscale" in text and "Monza" in text
    # "" clears a field; --name and --inactive change the identity.
    assert gamma("company", "set", "5", "--share-capital", "", "--name",
                 "Rossi & C. S.r.l.").exit_code == 0
    company = Company.get(Company.code == 5)
    assert (company.share_capital, company.name) == (None, "Rossi & C. S.r.l.")


def test_the_cli_refuses_bad_values_naming_the_field(gamma):
    assert gamma("company", "add", "5", "Rossi S.r.l.").exit_code == 0
    result = gamma("company", "set", "5", "--province", "MIL")
    assert result.exit_code == 1
    assert result.stderr.startswith("Errore: Provincia:")
    result = gamma("company", "set", "5", "--zip", "123")
    assert result.stderr.startswith("Errore: CAP:")
    result = gamma("company", "set", "5", "--tax-regime", "RF21")
    assert result.stderr.startswith("Errore: Regime fiscale:")
    result = gamma("company", "add", "6", "Bianchi", "--email", "bianchi")
    assert result.stderr.startswith("Errore: E-mail:")
    assert not Company.select().where(Company.code == 6).exists()


def test_the_demo_company_has_an_italian_registered_office(database, settings, clock):
    bootstrap.init(settings, database, ADMIN_PASSWORD, demo=True, clock=clock)
    demo = companies.find(bootstrap.DEMO_COMPANY)
    assert (demo.city, demo.province, demo.country, demo.tax_regime) == (
        "Torino", "TO", "IT", "RF01")
    assert len(demo.zip) == 5 and demo.address and demo.pec and demo.rea_number
    assert demo.share_capital > 0


def test_a_printed_invoice_shows_the_company_address_and_registration(admin_ctx, tmp_path):
    settings = admin_ctx.settings.replace(**{"paths.data_dir": str(tmp_path / "data")})
    ctx = dataclasses.replace(admin_ctx, settings=settings)
    companies_form.save_from_form(ctx, {**OFFICE, "liquidation": "LS"}, 1)
    prepare(ctx)
    doc = issue(ctx, {"kind": "invoice", "date": date(2026, 1, 31), "customer": "C001",
                      "lines": [{"article": "A22", "qty": "1"}]}).document
    company = printing.print_data(ctx, doc).company
    assert (company.address, company.zip_code, company.city, company.province,
            company.country, company.phone, company.email, company.pec) == (
        "Via Roma 12", "20121", "Milano", "MI", "IT", "02 1234567", "info@rossi.it",
        "rossi@pec.it")
    assert company.registration == ("R.E.A. MI-1234567 - Cap. soc. € 10.000,00 - "
                                    "Socio unico - In liquidazione")
    pages = PdfReader(io.BytesIO(printing.render(ctx, doc.id))).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert "Via Roma 12" in text and "20121 Milano (MI)" in text
    assert "R.E.A. MI-1234567" in text
    plain = printing.render(ctx, doc.id, "text")
    assert "Via Roma 12" in plain and "20121 Milano (MI)" in plain


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_company_mask_fits_80x24_and_saves_the_office(admin_ctx, settings, clock):
    from screens.app import GammaApp
    from tests.tui_helpers import SIZE, fill, open_code, screen_text, started

    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "912")
            text = screen_text(app)
            assert len(text.splitlines()) <= 24
            assert "Codice ditta" in text and "Liquidazione LN/LS" in text
            await fill(pilot, "7", "Verdi S.r.l.", None, None, None, "Via Po 3", "10123",
                       "Torino", "to", None, None, None, None, "forf", "to", "998877",
                       "20000", "sm", None)
            text = screen_text(app)
            assert len(text.splitlines()) <= 24
            await pilot.press("f10")
            await pilot.pause()
            assert "Ditta 7 «Verdi S.r.l.» registrata" in screen_text(app)
    asyncio.run(scenario())
    company = Company.get(Company.code == 7)
    assert (company.address, company.zip, company.city, company.province, company.tax_regime,
            company.rea_office, company.rea_number, company.share_capital,
            company.sole_shareholder, company.liquidation) == (
        "Via Po 3", "10123", "Torino", "TO", "RF19", "TO", "998877", Decimal("20000.00"),
        "SM", "LN")
