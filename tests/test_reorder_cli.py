"""gamma reorder set | report | propose | change | confirm, in JSON and as text."""

from __future__ import annotations

import json

import pytest

from tests.order_fixtures_h5 import company_ctx, put, setup
from tests.test_cli import gamma  # noqa: F401  (the fixture)


@pytest.fixture
def cli(gamma, db_url):  # noqa: F811
    with company_ctx(db_url) as ctx:
        setup(ctx)
        put(ctx, "A22", "CAR", "3")
        put(ctx, "A22", "ORC", "4")
        put(ctx, "A22", "ORF", "2")
    return gamma


def test_reorder_from_the_command_line(cli):
    result = cli("reorder", "set", "A22", "--min", "10", "--lot", "6", "--supplier", "F001")
    assert result.exit_code == 0, result.output
    assert "scorta minima 10" in result.output
    report = json.loads(cli("reorder", "report", "--json").stdout)
    # Available 3 − 4 + 2 = 1, need 9, two lots of 6 = 12.
    assert [(r["article"], r["available"], r["proposed"]) for r in report] == [
        ("A22", "1.000", "12.000")]
    text = cli("reorder", "report").stdout
    assert "A22" in text and "Da ordinare" in text and "12" in text
    proposal = json.loads(cli("reorder", "propose", "--supplier", "F001", "--json").stdout)
    assert proposal["suppliers"][0]["lines"][0]["qty"] == "12.000"
    assert cli("reorder", "change", str(proposal["id"]), "A22", "--qty", "18").exit_code == 0
    result = cli("reorder", "confirm", str(proposal["id"]))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Ordine fornitore 1 del ") and " a F001 " in result.stdout
    # On order now 2 + 18 = 20: available 21, over the minimum.
    assert json.loads(cli("reorder", "report", "--json").stdout) == []
    again = cli("reorder", "confirm", str(proposal["id"]))
    assert again.exit_code == 1 and "già confermata" in again.stderr
