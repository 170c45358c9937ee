"""The recurring orders' management panel (lines, quantity still to ship after a partial
fulfilment, status), the distribution list PDF (to ship / complete, by date and
destination) and the data check's messages."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from gamma.master import articles
from gamma.orders import fulfilment
from gamma.recurring import generation, panel, shipping_check
from models import Article
from tests.recurring_fixtures import d, date, prepare, template
from tests.sales_fixtures import issue, set_party

MONDAY, TUESDAY = date(2026, 3, 9), date(2026, 3, 10)


@pytest.fixture
def ctx(admin_ctx):
    prepare(admin_ctx)
    template(admin_ctx)  # C001 at destination 1: 6 A22 + 10 A04, delivered the day after
    template(admin_ctx, "GINO", customer="C002", destination=None, delivery_days=0,
             lines=[{"article": "A10", "qty": "4"}])
    return admin_ctx


def ship(ctx, order_id: int, article: str, qty: str, day=TUESDAY) -> None:
    """A delivery note for `qty` of one article of the order (nothing of its others)."""
    proposed = fulfilment.propose(ctx, fulfilment.Selection(orders=(order_id,)))
    for p in proposed:
        p.to_ship = d(qty) if p.article == article else d("0")
    fulfilment.fulfil(ctx, proposed, day=day)


def test_the_panel_shows_lines_and_what_is_left_after_a_partial_fulfilment(ctx):
    made = {o.template: o.document for o in generation.generate(ctx, MONDAY)}
    ship(ctx, made["BAR-FERIALI"].id, "A22", "2")
    rows = panel.panel(ctx, MONDAY, MONDAY)
    assert [(r["template"], r["customer"], r["lines"], r["ordered_qty"], r["residual_qty"],
             r["status"]) for r in rows] == [
        # C001: 2 lines, 6 + 10 = 16 ordered; 2 A22 shipped → 16 − 2 = 14 left.
        ("BAR-FERIALI", "C001", 2, "16", "14", "partial"),
        ("GINO", "C002", 1, "4", "4", "open")]
    assert rows[0]["delivery_date"] == "2026-03-10" and rows[0]["total"] == "94.00"
    assert [r["template"] for r in panel.panel(ctx, MONDAY, TUESDAY, customer="c002")] == [
        "GINO"]
    assert [r["template"] for r in panel.panel(ctx, MONDAY, MONDAY,
                                               template="BAR-FERIALI")] == ["BAR-FERIALI"]
    assert panel.panel(ctx, TUESDAY, TUESDAY) == []  # nothing generated on Tuesday yet


def pdf_text(path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)


def test_the_distribution_list_by_delivery_date_and_destination(ctx, tmp_path):
    made = {o.template: o.document for o in generation.generate(ctx, MONDAY)}
    ship(ctx, made["BAR-FERIALI"].id, "A04", "10")  # A04 shipped whole
    # Delivered on Tuesday: C001's Monday order (+1 day); C002's is delivered on Monday.
    data = panel.distribution(ctx, TUESDAY)
    [group] = data["groups"]
    assert group["date"] == TUESDAY
    assert group["destination"] == "C001 Bar Sport - Stazione, Piazza Stazione 1, Novara"
    [order] = group["orders"]
    assert [(x["article"], x["ordered"], x["to_ship"]) for x in order["lines"]] == [
        ("A22", d("6"), d("6"))]  # A04 has nothing left to ship
    full = panel.distribution(ctx, MONDAY, TUESDAY, complete=True)
    assert [(g["date"], g["destination"][:4]) for g in full["groups"]] == [
        (MONDAY, "C002"), (TUESDAY, "C001")]
    assert [(x["article"], x["to_ship"]) for x in full["groups"][1]["orders"][0]["lines"]] == [
        ("A22", d("6")), ("A04", d("0"))]
    path = tmp_path / "distribuzione.pdf"
    panel.print_distribution(ctx, path, MONDAY, TUESDAY)
    text = pdf_text(path)
    assert "Lista di distribuzione - ordini da spedire" in text
    assert "Consegna 09/03/2026 - C002 Trattoria Da Gino" in text
    assert "Consegna 10/03/2026 - C001 Bar Sport - Stazione" in text
    assert "Ordine 1 del 09/03/2026 - C001 Bar Sport S.r.l." in text
    assert "A22" in text and "A04" not in text  # shipped lines left out
    panel.print_distribution(ctx, path, MONDAY, TUESDAY, complete=True)
    text = pdf_text(path)
    assert "Lista di distribuzione (completa)" in text and "A04" in text


def test_the_data_check_names_each_problem(ctx, settings):
    set_party(ctx, "C002", credit_limit=d("10.00"))
    articles.save_from_form(ctx, {"code": "A04", "description": "Pane comune", "unit": "NR",
                                  "vat_code": "4", "obsolete": "S"}, "A04")
    template(ctx, "SENZA-PREZZO", customer="C002", destination=None, price_list=3,
             lines=[{"article": "A10", "qty": "1"}])
    template(ctx, "TANTO", customer="C002", destination=None,
             lines=[{"article": "A22", "qty": "95"}])
    problems = [str(p) for p in generation.data_check(ctx, MONDAY)]
    # Stock: 100 A22 on hand; BAR-FERIALI takes 6, then TANTO asks 95 of the 94 left.
    # Credit: C002's limit 10,00; GINO's order 4 × 5,50 = 22,00 + 10 % VAT = 24,20.
    assert problems == [
        "BAR-FERIALI: errore - riga 2, articolo A04 obsoleto",
        "GINO: avviso - fido del cliente C002 10.00 superato (esposizione 0.00 + ordine "
        "24.20 = 24.20)",
        "SENZA-PREZZO: errore - riga 1, articolo A10: nessun prezzo nel listino 3",
        "TANTO: avviso - riga 1, articolo A22: disponibili 94, richiesti 95",
        # 95 × 10,00 = 950,00 + 22 % = 1.159,00.
        "TANTO: avviso - fido del cliente C002 10.00 superato (esposizione 0.00 + ordine "
        "1159.00 = 1159.00)"]
    out = {o.template: o for o in generation.generate(ctx, MONDAY)}
    assert {k: o.status for k, o in out.items()} == {
        "BAR-FERIALI": "refused", "GINO": "created", "SENZA-PREZZO": "refused",
        "TANTO": "created"}
    assert out["BAR-FERIALI"].reason == "riga 2, articolo A04 obsoleto"
    assert "fido del cliente C002" in out["GINO"].warnings[0]


def test_the_orders_to_deliver_are_checked_before_they_go_to_the_warehouse(ctx):
    made = {o.template: o.document for o in generation.generate(ctx, MONDAY)}
    ship(ctx, made["BAR-FERIALI"].id, "A04", "10")  # A04 gone whole: nothing to check
    # Since the orders were made: C001 blocked, A22 obsolete, and A22's stock down to 5
    # (100 on hand − 95 sold on a receipt) against 6 still to ship on Tuesday.
    issue(ctx, {"kind": "receipt", "date": MONDAY, "lines": [{"article": "A22", "qty": "95"}]})
    set_party(ctx, "C001", sales_block=True, block_reason="insoluti")
    Article.update(obsolete=True).where(Article.code == "A22").execute()
    problems = shipping_check.shipping_check(ctx, TUESDAY)
    number = made["BAR-FERIALI"].number
    assert [str(p) for p in problems] == [
        f"BAR-FERIALI: errore - ordine {number}: cliente C001 bloccato: insoluti",
        f"BAR-FERIALI: errore - ordine {number}, riga 1: articolo A22 obsoleto",
        "tutti: avviso - articolo A22: da spedire 6, in giacenza 5"]
    # C002's order is delivered on Monday: nothing of it on Tuesday; on Monday it is fine.
    assert shipping_check.shipping_check(ctx, MONDAY) == []
