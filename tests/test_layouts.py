"""Record layouts defined by the user: stored, shown, used to write and read records."""

from __future__ import annotations

import json

import pytest

from gamma.errors import ValidationError
from gamma.interchange import layouts
from tests.test_cli import gamma  # noqa: F401  (the CLI fixture)

TOML = """
name = "clienti_banca"
description = "Clienti per la banca"

[[field]]
name = "code"
start = 1
length = 6

[[field]]
name = "name"
start = 7
length = 30

[[field]]
name = "credit_limit"
start = 37
length = 12
type = "number"
decimals = 2
"""


def test_a_layout_is_stored_and_writes_and_reads_records(admin_ctx):
    name, description, fields = layouts.parse_file(TOML.encode(), "banca.toml")
    layouts.save(admin_ctx, name, fields, description)
    layout = layouts.get(admin_ctx, "clienti_banca")
    line = layout.format({"code": "C001", "name": "Caffè Più S.r.l.",
                          "credit_limit": "15000.5"})
    assert line == "C001  Caffè Più S.r.l.              000001500050"
    assert layout.parse(line, 1) == {"code": "C001", "name": "Caffè Più S.r.l.",
                                     "credit_limit": "15000,50"}


def test_a_wrong_definition_is_refused_naming_what_is_wrong(admin_ctx):
    with pytest.raises(ValidationError, match="campo 1: mancano length"):
        layouts.save(admin_ctx, "x", [{"name": "a", "start": 1}])
    with pytest.raises(ValidationError, match="campo 1: chiavi sconosciute colour"):
        layouts.save(admin_ctx, "x", [{"name": "a", "start": 1, "length": 2,
                                        "colour": "red"}])
    with pytest.raises(ValidationError, match="tipo 'money' sconosciuto"):
        layouts.save(admin_ctx, "x", [{"name": "a", "start": 1, "length": 2,
                                        "type": "money"}])


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_layout_cli_import_list_show_delete(gamma, tmp_path):
    path = tmp_path / "banca.toml"
    path.write_text(TOML, encoding="utf-8")
    result = gamma("layout", "import", str(path))
    assert result.exit_code == 0, result.output
    assert "Tracciato «clienti_banca» registrato: 3 campi" in result.output
    listed = json.loads(gamma("layout", "list", "--json").output)
    assert listed == [{"name": "clienti_banca", "description": "Clienti per la banca",
                       "width": 48}]
    shown = json.loads(gamma("layout", "show", "clienti_banca", "--json").output)
    assert [(f["name"], f["start"], f["length"], f["align"]) for f in shown] == [
        ("code", 1, 6, "left"), ("name", 7, 30, "left"), ("credit_limit", 37, 12, "right")]
    assert gamma("layout", "delete", "clienti_banca").exit_code == 0
    missing = gamma("layout", "show", "clienti_banca")
    assert missing.exit_code == 1 and "Tracciato «clienti_banca» inesistente" in missing.output
