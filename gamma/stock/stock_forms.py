"""The warehouse masks' forms and what their values do: 301 the movements list (filters
and the rows as lines of text), 302 a movement typed by hand, 303 the availability of an
article, 306 the balances check, 307 a movements file imported. The screens only show
these; the CLI calls the same services."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gamma import forms
from gamma.context import Context
from gamma.errors import ValidationError
from gamma.forms import FieldDef, Form
from gamma.numbers import format_decimal
from gamma.stock import availability, check, movement_list, movements, stock_import

YN = dict(kind="bool", width=1)

MOVEMENT = forms.register(Form("stock_movement", "Registrazione movimento di magazzino", (
    FieldDef("date", "Data", "date", 10, help="vuoto = oggi"),
    FieldDef("reason", "Causale", "code", 10, required=True, upper=True, lookup="stock_reason",
             default="CAR"),
    FieldDef("article", "Articolo", "code", 20, required=True, upper=True, lookup="article"),
    FieldDef("depot", "Deposito", "code", 10, upper=True, lookup="depot",
             help="vuoto = deposito principale"),
    FieldDef("to_depot", "Dep. destinazione", "code", 10, upper=True, lookup="depot",
             help="solo per i trasferimenti"),
    FieldDef("qty", "Quantità", "decimal", 14, required=True, decimals=3),
    FieldDef("unit_price", "Prezzo unitario", "decimal", 16, decimals=6),
    FieldDef("currency", "Valuta", "code", 3, upper=True, lookup="currency",
             help="vuoto = euro"),
    FieldDef("exchange_rate", "Cambio", "decimal", 14, decimals=6,
             help="vuoto = dalla tabella cambi"),
    FieldDef("party", "Cliente/fornitore", "code", 20, upper=True, lookup="party"),
    FieldDef("lot", "Lotto", "code", 30, upper=True),
    FieldDef("serials", "Matricole", "text", 250, help="separate da spazi"),
    FieldDef("note", "Note", "text", 60),
    FieldDef("reprice", "Ricalcolo prezzi", **YN, default="N"),
)))

MOVEMENT_FILTER = forms.register(Form("stock_movement_filter", "Movimenti di magazzino", (
    FieldDef("article", "Articolo", "code", 20, upper=True, lookup="article"),
    FieldDef("depot", "Deposito", "code", 10, upper=True, lookup="depot"),
    FieldDef("reason", "Causale", "code", 10, upper=True, lookup="stock_reason"),
    FieldDef("date_from", "Dalla data", "date", 10),
    FieldDef("date_to", "Alla data", "date", 10),
)))

AVAILABILITY = forms.register(Form("stock_availability", "Disponibilità articoli", (
    FieldDef("article", "Articolo", "code", 20, required=True, upper=True, lookup="article"),
    FieldDef("depot", "Deposito", "code", 10, upper=True, lookup="depot",
             help="vuoto = tutti"),
)))


def _q(value) -> str:
    return format_decimal(value, 3) if value is not None else ""


def save_movement(ctx: Context, values: dict[str, Any]) -> str:
    """Record the mask's movement; the message for the operator."""
    def text(name: str) -> str:
        return values.get(name) or ""

    entry = movements.Entry(text("article"), values.get("qty"), text("reason"), text("depot"),
                            text("to_depot"), values.get("date"), values.get("unit_price"),
                            text("currency"), values.get("exchange_rate"), text("party"),
                            text("note"), text("lot"), text("serials"))
    done = movements.record(ctx, entry, reprice=bool(values.get("reprice")))
    numbers = " e ".join(str(m.id) for m in done.movements)
    message = f"Registrato movimento n. {numbers}"
    if done.repriced:
        message += "; listini ricalcolati: " + ", ".join(str(n) for n in done.repriced)
    if done.warnings:
        message += "; attenzione: " + "; ".join(done.warnings)
    return message


