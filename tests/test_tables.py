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
