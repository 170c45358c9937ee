"""The document flow: delivery notes → deferred invoice → partial credit note, with the
quantities, references and residuals of every line, and what cannot be picked twice;
quote → invoice; the counter sale; credit limits; concurrent confirmations."""

from __future__ import annotations

import multiprocessing
from datetime import date
from decimal import Decimal

import pytest

from gamma import companies, db
from gamma.access import operators
from gamma.audit import log  # noqa: F401
from gamma.context import Context
from gamma.errors import GammaError, ValidationError
from gamma.sales import deferred, documents, pickup
from gamma.sales.confirm import confirm
from gamma.sales.credit import CreditBlocked, exposure
from models import AuditEntry, Document, DocumentLine, Instalment
from tests.conftest import make_settings
from tests.sales_fixtures import d, issue, prepare, set_party


@pytest.fixture
def ctx(admin_ctx):
    prepare(admin_ctx)
    return admin_ctx


def note(ctx, day: int, *lines) -> Document:
    return issue(ctx, {"kind": "delivery_note", "date": date(2026, 3, day), "customer": "C001",
                       "lines": [{"article": a, "qty": q} for a, q in lines]}).document


def line(doc: Document, position: int) -> DocumentLine:
    return DocumentLine.get(DocumentLine.document == doc, DocumentLine.position == position)


def test_notes_to_deferred_invoice_to_partial_credit_note(ctx):
    first = note(ctx, 2, ("A22", "5"), ("A10", "2"))
    second = note(ctx, 3, ("A22", "3"))
    [run] = deferred.run(ctx, date(2026, 3, 31))
    invoice = run.invoice
    assert (invoice.kind, invoice.number, invoice.date) == ("deferred_invoice", 1,
                                                          date(2026, 3, 31))
    lines = documents.lines_of(invoice)
    assert [(x.line_kind, x.description) for x in lines if x.line_kind == "comment"] == [
        ("comment", "Rif. Documento di trasporto n. 1 del 02/03/2026"),
        ("comment", "Rif. Documento di trasporto n. 2 del 03/03/2026")]
    goods = [x for x in lines if x.line_kind == "article"]
    assert [(x.code, x.qty, x.origin_id) for x in goods] == [
        ("A22", d("5"), line(first, 1).id), ("A10", d("2"), line(first, 2).id),
        ("A22", d("3"), line(second, 1).id)]
    # 8 × 10,00 = 80,00 at 22 % + 2 × 5,50 = 11,00 at 10 %: VAT 17,60 + 1,10.
    assert (invoice.taxable, invoice.vat, invoice.total) == (d("91.00"), d("18.70"),
                                                            d("109.70"))
    assert pickup.residual(line(first, 1)) == 0 and pickup.residual(line(second, 1)) == 0
    # The deferred invoice moves no stock: the notes did (100 − 5 − 3).
    from gamma.sales import stock
    assert stock.level(ctx, goods[0].article).on_hand == d("92")

    # Picking the same note again is refused, at draft time already.
    again = {"kind": "deferred_invoice", "customer": "C001", "date": date(2026, 3, 31),
             "lines": [{"article": "A22", "qty": "5", "origin": line(first, 1).id}]}
    with pytest.raises(ValidationError, match="già prelevata"):
        documents.save_draft(ctx, again)
    assert deferred.run(ctx, date(2026, 3, 31)) == []

    # A credit note for 2 of the 5 A22 of the first note's line.
    credit_lines = pickup.lines_to_pick(ctx, [invoice.id], {goods[0].id: d("2"),
                                                            goods[1].id: d("0"),
                                                            goods[2].id: d("0")})
    credit = issue(ctx, {"kind": "credit_note", "customer": "C001", "date": date(2026, 4, 2),
                         "lines": credit_lines}).document
    assert credit.number == 2  # credit notes share the invoices' register
    credited = [x for x in documents.lines_of(credit) if x.line_kind == "article"]
    assert [(x.code, x.qty, x.origin_id) for x in credited] == [("A22", d("2"), goods[0].id)]
    assert (credit.taxable, credit.vat, credit.total) == (d("20.00"), d("4.40"), d("24.40"))
    assert pickup.residual(DocumentLine.get_by_id(goods[0].id)) == d("3")
    # The rest can still be credited, but not more than the rest.
    too_much = pickup.lines_to_pick(ctx, [invoice.id], {goods[0].id: d("4"),
                                                         goods[1].id: d("0"),
                                                         goods[2].id: d("0")})
    with pytest.raises(ValidationError, match=r"già prelevata \(residuo 3"):
        documents.save_draft(ctx, {"kind": "credit_note", "customer": "C001",
                                   "date": date(2026, 4, 3), "lines": too_much})


