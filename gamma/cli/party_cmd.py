"""gamma party show | find | export | add | set | delete."""

from __future__ import annotations

import io
import json
from pathlib import Path

import click

from gamma import functions
from gamma.cli.output import _plain, emit, emit_json, emit_record, json_option
from gamma.cli.state import CliState, pass_state, uses
from gamma.errors import GammaError, ValidationError
from gamma.master import import_files, parties, party_destinations, party_export, party_import
from gamma.master.party_form import PARTY

FIND_HEADERS = {"code": "Codice", "name": "Ragione sociale", "city": "Località",
                "vat_number": "Partita IVA", "roles": "C/F"}


@click.group("party")
def party():
    """Parties (anagrafiche clienti e fornitori): show, find, export, add, change."""


@uses(functions.PARTY_LIST)
@party.command("show")
@click.argument("code")
@json_option
@pass_state
def show(state: CliState, code: str, as_json: bool):
    """Show party CODE with every field."""
    ctx = state.context(need_company=True)
    row = party_export.row(parties.get(ctx, code))
    headers = {"code": "Codice", "roles": "Ruoli (C/F)",
               **{f.name: f.label for f in PARTY.fields if f.name != "code"}}
    if as_json:
        emit_json(row)
    else:
        emit_record({k: party_export.as_text(v) for k, v in row.items()}, headers, False, ctx)


@uses(functions.PARTY_LIST)
@party.command("find")
@click.argument("text")
@click.option("--role", type=click.Choice(["customer", "supplier"]),
              help="Only customers or only suppliers.")
@click.option("--limit", type=int, default=200, show_default=True, help="At most this many.")
@json_option
@pass_state
def find(state: CliState, text: str, role: str | None, limit: int, as_json: bool):
    """Find parties whose code starts with TEXT, whose name contains it, or whose VAT
    number contains its digits."""
    ctx = state.context(need_company=True)
    emit(party_export.search(ctx, text, role, limit), FIND_HEADERS, as_json, ctx)


@uses(functions.PARTY_LIST)
@party.command("export", help=(
    "Export every party of the company to standard output or -o FILE. CSV is UTF-8, `;` "
    "separated, with a header; its columns, in this order, are: "
    + ", ".join(party_export.EXPORT_COLUMNS)
    + ". roles is C, F or CF; booleans S/N; amounts with the decimal comma; dates "
      "dd/mm/yyyy; coded fields "
      "(payment_term, agent, zone, ...) hold codes. The import reads the same columns."))
@click.option("--format", "fmt", type=click.Choice(["csv", "json", "xlsx", "fixed"]),
              default=None, help="Output format (default csv, or from -o's extension: "
              ".xlsx, .txt/.dat = fixed).")
@click.option("--layout", default=None, help="The record layout of --format fixed.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file instead of standard output.")
@pass_state
def export(state: CliState, fmt: str | None, layout: str | None, output: str | None):
    ctx = state.context(need_company=True)
    if fmt is None:
        fmt = import_files.EXTENSIONS.get(Path(output or "").suffix.lower(), "csv")
    rows = party_export.export_rows(ctx)
    if fmt in ("xlsx", "fixed"):
        data = import_files.write(ctx, fmt, party_export.EXPORT_COLUMNS, rows, layout,
                                  "Anagrafiche")
        if output:
            Path(output).write_bytes(data)
            click.echo(f"Esportate {len(rows)} anagrafiche in {output}", err=True)
        else:
            click.get_binary_stream("stdout").write(data)
        return
    buffer = io.StringIO()
    if fmt == "csv":
        party_export.write_csv(rows, buffer)
    else:
        json.dump(rows, buffer, default=_plain, ensure_ascii=False, indent=2)
        buffer.write("\n")
    if output:
        with open(output, "w", encoding="utf-8", newline="") as f:
            f.write(buffer.getvalue())
        click.echo(f"Esportate {len(rows)} anagrafiche in {output}", err=True)
    else:
        click.echo(buffer.getvalue(), nl=False)


def _values(ctx, settings: tuple[str, ...]) -> dict:
    """FIELD=VALUE pairs, each value parsed as the party mask parses what is typed."""
    values = {}
    for item in settings:
        name, sep, text = item.partition("=")
        name = name.strip()
        if not sep:
            raise ValidationError("set", f"{item!r}: scrivere CAMPO=VALORE", "--set")
        if name == "roles":
            text = text.strip().upper()
            values["is_customer"], values["is_supplier"] = "C" in text, "F" in text
            continue
        try:
            field = PARTY.field(name)
        except Exception:
            names = ", ".join(f.name for f in PARTY.fields)
            raise ValidationError("set", f"campo {name!r} inesistente (campi: {names})",
                                  "--set") from None
        values[name] = field.parse(text, ctx.today())
    return values


SET_HELP = ("FIELD=VALUE, repeatable; fields as in `gamma party show --json` "
            "(roles=C|F|CF, booleans S/N, amounts 1500,50).")


@uses(functions.PARTY_EDIT)
@party.command("add")
@click.argument("code")
@click.argument("name")
@click.option("-s", "--set", "settings", multiple=True, help=SET_HELP)
@pass_state
def add(state: CliState, code: str, name: str, settings: tuple[str, ...]):
    """Create party CODE named NAME; other fields with --set FIELD=VALUE."""
    ctx = state.context(need_company=True)
    values = {**_values(ctx, settings), "code": code, "name": name}
    created = parties.save_from_form(ctx, values)
    click.echo(f"Creata l'anagrafica {created.code} «{created.name}»")


