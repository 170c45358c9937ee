"""What every command needs: settings, the database, the acting operator's context."""

from __future__ import annotations

import click

from gamma import companies, db, schema, settings as settings_mod
from gamma.access import operators
from gamma.context import Clock, Context
from gamma.errors import AuthenticationError, GammaError
from gamma.functions import Function
from gamma.settings import Settings


class CliState:
    """Built from the global options; connects and resolves the operator lazily."""

    def __init__(self, db_url: str | None, company: int | None, operator: str | None,
                 config_file: str | None, debug: bool):
        self.db_url = db_url
        self.company = company
        self.operator = operator
        self.config_file = config_file
        self.debug = debug
        self._settings: Settings | None = None
        self._database = None

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            loaded = settings_mod.load(config_file=self.config_file)
            overrides = {}
            if self.db_url:
                overrides["database.url"] = self.db_url
            if self.operator:
                overrides["cli.operator"] = self.operator
            if self.company is not None:
                overrides["cli.company"] = self.company
            self._settings = loaded.replace(**overrides) if overrides else loaded
        return self._settings

    def database(self, check_schema: bool = True):
        if self._database is None:
            s = self.settings
            self._database = db.connect(s.database_url, s.database.busy_timeout_ms)
        if check_schema:
            schema.require_current(self._database)
        return self._database

    def system_context(self) -> Context:
        return Context(self.settings, operator=None, clock=Clock())

    def base_context(self) -> Context:
        """The acting operator with no company chosen yet."""
        self.database()
        s = self.settings
        try:
            operator = operators.find(s.cli.operator)
        except GammaError:
            raise GammaError(f"Operatore {s.cli.operator!r} inesistente: indicare --operator "
                             "o GAMMA_OPERATOR") from None
        return Context(s, operator=operator, clock=Clock())

    def context(self, need_company: bool = False) -> Context:
        """The acting operator's context; refused for unknown, locked or inactive operators."""
        ctx = self.base_context()
        operator, s = ctx.operator, self.settings
        if not operator.active:
            raise AuthenticationError(f"Operatore {operator.display} disattivato")
        if operator.locked_until is not None and operator.locked_until > ctx.now():
            raise AuthenticationError(f"Operatore {operator.display} bloccato")
        if s.cli.company:
            ctx = companies.open_company(ctx, s.cli.company)
        else:
            ctx = ctx.with_company(companies.default_company(ctx))
        if need_company:
            ctx.require_company()
        return ctx


def uses(function: Function):
    """Declare the function code a command runs under (checked by its service)."""

    def mark(command: click.Command) -> click.Command:
        command.gamma_function = function
        return command

    return mark


pass_state = click.make_pass_decorator(CliState)
