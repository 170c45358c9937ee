"""Parties (anagrafiche clienti e fornitori): reading, saving from the party form with
field rules and identifier checks, deleting, and using a party in a document.

Values travel as the party form has them (gamma.master.party_form.PARTY): coded fields
hold codes, resolved here in the context's company.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from peewee import IntegrityError

from gamma import db, functions, records, validation
from gamma.access import field_rules
from gamma.context import Context
from gamma.errors import GammaError, NotFound, ValidationError
from gamma.master import party_rules as rules
from gamma.master.party_form import PARTY, TABLE_FIELDS
from gamma.service import operation
from models import Agent, Bank, Currency, Party, PaymentTerm, TableEntry, VatCode

# form field -> model with a `code` column
_CODED = {"payment_term": PaymentTerm, "our_bank": Bank, "agent": Agent, "agent2": Agent,
          "currency": Currency, "intent_vat_code": VatCode}
_TEXTS = {"name2": 60, "address": 60, "zip": 10, "city": 60, "email": 100, "phone": 30,
          "block_reason": 60, "notes": 10000, "intent_reference": 60}


class PartyDeactivated(GammaError):
    """A deactivated party named in a document; `replacement` is the party to offer."""

    def __init__(self, message: str, party: Party, replacement: Party | None):
        super().__init__(message)
        self.party = party
        self.replacement = replacement


@dataclass(frozen=True)
class PartyUse:
    """A party usable in a document; `blocked` flags a customer with sales blocked."""

    party: Party
    blocked: bool = False
    block_reason: str = ""

    @property
    def warning(self) -> str:
        if not self.blocked:
            return ""
        reason = f": {self.block_reason}" if self.block_reason else ""
        return f"Cliente {self.party.code} bloccato per le vendite{reason}"


def _company(ctx: Context):
    return ctx.require_company()


def find(ctx: Context, code: str) -> Party:
    code = (code or "").strip().upper()
    party = Party.get_or_none(Party.company == _company(ctx), Party.code == code)
    if party is None:
        raise NotFound(f"Anagrafica {code} inesistente")
    return party


def customer(ctx: Context, code: Any, field: str = "customer", label: str = "Cliente") -> Party:
    """The customer typed in `field`: ValidationError naming the field when the code is
    missing, unknown or not a customer's."""
    code = str(code or "").strip().upper()
    if not code:
        raise ValidationError(field, "obbligatorio", label)
    party = Party.get_or_none(Party.company == _company(ctx), Party.code == code)
    if party is None:
        raise ValidationError(field, f"codice {code} inesistente", label)
    if not party.is_customer:
        raise ValidationError(field, f"{code} non è un cliente", label)
    return party


@operation(functions.PARTY_LIST, write=False)
def get(ctx: Context, code: str) -> Party:
    return find(ctx, code)


def roles(party: Party) -> str:
    """C, F or CF."""
    return ("C" if party.is_customer else "") + ("F" if party.is_supplier else "")


def _code_of(row) -> str | None:
    return row.code if row is not None else None


def form_values(party: Party) -> dict[str, Any]:
    """The party as the party mask shows it."""
    values = {f.name: getattr(party, f.name) for f in PARTY.fields
              if f.name not in _CODED and f.name not in TABLE_FIELDS
              and f.name != "replaced_by"}
    for name in _CODED:
        values[name] = _code_of(getattr(party, name))
    for name in TABLE_FIELDS:
        values[name] = _code_of(getattr(party, name))
    values["replaced_by"] = _code_of(party.replaced_by)
    return values


def _parsed(ctx: Context, values: dict[str, Any]) -> dict[str, Any]:
    """Values given as typed text (field-rule defaults, CLI options) parsed by their field."""
    result = dict(values)
    for f in PARTY.fields:
        value = result.get(f.name)
        if isinstance(value, str) and (f.kind in ("bool", "integer", "decimal", "date")
                                       or (f.upper and value != value.upper())):
            result[f.name] = f.parse(value, ctx.today())
    return result


