"""Sending e-invoice files: the outbox channel hands them to the intermediary, the PEC
channel e-mails each one to SDI through a real SMTP server started here; a file that could
not leave stays ready with the reason in its history."""

from __future__ import annotations

import dataclasses
import email
import json
import socket
import threading
import warnings
from email import policy
from pathlib import Path

import pytest
from click.testing import CliRunner

from gamma.einvoice import channels, files
from gamma.errors import GammaError
from models import EInvoiceFile
from tests.sales_fixtures import issue
from tests.test_einvoice_export import ctx  # noqa: F401  (the fixture)

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import asyncore
    import smtpd

SENDER = "fatture@pec.rossiforniture.it"
SDI = "sdi01@pec.fatturapa.it"


class MailServer(smtpd.SMTPServer):
    """A real SMTP server on a free local port, in a thread; keeps what it receives.
    `refuse` set: every message is answered with that SMTP reply instead."""

    def __init__(self):
        self.socket_map: dict = {}
        super().__init__(("127.0.0.1", 0), None, decode_data=False, map=self.socket_map)
        self.port = self.socket.getsockname()[1]
        self.received: list[tuple[str, list[str], bytes]] = []
        self.refuse: str | None = None
        self.running = True
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()

    def _loop(self):
        while self.running:
            asyncore.loop(timeout=0.02, map=self.socket_map, count=1)

    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
        if self.refuse:
            return self.refuse
        self.received.append((mailfrom, rcpttos, data))
        return None

    def stop(self):
        self.running = False
        self.thread.join(2)
        asyncore.close_all(map=self.socket_map)


@pytest.fixture
def server():
    started = MailServer()
    yield started
    started.stop()


def pec_settings(port: int) -> dict:
    return {"einvoice.channel": "pec", "pec.host": "127.0.0.1", "pec.port": port,
            "pec.security": "none", "pec.sender": SENDER, "pec.sdi_address": SDI,
            "pec.timeout_seconds": 5}


def with_pec(ctx, port):  # noqa: F811
    return dataclasses.replace(ctx, settings=ctx.settings.replace(**pec_settings(port)))


def exported(ctx, qty="2"):  # noqa: F811
    doc = issue(ctx, {"kind": "invoice", "customer": "C001",
                      "lines": [{"article": "A22", "qty": qty}]}).document
    return doc, files.export(ctx, doc.id)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def history(row):
    return [(e.state, e.message) for e in files.events_of(EInvoiceFile.get_by_id(row.id))]


def test_pec_sends_the_exact_file_to_sdi_and_the_file_becomes_sent(ctx, server):  # noqa: F811
    doc, made = exported(ctx)
    [result] = channels.send(with_pec(ctx, server.port), [doc.id])

    assert result.ok, result.message
    [(mailfrom, recipients, data)] = server.received
    assert (mailfrom, recipients) == (SENDER, [SDI])
    mail = email.message_from_bytes(data, policy=policy.default)
    assert mail["Subject"] == f"Invio fattura elettronica {made.file_name}"
    assert (mail["From"], mail["To"]) == (SENDER, SDI)
    [attachment] = list(mail.iter_attachments())
    assert attachment.get_filename() == made.file_name
    assert attachment.get_content_type() == "application/xml"
    # Byte for byte the file the export validated and wrote to the outbox.
    assert attachment.get_content() == Path(made.path).read_bytes()

    assert EInvoiceFile.get_by_id(made.id).state == "sent"
    assert history(made)[-1] == ("sent", f"Inviato via PEC da {SENDER} a {SDI}")
    [again] = channels.send(with_pec(ctx, server.port), [doc.id])
    assert not again.ok
    assert again.message == f"Il file {made.file_name} è inviato: si inviano solo i file pronti"
    assert len(server.received) == 1


def test_a_refused_message_leaves_the_file_ready_with_the_reason(ctx, server):  # noqa: F811
    doc, made = exported(ctx)
    server.refuse = "554 5.7.1 Messaggio rifiutato"
    [result] = channels.send(with_pec(ctx, server.port), [doc.id])

    reason = (f"Invio (PEC) non riuscito: server PEC 127.0.0.1:{server.port}: messaggio non "
              "accettato (554 5.7.1 Messaggio rifiutato)")
    assert not result.ok
    assert result.message == f"{made.file_name}: {reason}; il file resta pronto per l'invio"
    assert EInvoiceFile.get_by_id(made.id).state == "ready"
    assert history(made)[-1] == ("ready", reason)

    server.refuse = None  # the mailbox works again: the same file goes
    [retry] = channels.send(with_pec(ctx, server.port), [doc.id])
    assert retry.ok and EInvoiceFile.get_by_id(made.id).state == "sent"
    assert [state for state, _ in history(made)] == ["ready", "ready", "sent"]


