"""gamma group add | list | join | leave | grant | revoke."""

from __future__ import annotations

import click

from gamma import functions
from gamma.access import grants, operators
from gamma.cli.grant_options import change_from, grant_options
from gamma.cli.output import emit, json_option
from gamma.cli.state import CliState, pass_state, uses


@click.group("group")
def group():
    """Groups of operators sharing grants."""


@uses(functions.GROUP_EDIT)
@group.command("add")
@click.argument("code")
@click.option("--description", default="", help="Description.")
@pass_state
def group_add(state: CliState, code: str, description: str):
    """Create group CODE."""
    created = operators.add_group(state.context(), code, description)
    click.echo(f"Creato il gruppo {created.code}")


@uses(functions.GROUP_LIST)
@group.command("list")
@json_option
@pass_state
def group_list(state: CliState, as_json: bool):
    """List groups with their members."""
    ctx = state.context()
    rows = [{"code": g.code, "description": g.description,
             "members": ",".join(o.login for o in operators.members(g))}
            for g in operators.list_groups(ctx)]
    emit(rows, {"code": "Gruppo", "description": "Descrizione", "members": "Operatori"},
         as_json, ctx)


@uses(functions.GROUP_EDIT)
@group.command("join")
@click.argument("code")
@click.argument("logins", nargs=-1, required=True)
@pass_state
def group_join(state: CliState, code: str, logins: tuple[str, ...]):
    """Put operators LOGINS into group CODE."""
    operators.join(state.context(), code, list(logins))
    click.echo(f"Gruppo {code.lower()}: aggiunti {', '.join(l.upper() for l in logins)}")


@uses(functions.GROUP_EDIT)
@group.command("leave")
@click.argument("code")
@click.argument("logins", nargs=-1, required=True)
@pass_state
def group_leave(state: CliState, code: str, logins: tuple[str, ...]):
    """Take operators LOGINS out of group CODE."""
    operators.leave(state.context(), code, list(logins))
    click.echo(f"Gruppo {code.lower()}: tolti {', '.join(l.upper() for l in logins)}")


@uses(functions.GRANTS)
@group.command("grant")
@click.argument("code")
@grant_options
@pass_state
def group_grant(state: CliState, code, functions_, companies_, documents, sensitive):
    """Grant functions, companies, document rights or sensitive data to group CODE."""
    grants.grant(state.context(), grants.Grantee.of_group(code),
                 change_from(functions_, companies_, documents, sensitive, False))
    click.echo(f"Permessi aggiornati per il gruppo {code.lower()}")


@uses(functions.GRANTS)
@group.command("revoke")
@click.argument("code")
@grant_options
@pass_state
def group_revoke(state: CliState, code, functions_, companies_, documents, sensitive):
    """Take back functions, companies, document rights or sensitive data from group CODE."""
    grants.revoke(state.context(), grants.Grantee.of_group(code),
                  change_from(functions_, companies_, documents, sensitive, True))
    click.echo(f"Permessi aggiornati per il gruppo {code.lower()}")


COMMANDS = [group]
