"""Forms of periodic invoicing (242: the parameters of a generation, a transitory line
changed or added) and of the agents' pro-forma (243), with the texts the screens show.
The 242 field names are `gamma periodic generate`'s, so a preset serves both."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from gamma import dates, forms, numbers
from gamma.context import Context
from gamma.contracts import agent_proforma, contracts, generation, periods
from gamma.contracts.generation import Filters
from gamma.errors import ValidationError
from gamma.forms import FieldDef, Form

COMMAND = "periodic generate"


def _date_text(name: str, label: str):
    def check(text: str) -> None:
        dates.parse_date(text, date.today(), name, label)
    return check


def _period_text(text: str) -> None:
    periods.parse_period(text, date.today())


PERIODIC = forms.register(Form("periodic_generate", "Fatturazione periodica", (
    FieldDef("period", "Periodo (mese)", "text", 10, required=True, validator=_period_text,
             help="2026-03, 03/2026, corrente, prossimo"),
    FieldDef("customers", "Clienti (a,b,...)", "text", 40, upper=True, lookup="customer",
             many=True, help="vuoto = tutti"),
    FieldDef("contract_codes", "Contratti (a,b,...)", "text", 40, upper=True,
             lookup="contract", many=True, help="vuoto = tutti"),
    FieldDef("series", "Sezionale contratti", "code", 10, upper=True),
    FieldDef("contract_from", "Contratti dal", "text", 18,
             validator=_date_text("contract_from", "Contratti dal")),
    FieldDef("contract_to", "Contratti al", "text", 18,
             validator=_date_text("contract_to", "Contratti al")),
    FieldDef("doc_date", "Data documenti", "text", 18,
             validator=_date_text("doc_date", "Data documenti"), help="vuoto = fine mese"),
)))

LINE = forms.register(Form("periodic_line", "Riga del movimento transitorio", (
    FieldDef("description", "Descrizione", "text", 60),
    FieldDef("qty", "Quantità", "decimal", 12, decimals=3),
    FieldDef("price", "Prezzo", "decimal", 16, decimals=6),
)))

NEW_LINE = forms.register(Form("periodic_new_line", "Nuova riga non codificata", (
    FieldDef("type", "Tipo riga", "choice", 12, required=True, default="Addebito",
             choices=tuple(contracts.ITEM_TYPES.items())),
    FieldDef("description", "Descrizione", "text", 60, required=True),
    FieldDef("qty", "Quantità", "decimal", 12, decimals=3, default="1"),
    FieldDef("price", "Prezzo", "decimal", 16, decimals=6),
    FieldDef("vat_code", "Codice IVA", "code", 10, upper=True, lookup="vat_code",
             default="22"),
)))

AGENTS = forms.register(Form("agent_proforma", "Pro-forma provvigioni agenti", (
    FieldDef("date_from", "Dal", "date", 10, required=True),
    FieldDef("date_to", "Al", "date", 10, required=True),
    FieldDef("agents", "Agenti (a,b,...)", "text", 40, upper=True, lookup="agent",
             many=True, help="vuoto = tutti"),
    FieldDef("extras", "Altri importi", "text", 60,
             help="AG1:Rimborso:50,00; AG1:Anticipo:-100"),
    FieldDef("pdf", "File PDF", "text", 60, help="vuoto = solo a video"),
)))


def codes(text: Any) -> tuple[str, ...]:
    if isinstance(text, (list, tuple)):
        return tuple(str(c).strip().upper() for c in text if str(c).strip())
    return tuple(c.strip().upper() for c in str(text or "").split(",") if c.strip())


def _day(ctx: Context, texts: dict[str, Any], name: str) -> date | None:
    return dates.parse_date(str(texts.get(name) or ""), ctx.today(), name,
                            PERIODIC.field(name).label)


def generate_args(ctx: Context, texts: dict[str, Any]) -> dict[str, Any]:
    """generation.generate's arguments from the mask's texts."""
    return {"up_to": periods.parse_period(str(texts.get("period") or ""), ctx.today()),
            "filters": Filters(customers=codes(texts.get("customers")),
                               contracts=codes(texts.get("contract_codes")),
                               series=str(texts.get("series") or "").strip().upper() or None,
                               date_from=_day(ctx, texts, "contract_from"),
                               date_to=_day(ctx, texts, "contract_to")),
            "doc_date": _day(ctx, texts, "doc_date")}


def preset_params(texts: dict[str, str]) -> dict[str, Any]:
    """The texts as the CLI reads them: the repeatable options as lists."""
    return {k: (list(codes(v)) if k in ("customers", "contract_codes") else v)
            for k, v in texts.items() if str(v).strip()}


def amount(value: Decimal) -> str:
    return numbers.format_decimal(value, 2)


def run_rows(run) -> list[tuple[str, int | None, int | None]]:
    """The run as lines for the screen, each with its movement and line ids (a
    movement's heading has no line id)."""
    out = []
    for m in generation.movements_of(run):
        made = f" doc.{m.document_id}" if m.document_id else ""
        out.append((f"{m.contract.code[:12]:<12} {m.party.code[:8]:<8} "
                    f"{m.period_from:%d/%m/%y}-{m.period_to:%d/%m/%y} "
                    f"{contracts.KINDS[m.kind][:12]:<12} {amount(generation.total_of(m)):>14}"
                    f"{made}", m.id, None))
        for line in generation.lines_of(m):
            value = "" if line.line_type == "text" else amount(line.amount)
            out.append((f"   {line.description[:58]:<58} {value:>14}", m.id, line.id))
    return out


def line_values(line_id: int) -> dict[str, Any]:
    from models import PeriodicLine
    line = PeriodicLine.get_by_id(line_id)
    return {"description": line.description, "qty": abs(line.qty), "price": line.price}


def parse_extras(text: str) -> list[tuple[str, str, str]]:
    """"AG1:Rimborso:50,00; AG1:Anticipo:-100" → (agent, description, amount) each."""
    out = []
    for number, part in enumerate(filter(None, (p.strip() for p in (text or "").split(";"))),
                                  start=1):
        pieces = [p.strip() for p in part.split(":")]
        if len(pieces) != 3:
            raise ValidationError("extras", f"importo {number}: agente:descrizione:importo",
                                  "Altri importi")
        value = numbers.parse_decimal(pieces[2], 2, "extras", "Altri importi")
        out.append((pieces[0], pieces[1], str(value)))
    return out


def agent_lines(found: list[agent_proforma.Statement]) -> list[str]:
    out = []
    for s in found:
        out.append(f"Agente {s.agent} {s.name} - provvigione {numbers.format_decimal(s.rate, 2)}%")
        for row in s.rows:
            out.append(f"  {row.name[:48]:<48} {row.customer[:10]:<10} "
                       f"{amount(row.taxable):>14}")
        out.append(f"  {'Imponibile provvigionale':<59} {amount(s.base):>14}")
        out.append(f"  {'Provvigioni':<59} {amount(s.commission):>14}")
        for description, value in s.extras:
            out.append(f"  {description[:59]:<59} {amount(value):>14}")
        out.append(f"  {'Totale spettante':<59} {amount(s.total):>14}")
        out.append("")
    return out or ["Nessuna provvigione nel periodo"]


OPEN_RUN = forms.register(Form("periodic_open_run", "Apri una generazione", (
    FieldDef("run", "Generazione n.", "integer", 8, required=True),
)))


PRINT_DIR = forms.register(Form("periodic_print", "Stampa i documenti della generazione", (
    FieldDef("directory", "Cartella dei PDF", "text", 60, required=True),
)))
