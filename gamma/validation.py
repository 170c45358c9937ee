"""Small checks shared by services; each failure names the field and the rule."""

from __future__ import annotations

import re

from stdnum.exceptions import ValidationError as StdnumError
from stdnum.it import codicefiscale, iva

from gamma.errors import ValidationError

LOGIN_RULE = re.compile(r"^[a-z][a-z0-9._-]{1,19}$")


def text(value: str | None, field: str, label: str, max_length: int,
         required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError(field, "obbligatorio", label)
    if len(value) > max_length:
        raise ValidationError(field, f"al massimo {max_length} caratteri", label)
    return value


def code(value: str | None, field: str, label: str) -> str:
    """An operator login or a group code: 2-20 characters, letters first, stored lower case."""
    value = (value or "").strip().lower()
    if not LOGIN_RULE.match(value):
        raise ValidationError(
            field, "da 2 a 20 caratteri fra lettere, cifre, . _ -, iniziando con una lettera",
            label)
    return value


def _identifier(module, value: str, field: str, label: str, rule: str) -> str:
    """Validated with python-stdnum; empty allowed."""
    if not value:
        return ""
    try:
        return module.validate(value)
    except StdnumError:
        raise ValidationError(field, rule, label) from None


def italian_vat_number(value: str | None, field: str = "vat_number",
                       label: str = "Partita IVA") -> str:
    """An Italian partita IVA (11 digits, check digit verified); empty allowed."""
    return _identifier(iva, (value or "").strip(), field, label,
                       "partita IVA italiana non valida (11 cifre con carattere di controllo)")


def italian_tax_code(value: str | None, field: str = "tax_code",
                     label: str = "Codice fiscale") -> str:
    """A codice fiscale: 16 characters for persons, 11 digits for companies; empty allowed."""
    return _identifier(codicefiscale, (value or "").strip().upper(), field, label,
                       "codice fiscale non valido (16 caratteri per le persone, 11 cifre per "
                       "le società)")
