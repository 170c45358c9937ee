"""Kits in documents: automatic explosion priced on the parent (components descriptive)
or on the components (parent descriptive), explosion on request (JSON import, the mask's
key), saving again without duplicates; mix-and-match gifts."""

from __future__ import annotations

from datetime import date

import pytest

from gamma.kits import document_lines, mix_match, structure
from gamma.master import article_prices
from gamma.sales import document_forms, documents, json_io
from gamma.sales.confirm import confirm
from models import StockMovement
from tests.kit_fixtures import article, move
from tests.sales_fixtures import d, prepare

JAN31 = date(2026, 1, 31)


@pytest.fixture
def ctx(admin_ctx):
    """The sales fixture (A22 at 10,00, A10 at 5,50, A04 at 2,00; 100 of each) and the
    kit BOX ← 2 A22 + 1 A10, priced 25,00, 10 in stock."""
    prepare(admin_ctx)
    article(admin_ctx, "BOX")
    article_prices.set_price(admin_ctx, "BOX", 1, d("25"), date(2026, 1, 1))
    structure.add(admin_ctx, "BOX", "A22", "2")
    structure.add(admin_ctx, "BOX", "A10", "1")
    move(admin_ctx, {"BOX": "10"})
    return admin_ctx


def invoice(*lines) -> dict:
    return {"kind": "invoice", "date": JAN31, "customer": "C001", "lines": list(lines)}


def shown(doc) -> list[tuple]:
    return [(line.line_kind, line.code or line.description, line.qty, line.amount)
            for line in documents.lines_of(doc)]


def resave(ctx, doc, change=None):
    """Save the draft again as the mask does: its lines read back, one maybe changed."""
    inputs = document_forms.line_inputs(ctx, doc)
    if change:
        change(inputs)
    lines = [document_forms.clean(i) for i in inputs]
    return documents.save_draft(ctx, {"lines": lines}, doc.id).document


def test_automatic_explosion_priced_on_the_parent(ctx):
    structure.set_mode(ctx, "BOX", explosion="automatic", pricing="parent")
    doc = documents.save_draft(ctx, invoice({"article": "BOX", "qty": "3"})).document
    # 3 boxes at 25,00 = 75,00; the components only described: 3 × 2 A22, 3 × 1 A10.
    assert shown(doc) == [
        ("article", "BOX", 3, d("75.00")),
        ("comment", "» A22 × 6 NR Vite inox M6", None, None),
        ("comment", "» A10 × 3 NR Pasta di semola", None, None)]
    assert doc.taxable == d("75.00")
    # saved again with 2 boxes: the descriptions follow, none doubled
    doc = resave(ctx, doc, lambda lines: lines[0].update(qty=d("2")))
    assert shown(doc) == [
        ("article", "BOX", 2, d("50.00")),
        ("comment", "» A22 × 4 NR Vite inox M6", None, None),
        ("comment", "» A10 × 2 NR Pasta di semola", None, None)]
    confirm(ctx, doc.id)
    moved = {(m.article.code, m.qty) for m in StockMovement.select().where(
        StockMovement.document == doc)}
    assert moved == {("BOX", 2)}  # the components did not move


def test_automatic_explosion_priced_on_the_components(ctx):
    structure.set_mode(ctx, "BOX", explosion="automatic", pricing="components")
    doc = documents.save_draft(ctx, invoice({"article": "BOX", "qty": "2"})).document
    # The parent described; A22 2 × 2 = 4 at 10,00 = 40,00; A10 2 at 5,50 = 11,00.
    assert shown(doc) == [
        ("comment", "Kit BOX × 2 NR Articolo BOX", None, None),
        ("article", "A22", 4, d("40.00")),
        ("article", "A10", 2, d("11.00"))]
    assert doc.goods == d("51.00")
    doc = resave(ctx, doc)
    assert len(shown(doc)) == 3  # saved again: nothing exploded twice
    confirm(ctx, doc.id)
    moved = {(m.article.code, m.qty) for m in StockMovement.select().where(
        StockMovement.document == doc)}
    assert moved == {("A22", 4), ("A10", 2)}


