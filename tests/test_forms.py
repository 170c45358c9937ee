"""Field definitions: what operators type and what they read back (no terminal needed)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from gamma.errors import ValidationError
from gamma.forms import FieldDef

TODAY = date(2026, 3, 10)


@pytest.mark.parametrize("typed, expected", [
    ("010326", date(2026, 3, 1)), ("1/3/26", date(2026, 3, 1)),
    ("01/03/2026", date(2026, 3, 1)), ("+", date(2026, 3, 11)), ("-", date(2026, 3, 9)),
    ("+30", date(2026, 4, 9)), ("-10", date(2026, 2, 28)), ("ieri", date(2026, 3, 9)),
    ("inizio mese", date(2026, 3, 1)), ("fine mese", date(2026, 3, 31)),
    ("Inizio  Anno", date(2026, 1, 1)), ("fine anno", date(2026, 12, 31)),
    ("inizio mese scorso", date(2026, 2, 1)), ("fine mese scorso", date(2026, 2, 28)),
    ("inizio anno scorso", date(2025, 1, 1)), ("fine anno scorso", date(2025, 12, 31)),
])
def test_dates_as_operators_type_them(typed, expected):
    field = FieldDef("day", "Data documento", "date", 10)
    assert field.parse(typed, TODAY) == expected
    assert field.show(expected) == expected.strftime("%d/%m/%Y")


@pytest.mark.parametrize("typed, shown", [
    ("1234,5", "1.234,50"), ("1.234,56", "1.234,56"), ("0,1", "0,10"), ("-3", "-3,00"),
    ("1234567,891", None), ("12.5", "12,50"),
])
def test_amounts_typed_with_the_comma_show_with_thousands(typed, shown):
    field = FieldDef("amount", "Importo", "decimal", 14, decimals=2)
    if shown is None:
        with pytest.raises(ValidationError, match="Importo: al massimo 2 decimali"):
            field.parse(typed, TODAY)
        return
    assert field.show(field.parse(typed, TODAY)) == shown


def test_a_wrong_value_is_refused_naming_the_field_and_the_rule():
    with pytest.raises(ValidationError, match="Importo: numero non valido"):
        FieldDef("amount", "Importo", "decimal", 14).parse("12a", TODAY)
    with pytest.raises(ValidationError, match="Data documento: data inesistente: 310226"):
        FieldDef("day", "Data documento", "date", 10).parse("310226", TODAY)
    with pytest.raises(ValidationError, match="Nome: campo obbligatorio"):
        FieldDef("name", "Nome", "text", 10, required=True).parse("  ", TODAY)
    with pytest.raises(ValidationError, match=r"Tipo: valore non ammesso \(ammessi: C, F\)"):
        FieldDef("kind", "Tipo", "choice", 1, choices=(("C", "cliente"), ("F", "fornitore"))
                 ).parse("X", TODAY)
    with pytest.raises(ValidationError, match="Attivo: rispondere S o N"):
        FieldDef("active", "Attivo", "bool", 1).parse("forse", TODAY)


def test_choices_accept_the_value_or_the_start_of_its_label():
    field = FieldDef("kind", "Tipo", "choice", 1, choices=(("C", "cliente"), ("F", "fornitore")))
    assert field.parse("c", TODAY) == "C"
    assert field.parse("forn", TODAY) == "F"
    assert FieldDef("n", "Quantità", "integer", 6).parse("1.200", TODAY) == 1200
    assert FieldDef("p", "Prezzo", "decimal", 14, decimals=6).parse("0,123456", TODAY) == \
        Decimal("0.123456")
