"""The shape of every business operation: permission check, one transaction, audit of denials.

    @operation(functions.OPERATOR_EDIT)
    def add(ctx, login, ...): ...

The wrapped function runs inside one transaction (a savepoint when nested) with
`ctx.function` set to its code, so that the audit log names the function. A denial raised
anywhere inside is written to the audit log by the outermost operation, after rollback.
"""

from __future__ import annotations

import functools
from typing import Callable, TypeVar

from gamma import db
from gamma.access import permissions
from gamma.audit import log
from gamma.context import Context
from gamma.errors import PermissionDenied
from gamma.functions import Function

F = TypeVar("F", bound=Callable)


def operation(function: Function | None, *, write: bool = True) -> Callable[[F], F]:
    """Mark a service: `function` is required of the operator (None: no grant needed)."""

    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        def run(ctx: Context, *args, **kwargs):
            outermost = not db.in_transaction()
            try:
                if function is not None:
                    permissions.require(ctx, function)
                inner = ctx.with_function(function.code if function else None)
                if not write:
                    return fn(inner, *args, **kwargs)
                with db.transaction():
                    return fn(inner, *args, **kwargs)
            except PermissionDenied as exc:
                if outermost:
                    log.record_denial(ctx.with_function(function.code if function else None), exc)
                raise

        run.function = function
        return run  # type: ignore[return-value]

    return decorate
