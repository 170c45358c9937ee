"""Field rules: hidden, read-only, default, range, list; for everybody, a group, an operator."""

from __future__ import annotations

import dataclasses

import pytest

from gamma.access import field_rules, operators
from gamma.access.grants import Grantee
from gamma.errors import ValidationError

FORM = "customer"
LABELS = {"zone": "Zona", "payment_term": "Condizione di pagamento", "vat_code": "Codice IVA"}


@pytest.fixture
def lucia(admin_ctx):
    operators.add_group(admin_ctx, "banco")
    operators.add(admin_ctx, "lucia", "password-l", groups=("banco",))
    return dataclasses.replace(admin_ctx, operator=operators.find("lucia"))


def test_a_field_hidden_for_a_group_is_absent_for_it_and_takes_its_default(admin_ctx, lucia):
    field_rules.set_rule(admin_ctx, FORM, "zone", Grantee.of_group("banco"), hidden=True,
                         default="NORD")
    rules = field_rules.resolve(lucia, FORM)
    assert rules["zone"].hidden
    assert field_rules.apply(lucia, FORM, {"name": "Rossi"}, LABELS) == {
        "name": "Rossi", "zone": "NORD"}
    # Not for the administrator, who is not in the group.
    assert "zone" not in field_rules.resolve(admin_ctx, FORM)
    with pytest.raises(ValidationError, match="Zona: campo nascosto per l'operatore LUCIA"):
        field_rules.apply(lucia, FORM, {"zone": "SUD"}, LABELS)


def test_a_range_names_the_field_and_the_rule(admin_ctx, lucia):
    field_rules.set_rule(admin_ctx, FORM, "payment_term", None, min_value="1", max_value="10")
    field_rules.apply(lucia, FORM, {"payment_term": "10"}, LABELS)
    with pytest.raises(ValidationError) as err:
        field_rules.apply(lucia, FORM, {"payment_term": "12"}, LABELS)
    assert err.value.message == ("Condizione di pagamento: valore 12 oltre il massimo 10 "
                                 "consentito dalla regola del campo")
    assert err.value.field == "payment_term"


def test_a_list_of_allowed_values(admin_ctx, lucia):
    field_rules.set_rule(admin_ctx, FORM, "vat_code", None, allowed=["22", "10"])
    field_rules.apply(lucia, FORM, {"vat_code": "10"}, LABELS)
    with pytest.raises(ValidationError, match=r"Codice IVA: valore 4 non ammesso .*22, 10"):
        field_rules.apply(lucia, FORM, {"vat_code": "4"}, LABELS)


def test_the_most_specific_level_wins_attribute_by_attribute(admin_ctx, lucia):
    field_rules.set_rule(admin_ctx, FORM, "zone", None, default="CENTRO", read_only=True)
    field_rules.set_rule(admin_ctx, FORM, "zone", Grantee.of_group("banco"), default="NORD")
    field_rules.set_rule(admin_ctx, FORM, "zone", Grantee.of_operator("lucia"),
                         read_only=False)
    rule = field_rules.resolve(lucia, FORM)["zone"]
    assert (rule.default, rule.read_only) == ("NORD", False)
    everybody = field_rules.resolve(admin_ctx, FORM)["zone"]
    assert (everybody.default, everybody.read_only) == ("CENTRO", True)


def test_a_read_only_field_keeps_its_stored_value_when_editing(admin_ctx, lucia):
    field_rules.set_rule(admin_ctx, FORM, "zone", Grantee.of_group("banco"), read_only=True)
    assert field_rules.apply(lucia, FORM, {"zone": "NORD"}, LABELS,
                             current={"zone": "NORD"}) == {"zone": "NORD"}
    with pytest.raises(ValidationError, match="Zona: campo in sola lettura"):
        field_rules.apply(lucia, FORM, {"zone": "SUD"}, LABELS, current={"zone": "NORD"})


def test_setting_a_rule_needs_the_function(lucia):
    from gamma.errors import PermissionDenied
    with pytest.raises(PermissionDenied, match="924 «Regole dei campi»"):
        field_rules.set_rule(lucia, FORM, "zone", None, hidden=True)


def test_a_rule_with_no_constraint_is_refused(admin_ctx):
    with pytest.raises(ValidationError, match="indicare almeno un vincolo"):
        field_rules.set_rule(admin_ctx, FORM, "zone", None)
