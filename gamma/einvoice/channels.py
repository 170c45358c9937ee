"""How exported e-invoice files reach SDI: the channel named by `einvoice.channel`.

- outbox (the default): the export has already written the file to the outbox folder,
  where an intermediary (or the company's own transmission software) takes it; sending
  records that it was handed over.
- pec: the file as the attachment of an e-mail from the company's PEC mailbox to SDI's PEC
  address, by SMTP ([pec] settings), one message per file over one connection.

A file in state ready becomes sent, with an event saying how. A failure leaves it ready
with the error in its history and an Italian message for the operator; the other files of
the same run go on. Each file is recorded in a transaction of its own, after the network
work, so that a slow mail server never holds the database and a file that did leave is
recorded as sent even when a later one fails.
"""

from __future__ import annotations

import smtplib
import ssl
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Iterator

from gamma import functions, records
from gamma.context import Context
from gamma.errors import GammaError, NotFound
from gamma.sales import documents
from gamma.service import operation
from models import EInvoiceEvent, EInvoiceFile

CHANNEL_LABELS = {"outbox": "cartella di uscita", "pec": "PEC"}


class SendFailed(GammaError):
    """The channel could not deliver the file (or could not be reached at all)."""


@dataclass
class Sent:
    """The outcome of sending one file (or of a document that had none to send)."""

    document_id: int
    file: EInvoiceFile | None
    ok: bool
    message: str


# ---- the channels -------------------------------------------------------------------------
class OutboxChannel:
    name = "outbox"

    def __init__(self, ctx: Context):
        self.ctx = ctx

    @contextmanager
    def session(self) -> Iterator["OutboxChannel"]:
        yield self

    def transmit(self, row: EInvoiceFile) -> str:
        where = f" ({row.path})" if row.path else ""
        return f"Consegnato all'intermediario nella cartella di uscita{where}"


class PecChannel:
    name = "pec"

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.pec = ctx.settings.pec
        missing = [key for key, value in (("pec.host", self.pec.host),
                                          ("pec.sender", self.pec.sender),
                                          ("pec.sdi_address", self.pec.sdi_address))
                   if not value.strip()]
        if missing:
            raise GammaError("Invio via PEC non configurato: mancano " + ", ".join(missing)
                             + " nelle impostazioni (gamma.toml, sezione [pec])")
        self.smtp: smtplib.SMTP | None = None

    def _where(self) -> str:
        return f"server PEC {self.pec.host}:{self.pec.port}"

    def _connect(self) -> smtplib.SMTP:
        pec = self.pec
        context = ssl.create_default_context()
        if pec.security == "ssl":
            smtp = smtplib.SMTP_SSL(pec.host, pec.port, timeout=pec.timeout_seconds,
                                    context=context)
        else:
            smtp = smtplib.SMTP(pec.host, pec.port, timeout=pec.timeout_seconds)
            if pec.security == "starttls":
                smtp.starttls(context=context)
        if pec.user:
            smtp.login(pec.user, pec.password)
        return smtp

    @contextmanager
    def session(self) -> Iterator["PecChannel"]:
        try:
            self.smtp = self._connect()
        except smtplib.SMTPAuthenticationError:
            raise SendFailed(f"{self._where()}: accesso rifiutato, controllare utente e "
                             "password (pec.user, pec.password)") from None
        except smtplib.SMTPNotSupportedError as exc:
            raise SendFailed(f"{self._where()}: il server non accetta l'accesso o la "
                             f"connessione richiesta ({_reason(exc)})") from None
        except ssl.SSLError as exc:
            raise SendFailed(f"{self._where()}: connessione sicura non riuscita "
                             f"({exc.reason or exc}); controllare pec.security e pec.port") \
                from None
        except (smtplib.SMTPException, OSError) as exc:
            raise SendFailed(f"{self._where()} non raggiungibile: {_reason(exc)}") from None
        try:
            yield self
        finally:
            try:
                self.smtp.quit()
            except (smtplib.SMTPException, OSError):
                pass  # the messages already accepted stay accepted
            self.smtp = None

    def message(self, row: EInvoiceFile) -> EmailMessage:
        mail = EmailMessage()
        mail["From"] = self.pec.sender
        mail["To"] = self.pec.sdi_address
        mail["Subject"] = f"Invio fattura elettronica {row.file_name}"
        mail["Date"] = formatdate(localtime=True)
        mail["Message-ID"] = make_msgid(domain=self.pec.sender.partition("@")[2] or None)
        mail.set_content(f"In allegato il file {row.file_name} per il Sistema di "
                         "Interscambio.\n")
        mail.add_attachment(xml_bytes(row), maintype="application", subtype="xml",
                            filename=row.file_name)
        return mail

    def transmit(self, row: EInvoiceFile) -> str:
        try:
            self.smtp.send_message(self.message(row))
        except smtplib.SMTPRecipientsRefused:
            raise SendFailed(f"{self._where()}: l'indirizzo SdI {self.pec.sdi_address} è "
                             "stato rifiutato (pec.sdi_address)") from None
        except smtplib.SMTPSenderRefused:
            raise SendFailed(f"{self._where()}: il mittente {self.pec.sender} è stato "
                             "rifiutato (pec.sender)") from None
        except (smtplib.SMTPException, OSError) as exc:
            raise SendFailed(f"{self._where()}: messaggio non accettato ({_reason(exc)})") \
                from None
        return f"Inviato via PEC da {self.pec.sender} a {self.pec.sdi_address}"


