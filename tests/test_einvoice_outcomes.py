"""SDI outcomes on e-invoice files: states, history with SDI's codes, duplicates."""

from __future__ import annotations

from datetime import date

import pytest

from gamma import records
from gamma.einvoice import outcomes, sdi_messages
from models import EInvoiceEvent, EInvoiceFile
from tests.sales_fixtures import issue, prepare
from tests.shared_data import SDI
from tests.test_sdi_messages import NE, NS


@pytest.fixture
def ctx(admin_ctx):
    prepare(admin_ctx)
    return admin_ctx


def make_file(ctx, name: str, progressive: int, format_: str = "FPR12") -> EInvoiceFile:
    doc = issue(ctx, {"kind": "invoice", "date": date(2026, 3, 10), "customer": "C001",
                      "lines": [{"article": "A22", "qty": "1"}]}).document
    return records.insert(ctx, EInvoiceFile, company=ctx.company, document=doc,
                          progressive=progressive, file_name=name, format=format_,
                          xml="<FatturaElettronica/>")


def test_a_rejection_is_recorded_with_sdi_codes_once(ctx):
    made = make_file(ctx, "IT01234567890_00001.xml", 1)
    [done] = outcomes.apply(ctx, [sdi_messages.parse(NS, "ns.xml")])
    assert (done.state, done.note) == ("rejected", "correggere il documento e rigenerare il file")
    stored = EInvoiceFile.get_by_id(made.id)
    assert (stored.state, stored.sdi_id) == ("rejected", "111")
    [event] = outcomes.history(stored)
    assert event.code == "NS" and "00305 1.4.1.1.2 IdCodice non valido" in event.message
    [again] = outcomes.apply(ctx, [sdi_messages.parse(NS, "ns.xml")])
    assert again.note == "già registrato"
    assert EInvoiceEvent.select().count() == 1


def test_a_pa_refusal_and_a_message_for_an_unknown_file(ctx):
    make_file(ctx, "IT01234567890_00002.xml", 2, "FPA12")
    [refused] = outcomes.apply(ctx, [sdi_messages.parse(NE, "ne.xml")])
    assert refused.state == "refused"
    assert "EC02" in outcomes.history(refused.file)[0].message
    [unknown] = outcomes.apply_files(ctx, [SDI / "pec-ricevuta-consegna.eml"])
    assert unknown.file is None
    assert unknown.note == "file IT03339130126_00009.xml sconosciuto in questa ditta"


def test_a_delivery_receipt_from_a_pec_mail_marks_the_file_delivered(ctx):
    made = make_file(ctx, "IT03339130126_00009.xml", 9)
    [done] = outcomes.apply_files(ctx, [SDI / "pec-ricevuta-consegna.eml"])
    assert done.state == "delivered"
    assert EInvoiceFile.get_by_id(made.id).sdi_id == "6782414"