def test_explosion_on_request_from_a_json_import(ctx):
    structure.set_mode(ctx, "BOX", explosion="on_request")
    plain = documents.save_draft(ctx, invoice({"article": "BOX", "qty": "1"})).document
    assert [k for k, *_ in shown(plain)] == ["article"]  # not asked: the kit whole
    [made] = json_io.import_documents(ctx, [invoice({"article": "BOX", "qty": "1",
                                                     "explode": True})])
    doc = documents.get(ctx, made["id"])
    assert shown(doc)[1:] == [("comment", "» A22 × 2 NR Vite inox M6", None, None),
                              ("comment", "» A10 × 1 NR Pasta di semola", None, None)]
    # once exploded it stays so: saved again at 4, the descriptions follow
    doc = resave(ctx, doc, lambda lines: lines[0].update(qty=d("4")))
    assert [text for _, text, *_ in shown(doc)] == [
        "BOX", "» A22 × 8 NR Vite inox M6", "» A10 × 4 NR Pasta di semola"]


def test_the_masks_key_explodes_one_line(ctx):
    structure.set_mode(ctx, "BOX", explosion="on_request", pricing="components")
    doc = documents.save_draft(ctx, invoice({"article": "A04", "qty": "1"},
                                            {"article": "BOX", "qty": "1"})).document
    doc = document_lines.explode_line(ctx, doc.id, 2)
    assert [(k, text) for k, text, *_ in shown(doc)] == [
        ("article", "A04"), ("comment", "Kit BOX × 1 NR Articolo BOX"),
        ("article", "A22"), ("article", "A10")]


def test_explode_false_keeps_an_automatic_kit_whole(ctx):
    structure.set_mode(ctx, "BOX", explosion="automatic")
    doc = documents.save_draft(ctx, invoice({"article": "BOX", "qty": "1",
                                             "explode": False})).document
    assert [k for k, *_ in shown(doc)] == ["article"]


def test_mix_and_match_buy_three_get_one_free(ctx):
    mix_match.add(ctx, "A22", "3", "A04")
    doc = documents.save_draft(ctx, invoice({"article": "A22", "qty": "7"},
                                            {"article": "A10", "qty": "1"})).document
    # 7 A22 = two threes: 2 A04 at 2,00 with a 100 % discount, right after A22.
    lines = documents.lines_of(doc)
    assert [(ln.code, ln.qty, ln.price, ln.discounts, ln.amount) for ln in lines] == [
        ("A22", 7, d("10"), "", d("70.00")),
        ("A04", 2, d("2"), "100", d("0.00")),
        ("A10", 1, d("5.5"), "", d("5.50"))]
    assert doc.taxable == d("75.50")  # 70,00 + 5,50: the gift is free
    # down to 5 A22: one three, one gift; down to 2: none
    doc = resave(ctx, doc, lambda lines: lines[0].update(qty=d("5")))
    assert [(ln.code, ln.qty) for ln in documents.lines_of(doc)] == [
        ("A22", 5), ("A04", 1), ("A10", 1)]
    doc = resave(ctx, doc, lambda lines: lines[0].update(qty=d("2")))
    assert [(ln.code, ln.qty) for ln in documents.lines_of(doc)] == [("A22", 2), ("A10", 1)]
    doc = resave(ctx, doc, lambda lines: lines[0].update(qty=d("3")))
    confirm(ctx, doc.id)
    moved = {(m.article.code, m.qty) for m in StockMovement.select().where(
        StockMovement.document == doc)}
    assert moved == {("A22", 3), ("A04", 1), ("A10", 1)}  # the gift leaves the warehouse


def test_a_gift_at_half_price_and_out_of_its_dates(ctx):
    mix_match.add(ctx, "A22", "2", "A10", discount="50", valid_to=date(2026, 1, 15))
    doc = documents.save_draft(ctx, {**invoice({"article": "A22", "qty": "2"}),
                                     "date": date(2026, 1, 10)}).document
    # 1 A10 at 5,50 less 50 % = 2,75
    assert [(ln.code, ln.discounts, ln.amount) for ln in documents.lines_of(doc)] == [
        ("A22", "", d("20.00")), ("A10", "50", d("2.75"))]
    later = documents.save_draft(ctx, invoice({"article": "A22", "qty": "2"})).document
    assert [ln.code for ln in documents.lines_of(later)] == ["A22"]  # 31/01: expired