def _as_rules_see(values: dict[str, Any] | None) -> dict[str, Any] | None:
    """Booleans as S/N, as field rules write their defaults and allowed values."""
    if values is None:
        return None
    kinds = {f.name: f.kind for f in PARTY.fields}
    return {k: (("S" if v else "N") if kinds.get(k) == "bool" and isinstance(v, bool) else v)
            for k, v in values.items()}


def _resolve(ctx: Context, name: str, code: str | None):
    code = (code or "").strip().upper()
    if not code:
        return None
    label = PARTY.field(name).label
    if name in TABLE_FIELDS:
        kind = TABLE_FIELDS[name]
        row = TableEntry.get_or_none(TableEntry.company == ctx.company, TableEntry.kind == kind,
                                     TableEntry.code == code)
    else:
        model = _CODED[name]
        row = model.get_or_none(model.company == ctx.company, model.code == code)
    if row is None:
        raise ValidationError(name, f"codice {code} inesistente in tabella", label)
    return row


def check(ctx: Context, values: dict[str, Any], target: Party | None) -> dict[str, Any]:
    """The model's values from the form's values, every rule checked."""
    country = rules.country_code(values.get("country"))
    fields: dict[str, Any] = {"country": country}
    fields["name"] = validation.text(values.get("name"), "name", "Ragione sociale", 60)
    for name, length in _TEXTS.items():
        fields[name] = validation.text(values.get(name), name, PARTY.field(name).label,
                                       length, required=False)
    fields["province"] = (values.get("province") or "").strip().upper()
    if fields["province"] and not (len(fields["province"]) == 2
                                   and fields["province"].isalpha()):
        raise ValidationError("province", "sigla di 2 lettere", "Provincia")
    fields["vat_number"] = rules.vat_number(values.get("vat_number"), country)
    fields["tax_code"] = rules.tax_code(values.get("tax_code"), country)
    fields["pec"] = rules.pec(values.get("pec"))
    fields["sdi_code"] = rules.sdi_code(values.get("sdi_code"), country)
    if fields["email"] and not rules.EMAIL.match(fields["email"]):
        raise ValidationError("email", "indirizzo di posta elettronica non valido", "E-mail")
    fields["iban"], fields["abi"], fields["cab"] = rules.iban(values.get("iban"))
    if not fields["iban"]:  # ABI/CAB typed by hand when there is no IBAN
        for name in ("abi", "cab"):
            typed = (values.get(name) or "").strip()
            if typed and not (len(typed) == 5 and typed.isdigit()):
                raise ValidationError(name, "5 cifre", PARTY.field(name).label)
            fields[name] = typed
    fields["is_customer"] = bool(values.get("is_customer", target is None or
                                            (target is not None and target.is_customer)))
    fields["is_supplier"] = bool(values.get("is_supplier"))
    if not (fields["is_customer"] or fields["is_supplier"]):
        raise ValidationError("is_customer", "indicare cliente, fornitore o entrambi",
                              "Cliente")
    price_list = values.get("price_list")
    price_list = 1 if price_list in (None, "") else int(price_list)
    if not 1 <= price_list <= 8:
        raise ValidationError("price_list", "da 1 a 8", "Listino")
    fields["price_list"] = price_list
    fields["discounts"] = rules.discounts(values.get("discounts"))
    for name in list(_CODED) + list(TABLE_FIELDS):
        if name != "intent_vat_code":  # resolved below, with the regime intent only
            fields[name] = _resolve(ctx, name, values.get(name))
    fields["vat_regime"] = rules.vat_regime(values.get("vat_regime"))
    intent = fields["vat_regime"] == "intent"
    valid_to = values.get("intent_valid_to") or None
    if valid_to is not None and not isinstance(valid_to, date):
        raise ValidationError("intent_valid_to", "data non valida",
                              PARTY.field("intent_valid_to").label)
    fields.update(rules.intent(
        fields["vat_regime"],
        _resolve(ctx, "intent_vat_code", values.get("intent_vat_code")) if intent else None,
        fields["intent_reference"], valid_to))
    fields["withholding"] = bool(values.get("withholding"))
    fields["vat_deferred"] = bool(values.get("vat_deferred"))
    fields["language"] = (values.get("language") or "it").strip().lower()
    if len(fields["language"]) != 2 or not fields["language"].isalpha():
        raise ValidationError("language", "codice di 2 lettere (it, en, de…)", "Lingua")
    credit = values.get("credit_limit")
    if credit not in (None, ""):
        credit = Decimal(credit)
        if credit < 0:
            raise ValidationError("credit_limit", "non può essere negativo", "Fido")
    fields["credit_limit"] = credit if credit != "" else None
    fields["sales_block"] = bool(values.get("sales_block"))
    if fields["sales_block"] and not fields["block_reason"]:
        raise ValidationError("block_reason", "obbligatorio con il blocco vendite",
                              "Motivo del blocco")
    fields["active"] = values.get("active", True) is not False
    replacement = (values.get("replaced_by") or "").strip().upper()
    fields["replaced_by"] = None
    if replacement:
        row = Party.get_or_none(Party.company == ctx.company, Party.code == replacement)
        if row is None:
            raise ValidationError("replaced_by", f"anagrafica {replacement} inesistente",
                                  "Sostituito da")
        if target is not None and row.id == target.id or replacement == values.get("code"):
            raise ValidationError("replaced_by", "non può sostituire se stessa",
                                  "Sostituito da")
        fields["replaced_by"] = row
    return fields


