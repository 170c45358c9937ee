"""Recurring order templates (modelli ordine ricorrente): a customer, a frequency, a
validity, how the order is priced and delivered, and its lines.

A template is written whole from a dict, as a JSON file or the 451 mask give it (keys
below; dates as 2026-03-01 or 01/03/2026). Saving a code that exists replaces that
template's header and lines; the runs it already made stay.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from peewee import JOIN

from gamma import dates, functions, records
from gamma.context import Context
from gamma.errors import GammaError, NotFound, ValidationError
from gamma.master import parties
from gamma.master.article_common import find_article
from gamma.recurring import calendar
from gamma.sales import values
from gamma.sales.header import flag
from gamma.service import operation
from models import (Article, Destination, RecurringLine, RecurringRun, RecurringTemplate,
                    VatCode)

LABELS = {"code": "Codice modello", "description": "Descrizione", "customer": "Cliente",
          "frequency": "Frequenza", "days": "Giorni della settimana",
          "day": "Giorno del mese", "start": "Inizio validità", "end": "Fine validità",
          "skip_holidays": "Salta i festivi", "price_type": "Tipo prezzo",
          "price_list": "Listino", "delivery_days": "Consegna dopo giorni",
          "destination": "Destinazione", "contact": "Referente", "notes": "Note",
          "active": "Attivo", "lines": "Righe", "article": "Articolo", "qty": "Quantità",
          "price": "Prezzo"}
PRICE_TYPES = {"list": "Da listino", "fixed": "Prezzo fisso"}
HEADER_KEYS = ("code", "description", "customer", "frequency", "days", "day", "start", "end",
               "skip_holidays", "price_type", "price_list", "delivery_days", "destination",
               "contact", "notes", "active")


def _day(value: Any, key: str, today: date) -> date | None:
    if isinstance(value, date) or value is None:
        return value
    return dates.parse_date(str(value), today, key, LABELS[key])


def _code(value: Any) -> str:
    code = values.code(value)
    if len(code) > 20:
        raise ValidationError("code", "al massimo 20 caratteri", LABELS["code"])
    return code


def header_fields(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """The template's fields from `data`, checked; ValidationError names the field."""
    unknown = sorted(set(data) - set(HEADER_KEYS) - {"lines"})
    if unknown:
        raise ValidationError(unknown[0], "campo sconosciuto", unknown[0])
    party = parties.customer(ctx, values.code(data.get("customer")), "customer",
                             LABELS["customer"])
    f: dict[str, Any] = {"party": party}
    frequency = str(data.get("frequency") or "").strip().lower()
    if frequency not in calendar.FREQUENCIES:
        raise ValidationError("frequency", "weekdays, weekly (con days) o monthly (con day)",
                              LABELS["frequency"])
    f["frequency"] = frequency
    f["days"] = calendar.parse_days(data.get("days"), "days", LABELS["days"]) \
        if frequency == "weekly" else ""
    if frequency == "weekly" and not f["days"]:
        raise ValidationError("days", "obbligatori per la frequenza settimanale",
                              LABELS["days"])
    f["month_day"] = values.integer(data.get("day"), "day", LABELS["day"], 1, 31) \
        if frequency == "monthly" else None
    if frequency == "monthly" and f["month_day"] is None:
        raise ValidationError("day", "obbligatorio per la frequenza mensile (1-31)",
                              LABELS["day"])
    today = ctx.today()
    f["start"] = _day(data.get("start"), "start", today)
    if f["start"] is None:
        raise ValidationError("start", "obbligatoria", LABELS["start"])
    f["end"] = _day(data.get("end"), "end", today)
    if f["end"] is not None and f["end"] < f["start"]:
        raise ValidationError("end", "non può precedere l'inizio validità", LABELS["end"])
    f["skip_holidays"] = flag(data.get("skip_holidays", True), "skip_holidays",
                              LABELS["skip_holidays"])
    f["price_type"] = str(data.get("price_type") or "list").strip().lower()
    if f["price_type"] not in PRICE_TYPES:
        raise ValidationError("price_type", "list (da listino) o fixed (prezzo fisso)",
                              LABELS["price_type"])
    f["price_list"] = values.integer(data.get("price_list"), "price_list",
                                     LABELS["price_list"], 1, 8)
    f["delivery_days"] = values.integer(data.get("delivery_days"), "delivery_days",
                                        LABELS["delivery_days"], 0, 365) or 0
    number = values.integer(data.get("destination"), "destination", LABELS["destination"],
                            0, 999)
    f["destination"] = None
    if number:
        f["destination"] = Destination.get_or_none(Destination.party == party,
                                                   Destination.number == number)
        if f["destination"] is None:
            raise ValidationError("destination", f"destinazione {number} inesistente per "
                                  f"il cliente {party.code}", LABELS["destination"])
    f["description"] = values.text(data.get("description"), "description",
                                   LABELS["description"], 60)
    f["contact"] = values.text(data.get("contact"), "contact", LABELS["contact"], 60)
    f["notes"] = values.text(data.get("notes"), "notes", LABELS["notes"], 4000)
    f["active"] = flag(data.get("active", True), "active", LABELS["active"])
    return f