def test_a_quote_becomes_an_invoice_and_cannot_be_picked_twice(ctx):
    quote = issue(ctx, {"kind": "quote", "date": date(2026, 3, 2), "customer": "C001",
                        "lines": [{"article": "A04", "qty": "10", "price": "1.80"}]}).document
    assert quote.number == 1  # quotes have their own register
    picked = pickup.lines_to_pick(ctx, [quote.id])
    invoice = issue(ctx, {"kind": "invoice", "date": date(2026, 3, 5), "customer": "C001",
                          "lines": picked}).document
    # 10 × 1,80 = 18,00 + 4 % = 18,72: the quote's price, not the list's 2,00.
    assert (invoice.number, invoice.total) == (1, d("18.72"))
    with pytest.raises(ValidationError, match="già prelevata"):
        documents.save_draft(ctx, {"kind": "invoice", "customer": "C001",
                                   "date": date(2026, 3, 5), "lines": picked})


def test_a_counter_sale_chooses_its_kind_at_the_end(ctx):
    saved = documents.save_draft(ctx, {"kind": "counter", "date": date(2026, 3, 5),
                                       "lines": [{"article": "A10", "qty": "1"}]})
    with pytest.raises(ValidationError, match="scegliere il documento"):
        confirm(ctx, saved.document.id)
    with pytest.raises(ValidationError, match="Cliente: obbligatorio per fattura"):
        confirm(ctx, saved.document.id, kind="invoice")
    done = confirm(ctx, saved.document.id, kind="receipt").document
    assert (done.kind, done.number, done.total) == ("receipt", 1, d("6.05"))


def test_credit_limit_warns_blocks_and_is_forced_with_an_audited_override(ctx):
    set_party(ctx, credit_limit=d("150.00"))
    first = issue(ctx, {"kind": "invoice", "date": date(2026, 3, 2), "customer": "C001",
                        "lines": [{"article": "A22", "qty": "10"}]})  # 100 + 22 % = 122,00
    assert first.warnings == []
    assert exposure(ctx, first.document.party).open_items == d("122.00")
    data = {"kind": "invoice", "date": date(2026, 3, 3), "customer": "C001",
            "lines": [{"article": "A22", "qty": "3"}]}  # 36,60: 158,60 > 150
    warned = issue(ctx, data)
    assert warned.warnings == ["Cliente C001: fido 150.00 superato (esposizione 122.00 + "
                               "documento 36.60 = 158.60)"]
    blocking = ctx.__class__(**{**ctx.__dict__, "settings": ctx.settings.replace(
        **{"sales.credit_check": "block"})})
    saved = documents.save_draft(blocking, data)
    with pytest.raises(CreditBlocked, match="serve la forzatura"):
        confirm(blocking, saved.document.id)
    assert Document.get_by_id(saved.document.id).number is None
    forced = confirm(blocking, saved.document.id, override=True).document
    assert forced.credit_override_by == "admin"
    entry = AuditEntry.get(AuditEntry.action == "override")
    assert "forzato da ADMIN" in entry.message and entry.record_key == str(forced.id)


