"""`--preset NAME` / `--save-preset NAME [--shared]` for any parameterised command.

Options typed on the command line win over the preset's. Values are stored as given
(a date typed as -7 stays "7 days ago"), so a preset run by cron means the same thing
every day.
"""

from __future__ import annotations

import functools

import click
from click.core import ParameterSource

from gamma import presets
from gamma.cli.state import CliState

NOT_STORED = {"as_json", "dry_run"}  # how to run, not what to run


def with_presets(command_name: str):
    def decorate(f):
        @functools.wraps(f)
        def wrapper(*args, preset, save_preset, shared, **kwargs):
            cctx = click.get_current_context()
            state = cctx.find_object(CliState)
            if preset:
                stored = presets.load(state.context(), command_name, preset)
                params = {p.name: p for p in cctx.command.params}
                for name, value in stored.params.items():
                    typed = cctx.get_parameter_source(name) == ParameterSource.COMMANDLINE
                    if name in params and not typed:
                        kwargs[name] = params[name].type_cast_value(cctx, value)
            if save_preset:
                params = {k: v for k, v in kwargs.items()
                          if k not in NOT_STORED and v not in (None, (), False)}
                presets.save(state.context(), command_name, save_preset, params, shared=shared)
                click.echo(f"Parametri memorizzati come «{save_preset}»"
                           f"{' (condivisi)' if shared else ''}", err=True)
            return f(*args, **kwargs)

        wrapper = click.option("--shared", is_flag=True,
                               help="With --save-preset: visible to every operator.")(wrapper)
        wrapper = click.option("--save-preset", metavar="NAME",
                               help="Store this command's parameters as NAME.")(wrapper)
        wrapper = click.option("--preset", metavar="NAME",
                               help="Use the stored parameters NAME (options given here "
                               "win).")(wrapper)
        return wrapper

    return decorate