CHANNELS = {"outbox": OutboxChannel, "pec": PecChannel}


def _reason(exc: Exception) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        text = exc.smtp_error.decode("utf-8", "replace") if isinstance(
            exc.smtp_error, bytes) else str(exc.smtp_error)
        return f"{exc.smtp_code} {text}".strip()
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def xml_bytes(row: EInvoiceFile) -> bytes:
    """The file exactly as exported (the stored XML is the UTF-8 text that was written)."""
    return row.xml.encode("utf-8")


def channel(ctx: Context):
    return CHANNELS[ctx.settings.einvoice.channel](ctx)


# ---- sending ------------------------------------------------------------------------------
@operation(functions.EINVOICES, write=False)
def _targets(ctx: Context, document_ids: list[int] | None,
             file_ids: list[int] | None) -> list[Sent]:
    """What to send: the ready file of each document, the files named, or every ready
    file of the company; a document or file with nothing to send says why."""
    company = ctx.require_company()
    out = []
    if document_ids is None and file_ids is None:
        query = (EInvoiceFile.select().where(EInvoiceFile.company == company,
                                             EInvoiceFile.state == "ready")
                 .order_by(EInvoiceFile.progressive))
        return [Sent(row.document_id, row, True, "") for row in query]
    for file_id in file_ids or []:
        row = EInvoiceFile.get_or_none(EInvoiceFile.id == file_id,
                                       EInvoiceFile.company == company)
        if row is None:
            out.append(Sent(0, None, False, f"Fattura elettronica {file_id} inesistente"))
        elif row.state != "ready":
            out.append(Sent(row.document_id, row, False, _not_ready(row)))
        else:
            out.append(Sent(row.document_id, row, True, ""))
    for document_id in document_ids or []:
        try:
            doc = documents.find(ctx, document_id)
        except NotFound as exc:
            out.append(Sent(document_id, None, False, exc.message))
            continue
        rows = list(EInvoiceFile.select().where(EInvoiceFile.document == doc)
                    .order_by(EInvoiceFile.progressive))
        if not rows:
            out.append(Sent(document_id, None, False, f"{documents.name(doc)}: non ha una "
                            "fattura elettronica: esportarla prima di inviarla"))
        elif rows[-1].state != "ready":
            out.append(Sent(document_id, rows[-1], False, _not_ready(rows[-1])))
        else:
            out.append(Sent(document_id, rows[-1], True, ""))
    return out


def _not_ready(row: EInvoiceFile) -> str:
    from gamma.einvoice.files import STATE_LABELS
    return (f"Il file {row.file_name} è {STATE_LABELS.get(row.state, row.state).lower()}: "
            "si inviano solo i file pronti")


@operation(functions.EINVOICES)
def _record(ctx: Context, file_id: int, sent: bool, message: str) -> EInvoiceFile:
    row = EInvoiceFile.get_by_id(file_id)
    # A receipt read meanwhile (the intermediary was quicker) keeps the state it gave.
    state = "sent" if sent and row.state == "ready" else row.state
    records.insert(ctx, EInvoiceEvent, company=row.company_id, file=row, at=ctx.now(),
                   state=state, message=message)
    if state != row.state:
        records.update(ctx, row, state=state)
    return row


def send(ctx: Context, document_ids: list[int] | None = None,
         file_ids: list[int] | None = None) -> list[Sent]:
    """Send through the configured channel the ready file of each document in
    `document_ids`, the files in `file_ids`, or (neither given) every ready file."""
    targets = _targets(ctx, document_ids, file_ids)
    pending = [t for t in targets if t.ok]
    if not pending:
        return targets
    way = channel(ctx)
    label = CHANNEL_LABELS[way.name]
    attempted = 0
    try:
        with way.session():
            for target in pending:
                attempted += 1
                try:
                    note = way.transmit(target.file)
                except SendFailed as exc:
                    _fail(ctx, target, label, exc.message)
                    continue
                target.file = _record(ctx, target.file.id, True, note)
                target.message = f"{target.file.file_name}: {note}"
    except SendFailed as exc:  # no connection: none of those left has gone
        for target in pending[attempted:]:
            _fail(ctx, target, label, exc.message)
    return targets


def _fail(ctx: Context, target: Sent, label: str, reason: str) -> None:
    text = f"Invio ({label}) non riuscito: {reason}"
    target.file = _record(ctx, target.file.id, False, text)
    target.ok = False
    target.message = f"{target.file.file_name}: {text}; il file resta pronto per l'invio"
