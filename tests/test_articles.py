"""Articles: form service, numeric codes, barcodes (EAN check digits, weight/price codes,
uniqueness), dated prices and markups, party codes, links, the `article` lookup, rules."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from gamma import lookups, records
from gamma.access import field_rules, grants, operators
from gamma.access.grants import Grantee
from gamma.errors import NotFound, PermissionDenied, ValidationError
from gamma.master import article_barcodes, article_prices, article_relations, articles
from gamma.master.article_common import normalize_code
from models.article import Article, Barcode
from models.party import Party
from models.tables import TableEntry, Unit, VatCode


@pytest.fixture
def ctx(admin_ctx):
    """Company 1 with the table rows the tests use (created here, not from standard data)."""
    c = admin_ctx.company
    for code, rate in (("22", "22"), ("10", "10")):
        if not VatCode.select().where(VatCode.company == c, VatCode.code == code).exists():
            records.insert(admin_ctx, VatCode, company=c, code=code, description=f"IVA {code}%",
                           rate=Decimal(rate))
    for code in ("NR", "KG", "CF"):
        if not Unit.select().where(Unit.company == c, Unit.code == code).exists():
            records.insert(admin_ctx, Unit, company=c, code=code, description=code)
    for kind, code in (("family", "FER"), ("family", "ALI"), ("subfamily", "VIT")):
        if not TableEntry.select().where(TableEntry.company == c, TableEntry.kind == kind,
                                         TableEntry.code == code).exists():
            records.insert(admin_ctx, TableEntry, company=c, kind=kind, code=code,
                           description=code)
    return admin_ctx


def make(ctx, code="VITE6", description="Vite M6 x 20", **extra):
    values = {"code": code, "description": description, "unit": "NR", "vat_code": "22"}
    values.update(extra)
    return articles.save_from_form(ctx, values)


def test_an_article_is_created_and_read_back_with_its_tables(ctx):
    article = make(ctx, family="FER", subfamily="VIT", cost_last=Decimal("0.123456"),
                   min_stock=Decimal("10"), reorder_lot=Decimal("100"), lot_tracked=True)
    values = articles.form_values(ctx, articles.get(ctx, "vite6"))
    assert article.code == "VITE6"
    assert values["unit"] == "NR" and values["vat_code"] == "22"
    assert values["family"] == "FER" and values["subfamily"] == "VIT"
    assert values["cost_last"] == Decimal("0.123456")
    assert values["lot_tracked"] is True and values["obsolete"] is False


def test_missing_table_codes_are_refused_naming_the_field(ctx):
    with pytest.raises(ValidationError, match="Codice IVA: codice IVA 99 inesistente"):
        make(ctx, vat_code="99")
    with pytest.raises(ValidationError, match="Famiglia: codice XXX inesistente in tabella"):
        make(ctx, family="XXX")
    with pytest.raises(ValidationError, match="Fattore conversione: obbligatorio"):
        make(ctx, unit2="KG")
    make(ctx)
    with pytest.raises(ValidationError, match="Codice: articolo VITE6 già esistente"):
        make(ctx)


def test_numeric_codes_are_right_aligned_when_the_setting_asks(ctx):
    assert normalize_code(ctx, " 123 ") == "123"
    padded = dataclasses.replace(
        ctx, settings=ctx.settings.replace(**{"articles.numeric_code_width": 8}))
    assert normalize_code(padded, "123") == "00000123"
    assert normalize_code(padded, "A123") == "A123"
    with pytest.raises(ValidationError, match="Codice articolo: al massimo 20 caratteri"):
        normalize_code(ctx, "X" * 21)


def test_ean13_check_digit_is_computed_when_omitted_and_verified_when_given(ctx):
    make(ctx)
    # 8 0 0 1 2 3 4 5 6 7 8 9: odd positions 8+0+2+4+6+8 = 28, even ones 0+1+3+5+7+9 = 25,
    # 28 + 3×25 = 103, next multiple of ten 110: check digit 7.
    barcode = article_barcodes.add_barcode(ctx, "VITE6", "800123456789")
    assert (barcode.code, barcode.kind) == ("8001234567897", "ean13")
    with pytest.raises(ValidationError,
                       match=r"Codice a barre: cifra di controllo EAN-13 errata \(attesa 7\)"):
        article_barcodes.add_barcode(ctx, "VITE6", "8001234567891")


def test_ean8_upca_and_code128(ctx):
    make(ctx)
    # 1 2 3 4 5 6 7: weights 3,1,3,…: 3+2+9+4+15+6+21 = 60: check digit 0.
    assert article_barcodes.add_barcode(ctx, "VITE6", "1234567").code == "12345670"
    with pytest.raises(ValidationError, match="cifra di controllo EAN-8 errata"):
        article_barcodes.add_barcode(ctx, "VITE6", "12345671")
    assert article_barcodes.add_barcode(ctx, "VITE6", "036000291452", "upca").kind == "upca"
    assert article_barcodes.add_barcode(ctx, "VITE6", "VT-M6/20").kind == "code128"
    with pytest.raises(ValidationError, match="ASCII stampabili"):
        article_barcodes.add_barcode(ctx, "VITE6", "VITE\u00e86")


def test_a_barcode_is_unique_in_the_company_naming_the_article_that_has_it(ctx):
    make(ctx)
    make(ctx, "DADO6", "Dado M6")
    article_barcodes.add_barcode(ctx, "VITE6", "8001234567897")
    with pytest.raises(ValidationError,
                       match="Codice a barre: 8001234567897 già assegnato all'articolo VITE6"):
        article_barcodes.add_barcode(ctx, "DADO6", "800123456789")


def test_weight_and_price_embedded_codes_are_decoded(ctx):
    make(ctx, "PROSC", "Prosciutto crudo", unit="KG")
    make(ctx, "FORM", "Formaggio a peso imposto")
    article_barcodes.add_barcode(ctx, "PROSC", "2123456", "weight")
    article_barcodes.add_barcode(ctx, "FORM", "2654321", "price")
    # 2123456 + 01250 g: 2+2+4+6+1+5+0 = 20 (odd), 1+3+5+0+2+0 = 11 (even): 20+33 = 53 → 7.
    found = article_barcodes.decode_barcode(ctx, "2123456012507")
    assert found.article.code == "PROSC" and found.quantity == Decimal("1.250")
    # 2654321 + 00349 cents: 2+5+3+1+0+4 = 15, 6+4+2+0+3+9 = 24: 15+72 = 87 → 3.
    found = article_barcodes.decode_barcode(ctx, "2654321003493")
    assert found.article.code == "FORM" and found.price == Decimal("3.49")
    with pytest.raises(NotFound):
        article_barcodes.decode_barcode(ctx, "2999999012508")
    with pytest.raises(ValidationError, match="prefisso di 7 cifre che inizia con 2"):
        article_barcodes.add_barcode(ctx, "FORM", "3654321", "price")


def test_a_price_from_a_date_applies_from_that_date_not_the_day_before(ctx):
    make(ctx)
    article_prices.set_price(ctx, "VITE6", 1, Decimal("1.10"), date(2026, 1, 1))
    article_prices.set_price(ctx, "VITE6", 1, Decimal("1.25"), date(2026, 3, 1), "10+5")
    assert article_prices.price_on(ctx, "VITE6", 1, date(2026, 2, 28)).price == Decimal("1.10")
    in_force = article_prices.price_on(ctx, "VITE6", 1, date(2026, 3, 1))
    assert in_force.price == Decimal("1.25") and in_force.discounts == "10+5"
    assert article_prices.price_on(ctx, "VITE6", 2, date(2026, 3, 1)) is None
    assert article_prices.price_on(ctx, "VITE6", 1, date(2025, 12, 31)) is None
    with pytest.raises(ValidationError, match="Listino: da 1 a 8"):
        article_prices.set_price(ctx, "VITE6", 9, Decimal("1"))
    with pytest.raises(ValidationError, match="Sconti: catena di percentuali"):
        article_prices.set_price(ctx, "VITE6", 1, Decimal("1"), discounts="10++5")


def test_a_price_from_markup_on_cost_is_rounded_half_up_to_six_places(ctx):
    make(ctx, cost_last=Decimal("0.123457"))
    # 0.123457 × 1.35 = 0.16666695 → 0.166667
    row = article_prices.set_price(ctx, "VITE6", 2, markup=Decimal("35"),
                                   valid_from=date(2026, 1, 1))
    assert row.price == Decimal("0.166667") and row.markup == Decimal("35.00")
    make(ctx, "NOCOST", "Senza costo")
    with pytest.raises(ValidationError, match="Ricarico: l'articolo non ha un costo"):
        article_prices.set_price(ctx, "NOCOST", 1, markup=Decimal("10"))


def test_the_mask_prices_start_today_and_the_mask_barcode_is_added(ctx):
    make(ctx, barcode="800123456789", price1=Decimal("2.5"))
    article = articles.get(ctx, "VITE6")
    assert [b.code for b in article.barcodes] == ["8001234567897"]
    assert article_prices.price_on(ctx, article, 1).valid_from == ctx.today()
    values = articles.form_values(ctx, article)
    assert values["price1"] == Decimal("2.500000") and values["price2"] is None


def test_party_codes_texts_and_links(ctx):
    make(ctx)
    make(ctx, "VITE6B", "Vite M6 x 20 zincata")
    supplier = records.insert(ctx, Party, company=ctx.company, code="F001", name="Viterie Srl",
                              is_customer=False, is_supplier=True)
    article_relations.set_party_code(ctx, "VITE6", supplier, "VX-620", "Vite 6x20")
    assert article_relations.find_by_party_code(ctx, "F001", "VX-620").code == "VITE6"
    with pytest.raises(ValidationError, match="già assegnato all'articolo VITE6"):
        article_relations.set_party_code(ctx, "VITE6B", supplier, "VX-620")
    article_relations.set_text(ctx, "VITE6", "en", "Screw M6 x 20")
    assert [t.description for t in articles.get(ctx, "VITE6").texts] == ["Screw M6 x 20"]
    article_relations.link(ctx, "VITE6", "VITE6B", "substitute")
    assert [x.other.code for x in article_relations.links_of(
        articles.get(ctx, "VITE6"))] == ["VITE6B"]
    with pytest.raises(ValidationError, match="Tipo di collegamento: ammessi"):
        article_relations.link(ctx, "VITE6", "VITE6B", "cousin")


def test_the_article_lookup_by_code_description_and_barcode(ctx):
    make(ctx, family="FER")
    make(ctx, "PROSC", "Prosciutto crudo", family="ALI")
    article_barcodes.add_barcode(ctx, "VITE6", "8001234567897")
    article_barcodes.add_barcode(ctx, "PROSC", "2123456", "weight")
    codes = lambda typed, **f: [r["code"] for r in lookups.get("article").search(  # noqa: E731
        ctx, typed, f, 50)]
    assert codes("vi") == ["VITE6"]
    assert codes("crudo") == ["PROSC"]
    assert codes("8001234567897") == ["VITE6"]
    assert codes("2123456012507") == ["PROSC"]
    assert codes("", family="ALI") == ["PROSC"]


def test_a_field_hidden_for_a_group_takes_its_default_in_the_service(ctx):
    operators.add_group(ctx, "banco")
    operators.add(ctx, "lucia", "password-l", groups=("banco",))
    grants.grant_functions(ctx, Grantee.of_group("banco"), ["121", "122"])
    field_rules.set_rule(ctx, "article", "vat_code", Grantee.of_group("banco"), hidden=True,
                         default="10")
    field_rules.set_rule(ctx, "article", "min_stock", Grantee.of_group("banco"), hidden=True,
                         default="5")
    lucia = dataclasses.replace(ctx, operator=operators.find("lucia"))
    article = articles.save_from_form(lucia, {"code": "PANE", "description": "Pane"})
    assert article.vat_code.code == "10" and article.min_stock == Decimal("5.000")
    with pytest.raises(ValidationError, match="Codice IVA: campo nascosto"):
        articles.save_from_form(lucia, {"code": "PANE2", "description": "Pane", "vat_code": "22"})


def test_writing_needs_the_article_function(ctx):
    operators.add(ctx, "ugo", "password-u")
    ugo = dataclasses.replace(ctx, operator=operators.find("ugo"))
    with pytest.raises(PermissionDenied):
        make(ugo)
    assert not Article.select().exists() and not Barcode.select().exists()


def test_the_prices_sub_mask_writes_changed_lists_from_its_day(ctx):
    make(ctx)
    article_prices.set_price(ctx, "VITE6", 1, Decimal("1.10"), date(2026, 1, 1), "10")
    values = article_prices.form_values(ctx, articles.get(ctx, "VITE6"), date(2026, 3, 1))
    assert values["price1"] == Decimal("1.10") and values["discounts1"] == "10"
    values.update(price2=Decimal("0.95"), discounts1="10+5")
    written = article_prices.save_from_form(ctx, "VITE6", values)
    assert [(r.list_number, r.price, r.discounts) for r in written] == [
        (1, Decimal("1.10"), "10+5"), (2, Decimal("0.95"), "")]
    assert article_prices.price_on(ctx, "VITE6", 1, date(2026, 2, 28)).discounts == "10"
    with pytest.raises(ValidationError, match="Listino 4 prezzo: indicare il prezzo"):
        article_prices.save_from_form(ctx, "VITE6", {"valid_from": date(2026, 3, 1),
                                                     "discounts4": "5"})


def test_the_barcodes_sub_mask_adds_and_removes_codes_naming_the_row(ctx):
    make(ctx)
    make(ctx, "DADO6", "Dado M6")
    article_barcodes.add_barcode(ctx, "DADO6", "12345670")
    article_barcodes.add_barcode(ctx, "VITE6", "VT-M6")
    codes = article_barcodes.save_from_form(ctx, "VITE6", {"barcode1": "800123456789",
                                                           "barcode3": "036000291452",
                                                           "kind3": "upca"})
    assert [(b.code, b.kind) for b in codes] == [("8001234567897", "ean13"),
                                                 ("036000291452", "upca")]
    with pytest.raises(ValidationError, match="Codice a barre 2: cifra di controllo EAN-13"):
        article_barcodes.save_from_form(ctx, "VITE6", {"barcode2": "8001234567891"})
    with pytest.raises(ValidationError,
                       match="Codice a barre 1: 12345670 già assegnato all'articolo DADO6"):
        article_barcodes.save_from_form(ctx, "VITE6", {"barcode1": "1234567"})
    assert article_barcodes.form_values(articles.get(ctx, "VITE6")) == {
        "barcode1": "8001234567897", "kind1": "ean13", "barcode2": "036000291452",
        "kind2": "upca"}


def test_costs_and_prices_are_sensitive_data(ctx):
    make(ctx, cost_last=Decimal("2.5"), price1=Decimal("4"))
    operators.add(ctx, "ugo", "password-u")
    grants.grant_functions(ctx, Grantee.of_operator("ugo"), ["121", "122"])
    ugo = dataclasses.replace(ctx, operator=operators.find("ugo"))
    # Without groups an operator sees prices but not costs.
    values = articles.form_values(ugo, articles.get(ugo, "VITE6"))
    assert values["cost_last"] is None and values["price1"] == Decimal("4")
    with pytest.raises(ValidationError, match="Ultimo costo: dato riservato"):
        articles.save_from_form(ugo, {**values, "cost_last": Decimal("1")}, "VITE6")
    articles.save_from_form(ugo, {**values, "description": "Vite M6 x 20 zincata"}, "VITE6")
    assert articles.get(ctx, "VITE6").cost_last == Decimal("2.5")  # kept as stored
    records.update(ctx, operators.find("ugo"), see_prices=False)
    assert articles.form_values(ugo, articles.get(ugo, "VITE6"))["price1"] is None
    with pytest.raises(PermissionDenied, match="Prezzi non visibili all'operatore UGO"):
        article_prices.set_price(ugo, "VITE6", 1, Decimal("5"))
    with pytest.raises(PermissionDenied):
        article_prices.form_values(ugo, articles.get(ugo, "VITE6"))


def test_the_languages_sub_mask(ctx):
    make(ctx)
    rows = article_relations.save_texts(ctx, "VITE6", {"language1": "EN", "text1": "Screw",
                                                       "language3": "de", "text3": "Schraube"})
    assert [(r.language, r.description) for r in rows] == [("en", "Screw"), ("de", "Schraube")]
    article_relations.save_texts(ctx, "VITE6", {"language1": "de", "text1": "Schraube M6"})
    assert article_relations.texts_form_values(articles.get(ctx, "VITE6")) == {
        "language1": "de", "text1": "Schraube M6"}
    with pytest.raises(ValidationError, match="Lingua 2: lingua de già indicata"):
        article_relations.save_texts(ctx, "VITE6", {"language1": "de", "text1": "a",
                                                    "language2": "de", "text2": "b"})
    with pytest.raises(ValidationError, match="Descrizione 1: obbligatoria con la lingua"):
        article_relations.save_texts(ctx, "VITE6", {"language1": "fr"})


def test_deleting_an_article_takes_its_prices_and_barcodes(ctx):
    make(ctx, barcode="800123456789", price1=Decimal("1"))
    make(ctx, "DADO6", "Dado M6")
    article_relations.link(ctx, "DADO6", "VITE6", "alternative")
    articles.delete(ctx, "vite6")
    assert [a.code for a in Article.select()] == ["DADO6"]
    assert not Barcode.select().exists()
    assert article_relations.links_of(articles.get(ctx, "DADO6")) == []
    with pytest.raises(NotFound, match="Articolo VITE6 inesistente"):
        articles.delete(ctx, "VITE6")


def test_the_code_prefix_range_keeps_codes_with_punctuation(ctx):
    for n, code in enumerate(("VI-1", "VI", "VIZ9", "VJ", "V-J", "VH")):
        make(ctx, code, f"Prova {n}")
    codes = lambda typed: [r["code"] for r in lookups.get("article").search(  # noqa: E731
        ctx, typed, {}, 50)]
    assert codes("vi") == ["VI", "VI-1", "VIZ9"]
    assert codes("VI-") == ["VI-1"]
    assert codes("V-") == ["V-J"]


def test_the_article_lookup_by_a_suppliers_own_code(ctx):
    make(ctx)
    make(ctx, "DADO6", "Dado M6")
    supplier = records.insert(ctx, Party, company=ctx.company, code="F001", name="Viterie Srl",
                              is_customer=False, is_supplier=True)
    article_relations.set_party_code(ctx, "VITE6", supplier, "VX-620")
    article_relations.set_party_code(ctx, "DADO6", supplier, "DX-6")
    rows = lookups.get("article").search(ctx, "VX", {"party": "f001"}, 50)
    assert [(r["code"], r["found"]) for r in rows] == [("VITE6", "VX-620")]
    assert lookups.get("article").search(ctx, "VX", {}, 50) == []


def test_every_coded_field_of_the_article_forms_names_an_existing_lookup():
    from gamma import forms
    from gamma.master.article_form import ARTICLE, BARCODES, PRICES, TEXTS
    for form in (ARTICLE, PRICES, BARCODES, TEXTS):
        assert forms.get(form.name) is form
        for field in form.fields:
            if field.lookup:
                assert lookups.get(field.lookup).name == field.lookup, field.name
            assert len(field.label) <= 21, field.label  # the mask's label area
    assert {f.lookup for f in ARTICLE.fields} >= {"article", "unit", "vat_code",
                                                  "table_family", "table_article_grouping6"}
