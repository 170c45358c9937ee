"""gamma stock — the warehouse commands' group. Each area adds its commands from its own
module (gamma/cli/stock_*_cmd.py: `from gamma.cli.stock_cmd import stock`)."""

from __future__ import annotations

import click


@click.group("stock")
def stock():
    """Warehouse: movements, availability, checks, valuation, inventory."""


COMMANDS = [stock]