@uses(functions.PARTY_EDIT)
@party.command("set")
@click.argument("code")
@click.option("-s", "--set", "settings", multiple=True, required=True, help=SET_HELP)
@pass_state
def set_cmd(state: CliState, code: str, settings: tuple[str, ...]):
    """Change fields of party CODE with --set FIELD=VALUE."""
    ctx = state.context(need_company=True)
    changed = parties.save_from_form(ctx, _values(ctx, settings), code)
    click.echo(f"Modificata l'anagrafica {changed.code} «{changed.name}»")


@uses(functions.PARTY_EDIT)
@party.command("delete")
@click.argument("code")
@pass_state
def delete(state: CliState, code: str):
    """Delete party CODE (refused while other records use it)."""
    ctx = state.context(need_company=True)
    parties.delete(ctx, code)
    click.echo(f"Eliminata l'anagrafica {code.upper()}")


IMPORT_HELP = ("Import parties from FILE: CSV (UTF-8 or Windows-1252, `;` or `,`), xlsx or "
               "a fixed-width layout; the format comes from the extension when not given "
               "(.csv, .xlsx, .txt/.dat with --layout). Columns as `gamma party export` "
               "writes them, or mapped with --map. An existing code is changed, a new one "
               "created. All or nothing unless --partial; every rejected row is reported "
               "on stderr as `riga N: colonna: motivo`, exit 1 when nothing was written.")


def import_options(f):
    """The options shared by `gamma party import` and `gamma article import`."""
    for option in reversed((
            click.argument("file", type=click.Path(exists=True, dir_okay=False)),
            click.option("--format", "fmt", type=click.Choice(import_files.FORMATS),
                         help="csv, xlsx or fixed (default: from the extension)."),
            click.option("--layout", help="The record layout of a fixed-width file."),
            click.option("--map", "maps", multiple=True, metavar="COLUMN=FIELD",
                         help="Read COLUMN of the file as FIELD (COLUMN=- ignores it); "
                         "repeatable."),
            click.option("--save-map", metavar="NAME", help="Store the mapping as NAME."),
            click.option("--shared", is_flag=True,
                         help="With --save-map: visible to every operator."),
            click.option("--use-map", metavar="NAME", help="Use the stored mapping NAME "
                         "(--map entries given here win)."),
            click.option("--partial", is_flag=True,
                         help="Keep the valid rows when some are rejected."))):
        f = option(f)
    return f


def run_import(state: CliState, kind: str, import_file, file: str, fmt: str | None,
               layout: str | None, maps: tuple[str, ...], save_map: str | None,
               shared: bool, use_map: str | None, partial: bool) -> None:
    """Read FILE, run the import service, print the report; exit 1 when nothing was
    written because of bad rows."""
    ctx = state.context(need_company=True)
    fmt = import_files.format_of(file, fmt, layout)
    mapping = import_files.mapping_for(ctx, kind, maps, use_map, save_map, shared)
    if save_map:
        click.echo(f"Corrispondenza colonne memorizzata come «{save_map}»"
                   f"{' (condivisa)' if shared else ''}", err=True)
    report = import_file(ctx, Path(file).read_bytes(), fmt, layout, mapping, partial)
    for rejected in report.rejected:
        click.echo(rejected.line(), err=True)
    if not report.committed:  # one line on stderr and exit code 1
        raise GammaError(report.summary())
    click.echo(report.summary())


@uses(functions.PARTY_EDIT)
@party.command("import", help=IMPORT_HELP)
@import_options
@pass_state
def import_cmd(state: CliState, **options):
    run_import(state, party_import.KIND, party_import.import_file, **options)


@party.group("destination")
def destination():
    """Delivery addresses (destinazioni) of a party, numbered 1, 2, ..."""


DESTINATION_HEADERS = {"number": "N.", "name": "Nome", "address": "Indirizzo", "zip": "CAP",
                       "city": "Località", "province": "Pr", "country": "Naz"}


@uses(functions.PARTY_LIST)
@destination.command("list")
@click.argument("code")
@json_option
@pass_state
def destination_list(state: CliState, code: str, as_json: bool):
    """List the destinations of party CODE."""
    ctx = state.context(need_company=True)
    rows = [{"number": d.number, **party_destinations.form_values(d)}
            for d in party_destinations.list_destinations(ctx, code)]
    emit(rows, DESTINATION_HEADERS, as_json, ctx)


@uses(functions.PARTY_EDIT)
@destination.command("add")
@click.argument("code")
@click.argument("name")
@click.option("--address", default="", help="Street and number.")
@click.option("--zip", "zip_code", default="", help="Postal code (CAP).")
@click.option("--city", default="", help="City.")
@click.option("--province", default="", help="Province, 2 letters.")
@click.option("--country", default="IT", show_default=True, help="ISO country code.")
@pass_state
def destination_add(state: CliState, code: str, name: str, address: str, zip_code: str,
                    city: str, province: str, country: str):
    """Add a destination named NAME to party CODE; it gets the next number."""
    ctx = state.context(need_company=True)
    row = party_destinations.add_destination(ctx, code, {
        "name": name, "address": address, "zip": zip_code, "city": city,
        "province": province, "country": country})
    click.echo(f"Aggiunta la destinazione {row.number} di {code.upper()}")


@uses(functions.PARTY_EDIT)
@destination.command("remove")
@click.argument("code")
@click.argument("number", type=int)
@pass_state
def destination_remove(state: CliState, code: str, number: int):
    """Remove destination NUMBER of party CODE."""
    ctx = state.context(need_company=True)
    party_destinations.remove_destination(ctx, code, number)
    click.echo(f"Eliminata la destinazione {number} di {code.upper()}")


COMMANDS = [party]
