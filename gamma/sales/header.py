"""A document's header from what the operator or a file gave: codes resolved, the
customer's defaults filled in (payment term, bank, agents, price list, VAT regime,
declaration of intent, withholding, currency), the exchange rate of the day."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from gamma import discounts
from gamma.context import Context
from gamma.errors import ValidationError
from gamma.master import parties, tables
from gamma.master.party_form import VAT_REGIMES
from gamma.numbering import validate_series
from gamma.sales import kinds, values
from models import Currency, Destination, Document, ExchangeRate, Party

REGIMES = VAT_REGIMES  # the party's choices are the document's

# Header keys a caller may give, each with its label for messages.
LABELS = {"kind": "Tipo documento", "subkind": "Tipo DDT", "series": "Sezionale",
          "date": "Data", "customer": "Cliente", "destination": "Destinazione",
          "payment_term": "Pagamento", "bank": "Banca", "agent": "Agente",
          "agent2": "Secondo agente", "price_list": "Listino", "discounts": "Sconti documento",
          "carrier": "Vettore", "transport_reason": "Causale trasporto",
          "freight_terms": "Porto", "packages": "Colli", "gross_weight": "Peso lordo",
          "net_weight": "Peso netto", "vat_regime": "Regime IVA",
          "intent_vat_code": "IVA dichiarazione d'intento",
          "intent_reference": "Estremi dichiarazione d'intento", "currency": "Valuta",
          "exchange_rate": "Cambio", "withholding_rate": "Ritenuta %", "language": "Lingua",
          "notes": "Note", "supplier": "Fornitore", "delivery_date": "Data consegna",
          "priority": "Priorità", "not_to_fulfil": "Non evadibile"}
ORDER_KEYS = ("delivery_date", "priority", "not_to_fulfil")  # orders only


# The customer's references (FatturaPA DatiOrdineAcquisto, DatiContratto, DatiConvenzione)
# and deferred VAT: their labels and lengths.
REFERENCE_LABELS = {"vat_deferred": "IVA ad esigibilità differita",
                    "customer_reference": "Vs. ordine n.",
                    "customer_reference_date": "Vs. ordine del", "cig": "CIG", "cup": "CUP",
                    "contract_reference": "Contratto n.", "contract_date": "Contratto del",
                    "agreement_reference": "Convenzione"}
LABELS.update(REFERENCE_LABELS)
REFERENCE_TEXTS = {"customer_reference": 20, "cig": 15, "cup": 15, "contract_reference": 20,
                   "agreement_reference": 20}
REFERENCE_DATES = ("customer_reference_date", "contract_date")


@dataclass
class Header:
    fields: dict[str, Any]
    warnings: list[str] = field(default_factory=list)
    party: Party | None = None


def _table(ctx: Context, name: str, given: Any, key: str):
    code = values.code(given)
    return tables.find(ctx, name, code, key, LABELS[key]) if code else None


def _party(ctx: Context, kind: kinds.Kind, subkind: str, given: Any) -> tuple[Party | None, str]:
    code = values.code(given)
    role = "supplier" if subkind == "supplier" or kind.supplier else "customer"
    if not code:
        if kind.needs_party:
            raise ValidationError(role, "obbligatorio", LABELS[role])
        return None, ""
    use = parties.use_party(ctx, code, role)  # PartyDeactivated names the replacement
    if use.blocked and kind.credit_check:
        raise ValidationError("customer", use.warning.lower(), LABELS["customer"])
    return use.party, use.warning


def resolve(ctx: Context, data: dict[str, Any], current: Document | None = None) -> Header:
    """The Document fields for `data`; keys left out keep `current`'s value (or the
    customer's default on a new document)."""
    def given(key: str) -> bool:
        return key in data

    kind = kinds.get(data.get("kind") or (current.kind if current else "invoice"))
    subkind = values.code(data.get("subkind", current.subkind if current else "")).lower()
    if kind.code == "delivery_note":
        subkind = subkind or "sale"
        if subkind not in kinds.DN_SUBKINDS:
            raise ValidationError("subkind", "uno di " + ", ".join(kinds.DN_SUBKINDS),
                                  LABELS["subkind"])
    elif kind.code == kinds.SELF_INVOICE:
        subkind = subkind.upper()
        if subkind not in kinds.SELF_INVOICE_TYPES:
            raise ValidationError("subkind", "uno di " + ", ".join(kinds.SELF_INVOICE_TYPES),
                                  "Tipo autofattura")
    else:
        subkind = ""
    f: dict[str, Any] = {"kind": kind.code, "subkind": subkind, "register": kind.register}
    f["series"] = validate_series(values.code(data.get("series", current.series if current
                                                              else "")))
    f["date"] = values.day(data.get("date"), "date", LABELS["date"]) or (
        current.date if current else ctx.today())
    f["year"] = f["date"].year
    out = Header(f)

    if kind.supplier and given("supplier"):  # a supplier order names its supplier
        data = {**data, "customer": data["supplier"]}
    new_party = current is None or given("customer")
    if new_party:
        party, warning = _party(ctx, kind, subkind, data.get("customer"))
        if warning:
            out.warnings.append(warning)
    else:
        party = current.party
    out.party = party
    f["party"] = party

    def pick(key: str, resolve_given, default):
        """The given value, else (for a new customer) the default, else the current."""
        if given(key):
            return resolve_given(data[key])
        if new_party or current is None:
            return default
        return getattr(current, key)

    f["payment_term"] = pick("payment_term",
                             lambda v: _table(ctx, "payment_term", v, "payment_term"),
                             party.payment_term if party else None)
    f["bank"] = pick("bank", lambda v: _table(ctx, "bank", v, "bank"),
                     party.our_bank if party else None)
    f["iban"] = party.iban if party else ""
    f["agent"] = pick("agent", lambda v: _table(ctx, "agent", v, "agent"),
                      party.agent if party else None)
    f["agent2"] = pick("agent2", lambda v: _table(ctx, "agent", v, "agent2"),
                       party.agent2 if party else None)
    f["price_list"] = pick("price_list", lambda v: values.integer(
        v, "price_list", LABELS["price_list"], 1, 8), party.price_list if party else 1) or 1
    f["discounts"] = pick("discounts", lambda v: _chain(v), "")
    f["destination"] = pick("destination", lambda v: _destination(party, v), None)
    for key, table in (("carrier", "carrier"), ("transport_reason", "transport_reason"),
                       ("freight_terms", "freight_term")):
        f[key] = pick(key, lambda v, t=table, k=key: _table(ctx, t, v, k), None)
    f["packages"] = pick("packages", lambda v: values.integer(
        v, "packages", LABELS["packages"], 0, 99999), 0) or 0
    for key in ("gross_weight", "net_weight"):
        f[key] = pick(key, lambda v, k=key: values.decimal(v, 3, k, LABELS[k]), None)
    f["notes"] = pick("notes", lambda v: values.text(v, "notes", LABELS["notes"], 4000), "")
    f["language"] = pick("language", lambda v: values.text(v, "language", LABELS["language"],
                                                           2).lower() or "it",
                         party.language if party else "it")
    _regime(ctx, data, f, party, pick, out)
    f["withholding_rate"] = pick(
        "withholding_rate", lambda v: values.decimal(v, 2, "withholding_rate",
                                                     LABELS["withholding_rate"]),
        Decimal(ctx.settings.sales.withholding_rate) if party and party.withholding else None)
    _currency(ctx, data, f, party, pick)
    _references(f, party, pick)
    _order(kind, f, pick)
    return out


