"""Article barcodes: EAN-13, EAN-8, UPC-A, CODE128 and weight/price-embedded codes.

Kinds and what is stored:
- `ean13` / `ean8`: 13 or 8 digits. 12 or 7 digits given: the check digit is computed;
  13 or 8 given: it is verified (python-stdnum) and a wrong one is refused.
- `upca`: 12 digits (11 given: check digit computed). Given without a kind, 12 digits are
  taken as an EAN-13 without its check digit, so a UPC-A must be named `upca`.
- `code128`: 1-32 printable ASCII characters; the kind of any code that is not all digits.
- `weight` / `price`: an in-store EAN-13 prefix of 7 digits starting with 2 ("2" + 6
  digits naming the article). A scanned 2xxxxxx VVVVV C code finds the article by its
  first 7 digits; VVVVV is the weight in grams (kind weight: quantity in kg, 3 places)
  or the price in cents (kind price: price in euro).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from stdnum import ean
from stdnum.exceptions import ValidationError as StdnumError

from gamma import functions, records
from gamma.context import Context
from gamma.errors import NotFound, ValidationError
from gamma.master.article_common import get_article
from gamma.service import operation
from models.article import Article, Barcode

KINDS = ("ean13", "ean8", "upca", "code128", "weight", "price")
EMBEDDED = ("weight", "price")
LABEL = "Codice a barre"
PREFIX_LENGTH = 7  # "2" + 6 digits naming the article in a weight/price code


def _ean(code: str, length: int, kind: str) -> str:
    """`code` of `length` digits (check digit included) or one fewer (computed)."""
    name = {"ean13": "EAN-13", "ean8": "EAN-8", "upca": "UPC-A"}[kind]
    if not code.isdigit() or len(code) not in (length - 1, length):
        raise ValidationError("barcode", f"un {name} ha {length} cifre ({length - 1} senza "
                              "la cifra di controllo)", LABEL)
    if len(code) == length - 1:
        return code + ean.calc_check_digit(code)
    try:
        ean.validate(code)
    except StdnumError:
        raise ValidationError("barcode", f"cifra di controllo {name} errata (attesa "
                              f"{ean.calc_check_digit(code[:-1])})", LABEL) from None
    return code


def normalize(code: str | None, kind: str | None = None) -> tuple[str, str]:
    """(code as stored, kind) for what was typed; ValidationError naming the rule."""
    code = (code or "").strip()
    kind = (kind or "").strip().lower() or None
    if not code:
        raise ValidationError("barcode", "obbligatorio", LABEL)
    if kind is not None and kind not in KINDS:
        raise ValidationError("barcode_kind", f"tipo non ammesso (ammessi: {', '.join(KINDS)})",
                              "Tipo codice a barre")
    if kind is None:
        if code.isdigit() and len(code) in (12, 13):
            kind = "ean13"
        elif code.isdigit() and len(code) in (7, 8):
            kind = "ean8"
        else:
            kind = "code128"
    if kind == "ean13":
        return _ean(code, 13, kind), kind
    if kind == "ean8":
        return _ean(code, 8, kind), kind
    if kind == "upca":
        return _ean(code, 12, kind), kind
    if kind in EMBEDDED:
        if not code.isdigit() or len(code) != PREFIX_LENGTH or code[0] != "2":
            what = "peso" if kind == "weight" else "prezzo"
            raise ValidationError("barcode", f"un codice a {what} è il prefisso di "
                                  f"{PREFIX_LENGTH} cifre che inizia con 2", LABEL)
        return code, kind
    if len(code) > 32 or any(not 32 <= ord(c) <= 126 for c in code):
        raise ValidationError("barcode", "un CODE128 ha da 1 a 32 caratteri ASCII stampabili",
                              LABEL)
    return code, kind


@operation(functions.ARTICLE_EDIT)
def add_barcode(ctx: Context, article: Article | str, code: str, kind: str | None = None,
                quantity: Decimal | None = None) -> Barcode:
    """Give the article a barcode, unique in the company."""
    article = get_article(ctx, article)
    code, kind = normalize(code, kind)
    other = Barcode.get_or_none(Barcode.company == ctx.company, Barcode.code == code)
    if other is not None:
        if other.article_id == article.id:
            return other
        raise ValidationError("barcode", f"{code} già assegnato all'articolo "
                              f"{other.article.code}", LABEL)
    quantity = Decimal(1) if quantity is None else Decimal(quantity)
    if quantity <= 0:
        raise ValidationError("barcode_quantity", "deve essere maggiore di zero",
                              "Quantità del codice a barre")
    return records.insert(ctx, Barcode, company=ctx.company, article=article, code=code,
                          kind=kind, quantity=quantity)


@operation(functions.ARTICLE_EDIT)
def remove_barcode(ctx: Context, code: str) -> None:
    barcode = Barcode.get_or_none(Barcode.company == ctx.company, Barcode.code == code.strip())
    if barcode is None:
        raise NotFound(f"Codice a barre {code} inesistente")
    records.delete(ctx, barcode)


def barcodes_of(article: Article) -> list[Barcode]:
    return list(article.barcodes.order_by(Barcode.id))


@dataclass(frozen=True)
class Decoded:
    """What a scanned code means: the article, and a quantity or a price read from it."""

    article: Article
    barcode: Barcode
    quantity: Decimal | None = None  # units (or kg for a weight code)
    price: Decimal | None = None  # the amount printed in a price code


def decode(ctx: Context, scanned: str) -> Decoded | None:
    """The article a scanned code stands for (no permission check: lookups use it)."""
    scanned = (scanned or "").strip()
    if not scanned:
        return None
    exact = Barcode.get_or_none(Barcode.company == ctx.company, Barcode.code == scanned)
    if exact is not None and exact.kind not in EMBEDDED:
        return Decoded(exact.article, exact, quantity=exact.quantity)
    if not (scanned.isdigit() and len(scanned) == 13 and scanned[0] == "2"):
        return None
    if not ean.is_valid(scanned):
        return None
    prefix = Barcode.get_or_none(Barcode.company == ctx.company,
                                 Barcode.code == scanned[:PREFIX_LENGTH],
                                 Barcode.kind.in_(EMBEDDED))
    if prefix is None:
        return None
    value = Decimal(int(scanned[PREFIX_LENGTH:12]))
    if prefix.kind == "weight":
        return Decoded(prefix.article, prefix, quantity=(value / 1000).quantize(Decimal("0.001")))
    return Decoded(prefix.article, prefix, price=(value / 100).quantize(Decimal("0.01")))


@operation(functions.ARTICLE_LIST, write=False)
def decode_barcode(ctx: Context, scanned: str) -> Decoded:
    """The article, and the quantity or price, of a scanned code; NotFound if none."""
    found = decode(ctx, scanned)
    if found is None:
        raise NotFound(f"Codice a barre {scanned.strip()} non assegnato ad alcun articolo")
    return found


def form_values(article: Article) -> dict:
    """The barcodes sub-mask: the article's codes in the order they were given."""
    values: dict = {}
    for n, barcode in enumerate(barcodes_of(article)[:8], 1):
        values[f"barcode{n}"] = barcode.code
        values[f"kind{n}"] = barcode.kind
    return values


@operation(functions.ARTICLE_EDIT)
def save_from_form(ctx: Context, article: Article | str, values: dict) -> list[Barcode]:
    """Make the article's first 8 codes those of the mask: removed ones are deleted, new
    ones added (check digits computed or verified, uniqueness in the company)."""
    article = get_article(ctx, article)
    wanted: list[tuple[int, str, str]] = []
    for n in range(1, 9):
        code = (values.get(f"barcode{n}") or "").strip()
        if code:
            try:
                wanted.append((n, *normalize(code, values.get(f"kind{n}"))))
            except ValidationError as exc:
                raise ValidationError(f"barcode{n}", exc.rule, f"{LABEL} {n}") from None
    shown = barcodes_of(article)[:8]
    keep = {code for _, code, _ in wanted}
    for barcode in shown:
        if barcode.code not in keep:
            records.delete(ctx, barcode)
    have = {b.code for b in barcodes_of(article)}
    for n, code, kind in wanted:
        if code not in have:
            try:
                add_barcode(ctx, article, code, kind)
            except ValidationError as exc:
                raise ValidationError(f"barcode{n}", exc.rule, f"{LABEL} {n}") from None
    return barcodes_of(article)
