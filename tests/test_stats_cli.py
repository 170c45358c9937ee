"""gamma stats run (ad hoc, JSON and text, presets, bad options) and rebuild-journal."""

from __future__ import annotations

import json
from datetime import date

import pytest

from gamma.master import parties
from models import StatMovement
from tests.order_fixtures_h5 import company_ctx
from tests.sales_fixtures import issue, prepare
from tests.test_cli import gamma  # noqa: F401  (the fixture)

RUN = ("stats", "run", "--by", "customer,month", "--measure", "qty,revenue",
       "--from", "2026-01-01", "--to", "2026-12-31")


@pytest.fixture
def cli(gamma, db_url):  # noqa: F811
    with company_ctx(db_url) as ctx:
        prepare(ctx)
        parties.save_from_form(ctx, {"code": "C002", "name": "Trattoria Da Gino"})
        issue(ctx, {"kind": "invoice", "date": date(2026, 1, 15), "customer": "C001",
                    "discounts": "10", "lines": [{"article": "A22", "qty": "3"},
                                                 {"article": "A10", "qty": "2"}]})
        issue(ctx, {"kind": "credit_note", "date": date(2026, 2, 3), "customer": "C001",
                    "lines": [{"article": "A22", "qty": "1"}]})
        issue(ctx, {"kind": "delivery_note", "date": date(2026, 1, 20), "customer": "C002",
                    "lines": [{"article": "A04", "qty": "7"}]})
        issue(ctx, {"kind": "invoice", "date": date(2026, 1, 28), "customer": "C001",
                    "lines": [{"article": "A04", "qty": "3", "price": "1.99",
                               "discounts": "5"}]})
        issue(ctx, {"kind": "invoice", "date": date(2025, 12, 31), "customer": "C001",
                    "lines": [{"article": "A04", "qty": "1", "price": "2"}]})  # before --from
    return gamma


def test_stats_run_json_has_a_key_per_element_and_measure_to_the_cent(cli):
    result = cli(*RUN, "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    # C001 January: 30,00 + 11,00 less 10 % = 27,00 + 9,90; 3 × 1,99 less 5 % = 5,6715 →
    # 5,67: 42,57 for 3 + 2 + 3 = 8 pieces. February: the credit note, −10,00.
    assert rows == [
        {"customer": "C001", "month": "2026-01", "qty": "8.000", "revenue": "42.57"},
        {"customer": "C001", "month": "2026-02", "qty": "-1.000", "revenue": "-10.00"},
        {"customer": "C002", "month": "2026-01", "qty": "7.000", "revenue": "14.00"}]


def test_stats_run_text_with_subtotals_and_a_filter(cli):
    result = cli(*RUN)
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("Statistica vendite per cliente, mese")
    assert "C001 Bar Sport S.r.l." in text and "gennaio 2026" in text
    assert "Totale generale" in text and "46,57" in text  # 42,57 − 10,00 + 14,00
    # C001's subtotal under its months, named as such: 46,57 − C002's 14,00.
    [c001] = [line for line in text.splitlines() if line.startswith("Totale C001")]
    assert c001.startswith("Totale C001 Bar Sport S.r.l.") and c001.endswith("32,57")
    only = json.loads(cli(*RUN, "--filter", "customer=C002", "--json").stdout)
    assert [(r["customer"], r["revenue"]) for r in only] == [("C002", "14.00")]


def test_stats_run_saves_and_runs_a_preset(cli):
    saved = cli(*RUN, "--filter", "customer=C002", "--save-preset", "gino", "--json")
    assert saved.exit_code == 0, saved.output
    again = cli("stats", "run", "--preset", "gino", "--json")
    assert again.exit_code == 0, again.output
    assert [(r["customer"], r["revenue"]) for r in json.loads(again.stdout)] == [
        ("C002", "14.00")]


def test_bad_options_are_refused_in_italian_naming_the_field(cli):
    result = cli("stats", "run", "--by", "customer,colour", "--json")
    assert result.exit_code == 1
    assert "Elementi: «colour» sconosciuto" in result.stderr
    result = cli(*RUN, "--filter", "family=10-5")
    assert result.exit_code == 1 and "Limiti: family: intervallo 10-5 al contrario" in \
        result.stderr
    result = cli(*RUN, "--compare", "2", "--by", "customer,year")
    assert result.exit_code == 1 and "Anni a confronto" in result.stderr


def test_rebuild_journal_writes_what_is_missing_once(cli, db_url):
    with company_ctx(db_url):
        StatMovement.delete().execute()
    first = cli("stats", "rebuild-journal")
    assert first.exit_code == 0, first.output
    assert first.stdout.strip() == "Documenti registrati nel giornale statistico: 5"
    assert cli("stats", "rebuild-journal").stdout.strip().endswith(": 0")
    rows = json.loads(cli(*RUN, "--json").stdout)
    assert [r["revenue"] for r in rows] == ["42.57", "-10.00", "14.00"]
