"""Forms (masks) of the recurring order templates (451), their generation (452) and the
panel (453); the template lookup; the lines of text the screens show. The screens only
show these; `gamma recurring` calls the same services."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from gamma import forms
from gamma.context import Context
from gamma.forms import FieldDef, Form
from gamma.lookups import Column, Source, register
from gamma.numbers import format_decimal
from gamma.recurring import calendar, templates
from gamma.recurring.check import Problem
from gamma.recurring.generation import Outcome
from models import RecurringTemplate

YN = dict(kind="bool", width=1)

TEMPLATE = forms.register(Form("recurring_template", "Modello ordine ricorrente", (
    FieldDef("code", "Codice modello", "code", 20, required=True, upper=True,
             lookup="recurring_template"),
    FieldDef("description", "Descrizione", "text", 60),
    FieldDef("customer", "Cliente", "code", 20, required=True, upper=True, lookup="customer"),
    FieldDef("frequency", "Frequenza", "choice", 12, required=True, default="weekdays",
             choices=(("weekdays", "Feriali"), ("weekly", "Settimanale"),
                      ("monthly", "Mensile")), help="feriali lun-ven, settimanale, mensile"),
    FieldDef("days", "Giorni (settimanale)", "text", 20,
             help="1 lun … 7 dom: 1,3,5 o lun,mer,ven"),
    FieldDef("day", "Giorno (mensile)", "integer", 2, help="1-31; 31 = ultimo del mese"),
    FieldDef("start", "Inizio validità", "date", 10, required=True),
    FieldDef("end", "Fine validità", "date", 10, help="vuoto: senza scadenza"),
    FieldDef("skip_holidays", "Salta i festivi", default="S", **YN),
    FieldDef("price_type", "Tipo prezzo", "choice", 10, default="list",
             choices=(("list", "Listino"), ("fixed", "Fisso")),
             help="fisso: il prezzo di ogni riga"),
    FieldDef("price_list", "Listino", "integer", 1, help="1-8; vuoto: del cliente"),
    FieldDef("delivery_days", "Consegna dopo giorni", "integer", 3, default="0",
             help="0: il giorno dell'ordine"),
    FieldDef("destination", "Destinazione n.", "integer", 3,
             help="del cliente; vuoto: la sede"),
    FieldDef("contact", "Referente", "text", 60),
    FieldDef("notes", "Note", "text", 60),
    FieldDef("active", "Attivo", default="S", **YN),
)))

LINES = forms.register(Form("recurring_lines", "Righe del modello ricorrente", (
    FieldDef("template", "Modello", "code", 20, required=True, upper=True,
             lookup="recurring_template"),
    FieldDef("position", "Riga n.", "integer", 3, help="vuoto: nuova riga"),
    FieldDef("article", "Articolo", "code", 20, upper=True, lookup="article",
             help="vuoto: mostra le righe"),
    FieldDef("qty", "Quantità", "decimal", 14, decimals=3),
    FieldDef("price", "Prezzo fisso", "decimal", 14, decimals=6, help="vuoto: da listino"),
    FieldDef("delete", "Elimina riga", default="N", **YN),
)))

# Field names are the CLI's parameter names: a preset stored here runs there too.
GENERATE = forms.register(Form("recurring_generate", "Generazione ordini ricorrenti", (
    FieldDef("day", "Data", "date", 10, required=True, default="oggi"),
    FieldDef("template", "Solo il modello", "code", 20, upper=True,
             lookup="recurring_template", help="vuoto: tutti"),
)))
GENERATE_COMMAND = "recurring generate"

PANEL = forms.register(Form("recurring_panel", "Pannello ordini ricorrenti", (
    FieldDef("start", "Generati dal", "date", 10, required=True, default="oggi"),
    FieldDef("end", "al", "date", 10, help="vuoto: lo stesso giorno"),
    FieldDef("customer", "Cliente", "code", 20, upper=True, lookup="customer"),
    FieldDef("template", "Modello", "code", 20, upper=True, lookup="recurring_template"),
)))
PANEL_COMMAND = "recurring panel"

SHIPPING_CHECK = forms.register(Form("recurring_shipping_check",
                                    "Controllo dati prima della spedizione", (
    FieldDef("day", "Consegne del", "date", 10, required=True, default="oggi"),
)))


def shipping_check_lines(ctx, values: dict[str, Any]) -> list[str]:
    """The check of the orders to deliver on the day, as the 453 F8 page shows it."""
    from gamma.recurring.shipping_check import shipping_check
    problems = shipping_check(ctx, values["day"])
    errors = sum(p.blocking for p in problems)
    return [str(p) for p in problems] + [
        f"Errori: {errors}, avvisi: {len(problems) - errors}" if problems
        else "Nessun problema negli ordini da consegnare"]


DISTRIBUTION = forms.register(Form("recurring_distribution", "Lista di distribuzione", (
    FieldDef("date", "Consegne dal", "date", 10, required=True, default="oggi"),
    FieldDef("to", "al", "date", 10, help="vuoto: lo stesso giorno"),
    FieldDef("complete", "Completa", default="N", help="S: anche le righe spedite", **YN),
    FieldDef("path", "File PDF", "text", 66, required=True),
)))


def _search(ctx: Context, typed: str, filters: dict[str, str], limit: int) -> list[dict]:
    if ctx.company is None:
        return []
    typed = (typed or "").strip().upper()
    rows = []
    for t in (RecurringTemplate.select().where(RecurringTemplate.company == ctx.company)
              .order_by(RecurringTemplate.code)):
        if typed and not (t.code.startswith(typed) or typed in t.description.upper()
                          or t.party.code.startswith(typed)):
            continue
        rows.append({"code": t.code, "customer": t.party.code, "description": t.description,
                     "frequency": calendar.describe(t), "start": f"{t.start:%d/%m/%Y}",
                     "active": "S" if t.active else "N"})
    return rows[:limit]


# 79 columns: 12 + 8 + 20 + 22 + 10 + 2 and five spaces.
register(Source("recurring_template", "Modelli ordini ricorrenti", (
    Column("code", "Modello", 12), Column("customer", "Cliente", 8),
    Column("description", "Descrizione", 20), Column("frequency", "Frequenza", 22),
    Column("start", "Dal", 10), Column("active", "At", 2)), "code", _search))


def form_values(template: RecurringTemplate) -> dict[str, Any]:
    """A template as the 451 mask shows it."""
    return {"code": template.code, "description": template.description,
            "customer": template.party.code, "frequency": template.frequency,
            "days": template.days, "day": template.month_day, "start": template.start,
            "end": template.end, "skip_holidays": template.skip_holidays,
            "price_type": template.price_type, "price_list": template.price_list,
            "delivery_days": template.delivery_days,
            "destination": template.destination.number if template.destination_id else None,
            "contact": template.contact, "notes": template.notes, "active": template.active}


def _n(value, places: int) -> str:
    return format_decimal(value, places) if value is not None else ""


def line_texts(ctx: Context, values: dict[str, Any]) -> list[str]:
    """Apply what the 451 lines mask asks (a line added, changed or removed), then the
    template's lines."""
    code = values["template"]
    done = []
    if values.get("delete") or values.get("article"):
        templates.set_line(ctx, code, values.get("position"),
                           {"article": values.get("article"), "qty": values.get("qty"),
                            "price": values.get("price")}, remove=bool(values.get("delete")))
        done = ["Riga eliminata" if values.get("delete") else "Riga registrata", ""]
    template = templates.get(ctx, code)
    lines = templates.lines_of(template)
    head = (f"{template.code} {template.party.code} {calendar.describe(template)} "
            f"prezzo {templates.PRICE_TYPES[template.price_type].lower()}")
    return done + [head[:79], f"{'N.':>3} {'Articolo':<20} {'Descrizione':<30} "
                   f"{'Quantità':>10} {'Prezzo':>10}"] + [
        f"{x.position:>3} {x.article.code:<20} {x.article.description[:30]:<30} "
        f"{_n(x.qty, 3):>10} {_n(x.price, 2):>10}" for x in lines] + (
        [] if lines else ["(nessuna riga: indicare articolo e quantità, F10)"])