def _confirm_invoices(url: str, count: int, queue) -> None:
    db.connect(url)
    ctx = companies.open_company(Context(make_settings(), operators.find("admin")), 1)
    numbers = []
    try:
        for _ in range(count):
            saved = documents.save_draft(ctx, {"kind": "invoice", "series": "C",
                                               "date": date(2026, 3, 2), "customer": "C001",
                                               "lines": [{"article": "A22", "qty": "1"}]})
            numbers.append(confirm(ctx, saved.document.id).document.number)
    finally:
        db.close()
    queue.put(numbers)


@pytest.mark.slow
def test_eight_processes_confirm_400_invoices_numbered_1_to_400(ctx, db_url):
    from gamma.sales import stock
    db.close()
    spawn = multiprocessing.get_context("spawn")
    queue = spawn.Queue()
    workers = [spawn.Process(target=_confirm_invoices, args=(db_url, 50, queue))
               for _ in range(8)]
    for w in workers:
        w.start()
    results = [queue.get(timeout=300) for _ in workers]
    for w in workers:
        w.join(timeout=30)
        assert w.exitcode == 0
    assert sorted(n for taken in results for n in taken) == list(range(1, 401))
    db.connect(db_url)
    assert Instalment.select().count() == 400 * 3
    from models import Article
    assert stock.level(ctx, Article.get(Article.code == "A22")).on_hand == d("-300")


def test_a_confirmed_document_cannot_be_confirmed_or_deleted_again(ctx):
    done = issue(ctx, {"kind": "invoice", "date": date(2026, 3, 2), "customer": "C001",
                       "lines": [{"article": "A22", "qty": "1"}]}).document
    with pytest.raises(GammaError, match="già confermato"):
        confirm(ctx, done.id)
    with pytest.raises(GammaError, match="non si elimina"):
        documents.delete_draft(ctx, done.id)
    assert Decimal(done.total) == d("12.20")


def test_a_confirmed_invoice_changed_by_right_keeps_its_number_and_follows_with_stock(ctx):
    from gamma.access import grants
    from gamma.access.grants import Grantee
    from gamma.sales import amend, stock
    from models import Article
    done = issue(ctx, {"kind": "invoice", "date": date(2026, 3, 2), "customer": "C001",
                       "lines": [{"article": "A22", "qty": "4"}]}).document
    changed = amend.amend(ctx, done.id, {"lines": [{"article": "A22", "qty": "6"}]}).document
    # 6 × 10,00 + 22 % = 73,20, still number 1; stock 100 − 6; instalments from 73,20.
    assert (changed.number, changed.status, changed.total) == (1, "confirmed", d("73.20"))
    assert stock.level(ctx, Article.get(Article.code == "A22")).on_hand == d("94")
    assert sum(i.amount for i in Instalment.select()) == d("73.20")
    entry = AuditEntry.get(AuditEntry.action == "amend")
    assert "totale 48.80 → 73.20" in entry.message
    with pytest.raises(ValidationError, match="anno 2026"):
        amend.amend(ctx, done.id, {"date": "2027-01-02"})

    from gamma.access import operators
    operators.add(ctx, "mario", "password-mario", name="Mario Rossi")
    grants.grant_functions(ctx, Grantee.of_operator("mario"), ["202"])
    grants.set_document_rights(ctx, Grantee.of_operator("mario"), "invoice",
                               {"insert", "view_others"})
    mario = ctx.__class__(**{**ctx.__dict__, "operator": operators.find("mario")})
    from gamma.errors import PermissionDenied
    with pytest.raises(PermissionDenied, match="Fattura"):
        amend.amend(mario, done.id, {"lines": [{"article": "A22", "qty": "1"}]})

    amend.archive(ctx, done.id)
    with pytest.raises(GammaError, match="archiviato"):
        amend.amend(ctx, done.id, {"notes": "x"})
