"""Parties: identifiers validated with python-stdnum, ABI/CAB from the IBAN, roles,
field rules in the service, destinations, lookups, deactivated and blocked parties."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from stdnum.eu import vat as eu_vat

from gamma import lookups
from gamma.access import field_rules, grants, operators
from gamma.access.grants import GrantChange, Grantee
from gamma.errors import GammaError, NotFound, ValidationError
from gamma.master import parties, party_destinations, party_rules
from models import PaymentTerm, TableEntry

IVA = "00743110157"
CF_PERSON = "RSSMRA85T10A562S"
IBAN_IT = "IT60X0542811101000000123456"


def add(ctx, code="C001", **values):
    return parties.save_from_form(ctx, {"code": code, "name": f"Ditta {code}", **values})


def test_a_valid_italian_party_is_saved_with_its_identifiers(admin_ctx):
    party = add(admin_ctx, vat_number=IVA, tax_code=IVA, sdi_code="abc1234",
                pec="rossi@pec.it", credit_limit=Decimal("1500.50"), discounts="10+5")
    assert (party.vat_number, party.tax_code, party.sdi_code) == (IVA, IVA, "ABC1234")
    assert party.credit_limit == Decimal("1500.50") and party.discounts == "10+5"
    assert parties.roles(party) == "C" and party.country == "IT"
    person = add(admin_ctx, "C002", tax_code=CF_PERSON.lower())
    assert person.tax_code == CF_PERSON


@pytest.mark.parametrize("field,value,rule", [
    ("vat_number", "12345678901", "partita IVA italiana non valida"),
    ("tax_code", "RSSMRA85T10A562X", "codice fiscale non valido"),
    ("iban", "IT60X0542811101000000123457", "IBAN non valido"),
    ("sdi_code", "ABC12", "esattamente 7 caratteri"),
    ("sdi_code", "XXXXXXX", "solo per le anagrafiche estere"),
    ("pec", "rossi.pec.it", "indirizzo di posta elettronica non valido"),
    ("discounts", "10+x", "catena di percentuali"),
    ("discounts", "100", "catena di percentuali"),
    ("price_list", "9", "da 1 a 8"),
    ("province", "M1", "sigla di 2 lettere"),
])
def test_invalid_identifiers_are_refused_naming_field_and_rule(admin_ctx, field, value, rule):
    label = parties.PARTY.field(field).label
    with pytest.raises(ValidationError) as err:
        add(admin_ctx, **{field: value})
    assert err.value.field == field
    assert err.value.message.startswith(f"{label}: ")
    assert rule in err.value.rule
    assert not list(parties.Party.select())


@pytest.mark.parametrize("country,number", [
    ("DE", "DE136695976"), ("FR", "FR40303265045"), ("ES", "ESA28015865"),
    ("AT", "U13585627"), ("NL", "NL004495445B01")])
def test_valid_foreign_vat_numbers_are_accepted(admin_ctx, country, number):
    party = add(admin_ctx, country=country, vat_number=number)
    assert eu_vat.is_valid(party.vat_number)
    assert party.vat_number.startswith(country)
    assert party.sdi_code == "XXXXXXX"  # foreign parties receive no SDI code


def test_a_foreign_vat_number_is_checked_by_its_country_and_non_eu_is_free(admin_ctx):
    with pytest.raises(ValidationError, match="Partita IVA: partita IVA non valida per il "
                                              "formato di DE"):
        add(admin_ctx, country="DE", vat_number="DE136695977")
    with pytest.raises(ValidationError, match="Codice destinatario: per le anagrafiche estere"):
        add(admin_ctx, country="FR", vat_number="FR40303265045", sdi_code="ABC1234")
    assert add(admin_ctx, "C009", country="US", vat_number="98-7654321").vat_number \
        == "987654321"


def test_abi_and_cab_are_taken_from_an_italian_iban(admin_ctx):
    party = add(admin_ctx, iban="it60 x054 2811 1010 0000 0123 456")
    assert (party.iban, party.abi, party.cab) == (IBAN_IT, "05428", "11101")
    foreign = add(admin_ctx, "C002", iban="DE89370400440532013000")
    assert (foreign.abi, foreign.cab) == ("", "")


def test_coded_fields_are_resolved_in_the_company_or_refused(admin_ctx):
    PaymentTerm.create(company=admin_ctx.company, code="XB30", description="Bonifico 30 gg")
    TableEntry.create(company=admin_ctx.company, kind="zone", code="XNORD", description="Nord")
    TableEntry.create(company=admin_ctx.company, kind="party_grouping3", code="G3",
                      description="Gruppo 3")
    party = add(admin_ctx, payment_term="xb30", zone="XNORD", grouping3="G3")
    assert party.payment_term.code == "XB30" and party.zone.code == "XNORD"
    assert parties.form_values(party)["grouping3"] == "G3"
    with pytest.raises(ValidationError, match="Zona: codice XSUD inesistente"):
        add(admin_ctx, "C002", zone="XSUD")
    with pytest.raises(ValidationError, match="Raggruppamento 1: codice G3 inesistente"):
        add(admin_ctx, "C003", grouping1="G3")  # G3 is a grouping-3 code, not grouping 1


def test_changing_a_party_keeps_what_is_not_given(admin_ctx):
    add(admin_ctx, vat_number=IVA, city="Milano")
    party = parties.save_from_form(admin_ctx, {"city": "Torino", "is_supplier": True}, "c001")
    assert (party.city, party.vat_number, parties.roles(party)) == ("Torino", IVA, "CF")
    with pytest.raises(ValidationError, match="Cliente: indicare cliente, fornitore"):
        parties.save_from_form(admin_ctx, {"is_customer": False, "is_supplier": False},
                               "C001")
    with pytest.raises(ValidationError, match="Codice: anagrafica C001 già presente"):
        add(admin_ctx)


@pytest.fixture
def lucia(admin_ctx):
    operators.add_group(admin_ctx, "banco")
    operators.add(admin_ctx, "lucia", "password-l", groups=("banco",))
    grants.grant(admin_ctx, Grantee.of_group("banco"),
                 GrantChange(functions=("111", "112"), companies=(1,)))
    return dataclasses.replace(admin_ctx, operator=operators.find("lucia"))


def test_a_field_hidden_for_a_group_takes_its_default_in_the_service(admin_ctx, lucia):
    for field, default in (("price_list", "3"), ("sales_block", "S")):
        field_rules.set_rule(admin_ctx, "party", field, Grantee.of_group("banco"),
                             hidden=True, default=default)
    field_rules.set_rule(admin_ctx, "party", "block_reason", Grantee.of_group("banco"),
                         default="Da verificare")
    party = add(lucia)
    assert (party.price_list, party.sales_block, party.block_reason) == (
        3, True, "Da verificare")
    with pytest.raises(ValidationError, match="Listino: campo nascosto"):
        add(lucia, "C002", price_list=5)
    assert add(admin_ctx, "C003", price_list=5).price_list == 5  # not for the administrator


def test_deactivated_party_names_its_replacement_and_blocked_is_flagged(admin_ctx):
    add(admin_ctx, "C002")
    add(admin_ctx, "C001", active=False, replaced_by="C002")
    with pytest.raises(parties.PartyDeactivated) as err:
        parties.use_party(admin_ctx, "C001")
    assert err.value.message == "Cliente C001 disattivato: sostituito da C002"
    assert err.value.replacement.code == "C002"
    add(admin_ctx, "C003", sales_block=True, block_reason="Insoluti")
    use = parties.use_party(admin_ctx, "C003")
    assert use.blocked and use.block_reason == "Insoluti"
    assert use.warning == "Cliente C003 bloccato per le vendite: Insoluti"
    assert not parties.use_party(admin_ctx, "C002").blocked
    with pytest.raises(ValidationError, match="C002 non è un fornitore"):
        parties.use_party(admin_ctx, "C002", "supplier")
    with pytest.raises(ValidationError, match="Motivo del blocco: obbligatorio"):
        add(admin_ctx, "C004", sales_block=True)
    with pytest.raises(ValidationError, match="Sostituito da: anagrafica C999 inesistente"):
        add(admin_ctx, "C005", replaced_by="C999")


def test_destinations_are_numbered_and_removed(admin_ctx):
    add(admin_ctx)
    party_destinations.add_destination(admin_ctx, "C001", {"name": "Magazzino",
                                                           "city": "Lodi"})
    party_destinations.add_destination(admin_ctx, "C001", {"name": "Negozio"})
    listed = party_destinations.list_destinations(admin_ctx, "C001")
    assert [(d.number, d.name) for d in listed] == [(1, "Magazzino"), (2, "Negozio")]
    party_destinations.remove_destination(admin_ctx, "C001", 1)
    party_destinations.add_destination(admin_ctx, "C001", {"name": "Deposito"})
    assert [d.number for d in party_destinations.list_destinations(admin_ctx, "C001")] == [2, 3]
    with pytest.raises(NotFound):
        party_destinations.remove_destination(admin_ctx, "C001", 1)
    with pytest.raises(ValidationError, match="Nome: obbligatorio"):
        party_destinations.add_destination(admin_ctx, "C001", {"name": ""})


def test_deleting_a_party_removes_its_destinations(admin_ctx):
    add(admin_ctx)
    party_destinations.add_destination(admin_ctx, "C001", {"name": "Magazzino"})
    parties.delete(admin_ctx, "C001")
    with pytest.raises(NotFound):
        parties.get(admin_ctx, "C001")


def test_lookups_by_code_prefix_name_and_vat_number(admin_ctx):
    add(admin_ctx, "C001", name="Rossi Forniture", vat_number=IVA)
    add(admin_ctx, "F001", name="Bianchi", is_customer=False, is_supplier=True)
    add(admin_ctx, "C002", name="Verdi", country="DE", vat_number="136695976")

    def codes(source, typed):
        return [r["code"] for r in lookups.search(admin_ctx, source, typed)]

    assert codes("party", "c0") == ["C001", "C002"]
    assert codes("party", "forni") == ["C001"]
    assert codes("party", "0743110") == ["C001"]
    assert codes("party", "136695") == ["C002"]
    assert codes("customer", "") == ["C001", "C002"]
    assert codes("supplier", "") == ["F001"]
    assert lookups.search(admin_ctx, "supplier", "F")[0]["roles"] == "F"


def test_discount_factor():
    assert party_rules.discount_factor("10+5") == Decimal("0.855")
    assert party_rules.discount_factor("") == 1


def test_another_company_does_not_see_the_party(admin_ctx):
    add(admin_ctx)
    other = dataclasses.replace(admin_ctx, company=None)
    with pytest.raises(GammaError, match="Nessuna ditta"):
        parties.get(other, "C001")


def test_a_read_only_flag_given_as_its_default_is_accepted(admin_ctx, lucia):
    field_rules.set_rule(admin_ctx, "party", "active", Grantee.of_group("banco"),
                         read_only=True, default="S")
    assert add(lucia, active=True).active  # the mask sends the parsed value
    with pytest.raises(ValidationError, match="Attivo: campo in sola lettura"):
        add(lucia, "C002", active=False)


def test_deleting_a_party_used_elsewhere_is_refused_with_a_clear_message(admin_ctx, database):
    # Documents come later: a stand-in table holding a RESTRICT reference to the party.
    database.execute_sql("CREATE TABLE test_party_user (id INTEGER PRIMARY KEY, party_id "
                         "INTEGER NOT NULL REFERENCES party (id) ON DELETE RESTRICT)")
    try:
        party = add(admin_ctx)
        database.execute_sql("INSERT INTO test_party_user (id, party_id) VALUES (1, %s)"
                             % party.id)
        with pytest.raises(GammaError, match="Anagrafica C001 usata in altri archivi"):
            parties.delete(admin_ctx, "C001")
        assert parties.get(admin_ctx, "C001").name == "Ditta C001"
    finally:
        database.execute_sql("DROP TABLE test_party_user")


def test_a_destination_is_changed_and_listed_by_the_lookup(admin_ctx):
    add(admin_ctx)
    party_destinations.save_destination(admin_ctx, "C001", {"name": "Magazzino"})
    row = party_destinations.save_destination(admin_ctx, "C001", {"name": "Magazzino",
                                                                  "city": "Lodi",
                                                                  "province": "lo"}, 1)
    assert (row.number, row.city, row.province) == (1, "Lodi", "LO")
    view = lookups.View("", ("number", "name"), {"party": "C001"})
    assert [r["name"] for r in lookups.search(admin_ctx, "party_destination", "lod", view)] \
        == ["Magazzino"]


def test_every_coded_field_has_its_lookup_source():
    from gamma import forms
    for form in (forms.get("party"), forms.get("party_destination")):
        for field in form.fields:
            if field.lookup:
                assert lookups.get(field.lookup).key == "code", field.name


# -- VAT regime, declaration of intent, withholding -----------------------------------------

def test_a_party_under_declaration_of_intent_keeps_its_fields(admin_ctx):
    from datetime import date
    party = add(admin_ctx, vat_regime="intent", intent_vat_code="n3.5",
                intent_reference="Prot. 24011512345678-000001 «più»",
                intent_valid_to="31/12/2026", withholding=True)
    assert (party.vat_regime, party.intent_vat_code.code, party.intent_valid_to) == (
        "intent", "N3.5", date(2026, 12, 31))
    assert party.intent_reference == "Prot. 24011512345678-000001 «più»" and party.withholding
    shown = parties.form_values(party)
    assert (shown["vat_regime"], shown["intent_vat_code"], shown["withholding"]) == (
        "intent", "N3.5", True)
    # No VAT code: the documents use N3.5.
    assert add(admin_ctx, "C002", vat_regime="intent",
               intent_valid_to="31/12/2026").intent_vat_code is None
    # The Italian label (or its start) is understood, as typed in the mask.
    assert add(admin_ctx, "C003", vat_regime="Scissione").vat_regime == "split_payment"
    assert add(admin_ctx, "C004").vat_regime == "ordinary"
    assert not parties.get(admin_ctx, "C004").withholding


def test_intent_fields_are_emptied_when_the_regime_is_not_intent(admin_ctx):
    add(admin_ctx, vat_regime="intent", intent_vat_code="N3.5", intent_reference="P1",
        intent_valid_to="31/12/2026")
    party = parties.save_from_form(admin_ctx, {"vat_regime": "reverse_charge"}, "C001")
    assert (party.vat_regime, party.intent_vat_code, party.intent_reference,
            party.intent_valid_to) == ("reverse_charge", None, "", None)
    # Given with another regime, they are not kept (nor checked).
    party = add(admin_ctx, "C002", intent_vat_code="22", intent_reference="P2",
                intent_valid_to="31/12/2026")
    assert (party.vat_regime, party.intent_vat_code, party.intent_valid_to) == (
        "ordinary", None, None)


@pytest.mark.parametrize("values,field,rule", [
    ({"vat_regime": "forfettario"}, "vat_regime", "valore non ammesso"),
    ({"vat_regime": "intent"}, "intent_valid_to", "obbligatoria con il regime"),
    ({"vat_regime": "intent", "intent_valid_to": "31/12/2026", "intent_vat_code": "22"},
     "intent_vat_code", "serve un codice IVA con natura"),
    ({"vat_regime": "intent", "intent_valid_to": "31/12/2026", "intent_vat_code": "ZZ"},
     "intent_vat_code", "codice ZZ inesistente"),
    ({"vat_regime": "intent", "intent_valid_to": "31/12/2026",
      "intent_reference": "x" * 61}, "intent_reference", "al massimo 60"),
    ({"vat_regime": "intent", "intent_valid_to": "31/02/2026"}, "intent_valid_to",
     "data inesistente"),
])
def test_bad_regime_and_intent_fields_are_refused_naming_the_field(admin_ctx, values, field,
                                                                   rule):
    with pytest.raises(ValidationError) as err:
        add(admin_ctx, **values)
    assert err.value.field == field
    assert rule in err.value.rule
    assert err.value.message.startswith(f"{parties.PARTY.field(field).label}: ")
    assert not list(parties.Party.select())


def test_the_document_header_takes_the_party_s_intent_and_withholding(admin_ctx):
    from datetime import date
    from gamma.sales import header
    add(admin_ctx, vat_regime="intent", intent_reference="Prot. 1",
        intent_valid_to="31/12/2099", withholding=True)
    built = header.resolve(admin_ctx, {"kind": "invoice", "customer": "C001",
                                       "date": date(2026, 3, 2)})
    f = built.fields
    assert (f["vat_regime"], f["intent_vat_code"].code, f["intent_reference"]) == (
        "intent", "N3.5", "Prot. 1")
    assert f["withholding_rate"] is not None
