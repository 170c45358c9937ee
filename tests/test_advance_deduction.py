"""The final invoice deducts an advance invoice (storno acconto): taxable and VAT net of
the advance, the advance named in the e-invoice, never deducted twice."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest

from gamma.errors import GammaError, ValidationError
from gamma.sales import advances, documents, json_io
from gamma.sales.amend import amend
from models import Document
from tests.sales_fixtures import d, issue
from tests.test_einvoice_export import JAN31, assert_totals, text
from tests.test_einvoice_export import ctx  # noqa: F401  (the fixture)
from tests.test_einvoice_kinds import exported

FINAL = [{"description": "Fornitura impianto", "amount": "3000.00", "vat_code": "22"}]


def advance(ctx):
    return issue(ctx, {"kind": "advance_invoice", "date": date(2026, 1, 10),
                       "customer": "C001",
                       "lines": [{"description": "Acconto su ordine", "amount": "1000.00",
                                  "vat_code": "22"}]}).document


def test_a_final_invoice_deducts_the_advance_once_and_names_it(ctx):
    first = advance(ctx)
    # the advance: 1000.00 + 22% = 1000.00 + 220.00 = 1220.00
    assert (first.taxable, first.vat, first.total) == (d("1000.00"), d("220.00"),
                                                       d("1220.00"))
    lines = FINAL + advances.deduction_lines(ctx, first.id)
    assert lines[1]["amount"] == "-1000.00" and lines[1]["vat_code"] == "22"
    assert lines[1]["description"] == (f"Storno acconto fatt. acconto n. {first.number} "
                                       "del 10/01/2026")
    doc, root = exported(ctx, {"kind": "invoice", "date": JAN31, "customer": "C001",
                               "lines": lines})
    # 3000.00 - 1000.00 = 2000.00 taxable; 22% of it 440.00; total 2440.00
    # (= 3660.00 for the whole supply less the 1220.00 already invoiced)
    assert (doc.taxable, doc.vat, doc.total) == (d("2000.00"), d("440.00"), d("2440.00"))
    assert text(root, "TipoDocumento") == ["TD01"]
    assert text(root, "ImportoTotaleDocumento") == ["2440.00"]
    assert text(root, "DettaglioLinee/PrezzoTotale") == ["3000.00", "-1000.00"]
    ref = root.find(".//DatiFattureCollegate")
    assert (ref.findtext("IdDocumento"), ref.findtext("Data")) == (str(first.number),
                                                                   "2026-01-10")
    assert [e.text for e in ref.iterfind("RiferimentoNumeroLinea")] == ["2"]
    assert_totals(doc, root)
    # A second deduction of the same advance is refused, before and at confirmation.
    with pytest.raises(ValidationError, match="già stornata"):
        advances.deduction_lines(ctx, first.id)
    with pytest.raises(GammaError, match="già"):
        issue(ctx, {"kind": "invoice", "date": JAN31, "customer": "C001",
                    "lines": FINAL + lines[1:]})
    # The final invoice amended without the deduction gives the advance back.
    amend(ctx, doc.id, {"lines": FINAL})
    assert advances.deduction_lines(ctx, first.id)[0]["amount"] == "-1000.00"


def test_the_json_import_deducts_an_advance_by_its_id(ctx):
    first = advance(ctx)
    out = json_io.import_documents(ctx, [{
        "kind": "invoice", "date": JAN31.isoformat(), "customer": "C001",
        "lines": FINAL + [{"deduct_advance": first.id}]}], confirm_them=True)
    # 3000.00 - 1000.00 = 2000.00; VAT 440.00; total 2440.00
    assert (out[0]["totals"]["taxable"], out[0]["totals"]["vat"],
            out[0]["totals"]["total"]) == ("2000.00", "440.00", "2440.00")
    with pytest.raises(GammaError, match="già stornata"):
        json_io.import_documents(ctx, [{
            "kind": "invoice", "date": JAN31.isoformat(), "customer": "C001",
            "lines": FINAL + [{"deduct_advance": first.id}]}])
    # Only invoices deduct; only advance invoices are deducted; drafts are not.
    with pytest.raises(GammaError, match="solo in fattura"):
        json_io.import_documents(ctx, [{"kind": "quote", "customer": "C001",
                                        "lines": [{"deduct_advance": first.id}]}])
    plain = issue(ctx, {"kind": "invoice", "date": JAN31, "customer": "C001",
                        "lines": FINAL}).document
    with pytest.raises(ValidationError, match=f"fattura di acconto {plain.id} inesistente"):
        advances.deduction_lines(ctx, plain.id)
    draft = documents.save_draft(ctx, {"kind": "advance_invoice", "customer": "C001",
                                       "date": JAN31, "lines": FINAL}).document
    with pytest.raises(ValidationError, match="non confermata"):
        advances.deduction_lines(ctx, draft.id)
    assert Document.select().where(Document.kind == "invoice").count() == 2


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_f8_in_the_invoice_lines_deducts_an_advance_by_number(ctx, settings,  # noqa: F811
                                                             clock):
    from screens.app import GammaApp
    from screens.mask_dialog import MaskDialog
    from screens.sales.lines import DocumentLines
    from tests.test_document_screens import add_line, header
    from tests.tui_helpers import SIZE, screen_text, type_text

    first = advance(ctx)  # 1000.00 + 220.00 VAT

    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await header(pilot, "FT", "C001")
            assert isinstance(app.screen, DocumentLines), screen_text(app)
            await add_line(pilot, "A22", "300")  # 300 × 10,00 = 3.000,00 at 22 %
            await pilot.press("f8")
            await pilot.pause()
            assert isinstance(app.screen, MaskDialog), screen_text(app)
            await type_text(pilot, "99")
            await pilot.press("f10")
            await pilot.pause()
            text = screen_text(app)
            assert "fattura di acconto n. 99 del 2026 inesistente" in text, text
            app.screen.mask.input("number").value = ""
            app.screen.mask.focus_field("number")
            await type_text(pilot, str(first.number))
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, DocumentLines), screen_text(app)
            text = screen_text(app)
            # 3.000,00 − 1.000,00 = 2.000,00; VAT 440,00; total 2.440,00
            assert "Imponibile 2.000,00   IVA 440,00   Totale 2.440,00" in text, text
            assert "Storno acconto" in text and "-1.000,00" in text, text
            await pilot.press("f8")  # twice in one invoice: refused
            await pilot.pause()
            await type_text(pilot, str(first.number))
            await pilot.press("f10")
            await pilot.pause()
            assert "due volte" in screen_text(app), screen_text(app)
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("f10")
            await pilot.pause()
            assert "confermata" in screen_text(app), screen_text(app)
    asyncio.run(scenario())
    final = Document.get(Document.kind == "invoice")
    assert (final.taxable, final.vat, final.total) == (d("2000.00"), d("440.00"),
                                                       d("2440.00"))
