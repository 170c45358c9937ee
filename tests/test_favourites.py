"""Favourite commands (preferiti): the service and `gamma favourite set | list | clear`."""

from __future__ import annotations

import dataclasses
import json

import pytest
from click.testing import CliRunner

from gamma import favourites
from gamma.access import operators
from gamma.access.grants import Grantee, GrantChange, grant
from gamma.cli.main import cli as gamma_cli


@pytest.fixture
def gamma(db_url, admin_ctx, tmp_path):
    operators.add(admin_ctx, "mario", "password-m")
    grant(admin_ctx, Grantee.of_operator("mario"),
          GrantChange(functions=("911", "921"), companies=(1,)))
    env = {"GAMMA_DB": db_url, "GAMMA_SECURITY_SCRYPT_N": "1024", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "GAMMA_OPERATOR": "mario",
           "GAMMA_COMPANY": None, "GAMMA_CONFIG": None}
    runner = CliRunner(env=env)

    def run_cli(*args):
        return runner.invoke(gamma_cli, list(args), prog_name="gamma")

    return run_cli


def test_favourites_are_set_listed_and_cleared_by_the_cli(gamma, admin_ctx):
    assert gamma("favourite", "set", "1", "911").stdout == "Preferito 1: 911 «Elenco ditte»\n"
    assert gamma("favourite", "set", "3", "oper").stdout == \
        "Preferito 3: 921 «Elenco operatori»\n"
    listed = json.loads(gamma("favourite", "list", "--json").stdout)
    assert [(f["position"], f["code"], f["mnemonic"]) for f in listed] == [
        (1, "911", "DITTE"), (3, "921", "OPER")]
    table = gamma("favourite", "list").stdout.splitlines()
    assert table[0].split() == ["Pos.", "Funzione", "Sigla", "Descrizione"]
    assert table[2].split()[:3] == ["1", "911", "DITTE"]
    # Replacing a position; the favourites are the acting operator's own.
    assert gamma("favourite", "set", "1", "921").exit_code == 0
    mario = dataclasses.replace(admin_ctx, operator=operators.find("mario"))
    assert [(p, f.code) for p, f in favourites.listed(mario)] == [(1, "921"), (3, "921")]
    assert favourites.listed(admin_ctx) == []
    assert gamma("favourite", "clear", "3").stdout == "Preferito 3 tolto\n"
    assert [(p, f.code) for p, f in favourites.listed(mario)] == [(1, "921")]


def test_favourites_refuse_what_the_operator_may_not_use(gamma):
    denied = gamma("favourite", "set", "2", "922")
    assert denied.exit_code == 1
    assert denied.stderr == ("Errore: Funzione 922 «Gestione operatori» non consentita "
                             "all'operatore MARIO\n")
    wrong = gamma("favourite", "set", "10", "911")
    assert wrong.exit_code == 1 and wrong.stderr == "Errore: Posizione: deve essere da 1 a 9\n"
    unknown = gamma("favourite", "set", "2", "zzz")
    assert unknown.exit_code == 1 and "Funzione 'zzz' inesistente" in unknown.stderr
    assert gamma("favourite", "clear", "0").exit_code == 2
    assert gamma("favourite", "list").stdout.strip().endswith("(nessuna riga)")