def _order(kind: kinds.Kind, f: dict[str, Any], pick) -> None:
    """Delivery date, priority (1 most urgent … 9) and not-to-fulfil of an order."""
    if kind.code not in ("customer_order", "supplier_order"):
        f.update(delivery_date=None, priority=5, not_to_fulfil=False)
        return
    f["delivery_date"] = pick("delivery_date", lambda v: values.day(
        v, "delivery_date", LABELS["delivery_date"]), None)
    if f["delivery_date"] is not None and f["delivery_date"] < f["date"]:
        raise ValidationError("delivery_date", "non può precedere la data dell'ordine",
                              LABELS["delivery_date"])
    f["priority"] = pick("priority", lambda v: values.integer(
        v, "priority", LABELS["priority"], 1, 9), 5) or 5
    f["not_to_fulfil"] = pick("not_to_fulfil", lambda v: flag(
        v, "not_to_fulfil", LABELS["not_to_fulfil"]), False)


def flag(value: Any, field_name: str, label: str) -> bool:
    """A yes/no value as masks (S/N) and files (true/false) give it."""
    if isinstance(value, bool) or value is None:
        return bool(value)
    text = str(value).strip().lower()
    if text in ("s", "si", "sì", "y", "yes", "true", "1", "x"):
        return True
    if text in ("", "n", "no", "false", "0"):
        return False
    raise ValidationError(field_name, "sì o no", label)


