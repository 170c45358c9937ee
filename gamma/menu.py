"""The main menu's service side: what the operator may open, and opening by code."""

from __future__ import annotations

from dataclasses import dataclass

from gamma import functions
from gamma.access import permissions
from gamma.audit import log
from gamma.context import Context
from gamma.errors import PermissionDenied


@dataclass(frozen=True)
class MenuArea:
    code: str
    title: str
    entries: list[functions.Function]


def menu(ctx: Context) -> list[MenuArea]:
    """The areas and functions the operator may use; denied ones are simply absent."""
    allowed = permissions.allowed_functions(ctx.operator)
    areas = []
    for code, title in functions.AREAS.items():
        entries = [f for f in functions.all_functions() if f.area == code and f.code in allowed]
        if entries:
            areas.append(MenuArea(code, title, entries))
    return areas


def open_function(ctx: Context, typed: str) -> functions.Function:
    """The function typed by code or mnemonic, if the operator may use it.

    A denied function is refused with the same message as its service would give, and
    the attempt is written to the audit log.
    """
    function = functions.get(typed)
    try:
        permissions.require(ctx, function)
    except PermissionDenied as exc:
        log.record_denial(ctx.with_function(function.code), exc)
        raise
    return function
