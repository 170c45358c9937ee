"""Bulk changes (141): selections, price list +% rounded to a step from a date, preview
without writing, apply all or nothing with audit, party fields by zone, code renames."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from gamma import records
from gamma.errors import ValidationError
from gamma.master import article_prices, articles, bulk, party_destinations, parties
from gamma.master.bulk import Change, FieldSet, PriceChange, round_to_step
from gamma.master.bulk_select import Selection
from models import Party, PaymentTerm, TableEntry
from models.article import Article, ArticlePrice, PartyArticleCode
from models.audit import AuditEntry
from models.tables import Unit, VatCode

START = date(2026, 4, 1)


def _ensure(ctx, model, code, **extra):
    where = [model.company == ctx.company, model.code == code]
    if model is TableEntry:
        where.append(TableEntry.kind == extra["kind"])
    if not model.select().where(*where).exists():
        records.insert(ctx, model, company=ctx.company, code=code, description=code, **extra)


@pytest.fixture
def ctx(admin_ctx):
    """Articles A1, A2, A3 of family FER (list 1: 10,00; 12,34; 0,99 from 2020) and B1 of
    family ALI (list 1: 5,00); parties C1, C2 in zone NORD and C3 in zone SUD."""
    c = admin_ctx
    _ensure(c, VatCode, "22", rate=Decimal("22"))
    _ensure(c, Unit, "NR")
    for kind, code in (("family", "FER"), ("family", "ALI"), ("zone", "NORD"),
                       ("zone", "SUD")):
        _ensure(c, TableEntry, code, kind=kind)
    for code in ("RB60", "BB30"):
        _ensure(c, PaymentTerm, code)
    for code, family, price in (("A1", "FER", "10.00"), ("A2", "FER", "12.34"),
                                ("A3", "FER", "0.99"), ("B1", "ALI", "5.00")):
        articles.save_from_form(c, {"code": code, "description": f"Articolo {code}",
                                    "unit": "NR", "vat_code": "22", "family": family})
        article_prices.set_price(c, code, 1, Decimal(price), date(2020, 1, 1), "10")
    for code, zone in (("C1", "NORD"), ("C2", "NORD"), ("C3", "SUD")):
        parties.save_from_form(c, {"code": code, "name": f"Cliente {code}", "zone": zone,
                                   "payment_term": "BB30"})
    return c


def fer():
    return Selection().add("family", "FER")


PLUS_3 = PriceChange(1, percent=Decimal("3"), step=Decimal("0.05"), valid_from=START)


def _price(ctx, code, day):
    return article_prices.price_on(ctx, code, 1, day).price


def test_rounding_to_a_step_is_half_up():
    assert round_to_step(Decimal("12.7102"), Decimal("0.05")) == Decimal("12.70")
    assert round_to_step(Decimal("1.0197"), Decimal("0.05")) == Decimal("1.00")
    assert round_to_step(Decimal("1.025"), Decimal("0.05")) == Decimal("1.05")
    assert round_to_step(Decimal("1.075"), Decimal("0.1")) == Decimal("1.1")
    assert round_to_step(Decimal("1.0000005"), None) == Decimal("1.000001")


def test_preview_of_list_1_plus_3_percent_worked_by_hand_writes_nothing(ctx):
    prices_before = ArticlePrice.select().count()
    audit_before = AuditEntry.select().count()
    lines = bulk.preview_articles(ctx, fer(), [PLUS_3])
    # 10,00 × 1,03 = 10,30; 12,34 × 1,03 = 12,7102 → 12,70; 0,99 × 1,03 = 1,0197 → 1,00
    assert lines == [Change("A1", "price1", Decimal("10.00"), Decimal("10.30")),
                     Change("A2", "price1", Decimal("12.34"), Decimal("12.70")),
                     Change("A3", "price1", Decimal("0.99"), Decimal("1.00"))]
    assert ArticlePrice.select().count() == prices_before
    assert AuditEntry.select().count() == audit_before


def test_apply_writes_new_dated_rows_and_keeps_the_history(ctx):
    done = bulk.apply_articles(ctx, fer(), [PLUS_3])
    assert len(done) == 3
    assert _price(ctx, "A1", START) == Decimal("10.30")
    assert _price(ctx, "A2", START) == Decimal("12.70")
    assert _price(ctx, "A3", START) == Decimal("1.00")
    assert _price(ctx, "A2", date(2026, 3, 31)) == Decimal("12.34")  # before the start
    assert _price(ctx, "B1", START) == Decimal("5.00")  # not in the selection
    row = article_prices.price_on(ctx, "A2", 1, START)
    assert row.valid_from == START and row.discounts == "10"  # discounts kept
    assert len(article_prices.history(articles.get(ctx, "A2"), 1)) == 2
    entries = (AuditEntry.select().where(AuditEntry.function_code == "141",
                                         AuditEntry.table_name == "article_price",
                                         AuditEntry.action == "insert"))
    assert entries.count() == 3


def test_an_amount_and_several_values_of_a_field(ctx):
    selection = Selection(code_from="A2").add("family", "FER,ALI")
    change = PriceChange(1, amount=Decimal("-0.5"), valid_from=START)
    lines = bulk.preview_articles(ctx, selection, [change])
    assert [(c.code, c.new) for c in lines] == [("A2", Decimal("11.840000")),
                                                ("A3", Decimal("0.490000")),
                                                ("B1", Decimal("4.500000"))]


def test_a_failing_record_rolls_back_every_record(ctx):
    minus_1 = PriceChange(1, amount=Decimal("-1"), valid_from=START)
    with pytest.raises(ValidationError, match="articolo A3: il prezzo diventerebbe negativo"):
        bulk.apply_articles(ctx, fer(), [minus_1])
    assert _price(ctx, "A1", START) == Decimal("10.00")  # A1 had been written, undone
    assert ArticlePrice.select().where(ArticlePrice.valid_from == START).count() == 0
    values = articles.form_values(ctx, articles.get(ctx, "A2"))
    articles.save_from_form(ctx, {**values, "price1": None, "barcode": None,
                                  "lot_tracked": True}, code="A2")
    with pytest.raises(ValidationError, match="lotti e matricole non insieme"):  # A2's rule
        bulk.apply_articles(ctx, fer(), [PLUS_3, FieldSet("serial_tracked", "S")])
    assert articles.get(ctx, "A1").serial_tracked is False  # A1 had been written, undone
    assert ArticlePrice.select().where(ArticlePrice.valid_from == START).count() == 0
    with pytest.raises(ValidationError, match="Famiglia: codice XXX inesistente"):
        bulk.apply_articles(ctx, fer(), [PLUS_3, FieldSet("family", "XXX")])
    assert ArticlePrice.select().where(ArticlePrice.valid_from == START).count() == 0


def test_an_article_field_is_set_on_the_selection(ctx):
    lines = bulk.apply_articles(ctx, fer(), [FieldSet("obsolete", "S"),
                                             FieldSet("family", "ali")])
    assert {(c.code, c.field, c.old, c.new) for c in lines} == {
        (code, f, old, new) for code in ("A1", "A2", "A3")
        for f, old, new in (("obsolete", "N", "S"), ("family", "FER", "ALI"))}
    a1 = articles.get(ctx, "A1")
    assert a1.obsolete is True and a1.family.code == "ALI"
    assert _price(ctx, "A1", START) == Decimal("10.00")  # prices untouched
    assert bulk.preview_articles(ctx, Selection().add("family", "ALI"),
                                 [FieldSet("family", "ALI")]) == []


def test_payment_term_of_a_zone_is_changed(ctx):
    north = Selection().add("zone", "NORD")
    change = [FieldSet("payment_term", "RB60")]
    assert bulk.preview_parties(ctx, north, change) == [
        Change("C1", "payment_term", "BB30", "RB60"),
        Change("C2", "payment_term", "BB30", "RB60")]
    assert parties.get(ctx, "C1").payment_term.code == "BB30"  # preview wrote nothing
    bulk.apply_parties(ctx, north, change)
    assert [parties.get(ctx, c).payment_term.code for c in ("C1", "C2", "C3")] == [
        "RB60", "RB60", "BB30"]
    assert AuditEntry.select().where(AuditEntry.function_code == "141",
                                     AuditEntry.table_name == "party",
                                     AuditEntry.action == "update").count() == 2
    with pytest.raises(ValidationError, match="Pagamento: codice XX99 inesistente"):
        bulk.preview_parties(ctx, Selection(), [FieldSet("payment_term", "xx99")])
    with pytest.raises(ValidationError, match="codice XX99 inesistente"):
        bulk.apply_parties(ctx, Selection(), [FieldSet("payment_term", "XX99")])
    assert parties.get(ctx, "C3").payment_term.code == "BB30"


def test_unknown_or_forbidden_fields_are_refused(ctx):
    with pytest.raises(ValidationError, match="non selezionabile"):
        bulk.preview_parties(ctx, Selection().add("colour", "X"), [FieldSet("zone", "SUD")])
    with pytest.raises(ValidationError, match="non modificabile in blocco"):
        bulk.preview_parties(ctx, Selection(), [FieldSet("code", "X")])
    with pytest.raises(ValidationError, match="almeno una variazione"):
        bulk.preview_articles(ctx, fer(), [])
    with pytest.raises(ValidationError, match="percentuale oppure l'importo"):
        bulk.preview_articles(ctx, fer(), [PriceChange(1)])


def test_selection_by_supplier_role_and_range(ctx):
    supplier = parties.save_from_form(ctx, {"code": "F1", "name": "Fornitore",
                                            "is_customer": False, "is_supplier": True})
    records.insert(ctx, PartyArticleCode, company=ctx.company, party=supplier,
                   article=articles.get(ctx, "A2"), code="X-2")
    got = bulk.bulk_select.articles(ctx, Selection().add("supplier", "F1"))
    assert [a.code for a in got] == ["A2"]
    got = bulk.bulk_select.parties(ctx, Selection().add("role", "F"))
    assert [p.code for p in got] == ["F1"]
    got = bulk.bulk_select.parties(ctx, Selection(code_from="C2", code_to="C3"))
    assert [p.code for p in got] == ["C2", "C3"]


def test_rename_is_refused_when_the_code_exists_and_keeps_the_ids(ctx):
    with pytest.raises(ValidationError, match="Nuovo codice: articolo A2 già esistente"):
        bulk.rename_article(ctx, "A1", "A2")
    a1 = articles.get(ctx, "A1")
    price_ids = [p.id for p in article_prices.history(a1)]
    renamed = bulk.rename_article(ctx, "a1", "z1")
    assert renamed.id == a1.id and renamed.code == "Z1"
    assert [p.id for p in article_prices.history(articles.get(ctx, "Z1"))] == price_ids
    assert Article.get_or_none(Article.code == "A1") is None

    with pytest.raises(ValidationError, match="anagrafica C2 già presente"):
        bulk.rename_party(ctx, "C1", "C2")
    c1 = parties.get(ctx, "C1")
    destination = party_destinations.add_destination(ctx, "C1", {"name": "Magazzino"})
    bulk.rename_party(ctx, "C1", "C100")
    moved = parties.get(ctx, "C100")
    assert moved.id == c1.id
    assert [d.id for d in party_destinations.list_destinations(ctx, "C100")] == [
        destination.id]
    assert Party.get_or_none(Party.code == "C1") is None
    entry = (AuditEntry.select().where(AuditEntry.table_name == "party",
                                       AuditEntry.function_code == "141")
             .order_by(AuditEntry.id.desc()).first())
    assert '"C1"' in entry.changes and '"C100"' in entry.changes


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_screen_previews_and_applies_after_s(ctx, settings, clock):
    import asyncio

    from screens.master.bulk import BulkChanges, BulkPreview
    from tests.test_admin_screens import app_for, fill, open_code, started
    from tests.tui_helpers import SIZE, screen_text

    async def scenario():
        app = app_for(settings, clock)
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "141")
            assert isinstance(app.screen, BulkChanges)
            await fill(pilot, None, None, None, "family", "FER", None, None, "1", "3", None,
                       "0,05", "01/04/2026")
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, BulkPreview)
            text = screen_text(app)
            assert "Anteprima: 3 variazioni su 3 record" in text
            assert "A2                   price1         12,34              12,70" in text
            await pilot.press("n")
            await pilot.pause()
            assert "nulla è stato scritto" in screen_text(app)
            assert _price(ctx, "A2", START) == Decimal("12.34")
            await pilot.press("f10")
            await pilot.pause()
            await pilot.press("s")
            await pilot.pause()
            assert "Eseguite 3 variazioni su 3 record" in screen_text(app)
    asyncio.run(scenario())
    assert _price(ctx, "A2", START) == Decimal("12.70")


def test_a_record_another_operator_is_editing_refuses_the_whole_change(ctx):
    import dataclasses

    from gamma import locks
    from gamma.access import operators
    from gamma.errors import RecordLocked

    operators.add(ctx, "mario", "password-m", name="Mario Rossi")
    mario = dataclasses.replace(ctx, operator=operators.find("mario"))
    locks.acquire(mario, articles.get(ctx, "A3"))
    with pytest.raises(RecordLocked, match="A3 in uso da .*variazioni non eseguite"):
        bulk.apply_articles(ctx, fer(), [PLUS_3])
    assert ArticlePrice.select().where(ArticlePrice.valid_from == START).count() == 0
    with pytest.raises(RecordLocked):
        bulk.rename_article(ctx, "A3", "Z3")
    assert len(bulk.preview_articles(ctx, fer(), [PLUS_3])) == 3  # the preview still shows
