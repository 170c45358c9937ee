"""Periodic invoicing from contracts: a quarterly contract billed over 2026 with the period
text and the amounts worked out by hand; once-only, credit, month-limited and instalment
items; re-running creates nothing; undo and the restoring of instalment counts; editing
the transitory movements; a fee note with withholding."""

from __future__ import annotations

from datetime import date

import pytest

from gamma import records
from gamma.contracts import contracts, generation, invoicing, movements, periods
from gamma.contracts.generation import Filters
from gamma.errors import GammaError
from gamma.master import articles, parties
from models import Company, Contract, ContractItem, Document, DocumentLine, PeriodicMovement
from tests.sales_fixtures import d, prepare, set_party

FEE = "Canone dal {dal} al {al}"


def quarterly(**overrides) -> dict:
    """K001: quarterly from 01/01/2026; a 300.00 fee every quarter, a 150.00 set-up once,
    a 20.00 credit in March and September only, a router in 3 instalments of 100.00, a
    text line."""
    return {"code": "K001", "customer": "C001", "date": "2025-12-15", "start": "2026-01-01",
            "frequency": "quarterly", "kind": "invoice", "notes": "Contratto di assistenza",
            "items": [
                {"type": "charge", "article": "CAN", "description": FEE, "amount": "300.00"},
                {"type": "charge", "description": "Attivazione servizio", "amount": "150.00",
                 "vat_code": "22", "repeat": "once"},
                {"type": "credit", "description": "Sconto fedeltà {mese_al} {anno}",
                 "amount": "20.00", "vat_code": "22", "months": "3,9"},
                {"type": "charge", "description": "Router, rata {rata} di {rate}",
                 "amount": "100.00", "vat_code": "22", "instalments": "3"},
                {"type": "text", "description": "Assistenza {mese}-{mese_al} {anno}"},
            ], **overrides}


@pytest.fixture
def ctx(admin_ctx):
    prepare(admin_ctx)
    articles.save_from_form(admin_ctx, {"code": "CAN", "description": "Canone assistenza",
                                        "unit": "NR", "vat_code": "22"})
    contracts.save(admin_ctx, quarterly())
    return admin_ctx


def bill(ctx, up_to: date) -> list[Document]:
    run = generation.generate(ctx, up_to).run
    assert run is not None
    return invoicing.invoice(ctx, run.id).documents


def texts(doc: Document) -> list[str]:
    return [(line.description or line.long_text) for line in
            DocumentLine.select().where(DocumentLine.document == doc,
                                        DocumentLine.line_kind != "charge")
            .order_by(DocumentLine.position)]


def counts(contract_code: str = "K001") -> list[int]:
    contract = Contract.get(Contract.code == contract_code)
    return [i.billed_count for i in contract.items.order_by(ContractItem.position)]


def test_periods_and_the_dynamic_text():
    q = [periods.period_at(date(2026, 1, 1), "quarterly", i) for i in range(4)]
    assert [(p.start, p.end) for p in q] == [
        (date(2026, 1, 1), date(2026, 3, 31)), (date(2026, 4, 1), date(2026, 6, 30)),
        (date(2026, 7, 1), date(2026, 9, 30)), (date(2026, 10, 1), date(2026, 12, 31))]
    assert periods.render(FEE, q[0]) == "Canone dal 01/01/2026 al 31/03/2026"
    # A contract from 31 January, monthly: the short months end on their last day.
    feb = periods.period_at(date(2026, 1, 31), "monthly", 1)
    assert (feb.start, feb.end) == (date(2026, 2, 28), date(2026, 3, 30))
    assert periods.render("{mese} {anno}", q[3]) == "ottobre 2026"
    # A contract ending 15/05: its last period stops there, and nothing after it is due.
    due = periods.due_periods(date(2026, 1, 1), date(2026, 5, 15), "quarterly", None,
                              date(2026, 12, 31))
    assert [(p.start, p.end) for p in due] == [(date(2026, 1, 1), date(2026, 3, 31)),
                                                (date(2026, 4, 1), date(2026, 5, 15))]
    assert periods.parse_period("03/2026", date(2026, 1, 5)) == date(2026, 3, 31)
    assert periods.parse_period("prossimo", date(2026, 1, 5)) == date(2026, 2, 28)
    with pytest.raises(GammaError, match=r"segnaposto \{giorno\} sconosciuto"):
        periods.check_text("Canone del {giorno}")
    # Instalments of 100.00 in 3: 33.33, 33.33 and the rest, 33.34.
    assert [generation.instalment_amount(d("100.00"), 3, n) for n in (1, 2, 3)] == [
        d("33.33"), d("33.33"), d("33.34")]


