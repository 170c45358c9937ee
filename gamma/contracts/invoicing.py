"""Turning a run's transitory movements into sales documents through the document engine
(draft, then confirmation: number, VAT, withholding, instalments), all in one
transaction: either every movement becomes its document or none does. Printing follows,
at once (PDF files) or later from the documents."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gamma import functions, records
from gamma.context import Context
from gamma.contracts.generation import find_run, lines_of, movements_of
from gamma.errors import GammaError
from gamma.sales import documents, printing
from gamma.sales.confirm import confirm
from gamma.service import operation
from models import Document, PeriodicLine, PeriodicMovement

DESCRIPTION_MAX = 72  # a document line's description


@dataclass
class Invoiced:
    documents: list[Document] = field(default_factory=list)
    skipped: list[PeriodicMovement] = field(default_factory=list)  # nothing to bill
    warnings: list[str] = field(default_factory=list)
    printed: list[Path] = field(default_factory=list)


def document_lines(lines: list[PeriodicLine]) -> list[dict[str, Any]]:
    """Transitory lines as the document engine takes them: text lines as comments, lines
    with an article under its code (statistics see them), the others as manual lines."""
    out: list[dict[str, Any]] = []
    for line in lines:
        if line.line_type == "text":
            out.append({"comment": line.description})
            continue
        text = line.description
        if len(text) > DESCRIPTION_MAX:  # the whole text above, the line cut
            out.append({"comment": text})
            text = text[:DESCRIPTION_MAX]
        row: dict[str, Any] = {"qty": str(line.qty), "price": str(line.price),
                               "description": text}
        if line.article_id:
            row["article"] = line.article.code
            row["discounts"] = ""
        if line.vat_code_id:
            row["vat_code"] = line.vat_code.code
        if line.withholding:
            row["withholding"] = True
        out.append(row)
    return out


def document_data(movement: PeriodicMovement, doc_date) -> dict[str, Any]:
    contract = movement.contract
    data = {"kind": movement.kind, "series": contract.series, "customer": movement.party.code,
            "date": doc_date, "notes": contract.notes,
            "contract_reference": contract.code, "contract_date": contract.date,
            "lines": document_lines(lines_of(movement))}
    if contract.payment_term_id:
        data["payment_term"] = contract.payment_term.code
    return data


def _billable(movement: PeriodicMovement) -> bool:
    return any(line.line_type != "text" for line in lines_of(movement))


@operation(functions.PERIODIC_INVOICING)
def invoice(ctx: Context, run_id: int) -> Invoiced:
    """One document per movement with something to bill, in one transaction."""
    run = find_run(ctx, run_id, for_update=True)
    if run.status != "open":
        raise GammaError(f"Generazione {run.id}: " + (
            "già trasformata in documenti" if run.status == "invoiced" else "annullata"))
    out = Invoiced()
    for movement in movements_of(run):
        if not _billable(movement):
            out.skipped.append(movement)
            continue
        try:
            saved = documents.save_draft(ctx, document_data(movement, run.doc_date))
            done = confirm(ctx, saved.document.id)
        except GammaError as exc:
            raise GammaError(f"Contratto {movement.contract.code} periodo "
                             f"{movement.period_from:%d/%m/%Y}-{movement.period_to:%d/%m/%Y}: "
                             f"{exc.message}") from None
        out.warnings += saved.warnings + done.warnings
        records.update(ctx, movement, document=done.document)
        out.documents.append(done.document)
    records.update(ctx, run, status="invoiced")
    return out


def print_documents(ctx: Context, docs: list[Document], directory: Path) -> list[Path]:
    """Each document as a PDF in `directory` (made when missing)."""
    directory.mkdir(parents=True, exist_ok=True)
    out = []
    for doc in docs:
        series = f"{doc.series}-" if doc.series else ""
        path = directory / f"{doc.kind}_{doc.year}_{series}{doc.number}.pdf"
        path.write_bytes(printing.render(ctx, doc.id, "pdf"))
        out.append(path)
    return out


def documents_of(ctx: Context, run_id: int) -> list[Document]:
    """The documents a run was turned into, in their order."""
    run = find_run(ctx, run_id)
    ids = [m.document_id for m in movements_of(run) if m.document_id is not None]
    return list(Document.select().where(Document.id.in_(ids)).order_by(Document.id))


def invoice_and_print(ctx: Context, run_id: int, print_dir: Path | None = None) -> Invoiced:
    out = invoice(ctx, run_id)
    if print_dir is not None:
        out.printed = print_documents(ctx, out.documents, print_dir)
    return out
