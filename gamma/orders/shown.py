"""Quantities and amounts as the order screens, commands and prints show them."""

from __future__ import annotations

from decimal import Decimal

from gamma.numbers import format_decimal


def qty(value: Decimal | None) -> str:
    """1.234,5 — Italian separators, no trailing zeros (quantities keep up to 3 places)."""
    if value is None:
        return ""
    text = format_decimal(value, 3)
    return text.rstrip("0").rstrip(",") if "," in text else text


def money(value: Decimal | None) -> str:
    """1.234,50"""
    return format_decimal(value, 2)