def test_a_quarterly_contract_over_2026_gives_four_invoices(ctx):
    docs = []
    for up_to in (date(2026, 1, 31), date(2026, 4, 30), date(2026, 7, 31), date(2026, 10, 31)):
        docs += bill(ctx, up_to)
    assert [(doc.kind, doc.number, doc.date) for doc in docs] == [
        ("invoice", 1, date(2026, 1, 31)), ("invoice", 2, date(2026, 4, 30)),
        ("invoice", 3, date(2026, 7, 31)), ("invoice", 4, date(2026, 10, 31))]
    assert texts(docs[0]) == [
        "Canone dal 01/01/2026 al 31/03/2026", "Attivazione servizio",
        "Sconto fedeltà marzo 2026", "Router, rata 1 di 3", "Assistenza gennaio-marzo 2026"]
    assert texts(docs[1]) == ["Canone dal 01/04/2026 al 30/06/2026", "Router, rata 2 di 3",
                              "Assistenza aprile-giugno 2026"]
    assert texts(docs[2]) == ["Canone dal 01/07/2026 al 30/09/2026",
                              "Sconto fedeltà settembre 2026", "Router, rata 3 di 3",
                              "Assistenza luglio-settembre 2026"]
    assert texts(docs[3]) == ["Canone dal 01/10/2026 al 31/12/2026",
                              "Assistenza ottobre-dicembre 2026"]
    # Q1: 300.00 + 150.00 − 20.00 + 33.33 = 463.33; VAT 22% 101.9326 → 101.93; 565.26.
    # Q2: 300.00 + 33.33 = 333.33; VAT 73.3326 → 73.33; total 406.66.
    # Q3: 300.00 − 20.00 + 33.34 = 313.34; VAT 68.9348 → 68.93; total 382.27.
    # Q4: the fee alone, 300.00; VAT 66.00; total 366.00.
    assert [(doc.taxable, doc.vat, doc.total) for doc in docs] == [
        (d("463.33"), d("101.93"), d("565.26")), (d("333.33"), d("73.33"), d("406.66")),
        (d("313.34"), d("68.93"), d("382.27")), (d("300.00"), d("66.00"), d("366.00"))]
    # The fee goes under its article code (statistics see it), the credit as minus one.
    fee = DocumentLine.get(DocumentLine.document == docs[3], DocumentLine.position == 1)
    assert (fee.code, fee.qty, fee.amount) == ("CAN", d("1"), d("300.00"))
    credit = DocumentLine.get(DocumentLine.document == docs[0], DocumentLine.position == 3)
    assert (credit.qty, credit.price, credit.amount) == (d("-1"), d("20.00"), d("-20.00"))
    # The contract's notes and reference go on the documents.
    assert (docs[0].notes, docs[0].contract_reference) == ("Contratto di assistenza", "K001")
    # The instalments reached zero residual; the set-up went once.
    assert counts() == [0, 1, 0, 3, 0]
    assert Contract.get(Contract.code == "K001").billed_to == date(2026, 12, 31)


def test_generating_again_for_a_billed_period_creates_nothing(ctx):
    first = generation.generate(ctx, date(2026, 6, 30))
    assert [(m.period_from, m.period_to) for m in first.movements] == [
        (date(2026, 1, 1), date(2026, 3, 31)), (date(2026, 4, 1), date(2026, 6, 30))]
    again = generation.generate(ctx, date(2026, 6, 30))
    assert again.run is None and again.movements == []
    assert PeriodicMovement.select().count() == 2
    invoicing.invoice(ctx, first.run.id)
    assert generation.generate(ctx, date(2026, 5, 15)).run is None
    with pytest.raises(GammaError, match="già trasformata in documenti"):
        invoicing.invoice(ctx, first.run.id)
    with pytest.raises(GammaError, match="già trasformata in documenti, non si annulla"):
        generation.undo(ctx, first.run.id)


