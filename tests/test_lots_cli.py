"""gamma lot list | trace | customer | reserve | document and gamma serial list | trace,
as text and JSON."""

from __future__ import annotations

import json

import pytest

from gamma import companies, db
from gamma.access import operators
from gamma.context import Context
from tests.conftest import make_settings
from tests.lot_fixtures import date, prepare_lots, receive, sell
from tests.test_cli import gamma  # noqa: F401  (the fixture)


@pytest.fixture
def cli(gamma, db_url):  # noqa: F811
    """L1 (10, expiring 30/04/2026) and L2 (5) received from F001; 4 of L1 to C001;
    serials S1, S2 received and S1 sold to C002."""
    db.connect(db_url)
    try:
        ctx = companies.open_company(
            Context(make_settings(), operator=operators.find("admin")), 1)
        prepare_lots(ctx)
        receive(ctx, "LATTE", "10", lot="L1", lot_expiry="30/04/2026")
        receive(ctx, "LATTE", "5", lot="L2")
        sell(ctx, "C001", "LATTE", "4", lot="L1")
        receive(ctx, "TV55", "2", serials="S1 S2")
        sell(ctx, "C002", "TV55", "1", serials="S1", day=date(2026, 3, 11))
    finally:
        db.close()
    return gamma


def test_lot_list_and_trace(cli):
    listed = json.loads(cli("lot", "list", "LATTE", "--json").stdout)
    # L1: 10 − 4 = 6 (expiry first), L2: 5.
    assert [(r["lot"], r["expiry"], r["supplier"], r["on_hand"]) for r in listed] == [
        ("L1", "2026-04-30", "F001", "6.000"), ("L2", None, "F001", "5.000")]
    text = cli("lot", "list", "LATTE").stdout
    assert "30/04/2026" in text and "Giacenza" in text
    traced = json.loads(cli("lot", "trace", "L1", "--article", "LATTE", "--json").stdout)
    assert [c["code"] for c in traced["customers"]] == ["C001"]
    assert [m["qty"] for m in traced["movements"]] == ["10.000", "-4.000"]
    text = cli("lot", "trace", "L1", "--article", "LATTE").stdout
    assert text.splitlines()[0] == "Lotto L1 dell'articolo LATTE, scadenza 30/04/2026"
    assert "Clienti: C001 Bar Sport S.r.l. (4)" in text
    assert "Documento di trasporto 1 del 10/03/2026" in text


def test_customer_document_and_serials(cli):
    c1 = json.loads(cli("lot", "customer", "C001", "--json").stdout)
    assert [(r["lot"], r["qty"]) for r in c1["lots"]] == [("L1", "4.000")]
    doc_id = c1["lots"][0]["documents"][0]["id"]
    assert "L1" in cli("lot", "document", str(doc_id)).stdout
    assert "Lotti e matricole di C002" in cli("lot", "customer", "C002").stdout
    serials = json.loads(cli("serial", "list", "TV55", "--json").stdout)
    assert [(s["serial"], s["status"]) for s in serials] == [("S1", "sold"),
                                                             ("S2", "in_stock")]
    traced = cli("serial", "trace", "S1").stdout
    assert traced.splitlines()[0] == "Matricola S1 dell'articolo TV55: venduta"
    assert "Clienti: C002 Trattoria Da Gino (1)" in traced
    assert json.loads(cli("serial", "trace", "S1", "--json").stdout)[0]["status"] == "sold"


def test_reserve_and_its_refusal_on_bad_input(cli):
    result = cli("lot", "reserve", "L2", "--article", "LATTE", "--customer", "C002")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "Lotto L2: riservato a C002 Trattoria Da Gino"
    listed = json.loads(cli("lot", "list", "LATTE", "--json").stdout)
    assert listed[1]["reserved_to"] == "C002"
    assert cli("lot", "reserve", "L2", "--article", "LATTE").stdout.strip() == \
        "Lotto L2: libero"
    bad = cli("lot", "reserve", "L9", "--article", "LATTE", "--customer", "C002")
    assert bad.exit_code == 1
    assert "Lotto L9 inesistente per l'articolo LATTE" in bad.stderr
