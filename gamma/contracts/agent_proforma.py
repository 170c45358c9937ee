"""Agents' pro-forma commission statements (function 243).

For a period, per agent: the commission on the confirmed sales invoices of the period
bearing that agent (the document's first agent) at the agent's rate from the agents'
table, on the documents' taxable (net of VAT; in euro for documents in a currency):
invoices, deferred invoices, fee notes, advance invoices and debit notes add, credit
notes subtract. Other amounts (reimbursements add, advances deducted) are given by the
operator. The statement is a report (PDF), not a document: agents are not parties to
invoice; the agent issues their own invoice from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from gamma import functions
from gamma.context import Context
from gamma.errors import GammaError, ValidationError
from gamma.sales import documents, kinds, values
from gamma.service import operation
from models import Agent, Document, Party

CENT = Decimal("0.01")
BASE_KINDS = ("invoice", "deferred_invoice", "fee_note", "advance_invoice", "debit_note",
              "credit_note")


@dataclass
class DocumentRow:
    name: str
    date: date
    customer: str
    taxable: Decimal  # signed: a credit note negative


@dataclass
class Statement:
    agent: str
    name: str
    rate: Decimal
    rows: list[DocumentRow] = field(default_factory=list)
    extras: list[tuple[str, Decimal]] = field(default_factory=list)

    @property
    def base(self) -> Decimal:
        return sum((r.taxable for r in self.rows), Decimal("0.00"))

    @property
    def commission(self) -> Decimal:
        return (self.base * self.rate / 100).quantize(CENT, rounding=ROUND_HALF_UP)

    @property
    def total(self) -> Decimal:
        return self.commission + sum((a for _, a in self.extras), Decimal("0.00"))


def parse_extras(extras: list[Any]) -> list[dict[str, Any]]:
    """Other amounts as (agent, description, amount) or dicts with those keys."""
    out = []
    for number, extra in enumerate(extras, start=1):
        if not isinstance(extra, dict):
            extra = dict(zip(("agent", "description", "amount"), extra))
        try:
            amount = values.decimal(extra.get("amount"), 2, "amount", "Importo", required=True)
        except ValidationError as exc:
            raise GammaError(f"Importo aggiuntivo {number}, {exc.message}") from None
        description = values.text(extra.get("description"), "description", "Descrizione", 60)
        if not description:
            raise GammaError(f"Importo aggiuntivo {number}, Descrizione: obbligatoria")
        out.append({"agent": values.code(extra.get("agent")), "description": description,
                    "amount": amount})
    return out


@operation(functions.AGENT_PROFORMA, write=False)
def statements(ctx: Context, date_from: date, date_to: date, agents: tuple[str, ...] = (),
               extras: list[Any] = ()) -> list[Statement]:
    """One statement per agent with documents or other amounts in the period."""
    if date_to < date_from:
        raise ValidationError("date_to", "non può precedere la data iniziale", "Alla data")
    company = ctx.require_company()
    known = {a.code: a for a in Agent.select().where(Agent.company == company)}
    chosen = {values.code(a) for a in agents}
    for code in chosen | {e["agent"] for e in parse_extras(list(extras))}:
        if code not in known:
            raise ValidationError("agent", f"codice {code} inesistente", "Agente")
    out: dict[str, Statement] = {}

    def of(agent: Agent) -> Statement:
        if agent.code not in out:
            out[agent.code] = Statement(agent.code, agent.name, agent.commission)
        return out[agent.code]

    query = (Document.select(Document, Party.code).join(Party)
             .where(Document.company == company, Document.agent.is_null(False),
                    Document.kind.in_(BASE_KINDS), Document.status != kinds.DRAFT,
                    Document.date >= date_from, Document.date <= date_to)
             .order_by(Document.date, Document.number))
    by_id = {a.id: a for a in known.values()}
    for doc in query:
        agent = by_id[doc.agent_id]
        if chosen and agent.code not in chosen:
            continue
        taxable = documents.euro(doc.taxable, doc.exchange_rate) if doc.exchange_rate \
            else doc.taxable
        of(agent).rows.append(DocumentRow(documents.name(doc), doc.date, doc.party.code,
                                          taxable * kinds.get(doc.kind).sign))
    for extra in parse_extras(list(extras)):
        if chosen and extra["agent"] not in chosen:
            continue
        of(known[extra["agent"]]).extras.append((extra["description"], extra["amount"]))
    return [out[code] for code in sorted(out)]


def print_data(ctx: Context, found: list[Statement], date_from: date, date_to: date
               ) -> dict[str, Any]:
    """Plain data for printers.agent_proforma_pdf."""
    return {"company": ctx.company.name,
            "title": "Pro-forma provvigioni agenti",
            "subtitle": f"Periodo dal {date_from:%d/%m/%Y} al {date_to:%d/%m/%Y}",
            "agents": [{"code": s.agent, "name": s.name, "rate": s.rate,
                        "rows": [{"document": r.name, "date": r.date, "customer": r.customer,
                                  "taxable": r.taxable} for r in s.rows],
                        "base": s.base, "commission": s.commission,
                        "extras": [{"description": d, "amount": a} for d, a in s.extras],
                        "total": s.total} for s in found]}


def render_pdf(ctx: Context, found: list[Statement], date_from: date, date_to: date) -> bytes:
    from printers import agent_proforma_pdf
    return agent_proforma_pdf.render(print_data(ctx, found, date_from, date_to))
