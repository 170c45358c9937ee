"""Document entry over the real SSH server: a line dropped while the header is being typed,
and again after some lines; at the next login nothing typed is lost."""

from __future__ import annotations

import pytest

from models import Document, DocumentLine, Session
from tests.conftest import ADMIN_PASSWORD
from tests.sales_fixtures import d, prepare
from tests.ssh_helpers import process_gone, ssh_server, ssh_server_factory, wait_for  # noqa: F401

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def drop(term) -> None:
    session = Session.get(Session.ended_at.is_null())
    term.abort()
    wait_for(lambda: process_gone(session.pid), 15, "the session's process to go")


def test_a_document_survives_dropped_lines_in_the_header_and_in_the_lines(ssh_server,
                                                                         admin_ctx):
    prepare(admin_ctx)
    term = ssh_server.terminal("admin", ADMIN_PASSWORD)
    term.wait_for("Codice o sigla della funzione")
    term.press("202", "enter")
    term.wait_for("Nuovo documento di vendita")
    term.press("FT", "tab", "C001", "tab")
    term.wait_for("Rischio C001")
    drop(term)  # the header typed, never confirmed
    assert Document.select().count() == 0

    again = ssh_server.terminal("admin", ADMIN_PASSWORD)
    again.wait_for("Bozze non confermate")
    again.press("enter")
    again.wait_for("Ripresa la bozza")
    again.press("f10")  # the header becomes a draft document; the lines open
    again.wait_for("Bozza di fattura")
    again.press("insert")
    again.wait_for("Articolo")
    again.press("A22", "tab", "tab", "3", "f10")
    again.wait_for("Imponibile 30,00")
    drop(again)
    [doc] = Document.select()
    assert doc.status == "draft" and doc.number is None
    assert [(x.code, x.qty) for x in DocumentLine.select()] == [("A22", d("3"))]

    third = ssh_server.terminal("admin", ADMIN_PASSWORD)
    third.wait_for("Codice o sigla della funzione")
    third.press("202", "enter")
    third.wait_for("Bozze non confermate: Invio riprende")  # the operator's drafts
    third.press("enter")
    third.wait_for("Imponibile 30,00")
    third.press("f10")
    third.wait_for("Fattura 1 del")
    third.close()
    assert Document.get_by_id(doc.id).number == 1
