"""Contracts and their billing items: saved from a mask or a file, listed, read.

A contract is given as a dict (JSON keys): code, customer, series, date, start, end,
frequency (monthly, bimonthly, quarterly, half_yearly, yearly), kind (invoice, proforma,
fee_note), payment_term, notes, active, billed_to (the end of the last period already
billed, for a contract taken over), items. An item: type (charge, credit, text),
article, description (with the placeholders of gamma.contracts.periods), vat_code,
qty and price (or amount: qty 1 at that price), repeat (every, once), months ("3,9"),
instalments (N: the amount is a total billed in N equal parts, the last taking the
rounding), withholding (a fee the customer withholds on).
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from gamma import functions, records
from gamma.context import Context
from gamma.contracts import periods
from gamma.errors import GammaError, NotFound, ValidationError
from gamma.master import tables
from gamma.master.article_common import find_article
from gamma.sales import header, values
from gamma.master import parties
from gamma.numbering import validate_series
from gamma.service import operation
from models import Contract, ContractItem, Party

KINDS = {"invoice": "Fattura", "proforma": "Fattura pro-forma", "fee_note": "Parcella"}
ITEM_TYPES = {"charge": "Addebito", "credit": "Accredito", "text": "Descrittiva"}
REPEATS = {"every": "Ogni documento", "once": "Una volta per contratto"}
LABELS = {"code": "Codice contratto", "customer": "Cliente", "series": "Sezionale",
          "date": "Data contratto", "start": "Inizio", "end": "Fine",
          "frequency": "Periodicità", "kind": "Tipo documento", "payment_term": "Pagamento",
          "notes": "Note", "active": "Attivo", "items": "Voci",
          "billed_to": "Fatturato fino al"}
ITEM_LABELS = {"type": "Tipo voce", "article": "Articolo", "description": "Descrizione",
               "vat_code": "Codice IVA", "qty": "Quantità", "price": "Prezzo",
               "amount": "Importo", "repeat": "Ripetizione", "months": "Mesi",
               "instalments": "Rate", "withholding": "Ritenuta"}


class ItemError(ValidationError):
    """A bad item, named by its number."""

    def __init__(self, number: int, error: ValidationError):
        ValidationError.__init__(self, error.field, error.rule)
        self.message = f"Voce {number}, {error.message}"
        self.args = (self.message,)


def find(ctx: Context, code: str) -> Contract:
    found = Contract.get_or_none(Contract.company == ctx.require_company(),
                                 Contract.code == values.code(code))
    if found is None:
        raise NotFound(f"Contratto {values.code(code)} inesistente")
    return found


def _choice(value: Any, choices: dict, field: str, label: str, default: str) -> str:
    text = str(value).strip().lower() if value not in (None, "") else default
    if text not in choices:
        raise ValidationError(field, "uno di " + ", ".join(choices), label)
    return text


def contract_fields(ctx: Context, data: dict[str, Any], current: Contract | None) -> dict:
    """The Contract columns from `data`; keys left out keep the current values."""
    def get(key, default=None):
        return data[key] if key in data else default

    out: dict[str, Any] = {}
    code = values.text(get("code", current.code if current else ""), "code", LABELS["code"],
                       20).upper()
    if not code:
        raise ValidationError("code", "obbligatorio", LABELS["code"])
    out["code"] = code
    if "customer" in data or current is None:
        out["party"] = parties.customer(ctx, values.code(data.get("customer")), "customer",
                                        LABELS["customer"])
    out["series"] = validate_series(values.code(get("series", current.series if current
                                                    else "")))
    for key in ("date", "start", "end"):
        out[key] = values.day(get(key, getattr(current, key) if current else None), key,
                              LABELS[key])
    out["date"] = out["date"] or out["start"] or ctx.today()
    out["start"] = out["start"] or out["date"]
    if out["end"] is not None and out["end"] < out["start"]:
        raise ValidationError("end", "non può precedere l'inizio", LABELS["end"])
    out["frequency"] = _choice(get("frequency", current.frequency if current else None),
                               periods.FREQUENCIES, "frequency", LABELS["frequency"],
                               "monthly")
    out["kind"] = _choice(get("kind", current.kind if current else None), KINDS, "kind",
                          LABELS["kind"], "invoice")
    if "payment_term" in data or current is None:
        term = values.code(data.get("payment_term"))
        out["payment_term"] = (tables.find(ctx, "payment_term", term, "payment_term",
                                           LABELS["payment_term"]) if term else None)
    out["notes"] = values.text(get("notes", current.notes if current else ""), "notes",
                               LABELS["notes"], 4000)
    out["active"] = header.flag(get("active", current.active if current else True),
                                "active", LABELS["active"])
    # A contract taken over from another system starts after what that one billed.
    out["billed_to"] = values.day(get("billed_to", current.billed_to if current else None),
                                  "billed_to", LABELS["billed_to"])
    if out["billed_to"] is not None and out["billed_to"] < out["start"] - timedelta(days=1):
        raise ValidationError("billed_to", "non può precedere l'inizio", LABELS["billed_to"])
    return out


def item_fields(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """The ContractItem columns of one item (all given: items are replaced whole)."""
    if not isinstance(data, dict):
        raise ValidationError("items", "una voce è un oggetto", "Voce")
    kind = _choice(data.get("type"), ITEM_TYPES, "type", ITEM_LABELS["type"], "charge")
    description = periods.check_text(values.text(data.get("description"), "description",
                                                 ITEM_LABELS["description"], 200))
    out: dict[str, Any] = {"item_type": kind, "description": description, "article": None,
                           "vat_code": None, "qty": Decimal(1), "price": Decimal(0),
                           "repeat": "every", "months": "", "instalments": 0,
                           "withholding": False}
    out["months"] = periods.parse_months(data.get("months", ""))
    out["repeat"] = _choice(data.get("repeat"), REPEATS, "repeat", ITEM_LABELS["repeat"],
                            "every")
    if kind == "text":
        if not description:
            raise ValidationError("description", "obbligatoria per una voce descrittiva",
                                  ITEM_LABELS["description"])
        return out
    code = values.code(data.get("article"))
    if code:
        try:
            out["article"] = find_article(ctx, code, "article", ITEM_LABELS["article"])
        except NotFound:
            raise ValidationError("article", f"codice {code} inesistente",
                                  ITEM_LABELS["article"]) from None
    elif not description:
        raise ValidationError("article", "indicare un articolo o una descrizione",
                              ITEM_LABELS["article"])
    vat = values.code(data.get("vat_code"))
    if vat:
        out["vat_code"] = tables.find(ctx, "vat_code", vat, "vat_code", ITEM_LABELS["vat_code"])
    if data.get("amount") not in (None, ""):
        out["price"] = values.decimal(data["amount"], 2, "amount", ITEM_LABELS["amount"])
    else:
        out["qty"] = values.decimal(data.get("qty"), 3, "qty", ITEM_LABELS["qty"]) or Decimal(1)
        out["price"] = values.decimal(data.get("price"), 6, "price", ITEM_LABELS["price"],
                                      required=True)
    if out["qty"] <= 0:
        raise ValidationError("qty", "deve essere maggiore di zero", ITEM_LABELS["qty"])
    if out["price"] < 0:
        raise ValidationError("price", "non può essere negativo (per togliere usare una voce "
                              "di accredito)", ITEM_LABELS["price"])
    out["instalments"] = values.integer(data.get("instalments"), "instalments",
                                        ITEM_LABELS["instalments"], 0, 999) or 0
    if out["instalments"] and out["repeat"] == "once":
        raise ValidationError("instalments", "una voce a rate va su ogni documento, non una "
                              "volta sola", ITEM_LABELS["instalments"])
    out["withholding"] = header.flag(data.get("withholding", False), "withholding",
                                     ITEM_LABELS["withholding"])
    return out


def write(ctx: Context, data: dict[str, Any], current: Contract | None = None) -> Contract:
    """Create or change a contract; `items`, when given, replaces the items. Items are
    matched by position, so one kept keeps its count of documents (and instalments)."""
    fields = contract_fields(ctx, data, current)
    other = Contract.get_or_none(Contract.company == ctx.company, Contract.code == fields["code"])
    if other is not None and (current is None or other.id != current.id):
        raise ValidationError("code", f"{fields['code']} esiste già", LABELS["code"])
    if current is None:
        contract = records.insert(ctx, Contract, company=ctx.company, **fields)
    else:
        contract = records.update(ctx, current, **fields)
    if "items" in data:
        if not isinstance(data["items"], list):
            raise ValidationError("items", "un elenco di voci", LABELS["items"])
        items = []
        for number, item in enumerate(data["items"], start=1):
            try:
                items.append(item_fields(ctx, item))
            except ValidationError as exc:
                raise ItemError(number, exc) from None
        replace_items(ctx, contract, items)
    return contract


def replace_items(ctx: Context, contract: Contract, items: list[dict[str, Any]]) -> None:
    old = {i.position: i for i in items_of(contract)}
    for position, fields in enumerate(items, start=1):
        if position in old:
            records.update(ctx, old.pop(position), **fields)
        else:
            records.insert(ctx, ContractItem, company=ctx.company, contract=contract,
                           position=position, **fields)
    for item in old.values():
        records.delete(ctx, item)


def items_of(contract: Contract) -> list[ContractItem]:
    return list(contract.items.order_by(ContractItem.position))


@operation(functions.CONTRACTS)
def save(ctx: Context, data: dict[str, Any], code: str | None = None) -> Contract:
    """Create (code None) or change the contract `code`."""
    return write(ctx, data, find(ctx, code) if code else None)


@operation(functions.CONTRACTS)
def delete(ctx: Context, code: str) -> None:
    from models import PeriodicMovement
    contract = find(ctx, code)
    if PeriodicMovement.select().where(PeriodicMovement.contract == contract).exists():
        raise GammaError(f"Contratto {contract.code}: già fatturato o in una generazione, "
                         "non si elimina (disattivarlo)")
    for item in items_of(contract):
        records.delete(ctx, item)
    records.delete(ctx, contract)


@operation(functions.CONTRACTS)
def delete_item(ctx: Context, code: str, position: int) -> str:
    """Delete one item; the following ones move up, each keeping its count."""
    contract = find(ctx, code)
    items = items_of(contract)
    if not 1 <= position <= len(items):
        raise GammaError(f"Contratto {contract.code}: voce {position} inesistente")
    item = items[position - 1]
    if item.billed_count:
        raise GammaError(f"Contratto {contract.code}, voce {position}: già fatturata, non si "
                         "elimina (ripristinare prima le rate)")
    records.delete(ctx, item)
    for later in items[position:]:
        records.update(ctx, later, position=later.position - 1)
    return f"Voce {position} eliminata"


@operation(functions.CONTRACTS)
def import_contracts(ctx: Context, data: Any) -> list[Contract]:
    """Contracts from a JSON list: all or nothing; a bad one is named by its index (from
    1) and the field. A code that exists is changed."""
    if not isinstance(data, list):
        raise GammaError("Il file deve contenere un elenco di contratti")
    out = []
    for number, entry in enumerate(data, start=1):
        try:
            if not isinstance(entry, dict):
                raise ValidationError("contract", "un contratto è un oggetto", "Contratto")
            code = values.code(entry.get("code"))
            current = Contract.get_or_none(Contract.company == ctx.company,
                                           Contract.code == code) if code else None
            out.append(write(ctx, {"items": [], **entry}, current))
        except GammaError as exc:
            raise GammaError(f"Contratto {number}: {exc.message}") from None
    return out


@operation(functions.CONTRACTS, write=False)
def list_contracts(ctx: Context, customer: str = "", active_only: bool = False
                   ) -> list[Contract]:
    query = (Contract.select(Contract, Party).join(Party)
             .where(Contract.company == ctx.require_company()).order_by(Contract.code))
    if customer:
        query = query.where(Party.code == values.code(customer))
    if active_only:
        query = query.where(Contract.active == True)  # noqa: E712
    return list(query)


def as_dict(contract: Contract) -> dict[str, Any]:
    """A contract as the import takes it (plus what it has billed)."""
    return {"code": contract.code, "customer": contract.party.code, "series": contract.series,
            "date": contract.date, "start": contract.start, "end": contract.end,
            "frequency": contract.frequency, "kind": contract.kind,
            "payment_term": contract.payment_term.code if contract.payment_term_id else "",
            "notes": contract.notes, "active": contract.active,
            "billed_to": contract.billed_to,
            "items": [{"type": i.item_type, "article": i.article.code if i.article_id else "",
                       "description": i.description,
                       "vat_code": i.vat_code.code if i.vat_code_id else "",
                       "qty": i.qty, "price": i.price, "repeat": i.repeat,
                       "months": i.months, "instalments": i.instalments,
                       "billed_count": i.billed_count, "withholding": i.withholding}
                      for i in items_of(contract)]}