def line_rows(ctx: Context, lines: Any, price_type: str) -> list[dict[str, Any]]:
    """The lines, checked: an article, a quantity, a price (required with fixed prices)."""
    if not isinstance(lines, list) or not lines:
        raise ValidationError("lines", "almeno una riga (articolo e quantità)", LABELS["lines"])
    rows = []
    for number, line in enumerate(lines, start=1):
        try:
            rows.append(_line(ctx, line, price_type))
        except (ValidationError, NotFound) as exc:
            raise ValidationError("lines", f"riga {number}, {exc.message}",
                                  LABELS["lines"]) from None
    return rows


def _line(ctx: Context, line: Any, price_type: str) -> dict[str, Any]:
    if not isinstance(line, dict):
        raise ValidationError("lines", "una riga è un oggetto con article e qty", "Riga")
    code = values.code(line.get("article"))
    if not code:
        raise ValidationError("article", "obbligatorio", LABELS["article"])
    article = find_article(ctx, code, "article", LABELS["article"])
    qty = values.decimal(line.get("qty"), 3, "qty", LABELS["qty"], required=True)
    if qty <= 0:
        raise ValidationError("qty", "deve essere maggiore di zero", LABELS["qty"])
    price = values.decimal(line.get("price"), 6, "price", LABELS["price"])
    if price is not None and price < 0:
        raise ValidationError("price", "non può essere negativo", LABELS["price"])
    if price is None and price_type == "fixed":
        raise ValidationError("price", "obbligatorio con il prezzo fisso", LABELS["price"])
    return {"article": article, "qty": qty, "price": price}


def find(ctx: Context, code: str) -> RecurringTemplate:
    found = RecurringTemplate.get_or_none(RecurringTemplate.company == ctx.require_company(),
                                          RecurringTemplate.code == values.code(code))
    if found is None:
        raise NotFound(f"Modello ordine ricorrente {values.code(code)} inesistente")
    return found


def _next_code(ctx: Context, customer: str) -> str:
    """A code for a template given none: the customer's code and a number."""
    taken = {t.code for t in RecurringTemplate.select(RecurringTemplate.code).where(
        RecurringTemplate.company == ctx.company)}
    number = 1
    while f"{customer}-{number}"[:20] in taken:
        number += 1
    return f"{customer}-{number}"[:20]


def write(ctx: Context, data: dict[str, Any], code: str | None = None) -> tuple[
        RecurringTemplate, bool]:
    """Create or replace one template (header and lines); True when created."""
    if not isinstance(data, dict):
        raise ValidationError("template", "un modello è un oggetto JSON", "Modello")
    head = header_fields(ctx, data)
    rows = line_rows(ctx, data.get("lines"), head["price_type"])
    code = _code(code or data.get("code")) or _next_code(ctx, head["party"].code)
    current = RecurringTemplate.get_or_none(RecurringTemplate.company == ctx.company,
                                            RecurringTemplate.code == code)
    if current is None:
        template = records.insert(ctx, RecurringTemplate, company=ctx.company, code=code,
                                  **head)
    else:
        template = records.update(ctx, current, **head)
    replace_lines(ctx, template, rows)
    return template, current is None


def replace_lines(ctx: Context, template: RecurringTemplate,
                  rows: list[dict[str, Any]]) -> None:
    RecurringLine.delete().where(RecurringLine.template == template).execute()
    for position, row in enumerate(rows, start=1):
        records.insert(ctx, RecurringLine, company=ctx.company, template=template,
                       position=position, **row)


