"""Checks of a party's identifiers: partita IVA, codice fiscale, EU VAT numbers, SDI code,
PEC, IBAN (with ABI/CAB of an Italian IBAN) and discount chains.

Every refusal is a ValidationError naming the field and the rule. Identifiers are checked
with python-stdnum, never by hand.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from stdnum import iban as stdnum_iban
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import ValidationError as StdnumError

from gamma import validation
from gamma.discounts import chain as discounts  # noqa: F401 (the party form's rule)
from gamma.discounts import factor as discount_factor  # noqa: F401
from gamma.errors import ValidationError
from gamma.master.party_form import PARTY, VAT_REGIMES

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
SDI_CODE = re.compile(r"^[A-Z0-9]{7}$")
FOREIGN_SDI = "XXXXXXX"
NO_SDI = "0000000"


def is_eu(country: str) -> bool:
    """Whether the ISO country code is an EU member state (Greece also as EL)."""
    country = country.lower()
    return ("gr" if country == "el" else country) in eu_vat.MEMBER_STATES


def country_code(value: str | None) -> str:
    value = (value or "IT").strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", value):
        raise ValidationError("country", "codice ISO di 2 lettere (es. IT, DE)", "Nazione")
    return value


def vat_number(value: str | None, country: str) -> str:
    """Italian partita IVA for Italy; EU VAT number by its country's format (stored with the
    country prefix) for other member states; free text for non-EU countries."""
    value = re.sub(r"[\s.\-]", "", (value or "").upper())
    if not value:
        return ""
    if country == "IT":
        if value.startswith("IT"):
            value = value[2:]
        return validation.italian_vat_number(value)
    if is_eu(country):
        prefix = "EL" if country == "GR" else country
        if not value.startswith(prefix):
            value = prefix + value
        try:
            return eu_vat.validate(value)
        except StdnumError:
            raise ValidationError(
                "vat_number", f"partita IVA non valida per il formato di {country} "
                "(VIES, con il prefisso della nazione)", "Partita IVA") from None
    if len(value) > 20:
        raise ValidationError("vat_number", "al massimo 20 caratteri", "Partita IVA")
    return value


def tax_code(value: str | None, country: str) -> str:
    """Codice fiscale of an Italian party (16 characters for persons, 11 digits for
    companies); free for foreign parties."""
    value = (value or "").strip().upper().replace(" ", "")
    if country == "IT":
        return validation.italian_tax_code(value)
    if len(value) > 16:
        raise ValidationError("tax_code", "al massimo 16 caratteri", "Codice fiscale")
    return value


def pec(value: str | None) -> str:
    value = (value or "").strip()
    if value and not EMAIL.match(value):
        raise ValidationError("pec", "indirizzo di posta elettronica non valido "
                              "(nome@dominio.it)", "PEC")
    return value


def sdi_code(value: str | None, country: str) -> str:
    """Codice destinatario: 7 characters; 0000000 (delivery by PEC or to the taxpayer's
    area); XXXXXXX for foreign parties, which get it when left empty."""
    value = (value or "").strip().upper()
    if not value:
        return FOREIGN_SDI if country != "IT" else ""
    if not SDI_CODE.match(value):
        raise ValidationError("sdi_code", "esattamente 7 caratteri fra lettere e cifre",
                              "Codice destinatario")
    if country != "IT" and value != FOREIGN_SDI:
        raise ValidationError("sdi_code", f"per le anagrafiche estere è {FOREIGN_SDI}",
                              "Codice destinatario")
    if country == "IT" and value == FOREIGN_SDI:
        raise ValidationError("sdi_code", f"{FOREIGN_SDI} solo per le anagrafiche estere",
                              "Codice destinatario")
    return value


def iban(value: str | None) -> tuple[str, str, str]:
    """(IBAN compact, ABI, CAB): ABI and CAB are taken from an Italian IBAN, else empty."""
    value = (value or "").strip().upper().replace(" ", "")
    if not value:
        return "", "", ""
    try:
        value = stdnum_iban.validate(value)
    except StdnumError:
        raise ValidationError("iban", "IBAN non valido (nazione, cifre di controllo e "
                              "lunghezza verificate)", "IBAN") from None
    if value.startswith("IT"):
        return value, value[5:10], value[10:15]
    return value, "", ""


def vat_regime(value: str | None) -> str:
    """ordinary, split_payment, reverse_charge or intent (its Italian label, or the start
    of it, also understood); empty is ordinary."""
    value = (value or "").strip()
    if not value:
        return "ordinary"
    if value.lower() in VAT_REGIMES:
        return value.lower()
    return PARTY.field("vat_regime").parse(value, date.min)  # ValidationError naming it


def intent(regime: str, vat_code, reference: str, valid_to: date | None) -> dict:
    """The declaration-of-intent fields: meaningful only with the regime intent (emptied
    otherwise); then the expiry is required and a VAT code, when given (N3.5 is used
    when not), must be one without tax, with a nature."""
    if regime != "intent":
        return {"intent_vat_code": None, "intent_reference": "", "intent_valid_to": None}
    if vat_code is not None and not vat_code.nature:
        raise ValidationError("intent_vat_code", f"il codice {vat_code.code} ha aliquota "
                              f"{vat_code.rate}%: serve un codice IVA con natura (di solito "
                              "N3.5, non imponibile per dichiarazione d'intento)",
                              PARTY.field("intent_vat_code").label)
    if valid_to is None:
        raise ValidationError("intent_valid_to", "obbligatoria con il regime dichiarazione "
                              "d'intento", PARTY.field("intent_valid_to").label)
    return {"intent_vat_code": vat_code, "intent_reference": reference,
            "intent_valid_to": valid_to}
