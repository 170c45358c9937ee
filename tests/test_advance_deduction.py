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


def test_an_advance_is_deducted_in_parts_never_beyond_its_amount(ctx):
    # Work billed by stages: an advance of 1.000,00 on 22 % and 500,00 on 10 % (1.500,00),
    # deducted 600,00 on the first stage and the rest on the second.
    first = issue(ctx, {"kind": "advance_invoice", "date": date(2026, 1, 10),
                        "customer": "C001", "lines": [
                            {"description": "Acconto impianto", "amount": "1000.00",
                             "vat_code": "22"},
                            {"description": "Acconto opere", "amount": "500.00",
                             "vat_code": "10"}]}).document
    part = advances.deduction_lines(ctx, first.id, amount="600")
    # 600 in proportion to 1.000 and 500: 400,00 on 22 % and 200,00 on 10 %.
    assert [(x["amount"], x["vat_code"]) for x in part] == [("-400.00", "22"),
                                                            ("-200.00", "10")]
    stage1 = issue(ctx, {"kind": "invoice", "date": JAN31, "customer": "C001",
                         "lines": FINAL + part}).document
    # 3.000,00 − 400,00 = 2.600,00 at 22 % (VAT 572,00), −200,00 at 10 % (VAT −20,00):
    # taxable 2.400,00, VAT 552,00, total 2.952,00.
    assert (stage1.taxable, stage1.vat, stage1.total) == (d("2400.00"), d("552.00"),
                                                          d("2952.00"))
    # What is left (600,00 and 300,00) is offered next; more than it is refused.
    with pytest.raises(ValidationError, match="oltre il residuo .* \\(900.00\\)"):
        advances.deduction_lines(ctx, first.id, amount="900.01")
    rest = advances.deduction_lines(ctx, first.id)
    assert [x["amount"] for x in rest] == ["-600.00", "-300.00"]
    # Two final invoices in draft both taking the rest: the second confirmed is refused.
    a = documents.save_draft(ctx, {"kind": "invoice", "date": JAN31, "customer": "C001",
                                   "lines": FINAL + rest}).document
    b = documents.save_draft(ctx, {"kind": "invoice", "date": JAN31, "customer": "C001",
                                   "lines": FINAL + advances.deduction_lines(
                                       ctx, first.id, amount="100")}).document
    from gamma.sales.confirm import confirm
    confirm(ctx, a.id)
    with pytest.raises(GammaError, match="già"):
        confirm(ctx, b.id)
    with pytest.raises(ValidationError, match="già stornata"):
        advances.deduction_lines(ctx, first.id)
    # The first stage amended without its part gives the 600,00 back.
    amend(ctx, stage1.id, {"lines": FINAL})
    assert [x["amount"] for x in advances.deduction_lines(ctx, first.id)] == [
        "-400.00", "-200.00"]


def test_a_part_is_spread_to_the_cent(ctx):
    # 100,00 over 3 lines of 100,00 each: 33,33 × 3 = 99,99, the cent to the first.
    first = issue(ctx, {"kind": "advance_invoice", "date": date(2026, 1, 10),
                        "customer": "C001", "lines": [
                            {"description": f"Acconto {n}", "amount": "100.00",
                             "vat_code": "22"} for n in range(3)]}).document
    assert [x["amount"] for x in advances.deduction_lines(ctx, first.id, amount="100")] == [
        "-33.34", "-33.33", "-33.33"]
    out = json_io.import_documents(ctx, [{
        "kind": "invoice", "date": JAN31.isoformat(), "customer": "C001",
        "lines": FINAL + [{"deduct_advance": first.id, "amount": "150.00"}]}],
        confirm_them=True)
    # 3.000,00 − 150,00 = 2.850,00; VAT 627,00; total 3.477,00
    assert out[0]["totals"]["taxable"] == "2850.00" and out[0]["totals"]["total"] == "3477.00"
    for bad, words in (("0", "positivo"), ("12,345", "al centesimo"), ("abc", "non valido")):
        with pytest.raises(ValidationError, match=words):
            advances.deduction_lines(ctx, first.id, amount=bad)


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
