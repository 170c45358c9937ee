"""Favourite commands (preferiti di comando): up to nine functions an operator keeps at
hand, callable from the menu and from inside other functions."""

from __future__ import annotations

from gamma import db, functions
from gamma.access import permissions
from gamma.context import Context
from gamma.errors import ValidationError
from models import Favourite

POSITIONS = range(1, 10)


def listed(ctx: Context) -> list[tuple[int, functions.Function]]:
    """The operator's favourites the operator may still use, by position."""
    allowed = permissions.allowed_functions(ctx.operator)
    out = []
    for fav in Favourite.select().where(Favourite.operator == ctx.operator).order_by(
            Favourite.position):
        if fav.function_code in allowed:
            out.append((fav.position, functions.get(fav.function_code)))
    return out


def set_favourite(ctx: Context, position: int, code_or_mnemonic: str) -> functions.Function:
    """Put a function at a position (1-9), replacing what was there."""
    if position not in POSITIONS:
        raise ValidationError("position", "deve essere da 1 a 9", "Posizione")
    function = functions.get(code_or_mnemonic)
    permissions.require(ctx, function)
    with db.transaction():
        Favourite.delete().where(Favourite.operator == ctx.operator,
                                 Favourite.position == position).execute()
        Favourite.create(operator=ctx.operator, position=position, function_code=function.code)
    return function


def clear(ctx: Context, position: int) -> None:
    with db.transaction():
        Favourite.delete().where(Favourite.operator == ctx.operator,
                                 Favourite.position == position).execute()