def _references(f, party, pick) -> None:
    f["vat_deferred"] = pick("vat_deferred",
                             lambda v: flag(v, "vat_deferred", LABELS["vat_deferred"]),
                             bool(party and party.vat_deferred))
    for key, length in REFERENCE_TEXTS.items():
        f[key] = pick(key, lambda v, k=key, n=length: values.text(v, k, LABELS[k], n), "")
    for key in REFERENCE_DATES:
        f[key] = pick(key, lambda v, k=key: values.day(v, k, LABELS[k]), None)
    for number, day in (("customer_reference", "customer_reference_date"),
                        ("contract_reference", "contract_date")):
        if f[day] is not None and not f[number]:
            raise ValidationError(number, "obbligatorio con la data", LABELS[number])


def _chain(value: Any) -> str:
    return discounts.chain(value, "discounts", LABELS["discounts"])


def _destination(party: Party | None, value: Any) -> Destination | None:
    number = values.integer(value, "destination", LABELS["destination"], 0, 999)
    if not number:
        return None
    found = None if party is None else Destination.get_or_none(
        Destination.party == party, Destination.number == number)
    if found is None:
        raise ValidationError("destination", f"destinazione {number} inesistente per il "
                              "cliente", LABELS["destination"])
    return found


def _regime(ctx, data, f, party, pick, out: Header) -> None:
    regime = pick("vat_regime", lambda v: values.text(v, "vat_regime", LABELS["vat_regime"],
                                                      16).lower() or "ordinary",
                  party.vat_regime if party else "ordinary")
    if regime not in REGIMES:
        raise ValidationError("vat_regime", "uno di " + ", ".join(REGIMES),
                              LABELS["vat_regime"])
    f["vat_regime"] = regime
    if regime != "intent":
        f["intent_vat_code"], f["intent_reference"] = None, ""
        return
    code = pick("intent_vat_code", lambda v: _table(ctx, "vat_code", v, "intent_vat_code"),
                party.intent_vat_code if party else None)
    if code is None:
        code = tables.find(ctx, "vat_code", "N3.5", "intent_vat_code",
                           LABELS["intent_vat_code"])
    if not code.nature:
        raise ValidationError("intent_vat_code", "deve essere un codice senza IVA (natura N3.5)",
                              LABELS["intent_vat_code"])
    f["intent_vat_code"] = code
    f["intent_reference"] = pick(
        "intent_reference", lambda v: values.text(v, "intent_reference",
                                                  LABELS["intent_reference"], 60),
        party.intent_reference if party else "")
    valid_to = party.intent_valid_to if party else None
    if valid_to is not None and valid_to < f["date"]:
        raise ValidationError("vat_regime", f"dichiarazione d'intento scaduta il "
                              f"{valid_to:%d/%m/%Y}", LABELS["vat_regime"])


def _currency(ctx, data, f, party, pick) -> None:
    currency = pick("currency", lambda v: _table(ctx, "currency", v, "currency"),
                    party.currency if party else None)
    if currency is not None and currency.code == "EUR":
        currency = None
    f["currency"] = currency
    if currency is None:
        f["exchange_rate"] = None
        return
    rate = values.decimal(data.get("exchange_rate"), 6, "exchange_rate", LABELS["exchange_rate"])
    if rate is None:
        rate = rate_of_day(ctx, currency.code, f["date"])
    if rate <= 0:
        raise ValidationError("exchange_rate", "deve essere maggiore di zero",
                              LABELS["exchange_rate"])
    f["exchange_rate"] = rate


def rate_of_day(ctx: Context, currency: str, day: date) -> Decimal:
    """The rate of the document's day, or of the latest earlier day within the configured
    look-back (the previous working day after a weekend or holiday)."""
    lookback = ctx.settings.sales.rate_lookback_days
    found = (ExchangeRate.select().join(Currency)
             .where(ExchangeRate.company == ctx.company, Currency.code == currency,
                    ExchangeRate.day <= day, ExchangeRate.day >= day - timedelta(days=lookback))
             .order_by(ExchangeRate.day.desc()).first())
    if found is None:
        raise ValidationError("exchange_rate", f"nessun cambio {currency} del {day:%d/%m/%Y} "
                              f"né dei {lookback} giorni precedenti: indicarlo",
                              LABELS["exchange_rate"])
    return found.rate