def test_undo_restores_the_billed_period_and_the_counters(ctx):
    run = generation.generate(ctx, date(2026, 6, 30)).run
    assert counts() == [0, 1, 0, 2, 0]
    later = generation.generate(ctx, date(2026, 7, 1)).run
    with pytest.raises(GammaError, match=f"anche nella generazione {later.id}"):
        generation.undo(ctx, run.id)
    generation.undo(ctx, later.id)
    assert counts() == [0, 1, 0, 2, 0]
    message = generation.undo(ctx, run.id)
    assert message.startswith(f"Generazione {run.id} annullata: 2 movimenti eliminati")
    assert counts() == [0, 0, 0, 0, 0]
    assert Contract.get(Contract.code == "K001").billed_to is None
    assert PeriodicMovement.select().count() == 0
    with pytest.raises(GammaError, match="annullata"):
        invoicing.invoice(ctx, run.id)
    # Generated again, the same periods with the set-up and the first instalment.
    docs = bill(ctx, date(2026, 1, 31))
    assert texts(docs[0])[1:4] == ["Attivazione servizio", "Sconto fedeltà marzo 2026",
                                   "Router, rata 1 di 3"]


def test_restore_instalments(ctx):
    bill(ctx, date(2026, 9, 30))
    assert counts()[3] == 3
    message = generation.restore_instalments(ctx, "K001", 4, 1)
    assert message == ("Contratto K001, voce 4: rate fatturate riportate da 3 a 1, "
                       "residuo 2 rate")
    docs = bill(ctx, date(2026, 10, 1))
    # Q4 bills instalment 2 again: 300.00 + 33.33 = 333.33.
    assert texts(docs[0])[1] == "Router, rata 2 di 3" and docs[0].taxable == d("333.33")
    with pytest.raises(GammaError, match="da 0 a 3"):
        generation.restore_instalments(ctx, "K001", 4, 4)
    with pytest.raises(GammaError, match="non ha un contatore"):
        generation.restore_instalments(ctx, "K001", 1, 0)


def test_transitory_movements_are_edited_before_invoicing(ctx):
    run = generation.generate(ctx, date(2026, 1, 31)).run
    movement = generation.movements_of(run)[0]
    fee, setup, credit, router, _ = generation.lines_of(movement)
    movements.change_line(ctx, fee.id, {"amount": "280.00",
                                        "description": "Canone I trimestre 2026"})
    movements.change_line(ctx, credit.id, {"amount": "25.00"})
    movements.delete_line(ctx, router.id)  # the instalment is not billed: count back to 0
    assert counts()[3] == 0
    movements.add_line(ctx, movement.id, {"description": "Intervento straordinario",
                                          "qty": "2", "price": "45.50"})
    doc = invoicing.invoice(ctx, run.id).documents[0]
    assert texts(doc) == ["Canone I trimestre 2026", "Attivazione servizio",
                          "Sconto fedeltà marzo 2026", "Assistenza gennaio-marzo 2026",
                          "Intervento straordinario"]
    # 280.00 + 150.00 − 25.00 + 2 × 45.50 = 496.00; VAT 22% 109.12; total 605.12.
    assert (doc.taxable, doc.vat, doc.total) == (d("496.00"), d("109.12"), d("605.12"))
    with pytest.raises(GammaError, match="già trasformato in documento"):
        movements.change_line(ctx, setup.id, {"amount": "1.00"})


def test_a_bad_contract_is_refused_naming_it_and_the_field(ctx):
    bad = quarterly(code="K009")
    bad["items"][2]["description"] = "Sconto {trimestre}"
    with pytest.raises(GammaError, match=r"Contratto 2: Voce 3, Descrizione: segnaposto "
                       r"\{trimestre\} sconosciuto"):
        contracts.import_contracts(ctx, [quarterly(code="K008"), bad])
    assert [c.code for c in contracts.list_contracts(ctx)] == ["K001"]  # nothing written
    with pytest.raises(GammaError, match="Contratto 1: Voce 2, Rate: una voce a rate va su "
                       "ogni documento"):
        contracts.import_contracts(ctx, [quarterly(code="K008", items=[
            {"description": "a", "amount": "1"},
            {"description": "b", "amount": "1", "repeat": "once", "instalments": 2}])])
    with pytest.raises(GammaError, match="Contratto 1: Cliente: codice C999 inesistente"):
        contracts.import_contracts(ctx, [quarterly(code="K008", customer="C999")])


