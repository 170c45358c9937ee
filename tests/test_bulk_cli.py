"""gamma bulk articles | parties | rename-article | rename-party: preview, --apply, JSON,
presets, refusals on one line."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from gamma import companies, db, records
from gamma.access import operators
from gamma.context import Context
from gamma.master import article_prices, articles, parties
from models import PaymentTerm, TableEntry
from models.tables import Unit, VatCode
from tests.conftest import make_settings
from tests.test_cli import gamma  # noqa: F401  (the fixture)


def _ensure(ctx, model, code, **extra):
    where = [model.company == ctx.company, model.code == code]
    if model is TableEntry:
        where.append(TableEntry.kind == extra["kind"])
    if not model.select().where(*where).exists():
        records.insert(ctx, model, company=ctx.company, code=code, description=code, **extra)


def _ctx():
    return companies.open_company(Context(make_settings(), operator=operators.find("admin")), 1)


@pytest.fixture
def cli(gamma, db_url):  # noqa: F811
    """Articles A1, A2, A3 of family FER with list 1 from 2020; parties in zones."""
    db.connect(db_url)
    try:
        ctx = _ctx()
        _ensure(ctx, VatCode, "22", rate=Decimal("22"))
        _ensure(ctx, Unit, "NR")
        for kind, code in (("family", "FER"), ("zone", "NORD"), ("zone", "SUD")):
            _ensure(ctx, TableEntry, code, kind=kind)
        for code in ("RB60", "BB30"):
            _ensure(ctx, PaymentTerm, code)
        for code, price in (("A1", "10"), ("A2", "12.34"), ("A3", "0.99")):
            articles.save_from_form(ctx, {"code": code, "description": f"Articolo {code}",
                                          "unit": "NR", "vat_code": "22", "family": "FER"})
            article_prices.set_price(ctx, code, 1, Decimal(price), date(2020, 1, 1))
        for code, zone in (("C1", "NORD"), ("C2", "SUD")):
            parties.save_from_form(ctx, {"code": code, "name": f"Cliente {code}",
                                         "zone": zone, "payment_term": "BB30"})
    finally:
        db.close()
    return gamma


def _in_db(db_url, fn):
    db.connect(db_url)
    try:
        return fn(_ctx())
    finally:
        db.close()


PRICE_ARGS = ("bulk", "articles", "--family", "FER", "--field", "price1", "--percent", "3",
              "--round", "0,05", "--from", "01/04/2026")


def test_preview_shows_every_change_and_writes_nothing(cli, db_url):
    result = cli(*PRICE_ARGS)
    assert result.exit_code == 0, result.output
    assert "A2      price1  12,34  12,70" in result.output
    assert "A3      price1  0,99   1,00" in result.output
    assert "Anteprima: 3 variazioni su 3 record" in result.output
    price = _in_db(db_url, lambda c: article_prices.price_on(c, "A2", 1, date(2026, 4, 1)))
    assert price.price == Decimal("12.34")


def test_json_preview_and_apply(cli, db_url):
    result = cli(*PRICE_ARGS, "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["code"], Decimal(r["new"])) for r in rows] == [
        ("A1", Decimal("10.30")), ("A2", Decimal("12.70")), ("A3", Decimal("1.00"))]
    result = cli(*PRICE_ARGS, "--apply")
    assert result.exit_code == 0, result.output
    assert "Eseguite 3 variazioni su 3 record" in result.output
    day = date(2026, 4, 1)
    assert _in_db(db_url, lambda c: [article_prices.price_on(c, a, 1, day).price
                                     for a in ("A1", "A2", "A3")]) == [
        Decimal("10.30"), Decimal("12.70"), Decimal("1.00")]


def test_a_negative_price_is_refused_on_one_line_and_nothing_written(cli, db_url):
    result = cli("bulk", "articles", "--family", "FER", "--field", "price1", "--amount",
                 "-1", "--from", "01/04/2026", "--apply")
    assert result.exit_code == 1
    assert "articolo A3: il prezzo diventerebbe negativo" in result.output
    assert _in_db(db_url, lambda c: article_prices.price_on(c, "A1", 1, date(2026, 4, 1))
                  .price) == Decimal("10")


def test_payment_term_of_a_zone_with_a_preset(cli, db_url):
    result = cli("bulk", "parties", "--zone", "NORD", "--set", "payment_term=RB60",
                 "--save-preset", "nord60")
    assert result.exit_code == 0, result.output
    assert "C1      payment_term  BB30   RB60" in result.output
    assert "C2" not in result.stdout
    result = cli("bulk", "parties", "--preset", "nord60", "--apply")
    assert result.exit_code == 0, result.output
    assert _in_db(db_url, lambda c: [parties.get(c, p).payment_term.code
                                     for p in ("C1", "C2")]) == ["RB60", "BB30"]


def test_renames(cli, db_url):
    result = cli("bulk", "rename-article", "A1", "A2")
    assert result.exit_code == 1
    assert "Nuovo codice: articolo A2 già esistente" in result.output
    result = cli("bulk", "rename-article", "a1", "z1")
    assert result.exit_code == 0, result.output
    assert "Articolo A1 ora Z1" in result.output
    result = cli("bulk", "rename-party", "C1", "C9")
    assert result.exit_code == 0, result.output
    assert _in_db(db_url, lambda c: parties.get(c, "C9").zone.code) == "NORD"


def test_a_negative_percentage_and_a_range(cli):
    result = cli("bulk", "articles", "--code-from", "A2", "--code-to", "A2", "--field",
                 "price1", "--percent", "-2,5", "--json")
    assert result.exit_code == 0, result.output
    # 12,34 × 0,975 = 12,0315 (to 6 places, no step)
    assert [(r["code"], Decimal(r["new"])) for r in json.loads(result.stdout)] == [
        ("A2", Decimal("12.0315"))]
    result = cli("bulk", "parties", "--set", "zone", "--zone", "NORD")
    assert result.exit_code == 1 and "nella forma CAMPO=VALORE" in result.output
