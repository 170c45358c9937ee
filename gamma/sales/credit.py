"""A customer's exposure (rischio) against the credit limit (fido), and the override.

Exposure, until the accounting and portfolio modules post their own figures:
- open items: instalments of confirmed documents still open or returned unpaid (they
  stand for the ledger balance);
- unposted documents: delivery notes confirmed and not yet invoiced;
- bills presented to the bank and not yet cleared;
- open customer orders (none until the orders module);
plus the document being confirmed. Over the limit, `sales.credit_check` says whether to
warn or block; a block is overridden by an operator holding function 209, the acting
one or a supervisor who types their password, and the override is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from peewee import fn

from gamma import functions
from gamma.access import passwords, permissions
from gamma.audit import log
from gamma.context import Context
from gamma.errors import GammaError, PermissionDenied
from gamma.sales import kinds
from models import Document, DocumentLine, Instalment, Operator, Party

ZERO = Decimal("0.00")
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Exposure:
    open_items: Decimal
    unposted: Decimal
    bills_presented: Decimal
    open_orders: Decimal
    limit: Decimal | None

    @property
    def total(self) -> Decimal:
        return self.open_items + self.unposted + self.bills_presented + self.open_orders

    def left(self) -> Decimal | None:
        return None if self.limit is None else self.limit - self.total


class CreditBlocked(GammaError):
    """Over the credit limit with `sales.credit_check` = block."""

    def __init__(self, message: str, exposure: Exposure):
        super().__init__(message)
        self.exposure = exposure


def _cents(value) -> Decimal:
    return (Decimal(value or 0) * CENT).quantize(CENT)


def exposure(ctx: Context, party: Party, excluding: int | None = None) -> Exposure:
    base = Instalment.select(fn.SUM(Instalment.amount)).where(
        Instalment.company == ctx.company, Instalment.party == party)
    open_items = _cents(base.where(Instalment.status.in_(("open", "unpaid"))).scalar())
    presented = _cents(base.where(Instalment.status == "presented").scalar())
    # Delivery notes not yet invoiced: the residual share of each line's amount.
    notes = (DocumentLine.select(DocumentLine.amount, DocumentLine.qty, DocumentLine.picked_qty,
                                 DocumentLine.closed)
             .join(Document)
             .where(Document.company == ctx.company, Document.party == party,
                    Document.kind == "delivery_note", Document.subkind == "sale",
                    Document.status != kinds.DRAFT, DocumentLine.closed == False,  # noqa: E712
                    DocumentLine.amount.is_null(False)))
    if excluding is not None:
        notes = notes.where(Document.id != excluding)
    unposted = ZERO
    for line in notes:
        if line.qty:
            unposted += (line.amount * (line.qty - line.picked_qty) / line.qty).quantize(CENT)
        else:
            unposted += line.amount
    return Exposure(open_items, unposted, presented, ZERO, party.credit_limit)


def supervisor(ctx: Context, login: str, password: str) -> Operator:
    """The operator whose password was typed to force a block, if they may."""
    found = Operator.get_or_none(Operator.login == (login or "").strip().lower())
    if found is None or not found.active or not passwords.verify_password(
            password or "", found.password_hash):
        raise PermissionDenied("Forzatura del fido: utente o password errati",
                               functions.CREDIT_OVERRIDE.code)
    if not permissions.function_allowed(found, functions.CREDIT_OVERRIDE.code):
        raise PermissionDenied(f"Forzatura del fido non consentita a {found.login.upper()}",
                               functions.CREDIT_OVERRIDE.code)
    return found


def check(ctx: Context, doc: Document, override: Operator | bool | None = None) -> tuple[
        list[str], str]:
    """Warnings, and the login of whoever forced the block ("" if none was needed)."""
    mode = ctx.settings.sales.credit_check
    party = doc.party
    if mode == "off" or party is None or party.credit_limit is None \
            or not kinds.get(doc.kind).credit_check:
        return [], ""
    exp = exposure(ctx, party, excluding=doc.id)
    after = exp.total + doc.due
    if after <= exp.limit:
        return [], ""
    text = (f"Cliente {party.code}: fido {exp.limit:f} superato (esposizione {exp.total:f} "
            f"+ documento {doc.due:f} = {after:f})")
    if mode == "warn":
        return [text], ""
    if not override:
        raise CreditBlocked(text + ": serve la forzatura (funzione 209)", exp)
    who = override if isinstance(override, Operator) else ctx.operator
    if who is None or not permissions.function_allowed(who, functions.CREDIT_OVERRIDE.code):
        raise CreditBlocked(text + ": forzatura non consentita all'operatore", exp)
    log.record(ctx, "override", "document", str(doc.id), always=True,
               message=f"{text}: forzato da {who.login.upper()}")
    return [text + f" (forzato da {who.login.upper()})"], who.login
