"""Whatever happens to orders and the documents fulfilling them, the committed (on order)
balance is the sum of the residuals of the open customer (supplier) order lines: a
seeded random run of confirmations, partial fulfilments, changes to the delivery notes
(adjusting or keeping the residual), closings and reopenings, checked after every step."""

from __future__ import annotations

import random
from decimal import Decimal

from gamma.errors import GammaError
from gamma.orders import closing, fulfilment, residuals
from gamma.orders.fulfilment import Selection
from gamma.sales import amend
from models import Document, DocumentLine
from tests.order_fixtures import d, date, level, load, order, prepare_orders

ARTICLES = ("A22", "A10")


def expected(kind: str) -> dict[str, Decimal]:
    """Per article: the residuals of the confirmed open order lines of a kind."""
    out = {code: Decimal(0) for code in ARTICLES}
    for line in (DocumentLine.select(DocumentLine, Document).join(Document)
                 .where(Document.kind == kind, DocumentLine.article.is_null(False))):
        out[line.code] += residuals.residual(line, line.document)
    return out


def check(ctx) -> None:
    wanted_committed = expected("customer_order")
    wanted_on_order = expected("supplier_order")
    for code in ARTICLES:
        now = level(ctx, code)
        assert (now.committed, now.on_order) == (wanted_committed[code],
                                                 wanted_on_order[code]), code


def test_balances_follow_the_residuals_through_a_random_run(admin_ctx):
    ctx = admin_ctx
    prepare_orders(ctx)
    load(ctx, {"A22": d("40"), "A10": d("40")})
    rng = random.Random(7)
    notes: list[Document] = []
    done_actions: list[str] = []
    for step in range(80):
        action = rng.choice(("order", "order", "supplier", "ship", "ship", "change",
                             "close", "reopen"))
        if action in ("order", "supplier"):
            kind = "customer_order" if action == "order" else "supplier_order"
            party = "F001" if action == "supplier" else rng.choice(("C001", "C002"))
            order(ctx, party, *[(code, str(rng.randint(1, 6))) for code in ARTICLES
                                if rng.random() < 0.7] or [("A22", "1")], kind=kind)
        elif action == "ship":
            kind = rng.choice(("customer_order", "supplier_order"))
            proposed = fulfilment.propose(ctx, Selection(kind=kind))
            for p in proposed:
                p.to_ship = min(p.to_ship, Decimal(rng.randint(0, 3)))
            for done in fulfilment.fulfil(ctx, proposed, kind=kind, day=date(2026, 3, 10)):
                assert done.error == "", done.error
                if done.document.kind == "delivery_note":
                    notes.append(done.document)
        elif action == "change" and notes:
            note = rng.choice(notes)
            picked = [line for line in note.lines.order_by(DocumentLine.position)
                      if line.origin_id and line.article_id]
            lines = [{"article": line.code, "origin": line.origin_id,
                      "qty": str(max(1, line.qty + rng.choice((-1, 0, 1))))}
                     for line in picked]
            try:
                amend.amend(ctx, note.id, {"lines": lines},
                            residual=rng.choice(("adjust", "keep")))
            except GammaError as exc:  # more than the order's residual: refused whole
                assert "prelevata" in exc.message, exc.message
                action = "refused"
        elif action in ("close", "reopen"):
            orders = list(Document.select().where(Document.kind.in_(residuals.ORDER_KINDS)))
            if orders:
                chosen = rng.choice(orders)
                positions = () if rng.random() < 0.5 else (1,)
                closing.set_not_to_fulfil(ctx, chosen.id, positions, action == "close")
        check(ctx)
        done_actions.append(action)
    # The run did each thing at least once.
    assert {"order", "supplier", "ship", "change", "close", "reopen"} <= set(done_actions)
