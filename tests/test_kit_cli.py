"""gamma kit: add, show, explode, implode, buildable, produce, copy, replace, remove,
value, gift."""

from __future__ import annotations

import json

import pytest

from gamma import companies, db
from gamma.access import operators
from gamma.context import Context
from tests.conftest import make_settings
from tests.kit_fixtures import article, move, set_cost
from tests.test_cli import gamma  # noqa: F401  (the fixture)


@pytest.fixture
def cli(gamma, db_url):  # noqa: F811
    """`gamma` on a database with the lamp's articles (no structure yet) and their stock."""
    db.connect(db_url)
    try:
        ctx = companies.open_company(
            Context(make_settings(), operator=operators.find("admin")), 1)
        for code in ("LAMP", "LAMP2", "BASE", "BULB", "SCREW", "SCREW2"):
            article(ctx, code)
        move(ctx, {"BASE": "10", "BULB": "15", "SCREW": "40"})
        for code, cost in (("BASE", "10"), ("BULB", "2"), ("SCREW", "0.10")):
            set_cost(ctx, code, cost)
    finally:
        db.close()
    return gamma


def ok(result):
    assert result.exit_code == 0, result.output
    return result


def lamp(cli) -> None:
    ok(cli("kit", "add", "LAMP", "BASE", "--qty", "1"))
    ok(cli("kit", "add", "LAMP", "BULB", "--qty", "2"))
    ok(cli("kit", "add", "LAMP", "SCREW", "--qty", "3", "--scrap", "10"))


def test_a_kit_built_explored_and_produced_from_the_command_line(cli):
    lamp(cli)
    shown = ok(cli("kit", "show", "LAMP")).output
    assert "SCREW" in shown and "10" in shown
    exploded = json.loads(ok(cli("kit", "explode", "LAMP", "--qty", "5", "--json")).stdout)
    # 5 lamps: BASE 5, BULB 10, SCREW 5 × 3 × 1,10 = 16,5 → 17 (pieces, half up)
    assert {c["article"]: c["required"] for c in exploded["components"]} == {
        "BASE": "5", "BULB": "10", "SCREW": "17"}
    text = ok(cli("kit", "explode", "LAMP", "--qty", "5", "--tree")).output
    assert "Esplosione di 5 LAMP" in text
    used = json.loads(ok(cli("kit", "implode", "SCREW", "--json")).stdout)
    assert [(u["level"], u["code"]) for u in used] == [(1, "LAMP")]
    # BASE 10, BULB 15 / 2 = 7, SCREW 12 (12 × 3,3 = 39,6 → 40 ≤ 40)
    built = json.loads(ok(cli("kit", "buildable", "LAMP", "--json")).stdout)
    assert (built["buildable"], built["scarcest"]) == (7, "BULB")
    assert "producibili 7 (limita BULB)" in ok(cli("kit", "buildable", "LAMP")).output
    made = ok(cli("kit", "produce", "LAMP", "--qty", "2", "--date", "02/02/2026")).output
    # 2 × 10 + 4 × 2 + 7 (6,6 → 7) × 0,10 = 28,70; per lamp 14,35
    assert "Caricati 2 LAMP al costo unitario 14,35" in made
    assert "PRS SCREW" in made and "PRC LAMP" in made
    after = json.loads(ok(cli("kit", "buildable", "LAMP", "--json")).stdout)
    # BULB 15 − 4 = 11 → 5 lamps
    assert after["buildable"] == 5


def test_the_structure_of_a_two_level_kit_prints_as_pdf(cli, tmp_path):
    import io

    from pypdf import PdfReader
    lamp(cli)
    ok(cli("kit", "add", "LAMP2", "LAMP", "--qty", "2"))  # a pair of lamps: two levels
    ok(cli("kit", "add", "LAMP2", "BULB", "--qty", "1"))  # and a spare bulb
    path = tmp_path / "distinta.pdf"
    ok(cli("kit", "explode", "LAMP2", "--qty", "3", "--pdf", str(path)))
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)
    assert "Distinta base LAMP2" in text and "esplosione di 3 su tutti i livelli" in text
    # 3 pairs: 6 lamps (level 1), each BASE 1, BULB 2, SCREW 3 + 10 % (level 2); 3 spare
    # bulbs. Summed: BASE 6, BULB 12 + 3 = 15, SCREW 6 × 3,3 = 19,8 → 20.
    assert "1 LAMP" in text and "2 SCREW" in text
    lines = text.splitlines()
    totals = lines[next(i for i, x in enumerate(lines) if "sommati alle foglie" in x):]
    assert any(x.startswith("BULB") and x.rstrip().endswith("15") for x in totals), totals
    assert any(x.startswith("SCREW") and x.rstrip().endswith("20") for x in totals), totals


def test_copy_replace_remove_and_value(cli):
    lamp(cli)
    assert "Copiati 3 componenti da LAMP a LAMP2" in ok(cli("kit", "copy", "LAMP", "LAMP2")).output
    assert "in 2 distinte: LAMP, LAMP2" in ok(cli("kit", "replace", "SCREW", "SCREW2")).output
    assert "tolto da 2 distinte" in ok(cli("kit", "remove", "BULB")).output
    cost = json.loads(ok(cli("kit", "value", "LAMP", "--method", "last", "--json")).stdout)
    # BASE 10 + SCREW2 without cost (counted at zero) = 10
    assert (cost["unit_cost"], cost["missing"]) == ("10", ["SCREW2"])


def test_errors_name_the_field(cli):
    lamp(cli)
    result = cli("kit", "add", "BASE", "LAMP", "--qty", "1")
    assert result.exit_code == 1
    assert "Componente: LAMP contiene già BASE" in result.output
    result = cli("kit", "add", "LAMP2", "BASE", "--qty", "-1")
    assert result.exit_code == 1 and "Quantità: deve essere maggiore di zero" in result.output


def test_gift_rules(cli):
    ok(cli("kit", "gift", "add", "BASE", "3", "BULB"))
    rules = json.loads(ok(cli("kit", "gift", "list", "--json")).stdout)
    assert [(r["article"], r["buy_qty"], r["gift"], r["discount"]) for r in rules] == [
        ("BASE", "3", "BULB", "100")]
    ok(cli("kit", "gift", "delete", str(rules[0]["id"])))
    assert json.loads(ok(cli("kit", "gift", "list", "--json")).stdout) == []
