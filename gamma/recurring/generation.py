"""Generation of recurring orders for a day: which templates are due, their data check,
and the confirmed customer orders made from them through the document engine (pricing,
committed stock, numbering as any order).

Every template generated for a day leaves a run (template, day) → order under a unique
key: it is written before the order, so a second generation of the same day, even one
running at the same time, finds the key taken and makes nothing. The whole generation is
one transaction: a cancellation (gamma.progress) rolls back every order it made. A
template whose order fails (its data check or the document engine) is reported and
left out; the others go on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from peewee import JOIN, IntegrityError

from gamma import db, functions
from gamma.context import Context
from gamma.errors import GammaError, PermissionDenied
from gamma.progress import Cancelled, Progress
from gamma.recurring import calendar, check, templates
from gamma.sales import documents
from gamma.sales.confirm import confirm
from gamma.service import operation
from models import Document, Party, RecurringLine, RecurringRun, RecurringTemplate

CREATED, SKIPPED, REFUSED, PLANNED = "created", "skipped", "refused", "planned"
LABELS = {CREATED: "generato", SKIPPED: "già generato", REFUSED: "rifiutato",
          PLANNED: "da generare"}


@dataclass
class Outcome:
    template: str
    customer: str
    status: str  # created, skipped, refused, planned (dry run)
    document: Document | None = None
    reason: str = ""
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        doc = self.document
        return {"template": self.template, "customer": self.customer, "status": self.status,
                "document": None if doc is None else {
                    "id": doc.id, "number": doc.number, "date": doc.date.isoformat(),
                    "delivery_date": doc.delivery_date.isoformat()
                    if doc.delivery_date else None, "total": f"{doc.total:.2f}"},
                "reason": self.reason, "warnings": self.warnings}

    def text(self) -> str:
        what = documents.name(self.document) if self.document is not None else ""
        tail = "; ".join(x for x in (what, self.reason) if x)
        return f"{self.template} ({self.customer}): {LABELS[self.status]}" + (
            f" - {tail}" if tail else "")


def _candidates(ctx: Context, day: date, codes: list[str] | None) -> list[RecurringTemplate]:
    query = (RecurringTemplate.select(RecurringTemplate, Party).join(Party)
             .where(RecurringTemplate.company == ctx.require_company(),
                    RecurringTemplate.active == True,  # noqa: E712
                    RecurringTemplate.start <= day)
             .order_by(Party.code, RecurringTemplate.code))
    if codes:
        query = query.where(RecurringTemplate.code.in_([c.strip().upper() for c in codes]))
    return [t for t in query if calendar.is_due(t, day)]


def _generated(day: date, found: list[RecurringTemplate]) -> dict[int, RecurringRun]:
    if not found:
        return {}
    return {run.template_id: run for run in (
        RecurringRun.select(RecurringRun, Document).join(Document, JOIN.LEFT_OUTER)
        .where(RecurringRun.template.in_([t.id for t in found]), RecurringRun.day == day))}


@operation(functions.RECURRING_GENERATE, write=False)
def due(ctx: Context, day: date, codes: list[str] | None = None) -> list[RecurringTemplate]:
    """The templates due on `day` (active, within validity, on their frequency) not yet
    generated for it."""
    found = _candidates(ctx, day, codes)
    done = _generated(day, found)
    return [t for t in found if t.id not in done]


@operation(functions.RECURRING_GENERATE, write=False)
def data_check(ctx: Context, day: date, codes: list[str] | None = None) -> list[check.Problem]:
    """The data check of the templates due on `day`."""
    return check.check_all(ctx, day, due(ctx, day, codes))


def order_data(template: RecurringTemplate, day: date,
               lines: list[RecurringLine] | None = None) -> dict[str, Any]:
    """The customer order a template makes for `day`, as the document engine takes it."""
    notes = [f"Ordine ricorrente, modello {template.code}"]
    if template.contact:
        notes.append(f"Referente: {template.contact}")
    if template.notes:
        notes.append(template.notes)
    data: dict[str, Any] = {
        "kind": "customer_order", "customer": template.party.code, "date": day,
        "delivery_date": day + timedelta(days=template.delivery_days),
        "destination": template.destination.number if template.destination_id else None,
        "notes": "\n".join(notes),
        "lines": [{"article": line.article.code, "qty": line.qty,
                   **({"price": line.price} if line.price is not None else {})}
                  for line in (templates.lines_of(template) if lines is None else lines)]}
    if template.price_list:
        data["price_list"] = template.price_list
    return data


@operation(functions.RECURRING_GENERATE)
def generate(ctx: Context, day: date, codes: list[str] | None = None, *,
             progress: Progress | None = None, dry_run: bool = False) -> list[Outcome]:
    """Create the orders of the templates due on `day` (only `codes` when given); return
    per template what was made, skipped (already generated) or refused and why."""
    progress = progress or Progress()
    found = _candidates(ctx, day, codes)
    done = _generated(day, found)
    out: list[Outcome] = []
    todo: list[RecurringTemplate] = []
    for t in found:
        if t.id in done:
            run = done[t.id]
            out.append(Outcome(t.code, t.party.code, SKIPPED, run.document, "già generato"))
        else:
            todo.append(t)
    lines = templates.lines_by_template([t.id for t in todo])
    problems: dict[str, list[check.Problem]] = {}
    for p in check.check_all(ctx, day, todo, lines):
        problems.setdefault(p.template, []).append(p)
    progress.start(len(todo), "Generazione ordini ricorrenti")
    for t in todo:
        mine = problems.get(t.code, [])
        errors = [p.message for p in mine if p.blocking]
        warnings = [p.message for p in mine if not p.blocking]
        if errors:
            out.append(Outcome(t.code, t.party.code, REFUSED, None, "; ".join(errors),
                               warnings))
        elif dry_run:
            out.append(Outcome(t.code, t.party.code, PLANNED, None, "", warnings))
        else:
            out.append(_one(ctx, t, day, lines.get(t.id, []), warnings))
        progress.step(label=f"Modello {t.code}")
    return out


def _one(ctx: Context, template: RecurringTemplate, day: date, lines: list[RecurringLine],
         warnings: list[str]) -> Outcome:
    """One template's order in a savepoint: claimed first, so a concurrent generation of
    the same day fails on the unique key and leaves it to the first."""
    outcome = Outcome(template.code, template.party.code, CREATED, None, "", warnings)
    try:
        with db.transaction():
            run = RecurringRun.create(company=ctx.company.id, template=template.id, day=day,
                                      created_by=ctx.login, created_at=ctx.now())
            saved = documents.save_draft(ctx, order_data(template, day, lines))
            confirmed = confirm(ctx, saved.document.id)
            RecurringRun.update(document=confirmed.document.id).where(
                RecurringRun.id == run.id).execute()
    except IntegrityError:
        return Outcome(template.code, template.party.code, SKIPPED, None,
                       "generato da un'altra elaborazione contemporanea")
    except (Cancelled, PermissionDenied):  # the whole run stops: nothing is kept
        raise
    except GammaError as exc:
        return Outcome(template.code, template.party.code, REFUSED, None, exc.message,
                       warnings)
    outcome.document = confirmed.document
    outcome.warnings += saved.warnings + confirmed.warnings
    return outcome
