"""The options of the statistics: ranges, unmoved items, funnel, price bands, delivered vs
returned, gifts, cost by valuation, a changed document, sources together, the agent of
the card or of the movement, the drill-down, and specs refused in Italian."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from gamma.errors import ValidationError
from gamma.master import articles, parties, tables
from gamma.sales import amend
from gamma.sales import stock as sales_stock
from gamma.stats import engine
from gamma.stats.spec import StatSpec
from tests.sales_fixtures import d, issue, prepare

MARCH = date(2026, 3, 10)
YEAR = {"date_from": date(2026, 1, 1), "date_to": date(2026, 12, 31)}


@pytest.fixture
def ctx(admin_ctx):
    prepare(admin_ctx)
    return admin_ctx


def sell(ctx, customer: str, lines: list, kind: str = "invoice", **extra):
    return issue(ctx, {"kind": kind, "date": MARCH, "customer": customer, "lines": [
        {"article": a, "qty": q, "price": p} for a, q, p in lines], **extra}).document


def by_first(result, measure: str = "revenue") -> dict:
    return {r.keys[0]: r.values[measure] for r in result.rows if r.level == 0}


def test_ranges_compare_digit_codes_as_numbers(ctx):
    for family in ("7", "12", "20", "A1"):
        tables.save(ctx, "family", {"code": family, "description": f"Famiglia {family}"})
        articles.save_from_form(ctx, {"code": f"F{family}", "description": "Prova",
                                      "unit": "NR", "vat_code": "22", "family": family})
    sell(ctx, "C001", [("F7", "1", "7"), ("F12", "1", "12"), ("F20", "1", "20"),
                       ("FA1", "1", "1")])
    spec = StatSpec(elements=("family",), measures=("revenue",),
                    filters={"family": (("5", "10"), ("15", "29"))}, **YEAR)
    # 7 is within 5-10 as a number (not as text, where "7" > "10"); A1 is not a number.
    assert by_first(engine.run(ctx, spec)) == {"7": d("7.00"), "20": d("20.00")}
    text = StatSpec(elements=("family",), measures=("revenue",),
                    filters={"family": (("A0", "B9"),)}, **YEAR)
    assert by_first(engine.run(ctx, text)) == {"A1": d("1.00")}


def test_unmoved_customers_of_an_area_and_articles_an_agent_did_not_sell(ctx):
    tables.save(ctx, "area", {"code": "XN", "description": "Nord"})
    tables.save(ctx, "area", {"code": "XS", "description": "Sud"})
    tables.save(ctx, "agent", {"code": "AG1", "name": "Mario Rossi"})
    for code, area in (("C101", "XN"), ("C102", "XN"), ("C103", "XS")):
        parties.save_from_form(ctx, {"code": code, "name": f"Cliente {code}", "area": area})
    sell(ctx, "C101", [("A22", "2", "10")], agent="AG1")
    sell(ctx, "C103", [("A10", "1", "5")])
    spec = StatSpec(elements=("customer",), measures=("qty", "revenue"),
                    filters={"customer_area": (("XN", "XN"),)}, include_unmoved=True, **YEAR)
    result = engine.run(ctx, spec)
    assert by_first(result) == {"C101": d("20.00"), "C102": d("0.00")}
    assert result.total().values["revenue"] == d("20.00")
    unsold = StatSpec(elements=("article",), measures=("qty",),
                      filters={"agent": (("AG1", "AG1"),)}, include_unmoved=True, **YEAR)
    assert by_first(engine.run(ctx, unsold), "qty") == {
        "A04": d("0.000"), "A10": d("0.000"), "A22": d("2.000")}


def test_funnel_keeps_the_top_items_up_to_the_share(ctx):
    for n, price in enumerate(("50", "30", "15", "5"), start=1):
        parties.save_from_form(ctx, {"code": f"K{n}", "name": f"Cliente K{n}"})
        sell(ctx, f"K{n}", [("A22", "1", price)])
    spec = StatSpec(elements=("customer",), measures=("revenue", "share"), funnel=d("80"),
                    **YEAR)
    result = engine.run(ctx, spec)
    # 50 % then 50 + 30 = 80 %: reached, the rest left out.
    assert [r.keys[0] for r in result.details()] == ["K1", "K2"]
    assert [r.values["share"] for r in result.details()] == [d("50.00"), d("30.00")]
    more = StatSpec(elements=("customer",), measures=("revenue",), funnel=d("80.5"), **YEAR)
    assert [r.keys[0] for r in engine.run(ctx, more).details()] == ["K1", "K2", "K3"]


def test_price_bands_by_the_net_unit_price(ctx):
    sell(ctx, "C001", [("A22", "2", "5"), ("A22", "1", "20"), ("A10", "1", "60"),
                       ("A04", "3", "150"), ("A04", "1", "10")], discounts="")
    spec = StatSpec(elements=("price_band",), measures=("qty", "revenue"),
                    price_bands=(d("10"), d("50"), d("100")), **YEAR)
    result = engine.run(ctx, spec)
    assert [(r.keys[0], r.values["qty"], r.values["revenue"]) for r in result.details()] == [
        ("0-10", d("2.000"), d("10.00")), ("10-50", d("2.000"), d("30.00")),
        ("50-100", d("1.000"), d("60.00")), ("100+", d("3.000"), d("450.00"))]


def test_delivered_against_returned(ctx):
    sell(ctx, "C001", [("A22", "10", "10")])
    sell(ctx, "C001", [("A22", "2", "10")], kind="delivery_note", subkind="return")
    sell(ctx, "C001", [("A22", "1", "10")], kind="credit_note")
    spec = StatSpec(elements=("article",), measures=(
        "qty_delivered", "qty_returned", "revenue_delivered", "revenue_returned", "return_pct",
        "qty"), **YEAR)
    [row] = engine.run(ctx, spec).details()
    assert row.values == {"qty_delivered": d("10.000"), "qty_returned": d("3.000"),
                          "revenue_delivered": d("100.00"), "revenue_returned": d("30.00"),
                          "return_pct": d("30.00"), "qty": d("7.000")}


def test_weight_from_the_article_net_weight(ctx):
    # A22 weighs 0,250 kg, A10 1,5 kg; A04 has no weight. Sold: 10 A22 and 3 A10; a
    # credit note takes back 2 A22 → 8 × 0,250 = 2,000 kg + 3 × 1,5 = 4,500 kg: 6,500 kg.
    articles.save_from_form(ctx, {"code": "A22", "description": "Vite inox M6",
                                  "net_weight": "0,25"}, "A22")
    articles.save_from_form(ctx, {"code": "A10", "description": "Pasta di semola",
                                  "net_weight": "1,5"}, "A10")
    sell(ctx, "C001", [("A22", "10", "10"), ("A10", "3", "5"), ("A04", "4", "2")])
    sell(ctx, "C001", [("A22", "2", "10")], kind="credit_note")
    spec = StatSpec(elements=("article",), measures=("qty", "weight"), **YEAR)
    result = engine.run(ctx, spec)
    assert {r.keys[0]: r.values["weight"] for r in result.details()} == {
        "A04": d("0.000"), "A10": d("4.500"), "A22": d("2.000")}
    assert result.total().values["weight"] == d("6.500")


def test_gifts_shown_or_not(ctx):
    issue(ctx, {"kind": "invoice", "date": MARCH, "customer": "C001", "lines": [
        {"article": "A22", "qty": "4", "price": "10"},
        {"article": "A22", "qty": "1", "price": "10", "gift": "free"}]})
    shown = StatSpec(elements=("article",), measures=("qty", "revenue", "gross"), **YEAR)
    [row] = engine.run(ctx, shown).details()
    assert (row.values["qty"], row.values["revenue"], row.values["gross"]) == (
        d("5.000"), d("40.00"), d("50.00"))
    hidden = StatSpec(elements=("article",), measures=("qty", "avg_discount"), gifts=False,
                      **YEAR)
    [row] = engine.run(ctx, hidden).details()
    assert (row.values["qty"], row.values["avg_discount"]) == (d("4.000"), d("0.00"))


def test_campaign_prices_shown_or_not(ctx):
    from gamma.sales import price_rules
    price_rules.add(ctx, "campaign", article="A10", price=d("4"), description="Primavera",
                    valid_from=date(2026, 3, 1), valid_to=date(2026, 3, 31))
    issue(ctx, {"kind": "invoice", "date": MARCH, "customer": "C001", "lines": [
        {"article": "A10", "qty": "3"}, {"article": "A22", "qty": "1"}]})
    spec = StatSpec(elements=("article",), measures=("revenue",), **YEAR)
    # A10 at the campaign's 4,00 (list 5,50): 12,00; A22 at its list price.
    assert by_first(engine.run(ctx, spec)) == {"A10": d("12.00"), "A22": d("10.00")}
    without = StatSpec(elements=("article",), measures=("revenue",), campaigns=False, **YEAR)
    assert by_first(engine.run(ctx, without)) == {"A22": d("10.00")}


def test_cost_and_margin_by_valuation_method(ctx):
    articles.save_from_form(ctx, {"code": "V1", "description": "Valvola", "unit": "NR",
                                  "vat_code": "22", "cost_standard": "3.5"})
    depot = tables.find(ctx, "depot", "01")
    reason = tables.find(ctx, "stock_reason", "CAR")
    from gamma import db
    from gamma.master.article_common import find_article
    with db.transaction():
        v1 = find_article(ctx, "V1").id
        sales_stock.move(ctx, [
            {"article": v1, "depot": depot.id, "reason": reason, "date": date(2026, 1, 5),
             "qty": d("10"), "unit_value": d("4")},
            {"article": v1, "depot": depot.id, "reason": reason, "date": date(2026, 2, 5),
             "qty": d("10"), "unit_value": d("6")}])
    sell(ctx, "C001", [("V1", "12", "10")])

    def cost(method: str) -> dict:
        spec = StatSpec(elements=("article",), measures=("revenue", "cost", "margin",
                                                           "margin_pct", "markup"),
                        cost=method, **YEAR)
        return engine.run(ctx, spec).details()[0].values

    # Left on 31/12: 8. FIFO keeps the last load (6,00), LIFO the first (4,00), the moving
    # average 5,00; the statistic values the 12 sold at that unit cost.
    assert cost("fifo")["cost"] == d("72.00")
    assert cost("lifo")["cost"] == d("48.00")
    moving = cost("moving-average")
    assert (moving["cost"], moving["margin"], moving["margin_pct"], moving["markup"]) == (
        d("60.00"), d("60.00"), d("50.00"), d("100.00"))
    assert cost("standard")["cost"] == d("42.00")  # 12 × 3,50 from the card


def test_a_changed_document_counts_once_with_its_new_lines(ctx):
    done = sell(ctx, "C001", [("A22", "3", "10")])
    spec = StatSpec(elements=("customer",), measures=("qty", "revenue"), **YEAR)
    mark = engine.last_journal_id(ctx)
    amend.amend(ctx, done.id, {"lines": [{"article": "A22", "qty": "5", "price": "10"}]})
    assert by_first(engine.run(ctx, spec)) == {"C001": d("50.00")}
    [delta] = engine.aggregate(ctx, spec, after_id=mark)  # only the rows added since
    assert delta.sums["revenue"] == d("20.00") and delta.sums["qty"] == d("2")


def test_sales_and_orders_together_and_by_source(ctx):
    issue(ctx, {"kind": "customer_order", "date": MARCH, "customer": "C001",
                "lines": [{"article": "A22", "qty": "4", "price": "10"}]})
    sell(ctx, "C001", [("A22", "2", "10")])
    spec = StatSpec(elements=("source",), measures=("qty",), sources=("sales", "orders"),
                    **YEAR)
    result = engine.run(ctx, spec)
    assert by_first(result, "qty") == {"orders": d("4.000"), "sales": d("2.000")}
    assert result.total().values["qty"] == d("6.000")
    only = StatSpec(elements=("customer",), measures=("qty",), **YEAR)
    assert by_first(engine.run(ctx, only), "qty") == {"C001": d("2.000")}


def test_the_agent_of_the_card_or_of_the_movement(ctx):
    tables.save(ctx, "agent", {"code": "AG1", "name": "Mario Rossi"})
    tables.save(ctx, "agent", {"code": "AG2", "name": "Luca Bianchi"})
    parties.save_from_form(ctx, {"code": "C201", "name": "Cliente", "agent": "AG2"})
    sell(ctx, "C201", [("A22", "1", "10")], agent="AG1")
    movement = StatSpec(elements=("agent",), measures=("revenue",), **YEAR)
    card = StatSpec(elements=("agent",), measures=("revenue",), agent_from="customer", **YEAR)
    assert by_first(engine.run(ctx, movement)) == {"AG1": d("10.00")}
    assert by_first(engine.run(ctx, card)) == {"AG2": d("10.00")}


def test_quarters_weeks_and_the_drill_down(ctx):
    first = sell(ctx, "C001", [("A22", "1", "10")])  # Tuesday 10/03/2026, ISO week 11
    issue(ctx, {"kind": "invoice", "date": date(2026, 4, 2), "customer": "C001",
                "lines": [{"article": "A10", "qty": "2", "price": "5"}]})
    quarters = StatSpec(elements=("quarter", "week"), measures=("revenue",), **YEAR)
    result = engine.run(ctx, quarters)
    assert [r.keys for r in result.details()] == [("2026-Q1", "2026-W11"),
                                                  ("2026-Q2", "2026-W14")]
    table = engine.to_table(result)
    assert table.details()[0].cells["quarter"] == "1° trimestre 2026"
    rows = engine.movements(ctx, quarters, {"quarter": "2026-Q1", "week": "2026-W11"})
    assert [(m["document"], m["revenue"]) for m in rows] == [(first.id, d("10.00"))]
    by_customer = StatSpec(elements=("customer", "month"), measures=("revenue",), **YEAR)
    rows = engine.movements(ctx, by_customer, {"customer": "C001", "month": "2026-04"})
    assert [(m["article"], m["qty"]) for m in rows] == [("A10", d("2"))]


@pytest.mark.parametrize("period, keys, within", [
    ("year", ["2026", "2026"], None),  # a comparison takes periods within the year
    ("half", ["2026-H1", "2026-H2"], ["H1", "H2"]),
    ("quarter", ["2026-Q2", "2026-Q3"], ["Q2", "Q3"]),
    ("month", ["2026-06", "2026-07"], ["06", "07"]),
    # 30 June 2026 is a Tuesday of ISO week 27; 1 July 2026 a Wednesday of the same week.
    ("week", ["2026-W27", "2026-W27"], ["W27", "W27"]),
    ("day", ["2026-06-30", "2026-07-01"], ["06-30", "07-01"]),
])
def test_every_period_keys_alike_on_both_engines(ctx, period, keys, within):
    # Two invoices either side of midyear: 30/06 and 01/07/2026.
    for day, price in ((date(2026, 6, 30), "10"), (date(2026, 7, 1), "20")):
        issue(ctx, {"kind": "invoice", "date": day, "customer": "C001",
                    "lines": [{"article": "A22", "qty": "1", "price": price}]})
    spec = StatSpec(elements=(period,), measures=("revenue",), **YEAR)
    got = {r.keys[0]: r.values["revenue"] for r in engine.run(ctx, spec).details()}
    want: dict = {}
    for key, amount in zip(keys, (d("10.00"), d("20.00"))):
        want[key] = want.get(key, Decimal(0)) + amount
    assert got == want
    if within:
        compared = StatSpec(elements=(period,), measures=("revenue",), compare_years=2,
                            **YEAR)
        assert [r.keys[0] for r in engine.run(ctx, compared).details()] == sorted(set(within))


@pytest.mark.parametrize("changes, field, words", [
    ({"elements": ("customer", "colour")}, "elements", "«colour» sconosciuto"),
    ({"measures": ()}, "measures", "almeno una misura"),
    ({"compare_years": 7}, "compare_years", "da 1 a 6"),
    ({"compare_years": 2}, "compare_years", "servono la data iniziale e la finale"),
    ({"filters": {"family": (("1", "2"),) * 7}}, "filters", "da 1 a 6 intervalli"),
    ({"funnel": Decimal("0")}, "funnel", "oltre 0 e fino a 100"),
    ({"price_bands": (Decimal("50"), Decimal("10"))}, "price_bands", "positivi crescenti"),
    ({"cost": "magic"}, "cost", "fifo, lifo"),
    ({"date_from": date(2026, 2, 1), "date_to": date(2026, 1, 1)}, "date_to",
     "non può precedere"),
])
def test_a_bad_spec_is_refused_naming_the_field(changes, field, words):
    with pytest.raises(ValidationError) as caught:
        StatSpec(**changes).validate()
    assert caught.value.field == field and words in caught.value.message


def test_a_spec_goes_to_json_and_back():
    spec = StatSpec(elements=("agent", "customer", "month"), measures=("revenue", "margin"),
                    compare_years=3, filters={"family": (("5", "10"), ("15", "29"))},
                    funnel=Decimal("80"), price_bands=(Decimal("10"),), cost="fifo", **YEAR)
    import json
    assert StatSpec.from_params(json.loads(json.dumps(spec.to_params()))) == spec
