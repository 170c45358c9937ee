"""Traceability both ways through a purchase load, two sales to two customers and a
return: from a lot or a serial to its documents and parties, from a customer or a
document to the lots and serials it received."""

from __future__ import annotations

import pytest

from gamma.errors import NotFound
from gamma.stock import traceability
from tests.lot_fixtures import d, date, prepare_lots, receive, sell
from tests.sales_fixtures import issue


def give_back(ctx, customer: str, article: str, qty: str, **line):
    return issue(ctx, {"kind": "delivery_note", "subkind": "return", "customer": customer,
                       "date": date(2026, 3, 20),
                       "lines": [{"article": article, "qty": qty, **line}]}).document


@pytest.fixture
def story(admin_ctx):
    """F001 delivers 10 of lot L1 (goods receipt 1, 01/03); C001 buys 4 (delivery note 1,
    10/03), C002 buys 3 (delivery note 2, 12/03), C001 gives 1 back (delivery note 3,
    20/03). The same with serials: S1 and S2 in, S1 to C001, S2 to C002, S1 back."""
    ctx = admin_ctx
    prepare_lots(ctx)
    receive(ctx, "LATTE", "10", lot="L1", lot_expiry="30/04/2026")
    first = sell(ctx, "C001", "LATTE", "4", lot="L1").document
    sell(ctx, "C002", "LATTE", "3", lot="L1", day=date(2026, 3, 12))
    give_back(ctx, "C001", "LATTE", "1", lot="L1")
    receive(ctx, "TV55", "2", serials="S1 S2", day=date(2026, 3, 2))
    sell(ctx, "C001", "TV55", "1", serials="S1", day=date(2026, 3, 14))
    sell(ctx, "C002", "TV55", "1", serials="S2", day=date(2026, 3, 15))
    give_back(ctx, "C001", "TV55", "1", serials="S1")
    return ctx, first


def test_from_a_lot_to_its_documents_supplier_and_customers(story):
    ctx, _ = story
    found = traceability.trace_lot(ctx, "LATTE", "l1")
    assert (found["lot"], found["expiry"], found["supplier"]) == (
        "L1", date(2026, 4, 30), "F001")
    assert [(m["date"], m["direction"], m["qty"], m["party"], m["document"]["label"],
             m["document"]["number"]) for m in found["movements"]] == [
        (date(2026, 3, 1), "in", d("10"), "F001", "Carico da fornitore", "1"),
        (date(2026, 3, 10), "out", d("-4"), "C001", "Documento di trasporto", "1"),
        (date(2026, 3, 12), "out", d("-3"), "C002", "Documento di trasporto", "2"),
        (date(2026, 3, 20), "in", d("1"), "C001",
         "Documento di trasporto (reso da cliente)", "3")]
    assert [s["code"] for s in found["suppliers"]] == ["F001"]
    # C001: 4 out, 1 back → 3; C002: 3.
    assert [(c["code"], c["qty"]) for c in found["customers"]] == [
        ("C001", d("3")), ("C002", d("3"))]
    assert len(found["documents"]) == 4
    assert found["on_hand"] == d("4")  # 10 − 4 − 3 + 1


def test_from_a_serial_to_its_documents_and_customers(story):
    ctx, _ = story
    [found] = traceability.trace_serial(ctx, "s1")
    assert (found["article"], found["status"]) == ("TV55", "returned")
    assert [(m["direction"], m["party"]) for m in found["movements"]] == [
        ("in", "F001"), ("out", "C001"), ("in", "C001")]
    assert [(c["code"], c["qty"]) for c in found["customers"]] == [("C001", d("0"))]
    with pytest.raises(NotFound, match="Matricola S9 inesistente"):
        traceability.trace_serial(ctx, "S9")


def test_from_a_customer_to_every_lot_and_serial_received(story):
    ctx, _ = story
    c1 = traceability.party_lots(ctx, "C001")
    # LATTE L1: 4 − 1 = 3 over two documents; TV55 S1: 1 − 1 = 0 over two.
    assert [(r["article"], r["lot"], r["serial"], r["qty"], len(r["documents"]))
            for r in c1["lots"]] == [("LATTE", "L1", None, d("3"), 2),
                                     ("TV55", None, "S1", d("0"), 2)]
    c2 = traceability.party_lots(ctx, "C002")
    assert [(r["article"], r["lot"], r["serial"], r["qty"]) for r in c2["lots"]] == [
        ("LATTE", "L1", None, d("3")), ("TV55", None, "S2", d("1"))]
    # The supplier "received" minus what it delivered.
    f1 = traceability.party_lots(ctx, "F001")
    assert [(r["lot"], r["serial"], r["qty"]) for r in f1["lots"]] == [
        ("L1", None, d("-10")), (None, "S1", d("-1")), (None, "S2", d("-1"))]


def test_from_a_document_to_its_lots(story):
    ctx, first = story
    found = traceability.document_lots(ctx, first.id)
    assert found["document"]["number"] == "1"
    assert [(r["article"], r["lot"], r["qty"]) for r in found["lots"]] == [
        ("LATTE", "L1", d("4"))]
