"""SDI outcomes applied to the e-invoice files they are about: each file's state follows
its messages, and every message is kept in the file's history with SDI's codes and texts.

    ready → sent → delivered (RC) / not delivered (MC) / rejected (NS)
    a public administration: accepted or refused (NE EC01/EC02), deemed accepted (DT)

A rejected file stays rejected: its correction is a new file (gamma.einvoice.files
regenerate). A message read twice is recorded once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from gamma import functions, records
from gamma.context import Context
from gamma.einvoice import sdi_messages
from gamma.einvoice.sdi_messages import SdiMessage
from gamma.service import operation
from models import EInvoiceEvent, EInvoiceFile

# Message type → the state it puts the file in (None: recorded only).
STATES = {"RC": "delivered", "MC": "not_delivered", "NS": "rejected", "DT": "deemed_accepted",
          "AT": "not_delivered", "NE": None, "SE": None, "EC": None, "MT": None}
NE_OUTCOMES = {"EC01": "accepted", "EC02": "refused"}
NOT_DELIVERED = ("SdI non è riuscito a consegnarla (tentativi per 3 giorni): la fattura è "
                 "emessa ed è a disposizione del cliente nella sua area riservata; "
                 "comunicarglielo")


@dataclass
class Applied:
    message: SdiMessage
    file: EInvoiceFile | None = None
    state: str = ""
    note: str = ""  # why nothing changed, or what the operator must do


def _state(message: SdiMessage) -> str | None:
    if message.kind == "NE":
        return NE_OUTCOMES.get(message.outcome)
    return STATES.get(message.kind)


@operation(functions.EINVOICES)
def apply(ctx: Context, messages: list[SdiMessage]) -> list[Applied]:
    """Record each message on its file (in this company), in one transaction."""
    out = []
    for message in messages:
        result = Applied(message)
        out.append(result)
        if message.kind == "MT":
            result.note = "metadati di una fattura ricevuta: importarla con gamma received"
            continue
        found = EInvoiceFile.get_or_none(EInvoiceFile.company == ctx.require_company(),
                                         EInvoiceFile.file_name == message.file_name)
        if found is None:
            result.note = f"file {message.file_name} sconosciuto in questa ditta"
            continue
        result.file = found
        text = message.summary()
        if message.kind == "MC":
            text += ": " + NOT_DELIVERED
        already = EInvoiceEvent.select().where(EInvoiceEvent.file == found,
                                               EInvoiceEvent.code == message.kind,
                                               EInvoiceEvent.message == text).exists()
        if already:
            result.state, result.note = found.state, "già registrato"
            continue
        state = _state(message) or found.state
        records.insert(ctx, EInvoiceEvent, company=ctx.company, file=found, at=ctx.now(),
                       state=state, code=message.kind, message=text)
        changes = {"state": state}
        if message.sdi_id and not found.sdi_id:
            changes["sdi_id"] = message.sdi_id
        records.update(ctx, found, **changes)
        result.state = state
        if message.kind == "NS":
            result.note = "correggere il documento e rigenerare il file"
        elif message.kind == "MC":
            result.note = NOT_DELIVERED
    return out


def apply_files(ctx: Context, paths: list[Path]) -> list[Applied]:
    """The messages in files, folders and PEC e-mails, applied."""
    return apply(ctx, sdi_messages.read_all(paths))


def history(file: EInvoiceFile) -> list[EInvoiceEvent]:
    return list(file.events.order_by(EInvoiceEvent.at, EInvoiceEvent.id))
