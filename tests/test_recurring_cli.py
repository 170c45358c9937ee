"""gamma recurring import | list | show | check | generate | panel | distribution: the
templates from a JSON file (all or nothing), a cron generation run twice, the panel and
the distribution list."""

from __future__ import annotations

import json

import pytest

from gamma import companies, db
from gamma.access import operators
from gamma.context import Context
from tests.conftest import make_settings
from tests.recurring_fixtures import prepare
from tests.test_cli import gamma  # noqa: F401  (the fixture)

TEMPLATES = [
    {"code": "BAR-FERIALI", "customer": "C001", "frequency": "weekdays",
     "start": "2026-03-01", "delivery_days": 1, "destination": 1, "contact": "Sig. Rossi",
     "lines": [{"article": "A22", "qty": "6"}, {"article": "A04", "qty": "10"}]},
    {"code": "GINO-SETT", "customer": "C002", "frequency": "weekly", "days": ["lun", "gio"],
     "start": "01/03/2026", "end": "30/06/2026", "price_type": "fixed",
     "lines": [{"article": "A10", "qty": "4", "price": "5.00"}]},
    {"customer": "C002", "frequency": "monthly", "day": 31, "start": "2026-01-01",
     "lines": [{"article": "A04", "qty": "1"}]},
]


@pytest.fixture
def cli(gamma, db_url, tmp_path):  # noqa: F811
    db.connect(db_url)
    try:
        prepare(companies.open_company(
            Context(make_settings(), operator=operators.find("admin")), 1))
    finally:
        db.close()
    return gamma


