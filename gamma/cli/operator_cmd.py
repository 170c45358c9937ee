"""gamma operator add | list | show | passwd | lock | unlock | set | grant | revoke | key."""

from __future__ import annotations

import click

from gamma import functions
from gamma.access import grants, keys, operators, permissions
from gamma.cli.grant_options import change_from, grant_options
from gamma.cli.init_cmd import read_password
from gamma.cli.output import emit, emit_json, emit_record, json_option
from gamma.cli.state import CliState, pass_state, uses
from models import Operator

HEADERS = {"login": "Operatore", "name": "Nome", "admin": "Amm.", "active": "Attivo",
           "locked_until": "Bloccato fino a", "groups": "Gruppi", "last_login_at": "Ultimo accesso"}


def as_row(operator: Operator) -> dict:
    return {"login": operator.login, "name": operator.name, "admin": operator.is_admin,
            "active": operator.active, "audit": operator.audit_enabled,
            "locked_until": operator.locked_until,
            "groups": ",".join(g.code for g in operators.groups_of(operator)),
            "last_login_at": operator.last_login_at}


@click.group("operator")
def operator():
    """Operators: who logs in, with which rights."""


@uses(functions.OPERATOR_EDIT)
@operator.command("add")
@click.argument("login")
@click.option("--name", default="", help="Full name.")
@click.option("--admin", is_flag=True, help="Administrator: every right, every company.")
@click.option("--group", "-g", "groups", multiple=True, help="Group code (repeatable).")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@pass_state
def add(state: CliState, login, name, admin, groups, password_stdin):
    """Create operator LOGIN (the password is asked, or read with --password-stdin)."""
    ctx = state.context()
    password = read_password(password_stdin, f"Password per {login}")
    created = operators.add(ctx, login, password, name=name, is_admin=admin,
                            groups=tuple(groups))
    click.echo(f"Creato l'operatore {created.display}")


@uses(functions.OPERATOR_LIST)
@operator.command("list")
@json_option
@pass_state
def list_cmd(state: CliState, as_json: bool):
    """List operators."""
    ctx = state.context()
    emit([as_row(o) for o in operators.list_operators(ctx)], HEADERS, as_json, ctx)


@uses(functions.OPERATOR_LIST)
@operator.command("show")
@click.argument("login")
@json_option
@pass_state
def show(state: CliState, login: str, as_json: bool):
    """Show operator LOGIN with the rights granted and in force."""
    ctx = state.context()
    target = operators.get(ctx, login)
    row = as_row(target)
    granted = grants.summary(ctx, grants.Grantee(operator=target))
    see = permissions.sensitive_data(target)
    row.update(functions=sorted(permissions.allowed_functions(target)),
               companies=[c.code for c in permissions.allowed_companies(target)],
               granted_functions=granted.functions, document_rights=granted.document_rights,
               see={"costs": see.costs, "margins": see.margins, "prices": see.prices})
    if as_json:
        emit_json(row)
        return
    row["functions"] = " ".join(row["functions"])
    row["companies"] = " ".join(map(str, row["companies"]))
    row["document_rights"] = "; ".join(f"{k}={','.join(v)}" for k, v in
                                       granted.document_rights.items())
    row["see"] = ", ".join(k for k, v in row["see"].items() if v)
    emit_record(row, {**HEADERS, "audit": "Registro attività", "functions": "Funzioni",
                      "companies": "Ditte", "document_rights": "Documenti",
                      "see": "Dati riservati"}, False, ctx)


@uses(functions.OPERATOR_EDIT)
@operator.command("passwd")
@click.argument("login", required=False)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@pass_state
def passwd(state: CliState, login: str | None, password_stdin: bool):
    """Change the password of LOGIN (default: the acting operator's own)."""
    ctx = state.context()
    password = read_password(password_stdin, "Nuova password")
    target = operators.change_password(ctx, login, password)
    click.echo(f"Password cambiata per {target.display}")


@uses(functions.OPERATOR_EDIT)
@operator.command("lock")
@click.argument("login")
@click.option("--minutes", type=click.IntRange(min=1), help="Lock for N minutes "
              "(default: until unlocked).")
@pass_state
def lock(state: CliState, login: str, minutes: int | None):
    """Lock operator LOGIN out."""
    target = operators.lock(state.context(), login, minutes)
    click.echo(f"Operatore {target.display} bloccato")