def test_a_contract_taken_over_bills_after_what_was_billed(ctx):
    contracts.save(ctx, quarterly(code="K020", billed_to="2026-06-30"))
    run = generation.generate(ctx, date(2026, 7, 31), Filters(contracts=("K020",))).run
    [movement] = generation.movements_of(run)
    assert (movement.period_from, movement.period_to) == (date(2026, 7, 1), date(2026, 9, 30))
    with pytest.raises(GammaError, match="Fatturato fino al: non può precedere l'inizio"):
        contracts.save(ctx, {"billed_to": "2025-11-30"}, "K020")


def test_filters_choose_the_contracts(ctx):
    contracts.save(ctx, quarterly(code="K002", series="B", date="2026-02-01",
                                  frequency="monthly"))
    contracts.save(ctx, quarterly(code="K003", active=False))
    only_b = generation.generate(ctx, date(2026, 2, 28), Filters(series="B"))
    assert {m.contract.code for m in only_b.movements} == {"K002"}
    assert len(only_b.movements) == 2  # January and February
    by_date = generation.generate(ctx, date(2026, 2, 28),
                                  Filters(date_to=date(2025, 12, 31)))
    assert {m.contract.code for m in by_date.movements} == {"K001"}
    docs = invoicing.invoice(ctx, only_b.run.id).documents
    assert {doc.series for doc in docs} == {"B"}


def test_a_fee_note_with_fund_and_withholding(ctx):
    records.update(ctx, Company.get_by_id(ctx.company.id), fund_type="TC22",
                   fund_rate=d("4"))
    set_party(ctx, withholding=True)
    contracts.save(ctx, {"code": "P001", "customer": "C001", "start": "2026-03-01",
                         "frequency": "monthly", "kind": "fee_note", "items": [
                             {"description": "Consulenza fiscale {mese} {anno}",
                              "amount": "1000.00", "vat_code": "22", "withholding": True}]})
    run = generation.generate(ctx, date(2026, 3, 31), Filters(contracts=("P001",))).run
    doc = invoicing.invoice(ctx, run.id).documents[0]
    assert (doc.kind, texts(doc)) == ("fee_note", ["Consulenza fiscale marzo 2026"])
    # Fee 1000.00; INPS 4% = 40.00; VAT 22% of 1040.00 = 228.80; total 1268.80;
    # withholding 20% of 1040.00 (the INPS rivalsa is part of the fee) = 208.00;
    # due 1268.80 − 208.00 = 1060.80.
    assert (doc.taxable, doc.vat, doc.total, doc.withholding, doc.due) == (
        d("1040.00"), d("228.80"), d("1268.80"), d("208.00"), d("1060.80"))


def test_a_proforma_contract_makes_a_non_fiscal_document(ctx):
    contracts.save(ctx, quarterly(code="K010", kind="proforma"))
    run = generation.generate(ctx, date(2026, 1, 31), Filters(contracts=("K010",))).run
    doc = invoicing.invoice(ctx, run.id).documents[0]
    assert (doc.kind, doc.taxable) == ("proforma", d("463.33"))


def test_invoicing_is_all_or_nothing(ctx):
    parties.save_from_form(ctx, {"code": "C002", "name": "Hotel Miramare"})
    contracts.save(ctx, quarterly(code="K002", customer="C002"))
    run = generation.generate(ctx, date(2026, 1, 31)).run
    # K001 would be invoiced first; K002's customer has since an expired declaration of
    # intent, so its invoice is refused, and K001's is not kept either.
    set_party(ctx, "C002", vat_regime="intent", intent_valid_to=date(2025, 12, 31))
    with pytest.raises(GammaError, match="Contratto K002 periodo 01/01/2026-31/03/2026: "):
        invoicing.invoice(ctx, run.id)
    assert Document.select().count() == 0
    assert generation.find_run(ctx, run.id).status == "open"
    assert all(m.document_id is None for m in generation.movements_of(run))
