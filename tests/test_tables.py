"""Standard tables: the load at company creation, the services, due dates, exchange rates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from gamma import companies
from models import (AuditEntry, Country, Currency, PaymentTerm, StockReason, TableEntry,
                    Unit, VatCode)


def test_a_new_company_gets_the_standard_tables_with_one_audit_event(admin_ctx):
    before = AuditEntry.select().count()
    company = companies.add(admin_ctx, 2, "Nuova S.r.l.")
    added = list(AuditEntry.select().where(AuditEntry.id > 0).order_by(AuditEntry.id))[before:]
    assert [(e.action, e.table_name) for e in added] == [
        ("insert", "company"), ("load", "standard_tables")]
    assert added[1].message.startswith("Tabelle standard caricate")
    mine = VatCode.select().where(VatCode.company == company)
    assert {v.code for v in mine} >= {"22", "10", "5", "4", "N1", "N2.1", "N2.2", "N3.5",
                                      "N4", "N5", "N6.1", "N6.9", "N7"}
    n35 = mine.where(VatCode.code == "N3.5").get()
    assert (n35.rate, n35.nature) == (Decimal("0.00"), "N3.5")
    assert mine.where(VatCode.code == "22").get().rate == Decimal("22.00")
    riba = PaymentTerm.get(PaymentTerm.company == company, PaymentTerm.code == "RB306090")
    assert (riba.method, riba.days, riba.end_of_month) == ("MP12", "30,60,90", True)
    assert Unit.get(Unit.company == company, Unit.code == "KG").decimals == 3
    tre = StockReason.get(StockReason.company == company, StockReason.code == "TRE")
    assert (tre.on_hand, tre.paired_reason) == (1, "TRU")
    assert Country.get(Country.company == company, Country.code == "DE").eu is True
    assert Country.get(Country.company == company, Country.code == "CH").eu is False
    assert Currency.get(Currency.company == company, Currency.code == "JPY").decimals == 0
    kinds = {e.kind for e in TableEntry.select().where(TableEntry.company == company)}
    assert kinds >= {"transport_reason", "freight_term", "carrier", "zone", "area",
                     "category"}


def test_company_one_made_by_init_has_them_too(admin_ctx):
    assert VatCode.select().where(VatCode.company == admin_ctx.company).count() == 25


# -- due dates (no database) -------------------------------------------------------------

def term(days="0", end_of_month=False, fixed_day=0, excluded_months="", excluded_to_day=0,
         vat_in_first=False) -> PaymentTerm:
    return PaymentTerm(days=days, end_of_month=end_of_month, fixed_day=fixed_day,
                       excluded_months=excluded_months, excluded_to_day=excluded_to_day,
                       vat_in_first=vat_in_first)


def test_riba_30_60_90_end_of_month_puts_the_remainder_cent_on_the_first():
    from gamma.master.due_dates import due_dates
    # 1000,00 / 3 = 333,33 each, 1000,00 − 2 × 333,33 = 333,34 on the first
    result = due_dates(term("30,60,90", end_of_month=True), date(2026, 1, 15),
                       Decimal("1000.00"))
    assert result == [(date(2026, 2, 28), Decimal("333.34")),
                      (date(2026, 3, 31), Decimal("333.33")),
                      (date(2026, 4, 30), Decimal("333.33"))]


def test_immediate_and_30_days_from_the_document_date():
    from gamma.master.due_dates import due_dates
    assert due_dates(term("0"), date(2026, 1, 15), Decimal("122")) == [
        (date(2026, 1, 15), Decimal("122.00"))]
    assert due_dates(term("30"), date(2026, 1, 15), Decimal("122")) == [
        (date(2026, 2, 14), Decimal("122.00"))]


def test_end_of_month_from_the_last_of_january_is_the_end_of_february():
    from gamma.master.due_dates import due_dates
    assert due_dates(term("30", end_of_month=True), date(2026, 1, 31), Decimal("10")) == [
        (date(2026, 2, 28), Decimal("10.00"))]


def test_excluded_august_and_december_move_to_the_tenth_of_the_next_month():
    from gamma.master.due_dates import due_dates
    t = term("30,60", end_of_month=True, excluded_months="8,12", excluded_to_day=10)
    # 15/06 + 1 month → 31/07; + 2 months → 31/08, excluded → 10/09
    assert [d for d, _ in due_dates(t, date(2026, 6, 15), Decimal("100"))] == [
        date(2026, 7, 31), date(2026, 9, 10)]
    # 20/10 + 2 months → 31/12, excluded → 10/01 of the next year
    assert [d for d, _ in due_dates(t, date(2026, 10, 20), Decimal("100"))] == [
        date(2026, 11, 30), date(2027, 1, 10)]


def test_fixed_day_after_end_of_month():
    from gamma.master.due_dates import due_dates
    t = term("30", end_of_month=True, fixed_day=10)
    # 15/01 → 28/02 end of month → 10/03
    assert due_dates(t, date(2026, 1, 15), Decimal("50")) == [(date(2026, 3, 10),
                                                                Decimal("50.00"))]
    # without end of month: the next 15th on or after 30 days
    t = term("30", fixed_day=15)
    assert due_dates(t, date(2026, 1, 10), Decimal("50"))[0][0] == date(2026, 2, 15)
    assert due_dates(t, date(2026, 1, 20), Decimal("50"))[0][0] == date(2026, 3, 15)


def test_all_vat_on_the_first_instalment():
    from gamma.master.due_dates import due_dates
    # 1.220,00 of which 220,00 VAT, in two: 500,00 + 220,00 on the first, 500,00
    t = term("30,60", end_of_month=True, vat_in_first=True)
    assert due_dates(t, date(2026, 1, 15), Decimal("1220.00"), Decimal("220.00")) == [
        (date(2026, 2, 28), Decimal("720.00")), (date(2026, 3, 31), Decimal("500.00"))]
    # 100,00 of which 18,03 VAT in three: 81,97 → 27,33 + 27,32 + 27,32 (remainder on the
    # first), plus the 18,03 of VAT on the first: 45,36
    t = term("30,60,90", vat_in_first=True)
    amounts = [a for _, a in due_dates(t, date(2026, 1, 15), Decimal("100"), Decimal("18.03"))]
    assert amounts == [Decimal("45.36"), Decimal("27.32"), Decimal("27.32")]
    assert sum(amounts) == Decimal("100.00")


def test_rounding_half_up_and_the_remainder_on_the_first():
    from gamma.master.due_dates import split
    # 200,00 / 3 = 66,666… → 66,67; the first takes 200,00 − 2 × 66,67 = 66,66
    assert split(Decimal("200.00"), 3) == [Decimal("66.66"), Decimal("66.67"),
                                           Decimal("66.67")]
    # 0,05 / 2 = 0,025 → 0,03; the first 0,05 − 0,03 = 0,02
    assert split(Decimal("0.05"), 2) == [Decimal("0.02"), Decimal("0.03")]


# -- services -----------------------------------------------------------------------------

def test_save_a_vat_code_upper_case_unique_and_nature_only_at_rate_zero(admin_ctx):
    from gamma.errors import ValidationError
    from gamma.master import tables
    row = tables.save(admin_ctx, "vat_code", {"code": "n3.5b", "description": "Intento",
                                               "rate": Decimal("0"), "nature": "N3.5"})
    assert (row.code, row.nature, row.active) == ("N3.5B", "N3.5", True)
    with pytest.raises(ValidationError, match="Codice: il codice N3.5B esiste già"):
        tables.save(admin_ctx, "vat_code", {"code": "N3.5B", "description": "Altro",
                                             "nature": "N3.5"})
    with pytest.raises(ValidationError,
                       match=r"Natura \(aliquota 0\): obbligatoria quando l'aliquota è 0"):
        tables.save(admin_ctx, "vat_code", {"code": "Z0", "description": "Zero"})
    with pytest.raises(ValidationError, match="Aliquota %: deve essere fra 0 e 100"):
        tables.save(admin_ctx, "vat_code", {"code": "X", "description": "X",
                                             "rate": Decimal("101")})
    with pytest.raises(ValidationError,
                       match=r"Natura \(aliquota 0\): valore non ammesso \(ammessi: N1, N2.1"):
        tables.save(admin_ctx, "vat_code", {"code": "X", "description": "X",
                                             "nature": "N8"})
    changed = tables.save(admin_ctx, "vat_code", {"description": "Dich. intento"}, "N3.5B")
    assert (changed.description, changed.version) == ("Dich. intento", 2)


def test_payment_term_days_months_and_days_of_month_checked(admin_ctx):
    from gamma.errors import ValidationError
    from gamma.master import tables
    base = {"code": "T1", "description": "Prova", "method": "MP12"}
    with pytest.raises(ValidationError, match=r"Giorni rate \(30,60\): elenco di giorni"):
        tables.save(admin_ctx, "payment_term", {**base, "days": "30,abc"})
    with pytest.raises(ValidationError, match="Mesi esclusi: mesi da 1 a 12"):
        tables.save(admin_ctx, "payment_term", {**base, "days": "30", "excluded_months": "13"})
    with pytest.raises(ValidationError, match="Giorno fisso: deve essere fra 0 e 31"):
        tables.save(admin_ctx, "payment_term", {**base, "days": "30", "fixed_day": 32})
    with pytest.raises(ValidationError, match="Modalità"):
        tables.save(admin_ctx, "payment_term", {**base, "method": "MP99"})
    term = tables.save(admin_ctx, "payment_term", {**base, "days": "30 , 60",
                                                    "excluded_months": "12,8",
                                                    "excluded_to_day": "10"})
    assert (term.days, term.excluded_months, term.excluded_to_day) == ("30,60", "8,12", 10)


def test_find_names_the_field_and_delete_refuses_a_used_row(admin_ctx):
    from gamma.errors import GammaError, ValidationError
    from gamma.master import tables
    assert tables.find(admin_ctx, "table_zone", "no").description == "Nord Ovest"
    with pytest.raises(ValidationError, match="Zona: codice 'XX' inesistente in Zone"):
        tables.find(admin_ctx, "zone", "XX", "zone", "Zona")
    tables.delete(admin_ctx, "zone", "EX")
    assert [r.code for r in tables.list_rows(admin_ctx, "zone")] == ["CE", "NE", "NO", "SU"]
    from models import Party
    Party.create(company=admin_ctx.company, code="C1", name="Cliente",
                 zone=tables.find(admin_ctx, "zone", "NO"))
    with pytest.raises(GammaError, match="il codice NO è usato"):
        tables.delete(admin_ctx, "zone", "NO")


def test_tables_are_per_company(admin_ctx):
    from gamma.master import tables
    tables.save(admin_ctx, "zone", {"code": "LOM", "description": "Lombardia"})
    other = companies.open_company(admin_ctx, companies.add(admin_ctx, 2, "Altra").code)
    assert "LOM" not in [r.code for r in tables.list_rows(other, "zone")]
    tables.save(other, "zone", {"code": "LOM", "description": "Lombardia bis"})
    counted = {t.name: n for t, n in tables.counts(admin_ctx)}
    assert (counted["zone"], counted["vat_code"], counted["family"]) == (6, 25, 0)


def test_bank_iban_validated_and_abi_cab_derived(admin_ctx):
    from gamma.errors import ValidationError
    from gamma.master import tables
    bank = tables.save(admin_ctx, "bank", {"code": "BPM", "name": "Banca",
                                            "iban": "IT60 X054 2811 1010 0000 0123 456"})
    assert (bank.iban, bank.abi, bank.cab) == ("IT60X0542811101000000123456", "05428", "11101")
    with pytest.raises(ValidationError, match="IBAN: IBAN non valido"):
        tables.save(admin_ctx, "bank", {"code": "B2", "name": "Banca",
                                         "iban": "IT61X0542811101000000123456"})


def test_stock_reason_effects_and_paired_reason(admin_ctx):
    from gamma.errors import ValidationError
    from gamma.master import tables
    with pytest.raises(ValidationError, match="Causale collegata: codice 'ZZZ' inesistente"):
        tables.save(admin_ctx, "stock_reason", {"code": "TX", "description": "T",
                                                 "on_hand": "-1", "paired_reason": "ZZZ"})
    row = tables.save(admin_ctx, "stock_reason", {"code": "TX", "description": "T",
                                                   "on_hand": "-1", "paired_reason": "TRE"})
    assert (row.on_hand, row.committed, row.paired_reason) == (-1, 0, "TRE")


def test_exchange_rate_of_a_day_or_the_previous_one(admin_ctx):
    from gamma.errors import ValidationError
    from gamma.master import tables
    tables.set_rate(admin_ctx, "USD", date(2026, 3, 2), Decimal("1.0812"))
    tables.set_rate(admin_ctx, "USD", date(2026, 3, 5), Decimal("1.0901"))
    assert tables.rate_on(admin_ctx, "usd", date(2026, 3, 4)) == Decimal("1.081200")
    assert tables.rate_on(admin_ctx, "USD", date(2026, 3, 5)) == Decimal("1.090100")
    assert tables.rate_on(admin_ctx, "USD", date(2026, 12, 31)) == Decimal("1.090100")
    assert tables.rate_on(admin_ctx, "EUR", date(2026, 3, 1)) == Decimal("1")
    tables.set_rate(admin_ctx, "USD", date(2026, 3, 5), Decimal("1.1"))
    assert tables.rate_on(admin_ctx, "USD", date(2026, 3, 6)) == Decimal("1.100000")
    with pytest.raises(ValidationError, match="Cambio: nessun cambio per USD al 01/03/2026"):
        tables.rate_on(admin_ctx, "USD", date(2026, 3, 1))
    with pytest.raises(ValidationError, match="Cambio: deve essere maggiore di zero"):
        tables.set_rate(admin_ctx, "USD", date(2026, 3, 1), Decimal("0"))


def test_lookups_by_code_prefix_and_description_substring(admin_ctx):
    from gamma import lookups
    rows = lookups.search(admin_ctx, "vat_code", "N6")
    assert [r["code"] for r in rows][:3] == ["N6.1", "N6.2", "N6.3"] and len(rows) == 9
    assert [r["code"] for r in lookups.search(admin_ctx, "vat_code", "intento")] == ["N3.5"]
    assert [r["code"] for r in lookups.search(admin_ctx, "table_carrier", "vett")] == ["VET"]
    assert [r["code"] for r in lookups.search(admin_ctx, "country", "ger")] == ["DE"]
    for name in ("vat_code", "payment_term", "unit", "depot", "stock_reason", "agent", "bank",
                 "currency", "country", "table_zone", "table_family",
                 "table_article_grouping6", "table_party_grouping1"):
        assert lookups.get(name).key == "code"
    tables_rows = lookups.search(admin_ctx, "table", "iva")
    assert tables_rows == [{"name": "vat_code", "title": "Codici IVA", "rows": 25}]


def test_a_field_rule_default_applies_to_a_new_row(admin_ctx):
    from gamma.access import field_rules
    from gamma.master import tables
    field_rules.set_rule(admin_ctx, "table_unit", "decimals", default="2")
    assert tables.save(admin_ctx, "unit", {"code": "BOX", "description": "Box"}).decimals == 2


# -- official lists, demo company, permissions --------------------------------------------

XSD = "/work/shared/data/fatturapa/schema/Schema_del_file_xml_FatturaPA_v1.2.2.xsd"


def _enumeration(type_name: str) -> list[str]:
    import os
    import xml.etree.ElementTree as ET
    if not os.path.exists(XSD):
        pytest.skip("schema FatturaPA non disponibile")
    ns = {"xs": "http://www.w3.org/2001/XMLSchema"}
    node = ET.parse(XSD).getroot().find(f"xs:simpleType[@name='{type_name}']", ns)
    return [e.get("value") for e in node.iter(f"{{{ns['xs']}}}enumeration")]


def test_natures_and_payment_methods_are_the_official_ones():
    from gamma.master.standard_data import read
    from gamma.master.tables_defs import METHODS, NATURES
    # N2, N3 and N6 without a sub-code are no longer valid since 2021
    assert set(NATURES) == set(_enumeration("NaturaType")) - {"N2", "N3", "N6"}
    assert set(METHODS) == set(_enumeration("ModalitaPagamentoType"))
    standard = read()
    assert {v["nature"] for v in standard["vat_code"] if "nature" in v} == set(NATURES)
    assert {p["method"] for p in standard["payment_term"]} <= set(METHODS)


def test_the_demo_company_gets_the_standard_tables(database, settings, clock):
    from gamma import bootstrap
    from models import Company
    from tests.conftest import ADMIN_PASSWORD
    bootstrap.init(settings, database, ADMIN_PASSWORD, demo=True, clock=clock)
    demo = Company.get(Company.code == bootstrap.DEMO_COMPANY)
    assert VatCode.select().where(VatCode.company == demo).count() == 25
    assert AuditEntry.select().where(AuditEntry.table_name == "standard_tables").count() == 2


def test_changing_a_table_needs_the_edit_function(admin_ctx):
    import dataclasses
    from gamma.access import operators
    from gamma.errors import PermissionDenied
    from gamma.master import tables
    operators.add(admin_ctx, "mario", "password-m")
    mario = dataclasses.replace(admin_ctx, operator=operators.find("mario"))
    with pytest.raises(PermissionDenied):
        tables.save(mario, "zone", {"code": "X", "description": "X"})
    assert AuditEntry.select().where(AuditEntry.action == "denied").count() == 1


def test_exchange_rates_listed_latest_first_and_deleted(admin_ctx):
    from gamma import lookups
    from gamma.master import tables, tables_rates
    tables.set_rate(admin_ctx, "USD", date(2026, 3, 2), Decimal("1.0812"))
    tables_rates.save_from_form(admin_ctx, {"currency": "usd", "day": date(2026, 3, 3),
                                            "rate": Decimal("1.09")})
    rows = lookups.search(admin_ctx, "exchange_rate", "US")
    assert [(r["key"], r["rate"]) for r in rows] == [("USD 2026-03-03", "1,090000"),
                                                     ("USD 2026-03-02", "1,081200")]
    tables_rates.delete(admin_ctx, "USD 2026-03-03")
    assert tables.rate_on(admin_ctx, "USD", date(2026, 3, 3)) == Decimal("1.0812")
    assert lookups.search(admin_ctx, "vat_code", "22")[0]["rate"] == "22,00"
    listed = lookups.search(admin_ctx, "table", "cambi")
    assert listed == [{"name": "exchange_rate", "title": "Cambi giornalieri", "rows": 1}]