@uses(functions.OPERATOR_EDIT)
@operator.command("unlock")
@click.argument("login")
@pass_state
def unlock(state: CliState, login: str):
    """Unlock operator LOGIN and reset the failed-login count."""
    target = operators.unlock(state.context(), login)
    click.echo(f"Operatore {target.display} sbloccato")


@uses(functions.OPERATOR_EDIT)
@operator.command("set")
@click.argument("login")
@click.option("--active/--inactive", default=None, help="Allow or refuse logins.")
@click.option("--audit/--no-audit", default=None,
              help="Log the operator's writes (denials and logins are always logged).")
@pass_state
def set_cmd(state: CliState, login: str, active: bool | None, audit: bool | None):
    """Activate/deactivate operator LOGIN, switch the logging of its writes."""
    ctx = state.context()
    if active is None and audit is None:
        raise click.UsageError("indicare --active/--inactive o --audit/--no-audit")
    if active is not None:
        operators.set_active(ctx, login, active)
    if audit is not None:
        operators.set_audit(ctx, login, audit)
    click.echo(f"Operatore {login.upper()} aggiornato")


@uses(functions.GRANTS)
@operator.command("grant")
@click.argument("login")
@grant_options
@click.option("--deny", is_flag=True, help="Deny the functions explicitly, whatever the "
              "operator's groups allow.")
@pass_state
def grant(state: CliState, login, functions_, companies_, documents, sensitive, deny):
    """Grant functions, companies, document rights or sensitive data to LOGIN."""
    ctx = state.context()
    grants.grant(ctx, grants.Grantee.of_operator(login),
                 change_from(functions_, companies_, documents, sensitive, False), deny=deny)
    click.echo(f"Permessi aggiornati per l'operatore {login.upper()}")


@uses(functions.GRANTS)
@operator.command("revoke")
@click.argument("login")
@grant_options
@pass_state
def revoke(state: CliState, login, functions_, companies_, documents, sensitive):
    """Take back functions, companies, document rights or sensitive data from LOGIN."""
    ctx = state.context()
    grants.revoke(ctx, grants.Grantee.of_operator(login),
                  change_from(functions_, companies_, documents, sensitive, True))
    click.echo(f"Permessi aggiornati per l'operatore {login.upper()}")


@operator.group("key")
def key():
    """SSH public keys that let an operator in through `gamma ssh serve`."""


KEY_HEADERS = {"fingerprint": "Impronta", "key_type": "Tipo", "comment": "Commento",
               "created_at": "Aggiunta il"}


@uses(functions.OPERATOR_EDIT)
@key.command("add")
@click.argument("login")
@click.argument("key_line", nargs=-1, metavar="[KEYLINE]")
@click.option("--file", "key_file", type=click.File("r"), metavar="FILE",
              help="Read the keys from FILE (an OpenSSH .pub file or several key lines; "
                   "- for standard input).")
@pass_state
def key_add(state: CliState, login: str, key_line: tuple[str, ...], key_file):
    """Register for LOGIN an OpenSSH public key, given as KEYLINE ("ssh-ed25519 AAAA...
    comment") or read with --file."""
    if bool(key_line) == bool(key_file):
        raise click.UsageError("indicare la chiave oppure --file (uno dei due)")
    lines = key_file.read().splitlines() if key_file else [" ".join(key_line)]
    ctx = state.context()
    for added in keys.add_all(ctx, login, lines):
        click.echo(f"Aggiunta all'operatore {added.operator.display} la chiave "
                   f"{added.fingerprint} ({added.key_type}"
                   f"{', ' + added.comment if added.comment else ''})")


@uses(functions.OPERATOR_LIST)
@key.command("list")
@click.argument("login")
@json_option
@pass_state
def key_list(state: CliState, login: str, as_json: bool):
    """List the public keys registered for LOGIN."""
    ctx = state.context()
    rows = [{"fingerprint": k.fingerprint, "key_type": k.key_type, "comment": k.comment,
             "created_at": k.created_at} for k in keys.list_keys(ctx, login)]
    emit(rows, KEY_HEADERS, as_json, ctx)


@uses(functions.OPERATOR_EDIT)
@key.command("remove")
@click.argument("login")
@click.argument("fingerprint")
@pass_state
def key_remove(state: CliState, login: str, fingerprint: str):
    """Remove from LOGIN the public key with FINGERPRINT (as `gamma operator key list`
    shows it)."""
    removed = keys.remove(state.context(), login, fingerprint)
    click.echo(f"Rimossa la chiave {removed.fingerprint} dell'operatore "
               f"{removed.operator.display}")


COMMANDS = [operator]
