"""Quantities and amounts as the order screens and commands show them (the printers'
own Italian formats: 1.234,5 and 1.234,50)."""

from __future__ import annotations

from decimal import Decimal

from printers.formats import format_amount, format_trimmed


def qty(value: Decimal | None) -> str:
    """1.234,5 — Italian separators, no trailing zeros (up to 3 places)."""
    return format_trimmed(value, 0, 3)


def money(value: Decimal | None) -> str:
    """1.234,50"""
    return format_amount(value, 2)


def made(doc) -> str:
    """An order made by a reorder or a pre-order conversion, as messages name it."""
    from gamma.sales.documents import name
    return f"{name(doc)} a {doc.party.code} {doc.party.name}"
