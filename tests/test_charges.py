"""Charge rules and collection charges (gamma.sales.charges): values worked out by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gamma.errors import ValidationError
from gamma.sales.charges import collection_charges, parse_tiers, rule_amount

D = Decimal
TIERS = '[[100, 5], [250.5, "7,50"], [null, 12]]'


def amount(mode, basis, value="0", rate=None, tiers=""):
    return rule_amount(mode, D(basis), value=D(value), rate=None if rate is None else D(rate),
                       tiers=tiers)


def test_percent_of_the_basis_rounded_half_up():
    assert amount("percent", "1234.56", rate="3") == D("37.04")  # 37,0368
    assert amount("percent", "0.05", rate="10") == D("0.01")  # 0,005 → 0,01
    assert amount("percent", "10.10", rate="2.5") == D("0.25")  # 0,2525
    assert amount("percent", "-0.05", rate="10") == D("-0.01")  # a return: −0,005 → −0,01


def test_percent_needs_a_rate():
    with pytest.raises(ValidationError) as caught:
        amount("percent", "100")
    assert caught.value.field == "rate"


def test_fixed_whatever_the_basis():
    assert amount("fixed", "0", value="12.5") == D("12.50")
    assert amount("fixed", "99999", value="12.5") == D("12.50")


def test_tiers_the_first_whose_up_to_covers_the_basis():
    assert amount("tiers", "0", tiers=TIERS) == D("5.00")
    assert amount("tiers", "100", tiers=TIERS) == D("5.00")  # up to 100 included
    assert amount("tiers", "100.01", tiers=TIERS) == D("7.50")
    assert amount("tiers", "250.50", tiers=TIERS) == D("7.50")
    assert amount("tiers", "250.51", tiers=TIERS) == D("12.00")  # null: above all
    assert amount("tiers", "1000000", tiers=TIERS) == D("12.00")


def test_tiers_above_every_threshold_without_null_charge_nothing():
    assert amount("tiers", "150", tiers="[[100, 5], [150, 3]]") == D("3.00")
    assert amount("tiers", "150.01", tiers="[[100, 5], [150, 3]]") == D("0.00")


def test_parse_tiers():
    assert parse_tiers(TIERS) == [(D("100"), D("5.00")), (D("250.5"), D("7.50")),
                                  (None, D("12.00"))]


@pytest.mark.parametrize("text", [
    "", "abc", "[]", "{}", "[[100]]", "[[100, 5, 1]]", "[100, 5]",
    "[[200, 5], [100, 3]]",  # not ascending
    "[[100, 5], [100, 3]]",  # repeated
    "[[null, 5], [100, 3]]",  # null not last
    '[["x", 1]]', "[[100, true]]", "[[100, null]]", '[[100, "NaN"]]',
])
def test_bad_tiers_named_in_italian(text):
    with pytest.raises(ValidationError, match=r"^Scaglioni: scaglioni come \[\[fino_a") as c:
        amount("tiers", "10", tiers=text)
    assert c.value.field == "tiers"


def test_an_unknown_mode_is_refused():
    with pytest.raises(ValidationError, match="Modalità: valore non ammesso") as caught:
        amount("weight", "10")
    assert caught.value.field == "mode"


def test_collection_charges_per_instalment():
    assert collection_charges(D("2.50"), 3) == D("7.50")  # 3 RiBa × 2,50
    assert collection_charges(D("1.55"), 1) == D("1.55")
    assert collection_charges(D("2.50"), 0) == D("0.00")
    with pytest.raises(ValidationError):
        collection_charges(D("2.50"), -1)
