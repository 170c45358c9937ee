"""Command-line mistakes told in Italian: click's usage messages, translated."""

from __future__ import annotations

import re

import click

_TRANSLATIONS = [
    (r"No such command '(.+)'\.", r"comando «\1» inesistente"),
    (r"No such option:? '?([^'.]+)'?\.?(?: Did you mean (.+)\?)?",
     lambda m: f"opzione «{m.group(1)}» inesistente"
               + (f" (forse {m.group(2)}?)" if m.group(2) else "")),
    (r"Missing argument '(.+)'\.", r"manca l'argomento \1"),
    (r"Missing option '(.+)'\.", r"manca l'opzione \1"),
    (r"Option '(.+)' requires an argument\.", r"l'opzione \1 richiede un valore"),
    (r"Got unexpected extra arguments? \((.+)\)", r"argomenti in più: \1"),
    (r"Invalid value for '(.+?)': ", r"valore non valido per \1: "),
    (r"'(.*)' is not a valid integer(?: range)?\.?", r"«\1» non è un numero intero"),
    (r"'(.*)' is not a valid float(?: range)?\.?", r"«\1» non è un numero"),
    (r"'(.*)' is not one of (.+)\.", r"«\1» non è tra i valori ammessi (\2)"),
    (r"(.+) is not in the range (.+)\.", r"\1 è fuori dall'intervallo \2"),
    (r"File '(.+)' does not exist\.", r"il file «\1» non esiste"),
]


def translate(message: str) -> str:
    for pattern, replacement in _TRANSLATIONS:
        message = re.sub(pattern, replacement, message)
    return message


def show_usage_error(error: click.UsageError) -> None:
    ctx = error.ctx
    if ctx is not None:
        click.echo(ctx.get_usage().replace("Usage:", "Uso:", 1), err=True)
    hint = f" ({ctx.command_path} --help per l'aiuto)" if ctx is not None else ""
    click.echo(f"Errore: {translate(error.format_message())}{hint}", err=True)