def due_line(template: RecurringTemplate, marked: bool, problems: list[Problem]) -> str:
    """A row of the 452 due list: the mark, template, customer, destination, check."""
    errors = sum(p.blocking for p in problems)
    state = f"{errors} errori" if errors else (f"{len(problems)} avvisi" if problems
                                               else "ok")
    where = template.destination.name if template.destination_id else "sede"
    return (f"[{'X' if marked else ' '}] {template.code[:14]:<14} {template.party.code[:8]:<8} "
            f"{template.party.name[:20]:<20} {where[:16]:<16} {state[:10]}")


DUE_HEADER = f"{'Sel':<3} {'Modello':<14} {'Cliente':<8} {'Ragione sociale':<20} " \
             f"{'Destinazione':<16} Controllo"


def outcome_lines(done: list[Outcome]) -> list[str]:
    return [o.text()[:79] for o in done]


PANEL_HEADER = (f"{'Generato':<10} {'Modello':<12} {'Cliente':<8} {'Ordine':>6} "
                f"{'Consegna':<10} {'Ref':>3} {'Da sped.':>8} Stato")


def panel_line(row: dict[str, Any]) -> str:
    day = date.fromisoformat(row["day"])
    delivery = date.fromisoformat(row["delivery_date"]) if row["delivery_date"] else None
    return (f"{day:%d/%m/%Y} {row['template'][:12]:<12} {row['customer'][:8]:<8} "
            f"{row['number']:>6} {f'{delivery:%d/%m/%Y}' if delivery else '':<10} "
            f"{row['lines']:>3} {row['residual_qty'][:8]:>8} {row['status_label']}")[:79]


def distribution_path(ctx: Context, day: date) -> Path:
    """The file offered for the distribution list."""
    folder = ctx.settings.data_dir / "stampe" / str(ctx.require_company().code)
    return folder / f"distribuzione-{day:%Y%m%d}.pdf"
