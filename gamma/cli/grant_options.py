"""The options shared by `operator grant|revoke` and `group grant|revoke`."""

from __future__ import annotations

import click

from gamma.access.grants import SENSITIVE, GrantChange, parse_rights


def grant_options(command):
    options = [
        click.option("--function", "-f", "functions_", multiple=True, metavar="CODE",
                     help="Function code or mnemonic (repeatable)."),
        click.option("--company", "-c", "companies_", multiple=True, type=int, metavar="N",
                     help="Company code (repeatable)."),
        click.option("--doc", "documents", multiple=True, metavar="TYPE=RIGHTS",
                     help="Document rights, e.g. invoice=insert,modify,print or "
                     "invoice=all; rights: insert, modify, print, history, view_others, "
                     "modify_others (repeatable)."),
        click.option("--see", "sensitive", multiple=True,
                     type=click.Choice(sorted(SENSITIVE)),
                     help="Sensitive data: costs, margins, prices (repeatable)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def change_from(functions_, companies_, documents, sensitive, revoking: bool) -> GrantChange:
    docs = []
    for item in documents:
        doc_type, _, rights = item.partition("=")
        if not rights and not revoking:
            raise click.BadParameter(f"{item!r}: usare TIPO=diritti", param_hint="--doc")
        docs.append((doc_type.strip().lower(),
                     frozenset(parse_rights(rights.split(",") if rights else ["all"]))))
    return GrantChange(tuple(functions_), tuple(companies_), tuple(docs), tuple(sensitive))
