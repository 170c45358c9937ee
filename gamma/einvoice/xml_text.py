"""Text and numbers as the FatturaPA schema and SDI accept them: Latin-1 text cut or split
to the element's length, amounts with two decimals, prices with two to eight, the base-36
progressive of the file names."""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
_COMMA_OR_SPACE = re.compile(r"\s+")


def latin1(value: str | None, length: int) -> str:
    """Text in the Latin-1 range the schema accepts: letters outside it lose their accents
    or become '?', control characters and runs of blanks become one space, cut to length."""
    text = unicodedata.normalize("NFC", value or "")
    out = []
    for ch in text:
        if unicodedata.category(ch).startswith("C"):
            out.append(" ")
            continue
        if ord(ch) < 256:
            out.append(ch)
            continue
        folded = unicodedata.normalize("NFKD", ch).encode("latin-1", "ignore").decode("latin-1")
        folded = "".join(c for c in folded if not unicodedata.combining(c))
        out.append({"€": "EUR", "\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                    "\u2013": "-", "\u2014": "-", "\u2026": "...", "Ł": "L", "ł": "l",
                    "Đ": "D", "đ": "d", "Œ": "OE", "œ": "oe"}.get(ch, folded or "?"))
    return _COMMA_OR_SPACE.sub(" ", "".join(out)).strip()[:length].strip()


def chunks(value: str, length: int) -> list[str]:
    """Text cut into pieces of at most `length` characters, at blanks where possible."""
    text = latin1(value, 100_000)
    pieces = []
    while len(text) > length:
        cut = text.rfind(" ", 0, length + 1)
        cut = cut if cut > length // 2 else length
        pieces.append(text[:cut].strip())
        text = text[cut:].strip()
    if text:
        pieces.append(text)
    return pieces


def amount(value: Decimal | None) -> str:
    return str((value or Decimal(0)).quantize(CENT, rounding=ROUND_HALF_UP))


def price(value: Decimal | None) -> str:
    """Two to eight decimals, as PrezzoUnitario and Quantita take them."""
    value = (value or Decimal(0)).quantize(Decimal("0.00000001"), rounding=ROUND_HALF_UP)
    text = f"{value:f}"
    whole, _, decimals = text.partition(".")
    decimals = decimals.rstrip("0")
    return f"{whole}.{decimals.ljust(2, '0')}"


def percent(value: Decimal | None) -> str:
    return amount(value)




def progressive_text(progressive: int) -> str:
    """ProgressivoInvio and the file name's tail: base 36, five characters (60 million
    files per company before a sixth is needed)."""
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    n = progressive
    while n:
        n, r = divmod(n, 36)
        out = digits[r] + out
    return out.rjust(5, "0")
