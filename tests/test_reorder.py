"""Reorder: the below-minimum report, proposed quantities worked out by hand, grouping by
preferred supplier, editing a proposal and confirming it into supplier orders."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gamma import records
from gamma.errors import GammaError, ValidationError
from gamma.master.article_common import find_article
from gamma.orders import reorder, reorder_proposal
from gamma.orders.reorder import reorder_qty
from gamma.sales import stock
from models import Document, DocumentLine, ReorderProposal
from tests.order_fixtures_h5 import params, put, reorder_example, setup
from tests.sales_fixtures import d


@pytest.fixture
def ctx(admin_ctx):
    setup(admin_ctx)
    # A22: min 10, on hand 3, committed 4, on order 2 → available 3 − 4 + 2 = 1.
    reorder_example(admin_ctx)
    # A10: min 20, on hand 5 → available 5; max 25, lots of 10; supplier F002.
    params(admin_ctx, "A10", min_stock="20", max_stock="25", reorder_lot="10",
           supplier="F002")
    put(admin_ctx, "A10", "CAR", "5")
    # A04: min 5, nothing at all → available 0; no preferred supplier, no lot.
    params(admin_ctx, "A04", min_stock="5")
    return admin_ctx


def test_quantities_by_hand():
    # Need 10 − 1 = 9, rounded up to lots of 6 → 12.
    assert reorder_qty(d("10"), d("1"), d("6")) == d("12")
    # Exactly on the minimum: nothing.
    assert reorder_qty(d("10"), d("10"), d("6")) == 0
    # No lot: the shortfall as it is, 10 − 2,5 = 7,5.
    assert reorder_qty(d("10"), d("2.5")) == d("7.5")
    # Need 20 − 5 = 15 → 2 lots of 10 = 20, but the maximum 22 leaves room 17: 1 lot.
    assert reorder_qty(d("20"), d("5"), d("10"), d("22")) == d("10")
    # Room 12 − 5 = 7 is less than a lot of 10: the room itself.
    assert reorder_qty(d("10"), d("5"), d("10"), d("12")) == d("7")


def test_below_minimum_report(ctx):
    found = {n.code: n for n in reorder.below_minimum(ctx)}
    assert set(found) == {"A22", "A10", "A04"}
    a22 = found["A22"]
    assert (a22.on_hand, a22.committed, a22.on_order, a22.available) == (
        d("3"), d("4"), d("2"), d("1"))
    assert a22.proposed == d("12")  # 9 → two lots of 6
    # A10: need 20 − 5 = 15 → 2 lots of 10 = 20, max 25 leaves 20: 20 fits.
    assert found["A10"].proposed == d("20")
    assert found["A04"].proposed == d("5")
    # Suppliers first in code order, the article without one last.
    assert [n.code for n in reorder.below_minimum(ctx)] == ["A22", "A10", "A04"]
    assert [n.code for n in reorder.below_minimum(ctx, supplier="F002")] == ["A10"]


def test_an_article_back_over_its_minimum_drops_out(ctx):
    put(ctx, "A04", "CAR", "5")  # available 5, minimum 5: not under it
    assert "A04" not in {n.code for n in reorder.below_minimum(ctx)}


def test_proposal_grouped_by_supplier(ctx):
    proposal = reorder_proposal.propose(ctx)
    groups = reorder_proposal.groups(proposal)
    assert [(g.supplier.code if g.supplier else None,
             [(line.article.code, line.qty) for line in g.lines]) for g in groups] == [
        ("F001", [("A22", d("12"))]), ("F002", [("A10", d("20"))]), (None, [("A04", d("5"))])]
    data = reorder_proposal.as_dict(proposal)
    assert [s["supplier"] for s in data["suppliers"]] == ["F001", "F002"]
    assert data["without_supplier"][0]["article"] == "A04"
    assert data["suppliers"][0]["lines"][0]["available"] == "1.000"


def test_confirm_makes_one_supplier_order_each_and_raises_on_order(ctx):
    proposal = reorder_proposal.propose(ctx)
    # The article without a supplier stops the confirmation, nothing written.
    with pytest.raises(ValidationError, match="A04"):
        reorder_proposal.confirm(ctx, proposal.id)
    assert Document.select().where(Document.kind == "supplier_order").count() == 0
    reorder_proposal.change_line(ctx, proposal.id, "A04", supplier="F001")
    reorder_proposal.change_line(ctx, proposal.id, "A10", qty="15")  # the buyer's choice
    records.update(ctx, find_article(ctx, "A22"), cost_last=d("4.2"))
    orders = reorder_proposal.confirm(ctx, proposal.id)
    # Priced at the last cost where there is one: 12 × 4,20 = 50,40.
    a22 = DocumentLine.get(DocumentLine.document == orders[0],
                           DocumentLine.article == find_article(ctx, "A22"))
    assert (a22.price, a22.amount) == (d("4.2"), d("50.40"))
    assert [(o.kind, o.party.code, o.status) for o in orders] == [
        ("supplier_order", "F001", "confirmed"), ("supplier_order", "F002", "confirmed")]
    lines = {o.party.code: sorted((line.article.code, line.qty) for line in
                                  DocumentLine.select().where(DocumentLine.document == o))
             for o in orders}
    assert lines == {"F001": [("A04", d("5")), ("A22", d("12"))], "F002": [("A10", d("15"))]}
    # On order: A22 2 + 12 = 14, A10 0 + 15, A04 0 + 5.
    level = stock.levels(ctx, [find_article(ctx, c).id for c in ("A22", "A10", "A04")])
    assert [level[find_article(ctx, c).id].on_order for c in ("A22", "A10", "A04")] == [
        d("14"), d("15"), d("5")]
    assert ReorderProposal.get_by_id(proposal.id).status == "confirmed"
    with pytest.raises(GammaError, match="già confermata"):
        reorder_proposal.confirm(ctx, proposal.id)
    # Now A22 is available 1 + 12 = 13 ≥ 10: no longer proposed.
    assert "A22" not in {n.code for n in reorder.below_minimum(ctx)}


def test_a_line_at_zero_is_left_out(ctx):
    proposal = reorder_proposal.propose(ctx, supplier="F001")
    assert [line.article.code for line in reorder_proposal.lines_of(proposal)] == ["A22"]
    reorder_proposal.change_line(ctx, proposal.id, "A22", qty="0")
    with pytest.raises(GammaError, match="nessuna quantità"):
        reorder_proposal.confirm(ctx, proposal.id)


def test_parameters_are_checked(ctx):
    with pytest.raises(ValidationError, match="Scorta massima"):
        reorder.set_parameters(ctx, "A22", max_stock="5")  # under the minimum 10
    with pytest.raises(ValidationError, match="non è un fornitore"):
        reorder.set_parameters(ctx, "A22", supplier="C001")
    with pytest.raises(ValidationError, match="negativo"):
        reorder.set_parameters(ctx, "A22", reorder_lot="-1")
    assert find_article(ctx, "A22").reorder_lot == Decimal("6")
