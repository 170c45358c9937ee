"""The pricing engine (gamma.sales.pricing) and the price conditions service
(gamma.sales.price_rules): lists by date, customer lists, special prices, discount classes,
campaigns, quantity breaks, n×m promotions, parametric lists, last prices, the configured
priority, divisors, explain; invalid conditions refused naming the field."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from gamma import records
from gamma.access import grants, operators
from gamma.access.grants import Grantee
from gamma.errors import PermissionDenied, ValidationError
from gamma.master import article_prices, articles
from gamma.sales import price_rules, pricing
from models import AuditEntry
from models.party import Party
from models.pricing import LastPrice, PriceRule
from models.tables import Agent, PaymentTerm, TableEntry, Unit, VatCode

D = Decimal


def _ensure(ctx, model, code, **extra):
    where = [model.company == ctx.company, model.code == code]
    if model is TableEntry:
        where.append(TableEntry.kind == extra["kind"])
    row = model.select().where(*where).first()
    if row is None:
        text = {"name": code} if model is Agent else {"description": code}
        row = records.insert(ctx, model, company=ctx.company, code=code, **text, **extra)
    return row


@pytest.fixture
def ctx(admin_ctx):
    """Company 1 with tables, three customers and four articles with list prices."""
    c = admin_ctx
    _ensure(c, VatCode, "22", rate=D("22"))
    _ensure(c, Unit, "NR")
    for kind, code in (("family", "FER"), ("family", "ALI"), ("category", "GROSS"),
                       ("zone", "NORD"), ("zone", "SUD"), ("freight_term", "FRA"),
                       ("freight_term", "ASS")):
        _ensure(c, TableEntry, code, kind=kind)
    agent = _ensure(c, Agent, "AG1")
    rb30 = _ensure(c, PaymentTerm, "RB30")
    entry = lambda kind, code: TableEntry.get(TableEntry.company == c.company,  # noqa: E731
                                              TableEntry.kind == kind, TableEntry.code == code)
    records.insert(c, Party, company=c.company, code="ROSSI", name="Rossi srl", price_list=2,
                   category=entry("category", "GROSS"), zone=entry("zone", "NORD"),
                   agent=agent, payment_term=rb30)
    records.insert(c, Party, company=c.company, code="BIANCHI", name="Bianchi spa",
                   price_list=1, discounts="3", category=entry("category", "GROSS"),
                   zone=entry("zone", "SUD"))
    records.insert(c, Party, company=c.company, code="VERDI", name="Verdi snc", price_list=1)
    for code, family in (("VITE", "FER"), ("BULL", "FER"), ("ACQUA", "ALI"), ("CHIODI", "FER")):
        articles.save_from_form(c, {"code": code, "description": code, "unit": "NR",
                                    "vat_code": "22", "family": family})
    article_prices.set_price(c, "VITE", 1, D("10"), date(2026, 1, 1))
    article_prices.set_price(c, "VITE", 1, D("12"), date(2026, 4, 1))
    article_prices.set_price(c, "VITE", 2, D("9.50"), date(2026, 1, 1), "5")
    article_prices.set_price(c, "VITE", 3, D("11"), date(2026, 1, 1))
    article_prices.set_price(c, "BULL", 1, D("2"), date(2026, 1, 1))
    article_prices.set_price(c, "ACQUA", 1, D("0.45"), date(2026, 1, 1))
    article_prices.set_price(c, "CHIODI", 1, D("1.23455"), date(2026, 1, 1), divisor=100)
    return c


DAY = date(2026, 3, 10)


def sale(ctx, article="VITE", qty="1", day=DAY, customer=None, **extra):
    return pricing.sale_from_codes(ctx, article, D(qty), day, customer, **extra)


def q(ctx, *args, **kwargs):
    return pricing.quote(ctx, sale(ctx, *args, **kwargs))


def chosen(result):
    return [(c.kind, c.note) for c in result.candidates if c.chosen]


# -- lists ------------------------------------------------------------------------------

def test_the_list_price_in_force_on_the_day_a_later_start_taking_effect_on_its_day(ctx):
    before = q(ctx, day=date(2026, 3, 31))
    on = q(ctx, day=date(2026, 4, 1))
    assert (before.price, before.discounts, before.free_qty) == (D("10"), "", 0)
    assert before.source == "Listino 1 dal 01/01/2026"
    assert (on.price, on.source) == (D("12"), "Listino 1 dal 01/04/2026")
    assert q(ctx, day=date(2025, 12, 31)).price is None  # no price yet: the line asks for it


def test_the_customer_list_with_its_discounts_then_the_partys_own(ctx):
    rossi = q(ctx, customer="ROSSI")  # list 2, row discounts 5
    assert (rossi.price, rossi.discounts, rossi.price_list) == (D("9.5"), "5", 2)
    assert rossi.net == D("9.025000")
    assert chosen(rossi) == [("customer_list", "vincente: prezzo e sconti")]
    bianchi = q(ctx, customer="BIANCHI")  # list 1 without discounts, the party's 3
    assert (bianchi.price, bianchi.discounts, bianchi.net) == (D("10"), "3", D("9.7"))
    document_list = q(ctx, customer="ROSSI", price_list=3)  # the document's list wins
    assert (document_list.price, document_list.discounts) == (D("11"), "")


def test_a_divisor_of_100_gives_the_unit_price_to_6_decimals(ctx):
    result = q(ctx, article="CHIODI", qty="250")
    # 1,23455 per 100 pieces → 0,0123455 → 0,012346 (half up)
    assert result.price == D("0.012346")
    assert result.source == "Listino 1 dal 01/01/2026 (prezzo per 100)"


# -- conditions -------------------------------------------------------------------------

def test_a_customer_article_net_price_beats_the_list(ctx):
    rule = price_rules.add(ctx, "customer_article", party="ROSSI", article="VITE",
                           price=D("8.25"), valid_from=date(2026, 3, 1))
    result = q(ctx, customer="ROSSI")
    assert (result.price, result.discounts) == (D("8.25"), "")  # a net price: no list discounts
    assert result.source == "Prezzo speciale cliente/articolo dal 01/03/2026"
    winner = next(c for c in result.candidates if c.chosen)
    assert (winner.rule_id, winner.note) == (rule.id, "vincente: prezzo")
    listed = next(c for c in result.candidates if c.kind == "customer_list")
    assert listed.note == "prezzo: viene prima customer_article"  # its "5" goes with its price
    assert q(ctx, customer="ROSSI", day=date(2026, 2, 28)).price == D("9.5")  # not yet
    assert q(ctx, customer="BIANCHI").price == D("10")  # another customer


def test_customer_family_discounts_on_the_list_price(ctx):
    price_rules.add(ctx, "customer_family", party="ROSSI", family="FER", discounts="10+5")
    result = q(ctx, customer="ROSSI")
    assert (result.price, result.discounts) == (D("9.5"), "10+5")
    assert result.net == D("8.122500")  # 9,50 × 0,90 × 0,95
    assert result.discount_source == "Condizione cliente/famiglia"
    assert result.source == "Listino 2 dal 01/01/2026"
    assert q(ctx, article="ACQUA", customer="ROSSI").discounts == ""  # another family


def test_category_family_discount_class_and_customer_family_before_it(ctx):
    price_rules.add(ctx, "category_family", category="GROSS", family="FER", discounts="20")
    bianchi = q(ctx, customer="BIANCHI")
    assert (bianchi.price, bianchi.discounts, bianchi.net) == (D("10"), "20", D("8"))
    assert q(ctx, customer="VERDI").discounts == ""  # no category
    price_rules.add(ctx, "customer_family", party="ROSSI", family="FER", discounts="12")
    rossi = q(ctx, customer="ROSSI")
    assert rossi.discounts == "12"
    loser = next(c for c in rossi.candidates if c.kind == "category_family")
    assert not loser.chosen and loser.note == "sconti: viene prima customer_family"


def test_a_campaign_applies_only_within_its_dates(ctx):
    price_rules.add(ctx, "campaign", article="VITE", price=D("7"), description="Primavera",
                    valid_from=date(2026, 3, 1), valid_to=date(2026, 3, 15))
    assert q(ctx, customer="VERDI", day=date(2026, 2, 28)).price == D("10")
    first = q(ctx, customer="VERDI", day=date(2026, 3, 1))
    assert (first.price, first.source) == (D("7"), "Campagna Primavera 01/03/2026-15/03/2026")
    assert q(ctx, customer="VERDI", day=date(2026, 3, 15)).price == D("7")
    assert q(ctx, customer="VERDI", day=date(2026, 3, 16)).price == D("10")


def test_quantity_breaks_take_the_highest_minimum_not_above_the_quantity(ctx):
    price_rules.add(ctx, "quantity_break", article="BULL", min_qty=D("10"), discounts="5")
    price_rules.add(ctx, "quantity_break", article="BULL", min_qty=D("50"), discounts="10")
    price_rules.add(ctx, "quantity_break", article="BULL", min_qty=D("100"), price=D("1.6"))
    nine, ten, fifty = (q(ctx, "BULL", n, customer="VERDI") for n in ("9", "10", "50"))
    assert (nine.price, nine.discounts) == (D("2"), "")
    assert (ten.price, ten.discounts, ten.net) == (D("2"), "5", D("1.9"))
    assert (fifty.price, fifty.discounts, fifty.net) == (D("2"), "10", D("1.8"))
    assert fifty.discount_source == "Scaglione di quantità da 50"
    lower = next(c for c in fifty.candidates if c.discounts == "5")
    assert lower.note == "sconti: battuta da una condizione dello stesso tipo: scaglione inferiore"
    hundred = q(ctx, "BULL", "100", customer="VERDI")
    # the 100 break gives a price only; the discounts come from the next break giving them
    assert (hundred.price, hundred.discounts, hundred.net) == (D("1.6"), "10", D("1.44"))


def test_a_3x2_promotion_gives_free_units_and_keeps_the_price(ctx):
    price_rules.add(ctx, "promotion", article="ACQUA", buy_qty=3, pay_qty=2,
                    description="3x2 estate")
    seven = q(ctx, "ACQUA", "7", customer="VERDI")
    assert (seven.price, seven.discounts, seven.free_qty) == (D("0.45"), "", D("2"))
    assert q(ctx, "ACQUA", "2", customer="VERDI").free_qty == 0
    assert q(ctx, "ACQUA", "9", customer="VERDI").free_qty == D("3")
    assert q(ctx, "VITE", "9", customer="VERDI").free_qty == 0
    no_promotions = dataclasses.replace(ctx, settings=ctx.settings.replace(
        **{"pricing.priority": "customer_article,customer_list"}))
    ignored = pricing.quote(no_promotions, sale(ctx, "ACQUA", "7"))
    assert ignored.free_qty == 0
    assert ignored.candidates[-1].note == "tipo assente da pricing.priority: non applicata"


def test_parametric_lists_agent_family_and_zone_freight_terms(ctx):
    price_rules.add(ctx, "parametric", agent="AG1", family="FER", price_list=3)
    price_rules.add(ctx, "parametric", zone="SUD", freight_terms="FRA", discounts="3+2")
    rossi = q(ctx, customer="ROSSI")  # agent AG1 from the party
    assert (rossi.price, rossi.discounts) == (D("11"), "")
    assert rossi.source == "Listino parametrico famiglia/agente"
    assert q(ctx, customer="VERDI", agent="AG1").price == D("11")  # the document's agent
    assert q(ctx, customer="VERDI").price == D("10")
    bianchi = q(ctx, customer="BIANCHI", freight_terms="FRA")  # zone SUD from the party
    assert (bianchi.price, bianchi.discounts) == (D("10"), "3+2")
    assert bianchi.net == D("9.506000")  # 10 × 0,97 × 0,98
    assert q(ctx, customer="BIANCHI", freight_terms="ASS").discounts == "3"  # the party's own
    assert q(ctx, customer="BIANCHI", zone="NORD", freight_terms="FRA").discounts == "3"


def test_the_last_price_agreed_with_the_customer(ctx):
    c = ctx
    records.insert(c, LastPrice, company=c.company, party=pricing.find_party(c, "VERDI"),
                   article=articles.get(c, "VITE"), date=date(2026, 2, 5),
                   price=D("9.123456"), discounts="2")
    result = q(ctx, customer="VERDI")
    assert (result.price, result.discounts) == (D("9.123456"), "2")
    assert result.net == D("8.940987")  # 9,123456 × 0,98 = 8,94098688
    assert result.source == "Ultimo prezzo del 05/02/2026"
    assert q(ctx, customer="VERDI", day=date(2026, 2, 4)).price == D("10")  # not yet agreed


def test_the_configured_priority_changes_the_winner(ctx):
    price_rules.add(ctx, "customer_article", party="ROSSI", article="VITE", price=D("8.25"))
    records.insert(ctx, LastPrice, company=ctx.company, party=pricing.find_party(ctx, "ROSSI"),
                   article=articles.get(ctx, "VITE"), date=date(2026, 3, 2), price=D("8"))
    assert q(ctx, customer="ROSSI").price == D("8.25")
    last_first = dataclasses.replace(ctx, settings=ctx.settings.replace(
        **{"pricing.priority": "last_price,customer_article,customer_list"}))
    result = pricing.quote(last_first, sale(ctx, customer="ROSSI"))
    assert (result.price, result.source) == (D("8"), "Ultimo prezzo del 02/03/2026")
    special = next(c for c in result.candidates if c.kind == "customer_article")
    assert special.note == "prezzo: viene prima last_price"
    list_only = dataclasses.replace(ctx, settings=ctx.settings.replace(
        **{"pricing.priority": "customer_list"}))
    assert pricing.quote(list_only, sale(ctx, customer="ROSSI")).price == D("9.5")


def test_within_a_kind_more_keys_then_priority_then_later_start_win(ctx):
    price_rules.add(ctx, "parametric", family="FER", price=D("9"))
    price_rules.add(ctx, "parametric", family="FER", zone="NORD", price=D("8"))
    assert q(ctx, customer="ROSSI").price == D("8")  # two keys beat one
    price_rules.add(ctx, "parametric", family="FER", zone="NORD", price=D("7.5"),
                    valid_from=date(2026, 2, 1))
    assert q(ctx, customer="ROSSI").price == D("7.5")  # the later start
    price_rules.add(ctx, "parametric", family="FER", zone="NORD", price=D("7.9"), priority=5)
    result = q(ctx, customer="ROSSI")
    assert result.price == D("7.9")  # the higher priority
    notes = [c.note for c in result.candidates if c.kind == "parametric" and not c.chosen]
    assert notes == [
        "prezzo: battuta da una condizione dello stesso tipo: priorità inferiore",
        "prezzo: battuta da una condizione dello stesso tipo: priorità inferiore",
        "prezzo: battuta da una condizione dello stesso tipo: meno chiavi"]


def test_a_rule_giving_price_and_discounts_gives_both_when_first_for_price(ctx):
    price_rules.add(ctx, "customer_family", party="ROSSI", family="FER", discounts="10")
    price_rules.add(ctx, "campaign", article="VITE", price=D("9"), discounts="4",
                    valid_from=date(2026, 3, 1), valid_to=date(2026, 3, 31))
    result = q(ctx, customer="ROSSI")  # campaign precedes customer_family in the default
    assert (result.price, result.discounts) == (D("9"), "4")
    rule = PriceRule.get(PriceRule.kind == "customer_family")
    price_rules.update(ctx, rule.id, kind="customer_article", article="VITE")
    result = q(ctx, customer="ROSSI")  # now first, but it gives no price
    assert (result.price, result.discounts) == (D("9"), "4")


def test_explain_names_the_winner_and_the_losers(ctx):
    price_rules.add(ctx, "customer_article", party="ROSSI", article="VITE", price=D("8.25"),
                    discounts="2")
    text = pricing.explain(ctx, sale(ctx, customer="ROSSI", qty="10"))
    assert "Articolo VITE, cliente ROSSI, quantità 10, al 10/03/2026, listino 2" in text
    assert "Prezzo:  8,25  (Prezzo speciale cliente/articolo)" in text
    assert "Sconti:  2  (Prezzo speciale cliente/articolo)" in text
    assert "Netto:   8,085" in text
    assert " * customer_article #" in text and "vincente: prezzo e sconti" in text
    assert "   customer_list: Listino 2 dal 01/01/2026; prezzo 9,50, sconti 5" in text


# -- the conditions service --------------------------------------------------------------

@pytest.mark.parametrize("kind, values, message", [
    ("sconto", {}, "Tipo condizione: ammessi customer_article"),
    ("customer_article", {"party": "NESSUNO", "article": "VITE", "price": D("1")},
     "Cliente: codice NESSUNO inesistente in anagrafica"),
    ("customer_article", {"party": "ROSSI", "article": "NOPE", "price": D("1")},
     "Articolo: Articolo NOPE inesistente"),
    ("customer_family", {"party": "ROSSI", "family": "XXX", "discounts": "5"},
     "Famiglia: codice 'XXX' inesistente in Famiglie articoli"),
    ("category_family", {"category": "XXX", "family": "FER", "discounts": "5"},
     "Categoria: codice 'XXX' inesistente"),
    ("parametric", {"zone": "XXX", "discounts": "5"}, "Zona: codice 'XXX' inesistente"),
    ("parametric", {"freight_terms": "XXX", "discounts": "5"}, "Porto: codice 'XXX'"),
    ("parametric", {"agent": "XXX", "discounts": "5"}, "Agente: codice 'XXX'"),
    ("parametric", {"payment_term": "XXX", "discounts": "5"},
     "Condizione di pagamento: codice 'XXX'"),
    ("customer_article", {"party": "ROSSI", "price": D("1")}, "Articolo: obbligatorio"),
    ("campaign", {"price": D("1"), "valid_from": date(2026, 3, 1)},
     "Valida fino al: obbligatorio per il tipo campaign"),
    ("campaign", {"price": D("1"), "valid_from": date(2026, 3, 1),
                  "valid_to": date(2026, 2, 1)}, "Valida fino al: non può precedere"),
    ("parametric", {"family": "FER", "discounts": "120"}, "Sconti: catena di percentuali"),
    ("parametric", {"family": "FER", "price": D("-1")}, "Prezzo: non può essere negativo"),
    ("parametric", {"family": "FER", "price": D("1.0000001")}, "Prezzo: al massimo 6 decimali"),
    ("parametric", {"family": "FER", "price_list": 9}, "Listino: da 1 a 8"),
    ("parametric", {"family": "FER", "price": D("1"), "price_list": 2},
     "Listino: indicare il prezzo o il listino, non entrambi"),
    ("parametric", {"family": "FER"}, "Prezzo: indicare un prezzo, un listino o degli sconti"),
    ("parametric", {"price": D("1")}, "Tipo condizione: un listino parametrico indica"),
    ("quantity_break", {"article": "BULL", "discounts": "5"},
     "Quantità minima: obbligatorio per il tipo quantity_break"),
    ("promotion", {"article": "ACQUA", "buy_qty": 2, "pay_qty": 2},
     "Quantità acquistata: maggiore della quantità pagata"),
    ("promotion", {"article": "ACQUA", "buy_qty": 3, "pay_qty": 0},
     "Quantità pagata: maggiore di zero"),
    ("promotion", {"article": "ACQUA", "buy_qty": 3, "pay_qty": 2, "price": D("1")},
     "Prezzo: una promozione dà merce in omaggio"),
    ("parametric", {"family": "FER", "discounts": "5", "buy_qty": 3},
     "Quantità acquistata: solo per le promozioni"),
])
def test_invalid_conditions_are_refused_naming_the_field(ctx, kind, values, message):
    with pytest.raises(ValidationError) as caught:
        price_rules.add(ctx, kind, **values)
    assert str(caught.value).startswith(message), str(caught.value)
    assert not PriceRule.select().exists()


def test_conditions_are_audited_listed_changed_and_deleted(ctx):
    rule = price_rules.add(ctx, "customer_article", party="rossi", article="vite",
                           price=D("8.25"))
    assert rule.party.code == "ROSSI" and rule.article.code == "VITE"
    entry = AuditEntry.select().where(AuditEntry.table_name == "price_rule").get()
    assert (entry.action, entry.function_code, entry.record_key) == ("insert", "222",
                                                                     str(rule.id))
    price_rules.update(ctx, rule.id, price=D("8.10"), valid_from=date(2026, 3, 1))
    assert PriceRule.get_by_id(rule.id).price == D("8.1")
    with pytest.raises(ValidationError, match="Articolo: obbligatorio"):
        price_rules.update(ctx, rule.id, article="")
    price_rules.add(ctx, "parametric", family="FER", discounts="5")
    assert [r.kind for r in price_rules.list_rules(ctx)] == ["customer_article", "parametric"]
    assert [r.id for r in price_rules.list_rules(ctx, party="ROSSI")] == [rule.id]
    values = price_rules.as_values(rule)
    assert values["party"] == "ROSSI" and values["family"] is None
    price_rules.delete(ctx, rule.id)
    assert [r.kind for r in price_rules.list_rules(ctx)] == ["parametric"]
    actions = [e.action for e in AuditEntry.select().where(AuditEntry.table_name == "price_rule")
               .order_by(AuditEntry.id)]
    assert actions == ["insert", "update", "insert", "delete"]


def test_conditions_need_their_function_and_the_query_needs_its_own(ctx):
    operators.add(ctx, "ugo", "password-u")
    ugo = dataclasses.replace(ctx, operator=operators.find("ugo"))
    with pytest.raises(PermissionDenied, match="222"):
        price_rules.add(ugo, "parametric", family="FER", discounts="5")
    with pytest.raises(PermissionDenied, match="221"):
        pricing.explain(ugo, sale(ctx))
    grants.grant_functions(ctx, Grantee.of_operator("ugo"), ["221"])
    assert "Prezzo:  10,00" in pricing.explain(ugo, sale(ctx))
    assert not PriceRule.select().exists()


def test_a_sale_from_unknown_codes_names_the_field(ctx):
    with pytest.raises(ValidationError, match="Cliente: codice NOPE inesistente"):
        sale(ctx, customer="NOPE")
    with pytest.raises(ValidationError, match="Porto: codice 'X' inesistente"):
        sale(ctx, freight_terms="X")
    with pytest.raises(ValidationError, match="Quantità: deve essere maggiore di zero"):
        sale(ctx, qty="0")


def test_a_return_matches_quantity_breaks_by_its_size_and_gets_no_free_units(ctx):
    price_rules.add(ctx, "quantity_break", article="ACQUA", min_qty=D("10"), discounts="5")
    price_rules.add(ctx, "promotion", article="ACQUA", buy_qty=3, pay_qty=2)
    result = pricing.quote(ctx, dataclasses.replace(sale(ctx, "ACQUA", "12"), qty=D("-12")))
    assert (result.price, result.discounts, result.free_qty) == (D("0.45"), "5", 0)
