"""A statistic's cells as text, Italian style, for the PDF, the CSV, the screen and the
terminal chart: money 1.234,56, quantities 1.234,5 (up to 3 places), percentages 12,50%.

Takes plain values (Decimal, str, None) and the column's format name. The formats live
here, on the printers' side of the layering, and gamma.stats.output reuses them.
"""

from __future__ import annotations

from decimal import Decimal

from printers.formats import format_amount, format_trimmed

KIND_NAMES = {"detail": "dettaglio", "subtotal": "subtotale", "total": "totale"}


def cell_text(fmt: str, value, percent_sign: bool = True) -> str:
    """A cell as read: None → ""; text as is; numbers by the column's format."""
    if value is None:
        return ""
    if fmt == "text" or not isinstance(value, (Decimal, int, float)):
        return str(value)
    value = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if fmt == "money":
        return format_amount(value, 2)
    if fmt == "qty":
        return format_trimmed(value, 0, 3)
    if fmt == "pct":
        return format_amount(value, 2) + ("%" if percent_sign else "")
    return format_amount(value, 2)


def fit(text: str, width: int) -> str:
    """Cut to `width` characters, marking the cut with an ellipsis."""
    if len(text) <= width:
        return text
    return text[:max(width - 1, 0)] + "…" if width > 0 else ""
