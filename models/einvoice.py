"""E-invoice files (fatture elettroniche emesse): one row per FatturaPA file made from a
sales document, with the XML as written and the history of its SDI outcomes. A rejected
file stays; its correction is a new file with a new progressive for the same document."""

from __future__ import annotations

from peewee import CharField, ForeignKeyField, IntegerField, TextField

from models.company import CompanyModel
from models.document import Document
from models.fields import TimestampField, utcnow

# ready (written to the outbox), sent, delivered (RC), not_delivered (MC), rejected (NS),
# accepted / refused by a public administration (NE), deemed_accepted (DT).
EINVOICE_STATES = ("ready", "sent", "delivered", "not_delivered", "rejected", "accepted",
                   "refused", "deemed_accepted")


class EInvoiceFile(CompanyModel):
    LABEL = "fattura elettronica"
    AUDIT_KEY = "file_name"

    document = ForeignKeyField(Document, on_delete="RESTRICT", backref="einvoice_files")
    progressive = IntegerField()  # per company, never repeats (ProgressivoInvio)
    file_name = CharField(max_length=50)  # IT01234567890_0000A.xml
    format = CharField(max_length=5)  # FPR12, FPA12
    state = CharField(max_length=16, default="ready")
    created_at = TimestampField(default=utcnow)
    xml = TextField()
    path = CharField(max_length=255, default="")  # where it was written
    sdi_id = CharField(max_length=20, default="")  # IdentificativoSdI, from the receipts
    notes = TextField(default="")

    class Meta:
        table_name = "einvoice_file"
        indexes = ((("company", "progressive"), True), (("company", "file_name"), True))


class EInvoiceEvent(CompanyModel):
    """One step of a file's history: its creation, a receipt from SDI, a resend."""

    file = ForeignKeyField(EInvoiceFile, on_delete="CASCADE", backref="events")
    at = TimestampField(default=utcnow)
    state = CharField(max_length=16)
    code = CharField(max_length=10, default="")  # RC, MC, NS, NE, DT, AT or an error code
    message = TextField(default="")

    class Meta:
        table_name = "einvoice_event"
