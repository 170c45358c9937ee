"""The masks of valuation and inventory and what their values do, as lines of text under
the mask: 321 valuation, 322 physical inventory, 323 year-end close, 324 inventory book
print, 325 stock indices. The screens only show these; the CLI calls the same services."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gamma import db, forms
from gamma.context import Context
from gamma.errors import ValidationError
from gamma.forms import FieldDef, Form
from gamma.numbers import format_decimal
from gamma.stock import indices, inventory, valuation, valuation_book, year_close

METHOD_HELP = "fifo lifo lifo-annual average moving-average last supplier-average list:N"


def _method(default: str = "fifo") -> FieldDef:
    return FieldDef("method", "Metodo", "text", 16, required=True, default=default,
                    validator=valuation.parse_method, help=METHOD_HELP)


VALUATION = forms.register(Form("stock_valuation", "Valorizzazione magazzino", (
    _method(),
    FieldDef("at", "Alla data", "date", 10, help="vuoto = oggi"),
    FieldDef("depot", "Deposito", "code", 10, upper=True, lookup="depot",
             help="vuoto = tutti"),
)))

COUNT = forms.register(Form("stock_count", "Inventario fisico", (
    FieldDef("count", "Inventario n.", "integer", 8, help="vuoto = nuovo"),
    FieldDef("depot", "Deposito", "code", 10, upper=True, lookup="depot", default="01"),
    FieldDef("date", "Data inventario", "date", 10, help="vuoto = oggi"),
    FieldDef("path", "File del lettore", "text", 255,
             help="sul server: righe codice;quantità (le letture si sommano)"),
    FieldDef("article", "Articolo contato", "code", 32, upper=True, lookup="article",
             help="codice o codice a barre"),
    FieldDef("qty", "Quantità contata", "decimal", 14, decimals=3,
             help="sostituisce quella contata finora"),
    FieldDef("apply", "Applica le rettifiche", kind="bool", width=1, default="N"),
)))

YEAR_CLOSE = forms.register(Form("stock_year_close", "Chiusura annuale di magazzino", (
    FieldDef("year", "Anno da chiudere", "integer", 4, required=True),
    _method(),
    FieldDef("replace", "Sostituisci chiusura", kind="bool", width=1, default="N"),
)))

BOOK = forms.register(Form("stock_inventory_book", "Stampa libro inventari", (
    _method(),
    FieldDef("at", "Alla data", "date", 10, help="vuoto = oggi"),
    FieldDef("depot", "Deposito", "code", 10, upper=True, lookup="depot",
             help="vuoto = tutti"),
    FieldDef("path", "File (sul server)", "text", 255, required=True,
             help=".pdf stampa, .xlsx Excel"),
)))

INDICES = forms.register(Form("stock_indices", "Indici di magazzino", (
    FieldDef("start", "Dalla data", "date", 10, required=True),
    FieldDef("end", "Alla data", "date", 10, required=True),
    _method("moving-average"),
)))


def _d(value, places: int) -> str:
    return "" if value is None else format_decimal(value, places)


VALUATION_HEADER = (f"{'Articolo':16} {'Descrizione':24} {'Quantità':>11} "
                    f"{'Costo unit.':>12} {'Valore':>12}")


def valuation_lines(ctx: Context, values: dict[str, Any]) -> list[str]:
    found = valuation.value(ctx, values["method"], values.get("at") or ctx.today(),
                            values.get("depot") or None)
    lines = [f"{x.code[:16]:16} {x.description[:24]:24} {_d(x.qty, 3):>11} "
             f"{_d(x.unit_cost, 4):>12} {_d(x.value, 2):>12}" for x in found.lines]
    return (lines or ["(nessun articolo in giacenza)"]) + [
        f"Totale {found.label()} al {found.at:%d/%m/%Y}: {_d(found.total, 2)}"]


def count_lines(ctx: Context, values: dict[str, Any]) -> tuple[int, list[str]]:
    """Do what the mask asks (start a count, read a file, set an article, apply), all or
    nothing, and return the count's number and its lines: counted, book quantity,
    adjustment."""
    with db.transaction():
        return _count(ctx, values)


def _count(ctx: Context, values: dict[str, Any]) -> tuple[int, list[str]]:
    said = []
    count_id = values.get("count")
    if count_id is None:
        count_id = inventory.start(ctx, values.get("depot") or "01",
                                   values.get("date") or ctx.today()).id
        said.append(f"Nuovo inventario n. {count_id}")
    if values.get("path"):
        path = Path(values["path"])
        if not path.is_file():
            raise ValidationError("path", "file inesistente sul server", "File del lettore")
        read = inventory.import_reader(ctx, count_id, path.read_text(errors="replace"))
        said.append(f"{read} articoli letti dal file")
    if values.get("article"):
        if values.get("qty") is None:
            raise ValidationError("qty", "obbligatoria con l'articolo", "Quantità contata")
        inventory.set_line(ctx, count_id, values["article"], values["qty"])
    if values.get("apply"):
        done = inventory.apply(ctx, count_id)
        said.append(f"Applicato: {sum(1 for x in done if x.adjustment)} rettifiche")
    lines = [f"{'Articolo':16} {'Descrizione':22} {'Contata':>12} {'Contabile':>12} "
             f"{'Rettifica':>12}"]
    lines += [f"{x.code[:16]:16} {x.description[:22]:22} {_d(x.counted, 3):>12} "
              f"{_d(x.expected, 3):>12} {_d(x.adjustment, 3):>12}"
              for x in inventory.differences(ctx, count_id)]
    return count_id, lines + ([". ".join(said)] if said else [])


def close_lines(ctx: Context, values: dict[str, Any]) -> list[str]:
    done = year_close.close(ctx, values["year"], values["method"], bool(values.get("replace")))
    return [year_close.summary(done),
            f"Giacenze riaperte al 01/01/{done.year + 1} (causali CHI e APE)"]


def book_lines(ctx: Context, values: dict[str, Any]) -> list[str]:
    path = Path(values["path"])
    if path.suffix.lower() not in (".pdf", ".xlsx"):
        raise ValidationError("path", "estensione .pdf o .xlsx", "File")
    found = valuation.value(ctx, values["method"], values.get("at") or ctx.today(),
                            values.get("depot") or None)
    render = valuation_book.pdf if path.suffix.lower() == ".pdf" else valuation_book.xlsx
    path.write_bytes(render(ctx, found))
    return [f"Libro inventari ({found.label()}) di {len(found.lines)} articoli scritto in "
            f"{path}", f"Totale: {_d(found.total, 2)}"]


INDICES_HEADER = (f"{'Articolo':14} {'Val.medio':>11} {'Costo vend.':>11} {'Rotaz.':>7} "
                  f"{'Cop.gg':>7} {'Margine':>11} {'Marg.%':>7}")


def indices_lines(ctx: Context, values: dict[str, Any]) -> list[str]:
    found = indices.indices(ctx, values["start"], values["end"], values["method"])
    total = indices.total(found)
    lines = [f"{x.code[:14]:14} {_d(x.average_value, 2):>11} {_d(x.cogs, 2):>11} "
             f"{_d(x.turnover, 2):>7} {_d(x.coverage_days, 1):>7} {_d(x.margin, 2):>11} "
             f"{_d(x.margin_rate, 2):>7}" for x in found]
    return (lines or ["(nessun articolo movimentato)"]) + [
        f"{'Totale':14} {_d(total['average_value'], 2):>11} {_d(total['cogs'], 2):>11} "
        f"{_d(total['turnover'], 2):>7} {_d(total['coverage_days'], 1):>7} "
        f"{_d(total['margin'], 2):>11} {_d(total['margin_rate'], 2):>7}"]
