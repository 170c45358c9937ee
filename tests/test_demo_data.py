"""The demo company's data: counts, valid identifiers, a deactivated and a blocked customer,
and the lookups finding a demo article by barcode and by a word of its description."""

from __future__ import annotations

from collections import Counter

import pytest
from stdnum import ean, iban
from stdnum.eu import vat as eu_vat
from stdnum.it import codicefiscale, iva

from gamma import bootstrap, companies, lookups
from gamma.access import operators
from gamma.context import Context
from gamma.master import demo_data, parties
from models import Article, ArticlePrice, Barcode, Party, TableEntry
from tests.conftest import ADMIN_PASSWORD


def test_the_demo_set_is_deterministic_and_its_identifiers_valid():
    data = demo_data.read()
    rows = demo_data.party_rows(data)
    assert rows == demo_data.party_rows(data)
    items = list(demo_data.article_rows(data))
    assert items == list(demo_data.article_rows(data))
    assert len(rows) == 50 and len(items) == 300
    assert len({r["code"] for r in rows}) == 50
    assert len({a["code"] for a in items}) == 300
    assert len({a["barcode"] for a in items}) == 300
    for a in items:
        assert ean.is_valid(a["barcode"]) and len(a["barcode"]) == 13, a
        assert len(a["description"]) <= 72 and len(a["code"]) <= 20
    for r in rows:
        if r.get("country", "IT") == "IT":
            assert iva.is_valid(r["vat_number"]), r
            assert codicefiscale.is_valid(r["tax_code"]), r
        else:
            assert eu_vat.is_valid(r["vat_number"]), r
        if r.get("iban"):
            assert iban.is_valid(r["iban"]), r


def test_codice_fiscale_of_a_person_is_built_by_the_rule():
    from datetime import date
    # Mario Rossi, born in Rome on 1 January 1980: the textbook example.
    assert demo_data.codice_fiscale("Rossi", "Mario", "M", date(1980, 1, 1),
                                    "H501") == "RSSMRA80A01H501U"
    assert demo_data.codice_fiscale("Villa", "Anna", "F", date(1975, 9, 3),
                                    "D969")[9:11] == "43"  # women: day + 40


@pytest.fixture
def demo_ctx(database, settings, clock) -> Context:
    bootstrap.init(settings, database, ADMIN_PASSWORD, demo=True, clock=clock)
    ctx = Context(settings, operator=operators.find("admin"), clock=clock)
    return companies.open_company(ctx, bootstrap.DEMO_COMPANY)


def test_the_demo_company_gets_parties_and_articles(demo_ctx):
    company = demo_ctx.company
    party_rows = list(Party.select().where(Party.company == company))
    assert len(party_rows) == 50
    assert sum(p.is_customer for p in party_rows) >= 40
    assert sum(p.is_supplier for p in party_rows) == 11
    foreign = [p for p in party_rows if p.country != "IT"]
    assert len(foreign) == 4 and all(eu_vat.is_valid(p.vat_number) for p in foreign)
    for p in party_rows:
        if p.country == "IT":
            assert iva.is_valid(p.vat_number) and codicefiscale.is_valid(p.tax_code), p.code
            assert p.zone_id and p.payment_term_id and p.sdi_code, p.code
        if p.iban:
            assert iban.is_valid(p.iban) and p.abi == p.iban[5:10], p.code
    assert sum(len(p.tax_code) == 16 for p in party_rows) == 5  # sole traders

    items = list(Article.select().where(Article.company == company))
    assert len(items) == 300
    vat = Counter(a.vat_code.code for a in items)
    assert set(vat) == {"22", "10", "4"} and vat["22"] > vat["10"] + vat["4"]
    assert all(a.family_id and a.subfamily_id and a.unit_id for a in items)
    assert all(a.cost_last > 0 and a.min_stock is not None for a in items)
    families = TableEntry.select().where(TableEntry.company == company,
                                         TableEntry.kind == "family").count()
    assert families == 8
    codes = [b.code for b in Barcode.select().where(Barcode.company == company)]
    assert len(codes) == 300 and all(ean.is_valid(c) for c in codes)
    prices = ArticlePrice.select().where(ArticlePrice.company == company)
    assert Counter(p.list_number for p in prices) == {1: 300, 2: 300, 3: 300}
    assert all(p.price > 0 for p in prices)

    # The deactivated customer proposes its replacement; the blocked one is flagged.
    with pytest.raises(parties.PartyDeactivated) as raised:
        parties.use_party(demo_ctx, "C0007")
    assert raised.value.replacement.code == "C0008"
    assert parties.use_party(demo_ctx, "C0012").blocked

    # Lookups: a scanned barcode names its article; a word finds it in the description.
    article = Article.get(Article.company == company, Article.code == "FERVI001")
    barcode = article.barcodes.get().code
    found = lookups.search(demo_ctx, "article", barcode)
    assert [r["code"] for r in found] == ["FERVI001"]
    found = lookups.search(demo_ctx, "article", "truciolare")
    assert "FERVI001" in [r["code"] for r in found]
    assert all("truciolare" in r["description"].lower() for r in found)


def test_the_demo_company_has_stock_documents_and_conditions(demo_ctx):
    from gamma.sales import deferred
    from models import Document, DocumentLine, Instalment, PriceRule, StockBalance
    company = demo_ctx.company
    docs = list(Document.select().where(Document.company == company))
    kinds = sorted(d.kind for d in docs)
    assert kinds == ["credit_note", "delivery_note", "delivery_note", "delivery_note",
                     "invoice", "invoice", "invoice", "quote"]
    assert [d.status for d in docs if d.number is None] == ["draft"]
    assert Instalment.select().where(Instalment.company == company).count() >= 2
    assert StockBalance.select().where(StockBalance.company == company).count() == 300
    assert PriceRule.select().where(PriceRule.company == company).count() == 2
    # The transport charge rule gave the second invoice its charge line.
    assert DocumentLine.select().where(DocumentLine.company == company,
                                       DocumentLine.line_kind == "charge").count() >= 1
    # The delivery notes wait for deferred invoicing: two customers, two invoices.
    planned = deferred.run(demo_ctx, demo_ctx.today(), dry_run=True)
    assert len(planned) == 2
