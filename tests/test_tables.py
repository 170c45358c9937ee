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


def test_riba_30_60_90_end_of_month_splits_the_cents_on_the_last():
    from gamma.master.due_dates import due_dates
    result = due_dates(term("30,60,90", end_of_month=True), date(2026, 1, 15),
                       Decimal("1000.00"))
    assert result == [(date(2026, 2, 28), Decimal("333.33")),
                      (date(2026, 3, 31), Decimal("333.33")),
                      (date(2026, 4, 30), Decimal("333.34"))]


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
    # 100,00 of which 18,03 VAT in three: 81,97 → 27,32 + 27,32 + 27,33
    t = term("30,60,90", vat_in_first=True)
    amounts = [a for _, a in due_dates(t, date(2026, 1, 15), Decimal("100"), Decimal("18.03"))]
    assert amounts == [Decimal("45.35"), Decimal("27.32"), Decimal("27.33")]
    assert sum(amounts) == Decimal("100.00")


def test_rounding_half_up_and_the_remainder_on_the_last():
    from gamma.master.due_dates import split
    assert split(Decimal("200.00"), 3) == [Decimal("66.67"), Decimal("66.67"),
                                           Decimal("66.66")]
    assert split(Decimal("0.05"), 2) == [Decimal("0.03"), Decimal("0.02")]