MOVEMENT_HEADER = (f"{'Data':10} {'Caus':5} {'Articolo':14} {'Dep':4} {'Quantità':>11} "
                   f"{'Val.unit.':>12}  Note/documento")


def movement_lines(ctx: Context, values: dict[str, Any]) -> list[str]:
    """The movements matching the filters, one line each (80 columns)."""
    rows = movement_list.listing(ctx, values.get("article") or "", values.get("depot") or "",
                                 values.get("reason") or "", values.get("date_from"),
                                 values.get("date_to"))
    lines = []
    for r in rows:
        value = format_decimal(r["unit_value"], 2) if r["unit_value"] is not None else ""
        lines.append(f"{r['date']:%d/%m/%Y} {r['reason']:5} {r['article'][:14]:14} "
                     f"{r['depot'][:4]:4} {_q(r['qty']):>11} {value:>12}  "
                     f"{(r['note'] or r['document'])[:18]}")
    return lines or ["(nessun movimento)"]


AVAILABILITY_HEADER = (f"{'Dep':4} {'Deposito':16} {'Esistenza':>11} {'Impegnato':>11} "
                       f"{'Ordinato':>11} {'Disponibile':>11}")


def availability_lines(ctx: Context, values: dict[str, Any]) -> list[str]:
    """The article's figures per depot and the total, as lines; the forecast under them."""
    found = availability.query(ctx, values.get("article") or "", values.get("depot") or None)

    def line(row: availability.Row) -> str:
        return (f"{row.depot:4} {row.description[:16]:16} {_q(row.on_hand):>11} "
                f"{_q(row.committed):>11} {_q(row.on_order):>11} {_q(row.available):>11}")

    total = found.total
    return ([f"{found.article} {found.description}"[:79], AVAILABILITY_HEADER]
            + [line(r) for r in found.depots] + [line(total), "",
               f"Disponibilità prevista (disponibile + ordinato): {_q(total.forecast)}"])


CHECK = forms.register(Form("stock_check", "Controllo saldi di magazzino", (
    FieldDef("fix", "Correggi i saldi", **YN, default="N"),
)))


def check_lines(ctx: Context, values: dict[str, Any]) -> list[str]:
    """The drift per article and depot (balance / movements), after fixing when asked."""
    fixing = bool(values.get("fix"))
    found = check.fix(ctx) if fixing else check.check(ctx)
    if not found:
        return ["Saldi di magazzino coerenti con i movimenti"]
    lines = [f"{'Articolo':14} {'Dep':4} {'Esistenza saldo/mov.':>23} "
             f"{'Impegnato':>17} {'Ordinato':>17}"]
    for x in found:
        (h, c, o), (mh, mc, mo) = x.stored, x.computed
        lines.append(f"{x.article[:14]:14} {x.depot[:4]:4} {_q(h) + '/' + _q(mh):>23} "
                     f"{_q(c) + '/' + _q(mc):>17} {_q(o) + '/' + _q(mo):>17}")
    lines.append(f"Saldi ricalcolati dai movimenti: {len(found)}" if fixing else
                 f"Saldi diversi dai movimenti: {len(found)} (Correggi = S per ricalcolarli)")
    return lines


IMPORT = forms.register(Form("stock_import", "Importazione movimenti di magazzino", (
    FieldDef("path", "File (sul server)", "text", 255, required=True,
             help="CSV: date,article,depot,qty,unit_cost,reason,lot"),
    FieldDef("reprice", "Ricalcolo prezzi", **YN, default="N"),
)))


def import_lines(ctx: Context, values: dict[str, Any]) -> list[str]:
    """Import the file named in the mask; the report, every rejected row included."""
    path = Path(values.get("path") or "")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError("path", f"file non leggibile ({exc.strerror})",
                              "File (sul server)") from None
    fmt = "xlsx" if path.suffix.lower() == ".xlsx" else "csv"
    report = stock_import.import_file(ctx, data, fmt, reprice=bool(values.get("reprice")))
    return [r.line() for r in report.rejected] + [report.summary()]
