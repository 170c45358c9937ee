"""Deducting an advance invoice on the final invoice (storno acconto).

The final invoice bills the whole supply, then takes back what the advance invoice (TD02)
billed: one line per line of the advance, an amount line of minus its taxable amount at the
advance's VAT code, picked from that line. So the final invoice's taxable and VAT are net
of the advance, and the e-invoice names the advance in DatiFattureCollegate (as any invoice
picked from). An advance may be deducted whole or in parts over several final invoices
(work in progress billed by stages): a part is spread over the advance's lines in
proportion to what is left of each. What confirmed invoices deducted is counted at every
confirmation (gamma.sales.pickup), so an advance is never deducted beyond its amount; a
final invoice amended or cancelled gives its part back.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal, InvalidOperation
from typing import Any

from gamma import forms
from gamma.context import Context
from gamma.errors import ValidationError
from gamma.forms import FieldDef, Form
from gamma.sales import kinds, pickup
from models import Document, DocumentLine, VatCode

ADVANCE = "advance_invoice"
# Kinds that may deduct an advance: the final invoices (kinds.py lets them pick from it).
FINAL_KINDS = ("invoice", "deferred_invoice")
LABEL = "Storno acconto"
ZERO, CENT = Decimal(0), Decimal("0.01")
DESCRIPTION_LENGTH = 72

# What the document lines screen asks: the advance invoice by its number and year.
FORM = forms.register(Form("deduct_advance", "Storno fattura di acconto", (
    FieldDef("number", "Numero (serie/n.)", "text", 20, required=True),
    FieldDef("year", "Anno", "integer", 4, required=True),
    FieldDef("amount", "Importo da stornare", "decimal", 14, decimals=2,
             help="vuoto: tutto il residuo dell'acconto"),
)))


def _advance(ctx: Context, ref: Any) -> Document:
    try:
        ident = int(ref)
    except (TypeError, ValueError):
        raise ValidationError("deduct_advance", "indicare l'id della fattura di acconto",
                              LABEL) from None
    doc = Document.get_or_none(Document.company == ctx.company, Document.id == ident)
    if doc is None or doc.kind != ADVANCE:
        raise ValidationError("deduct_advance", f"fattura di acconto {ident} inesistente",
                              LABEL)
    if doc.status == kinds.DRAFT or doc.number is None:
        raise ValidationError("deduct_advance", "fattura di acconto non confermata", LABEL)
    return doc


def deduction_lines(ctx: Context, ref: Any, kind: str = "invoice",
                    amount: Any = None) -> list[dict[str, Any]]:
    """The lines of a `kind` document deducting the advance invoice with id `ref`: what is
    left of it, or `amount` (taxable) of it."""
    if kind not in FINAL_KINDS:
        raise ValidationError("deduct_advance", "lo storno acconto si fa solo in fattura",
                              LABEL)
    advance = _advance(ctx, ref)
    series = f"{advance.series}/" if advance.series else ""
    named = f"fatt. acconto n. {series}{advance.number} del {advance.date:%d/%m/%Y}"
    rows = list(DocumentLine.select(DocumentLine, VatCode)
                .join(VatCode).where(DocumentLine.document == advance.id,
                                     DocumentLine.line_kind.in_(("amount", "article",
                                                                  "manual")),
                                     DocumentLine.gift == "")
                .order_by(DocumentLine.position))
    rows = [row for row in rows if row.amount]
    if not rows:
        raise ValidationError("deduct_advance", f"{named}: nessun importo da stornare",
                              LABEL)
    left = {row.id: pickup.amount_left(row) for row in rows}
    whole = sum(left.values(), ZERO)
    if whole <= 0:
        raise ValidationError("deduct_advance", f"{named}: già stornata", LABEL)
    parts = left if amount in (None, "") else _spread(_amount(amount, whole, named), left)
    out = []
    for row in rows:
        if not parts[row.id]:
            continue
        text = f"{LABEL} {named}" + (f": {row.description}" if len(rows) > 1 else "")
        out.append({"origin": row.id, "description": text[:DESCRIPTION_LENGTH],
                    "amount": str(-parts[row.id]), "vat_code": row.vat_code.code})
    return out


def _amount(value: Any, whole: Decimal, named: str) -> Decimal:
    try:
        amount = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ValidationError("amount", "importo non valido", "Importo da stornare") from None
    if amount <= 0 or amount != amount.quantize(CENT):
        raise ValidationError("amount", "un importo positivo, al centesimo",
                              "Importo da stornare")
    if amount > whole:
        raise ValidationError("amount", f"oltre il residuo di {named} ({whole:f})",
                              "Importo da stornare")
    return amount


def _spread(amount: Decimal, left: dict[int, Decimal]) -> dict[int, Decimal]:
    """`amount` over the lines in proportion to what is left of each, to the cent; the
    cents the rounding leaves go to the largest remainders."""
    whole = sum(left.values(), ZERO)
    exact = {k: amount * v / whole for k, v in left.items()}
    parts = {k: v.quantize(CENT, ROUND_DOWN) for k, v in exact.items()}
    short = int((amount - sum(parts.values(), ZERO)) / CENT)
    for k in sorted(exact, key=lambda k: exact[k] - parts[k], reverse=True)[:short]:
        parts[k] += CENT
    return parts


def expand(ctx: Context, doc: dict[str, Any]) -> dict[str, Any]:
    """The document with each `{"deduct_advance": id}` line replaced by its deduction."""
    lines = doc.get("lines")
    if not isinstance(lines, list) or not any(
            isinstance(line, dict) and "deduct_advance" in line for line in lines):
        return doc
    out: list[Any] = []
    for line in lines:
        if isinstance(line, dict) and "deduct_advance" in line:
            if not set(line) <= {"deduct_advance", "amount"}:
                raise ValidationError("deduct_advance", "nella riga solo l'id della fattura "
                                      "di acconto e l'importo da stornare", LABEL)
            out.extend(deduction_lines(ctx, line["deduct_advance"], doc.get("kind", ""),
                                       line.get("amount")))
        else:
            out.append(line)
    return {**doc, "lines": out}


def find(ctx: Context, number: str, year: int, party_id: int | None) -> Document:
    """The confirmed advance invoice numbered `number` ("12" or "A/12") in `year`, of the
    customer `party_id` when given."""
    series, _, digits = (number or "").strip().upper().rpartition("/")
    if not digits.isdigit():
        raise ValidationError("number", "numero non valido (es. 12 o A/12)", "Numero")
    doc = Document.get_or_none(Document.company == ctx.company, Document.kind == ADVANCE,
                               Document.series == series, Document.year == year,
                               Document.number == int(digits))
    if doc is None:
        raise ValidationError("number", f"fattura di acconto n. {number.strip()} del {year} "
                              "inesistente", "Numero")
    if party_id is not None and doc.party_id != party_id:
        raise ValidationError("number", f"fattura di acconto n. {number.strip()} di un altro "
                              "cliente", "Numero")
    return doc
