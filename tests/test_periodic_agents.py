"""Agents' pro-forma commission statements (243): the commission on the taxable of the
period's confirmed invoices and credit notes bearing the agent, other amounts added or
deducted, the PDF."""

from __future__ import annotations

from datetime import date

import pytest

from gamma.contracts import agent_proforma
from gamma.errors import GammaError, ValidationError
from gamma.master import tables
from gamma.sales import documents
from tests.sales_fixtures import d, issue, prepare

MARCH = (date(2026, 3, 1), date(2026, 3, 31))


@pytest.fixture
def ctx(admin_ctx):
    prepare(admin_ctx)
    tables.save(admin_ctx, "agent", {"code": "AG1", "name": "Mario Rossi", "commission": "5"})
    tables.save(admin_ctx, "agent", {"code": "AG2", "name": "Luca Bianchi",
                                     "commission": "3.5"})
    sale = {"kind": "invoice", "customer": "C001", "agent": "AG1"}
    issue(admin_ctx, {**sale, "date": "2026-03-02", "lines": [{"article": "A22", "qty": "10"}]})
    issue(admin_ctx, {**sale, "date": "2026-03-05", "lines": [{"article": "A10", "qty": "5"}]})
    issue(admin_ctx, {**sale, "kind": "credit_note", "date": "2026-03-09",
                      "lines": [{"article": "A22", "qty": "2"}]})
    issue(admin_ctx, {**sale, "agent": "AG2", "date": "2026-03-06",
                      "lines": [{"article": "A22", "qty": "20"}]})
    # Not counted: a draft, a February invoice, a pro-forma.
    documents.save_draft(admin_ctx, {**sale, "date": "2026-03-07",
                                      "lines": [{"article": "A22", "qty": "1"}]})
    issue(admin_ctx, {**sale, "date": "2026-02-27", "lines": [{"article": "A22", "qty": "1"}]})
    issue(admin_ctx, {**sale, "kind": "proforma", "date": "2026-03-08",
                      "lines": [{"article": "A22", "qty": "1"}]})
    return admin_ctx


def test_commissions_with_reimbursements_and_advances(ctx):
    found = agent_proforma.statements(ctx, *MARCH, extras=[
        ("AG1", "Rimborso spese trasferta", "50.00"),
        {"agent": "ag1", "description": "Anticipo provvigioni", "amount": "-100.00"}])
    assert [s.agent for s in found] == ["AG1", "AG2"]
    ag1, ag2 = found
    # AG1: 10 × 10.00 = 100.00 + 5 × 5.50 = 27.50 − credit note 2 × 10.00 = 20.00 → 107.50;
    # 5% = 5.375 → 5.38; + 50.00 − 100.00 → −44.62.
    assert [r.taxable for r in ag1.rows] == [d("100.00"), d("27.50"), d("-20.00")]
    assert (ag1.base, ag1.commission, ag1.total) == (d("107.50"), d("5.38"), d("-44.62"))
    # AG2: 20 × 10.00 = 200.00 at 3.5% = 7.00.
    assert (ag2.base, ag2.commission, ag2.total) == (d("200.00"), d("7.00"), d("7.00"))
    only = agent_proforma.statements(ctx, *MARCH, agents=("AG2",))
    assert [s.agent for s in only] == ["AG2"]


def test_the_statement_prints_as_pdf(ctx):
    found = agent_proforma.statements(ctx, *MARCH)
    pdf = agent_proforma.render_pdf(ctx, found, *MARCH)
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page\n") == 2
    data = agent_proforma.print_data(ctx, found, *MARCH)
    assert data["subtitle"] == "Periodo dal 01/03/2026 al 31/03/2026"
    assert data["agents"][0]["commission"] == d("5.38")


def test_bad_input_is_named(ctx):
    with pytest.raises(ValidationError, match="Agente: codice AG9 inesistente"):
        agent_proforma.statements(ctx, *MARCH, extras=[("AG9", "Rimborso", "1.00")])
    with pytest.raises(GammaError, match="Importo aggiuntivo 1, Importo: numero non valido"):
        agent_proforma.statements(ctx, *MARCH, extras=[("AG1", "Rimborso", "dieci")])
    with pytest.raises(ValidationError, match="non può precedere"):
        agent_proforma.statements(ctx, date(2026, 3, 31), date(2026, 3, 1))