@operation(functions.RECURRING_TEMPLATES)
def save(ctx: Context, data: dict[str, Any], code: str | None = None) -> RecurringTemplate:
    """Create or change a template from a dict (header keys and `lines`)."""
    return write(ctx, data, code)[0]


@operation(functions.RECURRING_TEMPLATES)
def save_header(ctx: Context, data: dict[str, Any], code: str | None = None
                ) -> RecurringTemplate:
    """The 451 mask: the header only; an existing template keeps its lines (edited
    apart, F6), a new one starts with none."""
    fields = {k: v for k, v in data.items() if k not in ("code", "lines")}
    head = header_fields(ctx, fields)
    code = _code(code or data.get("code"))
    if not code:
        raise ValidationError("code", "obbligatorio", LABELS["code"])
    current = RecurringTemplate.get_or_none(RecurringTemplate.company == ctx.company,
                                            RecurringTemplate.code == code)
    if current is None:
        return records.insert(ctx, RecurringTemplate, company=ctx.company, code=code, **head)
    if head["price_type"] == "fixed" and any(x.price is None for x in lines_of(current)):
        raise ValidationError("price_type", "prezzo fisso: dare prima un prezzo a ogni riga",
                              LABELS["price_type"])
    return records.update(ctx, current, **head)


@operation(functions.RECURRING_TEMPLATES)
def set_line(ctx: Context, code: str, position: int | None, data: dict[str, Any],
             remove: bool = False) -> RecurringTemplate:
    """Add a line (position None), replace the line at `position`, or remove it (the
    lines after it move up)."""
    template = find(ctx, code)
    rows = [{"article": x.article, "qty": x.qty, "price": x.price} for x in lines_of(template)]
    if position is not None and not 1 <= position <= len(rows):
        raise ValidationError("position", f"riga {position} inesistente (righe: {len(rows)})",
                              "Riga n.")
    if remove:
        if position is None:
            raise ValidationError("position", "indicare la riga da eliminare", "Riga n.")
        del rows[position - 1]
    else:
        try:
            row = _line(ctx, data, template.price_type)
        except NotFound as exc:
            raise ValidationError("article", exc.message, LABELS["article"]) from None
        if position is None:
            rows.append(row)
        else:
            rows[position - 1] = row
    replace_lines(ctx, template, rows)
    return template


def lines_by_template(ids: list[int]) -> dict[int, list[RecurringLine]]:
    """The lines of many templates in one query, their articles and VAT codes joined
    (the generation reads them all)."""
    found: dict[int, list[RecurringLine]] = defaultdict(list)
    if ids:
        for line in (RecurringLine.select(RecurringLine, Article, VatCode).join(Article)
                     .join(VatCode, JOIN.LEFT_OUTER)
                     .where(RecurringLine.template.in_(ids))
                     .order_by(RecurringLine.template, RecurringLine.position)):
            found[line.template_id].append(line)
    return found


def lines_of(template: RecurringTemplate) -> list[RecurringLine]:
    return list(RecurringLine.select().where(RecurringLine.template == template)
                .order_by(RecurringLine.position))


@operation(functions.RECURRING_TEMPLATES, write=False)
def get(ctx: Context, code: str) -> RecurringTemplate:
    return find(ctx, code)


@operation(functions.RECURRING_TEMPLATES, write=False)
def listing(ctx: Context, customer: str = "") -> list[RecurringTemplate]:
    query = (RecurringTemplate.select().where(RecurringTemplate.company ==
                                              ctx.require_company())
             .order_by(RecurringTemplate.code))
    if customer:
        query = query.where(RecurringTemplate.party == parties.find(ctx, customer))
    return list(query)


@operation(functions.RECURRING_TEMPLATES)
def delete(ctx: Context, code: str) -> None:
    """Remove a template that never generated an order; one that did is deactivated
    instead, so its orders keep saying where they came from."""
    template = find(ctx, code)
    if RecurringRun.select().where(RecurringRun.template == template).exists():
        raise GammaError(f"Modello {template.code}: ha già generato ordini; disattivarlo "
                         "(Attivo = N) invece di eliminarlo")
    records.delete(ctx, template)