@operation(functions.PARTY_EDIT)
def save_from_form(ctx: Context, values: dict[str, Any], code: str | None = None) -> Party:
    """Create (code None) or change a party from the party form's values.

    Field rules of the form "party" are enforced here, so the mask and the CLI agree: a
    field hidden for the operator cannot be given and takes its default when creating.
    """
    _company(ctx)
    target = find(ctx, code) if code is not None else None
    current = form_values(target) if target is not None else None
    values = _parsed(ctx, field_rules.apply(ctx, PARTY.name, _as_rules_see(values),
                                            PARTY.labels, _as_rules_see(current)))
    if target is not None:  # fields not given keep what is stored
        values = {**current, **values}
    fields = check(ctx, values, target)
    if target is None:
        new_code = validation.text(values.get("code"), "code", "Codice", 20).upper()
        if Party.select().where(Party.company == ctx.company, Party.code == new_code).exists():
            raise ValidationError("code", f"anagrafica {new_code} già presente", "Codice")
        return records.insert(ctx, Party, company=ctx.company, code=new_code, **fields)
    return records.update(ctx, target, **fields)


@operation(functions.PARTY_EDIT)
def delete(ctx: Context, code: str) -> None:
    """Delete a party; refused while documents or other records use it."""
    party = find(ctx, code)
    try:
        with db.transaction():  # a savepoint: the refusal leaves the transaction usable
            records.delete(ctx, party)
    except IntegrityError:
        raise GammaError(f"Anagrafica {party.code} usata in altri archivi (documenti, "
                         "movimenti): non si può eliminare; disattivarla e indicare "
                         "l'eventuale sostituta") from None


@operation(functions.PARTY_LIST, write=False)
def use_party(ctx: Context, code: str, role: str = "customer") -> PartyUse:
    """A party for a document in the given role (customer or supplier).

    A deactivated party raises PartyDeactivated naming its replacement, so that the caller
    can offer it; a customer with sales blocked comes back flagged with the reason.
    """
    noun = "Cliente" if role == "customer" else "Fornitore"
    party = find(ctx, code)
    if not (party.is_customer if role == "customer" else party.is_supplier):
        raise ValidationError("party", f"{party.code} non è un {noun.lower()}", noun)
    if not party.active:
        replacement = party.replaced_by
        if replacement is not None:
            message = f"{noun} {party.code} disattivato: sostituito da {replacement.code}"
        else:
            message = f"{noun} {party.code} disattivato"
        raise PartyDeactivated(message, party, replacement)
    blocked = role == "customer" and party.sales_block
    return PartyUse(party, blocked, party.block_reason if blocked else "")