def test_an_unreachable_server_fails_every_file_and_sends_none(ctx):  # noqa: F811
    first_doc, first = exported(ctx)
    second_doc, second = exported(ctx, "3")
    port = free_port()  # nothing listens there
    results = channels.send(with_pec(ctx, port))
    assert [r.ok for r in results] == [False, False]
    for made in (first, second):
        assert EInvoiceFile.get_by_id(made.id).state == "ready"
        state, message = history(made)[-1]
        assert state == "ready"
        assert message.startswith(f"Invio (PEC) non riuscito: server PEC 127.0.0.1:{port} "
                                  "non raggiungibile")


def test_pec_without_server_or_sender_is_refused_before_anything_moves(ctx):  # noqa: F811
    doc, made = exported(ctx)
    unconfigured = dataclasses.replace(ctx, settings=ctx.settings.replace(
        **{"einvoice.channel": "pec"}))
    with pytest.raises(GammaError, match=r"Invio via PEC non configurato: mancano pec\.host, "
                                         r"pec\.sender"):
        channels.send(unconfigured, [doc.id])
    assert history(made) == [("ready", "Generato")]


def test_gamma_einvoice_send_all_ready_through_the_outbox(ctx, tmp_path, db_url):  # noqa: F811
    from gamma.cli.main import cli
    first_doc, first = exported(ctx)
    second_doc, second = exported(ctx, "3")
    env = {"GAMMA_DB": db_url, "HOME": str(tmp_path), "GAMMA_OPERATOR": "admin",
           "GAMMA_COMPANY": "1", "GAMMA_CONFIG": None}
    runner = CliRunner(env=env)
    result = runner.invoke(cli, ["einvoice", "send"])
    assert result.exit_code == 2
    assert "Indicare i documenti da inviare oppure --all-ready" in result.output

    result = runner.invoke(cli, ["einvoice", "send", "999", "--json"])
    assert result.exit_code == 1
    assert [(r["document"], r["ok"], r["message"]) for r in json.loads(result.output)] == [
        (999, False, "Documento 999 inesistente")]

    result = runner.invoke(cli, ["einvoice", "send", "--all-ready", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [(r["document"], r["file"], r["state"]) for r in rows] == [
        (first_doc.id, first.file_name, "sent"), (second_doc.id, second.file_name, "sent")]
    assert rows[0]["message"] == (f"{first.file_name}: Consegnato all'intermediario nella "
                                  f"cartella di uscita ({first.path})")
    result = runner.invoke(cli, ["einvoice", "send", "--all-ready"])
    assert (result.exit_code, result.output.strip()) == (0, "Nessun file pronto da inviare")


def test_gamma_einvoice_send_by_pec_configured_from_the_environment(ctx, tmp_path, db_url,  # noqa: F811
                                                                    server):
    from gamma.cli.main import cli
    doc, made = exported(ctx)
    env = {"GAMMA_DB": db_url, "HOME": str(tmp_path), "GAMMA_OPERATOR": "admin",
           "GAMMA_COMPANY": "1", "GAMMA_CONFIG": None, "GAMMA_EINVOICE_CHANNEL": "pec",
           "GAMMA_PEC_HOST": "127.0.0.1", "GAMMA_PEC_PORT": str(server.port),
           "GAMMA_PEC_SECURITY": "none", "GAMMA_PEC_SENDER": SENDER}
    result = CliRunner(env=env).invoke(cli, ["einvoice", "send", str(doc.id)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == (f"Documento {doc.id}: {made.file_name}: Inviato via PEC "
                                     f"da {SENDER} a {SDI}")
    [(_, recipients, _)] = server.received
    assert recipients == [SDI]  # the default SDI address


def test_a_receipt_read_while_the_file_was_going_keeps_its_state(ctx, monkeypatch):  # noqa: F811
    doc, made = exported(ctx)

    def intermediary_was_quicker(self, row):
        # SDI's delivery receipt recorded between the pick-up and the send being recorded.
        EInvoiceFile.update(state="delivered").where(EInvoiceFile.id == row.id).execute()
        return "Consegnato all'intermediario"

    monkeypatch.setattr(channels.OutboxChannel, "transmit", intermediary_was_quicker)
    [result] = channels.send(ctx, [doc.id])
    assert result.ok
    assert EInvoiceFile.get_by_id(made.id).state == "delivered"
    assert history(made)[-1] == ("delivered", "Consegnato all'intermediario")
