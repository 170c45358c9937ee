"""Function 231 at 80x24: the files with their state, the state filter, a document's
history with SDI's error codes, regeneration, export of a chosen document, sending, the
readable view; the export key of the documents list (201) and header (202)."""

from __future__ import annotations

import asyncio

import pytest

from gamma import lookups
from gamma.einvoice import files, outcomes
from models import EInvoiceFile
from screens.app import GammaApp
from screens.dialogs import Confirm
from screens.lookup import LookupScreen
from screens.sales.common import ChoiceDialog, TextDialog
from screens.sales.documents import DocumentList, DocumentMask
from screens.sales.einvoices import EInvoiceList, TextScreen
from screens.sales.lines import DocumentLines
from tests.sales_fixtures import issue
from tests.test_einvoice_cycle import rejection_of
from tests.test_einvoice_export import ctx  # noqa: F401  (the fixture)
from tests.tui_helpers import SIZE, open_code, screen_text, started, type_text

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def fits(app) -> None:
    lines = screen_text(app).splitlines()
    assert len(lines) <= 24 and all(len(line) <= 80 for line in lines), lines


def invoice(ctx, qty: str):  # noqa: F811
    return issue(ctx, {"kind": "invoice", "customer": "C001",
                       "lines": [{"article": "A22", "qty": qty}]}).document


async def press(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


def test_231_lists_filters_shows_history_regenerates_exports_sends(ctx, clock,  # noqa: F811
                                                                   tmp_path):
    first_doc = invoice(ctx, "2")
    second_doc = invoice(ctx, "3")
    first = files.export(ctx, first_doc.id)
    receipt = tmp_path / first.file_name.replace(".xml", "_NS_001.xml")
    receipt.write_bytes(rejection_of(first.file_name))
    outcomes.apply_files(ctx, [receipt])
    stem = first.file_name.removesuffix(".xml")  # IT01234567890_00001

    async def scenario():
        app = GammaApp(ctx.settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "231")
            assert isinstance(app.screen, EInvoiceList), screen_text(app)
            text = screen_text(app)
            # The clock says 10/03/2026 09:30 UTC: the rejection's date.
            assert f"Fattura 1 del 10/03/2026  {stem} 00001 Scartato" in text, text
            assert "10/03/2026" in text.split(stem)[1]
            fits(app)

            # The history of the document: the file, its creation, SDI's rejection codes.
            await press(pilot, "enter")
            assert isinstance(app.screen, TextScreen), screen_text(app)
            text = screen_text(app)
            assert f"{first.file_name}  FPR12  Scartato  Id SdI 111" in text, text
            assert "Generato" in text and "NS" in text, text
            assert "00305" in text and "IdCodice non valido" in text, text
            fits(app)
            await press(pilot, "escape")

            # F6 on the rejected file: a new progressive for the same document.
            await press(pilot, "f6")
            second_name = first.file_name.replace("_00001", "_00002")
            assert f"Nuovo file {second_name} generato al posto di {first.file_name}" in \
                screen_text(app)

            # Ins: the documents to choose from; the second invoice is exported.
            await press(pilot, "insert")
            assert isinstance(app.screen, LookupScreen), screen_text(app)
            order = [r["id"] for r in lookups.search(ctx, "document", "")]
            await press(pilot, *["down"] * order.index(second_doc.id), "enter")
            assert isinstance(app.screen, EInvoiceList), screen_text(app)
            third_name = first.file_name.replace("_00001", "_00003")
            assert f"Fattura elettronica {third_name} generata (pronta per l'invio)" in \
                screen_text(app)

            # F4: only the ready ones (choice 2 of Tutti, Pronto, ...).
            await press(pilot, "f4")
            assert isinstance(app.screen, ChoiceDialog)
            await press(pilot, "2")
            text = screen_text(app)
            assert "Fatture elettroniche emesse — pronto" in text and "File: 2" in text, text
            assert stem not in text and "_00003" in text and "_00002" in text, text

            # Typed text: part of the file name.
            await type_text(pilot, "_00002")
            await pilot.pause()
            text = screen_text(app)
            assert "_00002" in text and "_00003" not in text, text
            await press(pilot, *["backspace"] * 6)
            assert "_00003" in screen_text(app)

            # F5: the newest file as a readable invoice.
            await press(pilot, "f5")
            assert isinstance(app.screen, TextScreen), screen_text(app)
            text = screen_text(app)
            assert "Cedente:   Rossi Forniture S.r.l." in text, text
            assert "Cliente:   Bar Sport S.r.l." in text, text
            # 3 × 10,00 = 30,00 at 22 % → 6,60 VAT, 36,60 in all.
            assert "Riepilogo IVA" in text and "30,00" in text and "6,60" in text, text
            fits(app)
            await press(pilot, "escape")

            # F7 sends the highlighted file (the newest), F8 the others after a question.
            await press(pilot, "f7")
            assert f"File {third_name} inviato" in screen_text(app)
            assert "File: " not in screen_text(app)
            await press(pilot, "f8")
            assert isinstance(app.screen, Confirm), screen_text(app)
            assert "Inviare 1 file pronti?" in screen_text(app)
            await press(pilot, "s")
            assert "File inviati: 1" in screen_text(app)
            assert "Nessun file in questo stato" not in screen_text(app)
            await press(pilot, "f7")
            assert "Nessun file in questo stato" in screen_text(app)

    asyncio.run(scenario())
    states = {f.file_name: f.state for f in EInvoiceFile.select()}
    assert states == {first.file_name: "rejected",
                      first.file_name.replace("_00001", "_00002"): "sent",
                      first.file_name.replace("_00001", "_00003"): "sent"}


def test_the_documents_list_and_header_export_with_f8(ctx, clock):  # noqa: F811
    doc = invoice(ctx, "1")

    async def scenario():
        app = GammaApp(ctx.settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "201")
            assert isinstance(app.screen, DocumentList), screen_text(app)
            await press(pilot, "f8")
            made = EInvoiceFile.get(EInvoiceFile.document == doc.id)
            assert f"Fattura elettronica {made.file_name} generata (pronta per l'invio)" in \
                screen_text(app)
            # Again: refused, saying which file the document already has (too long for
            # the message line: in a box).
            await press(pilot, "f8")
            assert isinstance(app.screen, TextDialog), screen_text(app)
            text = screen_text(app)
            assert "Fattura 1 del 10/03/2026: ha già la fattura elettronica" in text, text
            assert f"{made.file_name} (pronto)" in text, text
            await press(pilot, "escape")
            assert isinstance(app.screen, DocumentList), screen_text(app)

            # The header of the confirmed document (Enter: the lines; F5: the header).
            await press(pilot, "enter")
            assert isinstance(app.screen, DocumentLines), screen_text(app)
            await press(pilot, "f5")
            assert isinstance(app.screen, DocumentMask), screen_text(app)
            await press(pilot, "f8")
            assert isinstance(app.screen, TextDialog), screen_text(app)
            text = screen_text(app)
            assert "ha già la fattura elettronica" in text, text
            assert f"{made.file_name} (pronto)" in text, text

    asyncio.run(scenario())
    assert EInvoiceFile.select().count() == 1