def write(tmp_path, data, name="modelli.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_import_weekdays_weekly_and_monthly_templates(cli, tmp_path):
    result = cli("recurring", "import", write(tmp_path, TEMPLATES))
    assert result.exit_code == 0, result.output
    assert "Modello BAR-FERIALI (C001): creato" in result.output
    assert "Modello C002-1 (C002): creato" in result.output  # no code: the customer's
    listed = json.loads(cli("recurring", "list", "--json").stdout)
    assert [(t["code"], t["frequency"], t["days"], t["day"], t["end"]) for t in listed] == [
        ("BAR-FERIALI", "weekdays", [], None, None),
        ("C002-1", "monthly", [], 31, None),
        ("GINO-SETT", "weekly", [1, 4], None, "2026-06-30")]
    assert listed[2]["lines"] == [{"article": "A10", "qty": "4", "price": "5"}]
    text = cli("recurring", "list").output
    assert "Sett. lun, gio" in text and "Mensile g. 31" in text
    # Imported again with a changed quantity: the same code is updated, not doubled.
    TEMPLATES_2 = [dict(TEMPLATES[0], lines=[{"article": "A22", "qty": "8"}])]
    again = cli("recurring", "import", write(tmp_path, TEMPLATES_2))
    assert "Modello BAR-FERIALI (C001): aggiornato" in again.output, again.output
    shown = json.loads(cli("recurring", "show", "bar-feriali").stdout)
    assert shown["lines"] == [{"article": "A22", "qty": "8", "price": None}]


@pytest.mark.parametrize("change, message", [
    ({"frequency": "daily"}, "Modello 2 (GINO-SETT), Frequenza: weekdays, weekly (con days) "
     "o monthly (con day)"),
    ({"days": ["lun", "xyz"]}, "Modello 2 (GINO-SETT), Giorni della settimana: giorno della "
     "settimana non valido: xyz"),
    ({"lines": [{"article": "A10", "qty": "4"}]}, "Modello 2 (GINO-SETT), Righe: riga 1, "
     "Prezzo: obbligatorio con il prezzo fisso"),
    ({"start": "31/02/2026"}, "Modello 2 (GINO-SETT), Inizio validità: data inesistente"),
    ({"customer": "C999"}, "Modello 2 (GINO-SETT), Cliente: codice C999 inesistente"),
    ({"lines": [{"article": "ZZZ", "qty": "1", "price": "1"}]}, "Modello 2 (GINO-SETT), "
     "Righe: riga 1, Articolo ZZZ inesistente"),
])
def test_a_bad_file_is_refused_whole(cli, tmp_path, change, message):
    bad = [TEMPLATES[0], dict(TEMPLATES[1], **change), TEMPLATES[2]]
    result = cli("recurring", "import", write(tmp_path, bad))
    assert result.exit_code == 1
    assert message in result.output and "nessun modello importato" in result.output, \
        result.output
    assert json.loads(cli("recurring", "list", "--json").stdout) == []


def test_a_file_that_is_not_json_or_not_a_list(cli, tmp_path):
    path = tmp_path / "rotto.json"
    path.write_text("[{", encoding="utf-8")
    result = cli("recurring", "import", str(path))
    assert result.exit_code == 1 and "JSON non valido" in result.output
    result = cli("recurring", "import", write(tmp_path, {"customer": "C001"}))
    assert result.exit_code == 1 and "lista JSON di modelli" in result.output


def test_cron_generation_twice_creates_then_nothing_new(cli, tmp_path):
    assert cli("recurring", "import", write(tmp_path, TEMPLATES)).exit_code == 0
    first = cli("recurring", "generate", "--date", "2026-03-09", "--json")
    assert first.exit_code == 0, first.output
    data = json.loads(first.stdout)
    # Monday 9 March: the weekday template and the Monday/Thursday one; not the 31st.
    assert (data["created"], data["refused"]) == (2, 0)
    assert sorted((o["template"], o["status"]) for o in data["outcomes"]) == [
        ("BAR-FERIALI", "created"), ("GINO-SETT", "created")]
    gino = [o for o in data["outcomes"] if o["template"] == "GINO-SETT"][0]
    # 4 × 5,00 fixed = 20,00 + 10 % VAT = 22,00; delivered the same day.
    assert gino["document"]["total"] == "22.00"
    assert gino["document"]["delivery_date"] == "2026-03-09"
    second = cli("recurring", "generate", "--date", "2026-03-09", "--json")
    assert second.exit_code == 0, second.output
    data = json.loads(second.stdout)
    assert data["created"] == 0
    assert {o["status"] for o in data["outcomes"]} == {"skipped"}
    listed = json.loads(cli("order", "list", "--json").stdout)
    assert len(listed) == 2
    sunday = cli("recurring", "generate", "--date", "08/03/2026")
    assert sunday.exit_code == 0
    assert "Nessun ordine ricorrente da generare il 08/03/2026" in sunday.output
    # Before shipping: the orders delivered that day, checked again (nothing changed).
    shipping = cli("recurring", "check", "--shipping", "--date", "2026-03-09", "--json")
    assert shipping.exit_code == 0, shipping.output
    assert json.loads(shipping.stdout) == []


def test_dry_run_check_panel_and_distribution(cli, tmp_path):
    assert cli("recurring", "import", write(tmp_path, TEMPLATES)).exit_code == 0
    dry = cli("recurring", "generate", "--date", "2026-03-09", "--dry-run",
              "--template", "BAR-FERIALI")
    assert "BAR-FERIALI (C001): da generare" in dry.output, dry.output
    assert "GINO" not in dry.output
    check = cli("recurring", "check", "--date", "2026-03-09")
    assert check.exit_code == 0 and "Errori: 0, avvisi: 0" in check.output, check.output
    assert cli("recurring", "generate", "--date", "2026-03-09").exit_code == 0
    stored = cli("recurring", "panel", "--from", "09/03/2026", "--json", "--save-preset",
                 "lunedi")
    assert stored.exit_code == 0, stored.output
    rows = json.loads(cli("recurring", "panel", "--preset", "lunedi", "--json").stdout)
    assert [(r["template"], r["lines"], r["residual_qty"], r["status"]) for r in rows] == [
        ("BAR-FERIALI", 2, "16", "open"), ("GINO-SETT", 1, "4", "open")]
    pdf = tmp_path / "lista.pdf"
    result = cli("recurring", "distribution", "--date", "2026-03-10", "--pdf", str(pdf))
    assert result.exit_code == 0, result.output
    assert "1 ordini in 1 consegne" in result.output and pdf.read_bytes()[:4] == b"%PDF"


def test_a_refused_template_makes_cron_fail(cli, tmp_path):
    bad_list = [dict(TEMPLATES[0], price_list=5)]  # list 5 has no prices
    assert cli("recurring", "import", write(tmp_path, bad_list)).exit_code == 0
    result = cli("recurring", "generate", "--date", "2026-03-09")
    assert result.exit_code == 1
    assert "riga 1, articolo A22: nessun prezzo nel listino 5" in result.output
    assert "modelli rifiutati: BAR-FERIALI" in result.output
