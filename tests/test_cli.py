"""The command line: conventions (help, JSON, errors, exit codes) and the main commands."""

from __future__ import annotations

import json

import click
import pytest
from click.testing import CliRunner

from gamma import functions, schema
from gamma.cli.main import cli as gamma_cli
from tests.conftest import ADMIN_PASSWORD


@pytest.fixture
def gamma(db_url, tmp_path):
    """Run `gamma ARGS…` in-process against the test database; return the click result."""
    env = {"GAMMA_DB": db_url, "GAMMA_SECURITY_SCRYPT_N": "1024", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "GAMMA_OPERATOR": None,
           "GAMMA_COMPANY": None, "GAMMA_CONFIG": None}
    runner = CliRunner(env=env)

    def run(*args, input=None):
        return runner.invoke(gamma_cli, list(args), input=input, prog_name="gamma")

    result = run("init", "--password-stdin", input=ADMIN_PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    return run


def leaf_commands(group: click.Group, prefix=()):
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from leaf_commands(command, prefix + (name,))
        else:
            yield prefix + (name,), command


def test_every_command_has_help_and_a_function_code():
    runner = CliRunner()
    leaves = list(leaf_commands(gamma_cli))
    assert len(leaves) > 30
    for path, command in leaves:
        result = runner.invoke(gamma_cli, [*path, "--help"])
        assert result.exit_code == 0, path
        assert command.help and len(command.help.strip()) > 10, f"{path} has no help text"
        function = getattr(command, "gamma_function", None)
        assert function is not None, f"{' '.join(path)} names no function code"
        assert functions.get(function.code) is function


def test_init_twice_changes_nothing(gamma):
    result = gamma("init")
    assert result.exit_code == 0
    assert "Già presente: operatore admin" in result.output
    assert "Creato" not in result.output


def test_db_upgrade_twice_reports_nothing_to_do(gamma):
    result = gamma("db", "upgrade")
    assert result.exit_code == 0
    latest = schema.latest_version()
    assert result.output.strip() == f"Nessuna modifica: schema già alla versione {latest}."


def test_a_denied_command_exits_1_names_the_function_and_is_audited(gamma):
    assert gamma("operator", "add", "mario", "--password-stdin",
                 input="password-m\n").exit_code == 0
    result = gamma("--operator", "mario", "company", "add", "12", "Abusiva")
    assert result.exit_code == 1
    assert result.stderr.strip() == ("Errore: Funzione 912 «Gestione ditte» non consentita "
                                     "all'operatore MARIO")
    assert "Traceback" not in result.output
    audit = json.loads(gamma("audit", "list", "--action", "denied", "--json").stdout)
    assert [(e["operator"], e["function"]) for e in audit] == [("mario", "912")]
    assert json.loads(gamma("company", "list", "--json").stdout)[0]["code"] == 1  # nothing added


def test_usage_errors_exit_2(gamma):
    assert gamma("company", "add", "not-a-number", "X").exit_code == 2
    assert gamma("no-such-command").exit_code == 2


def test_domain_errors_are_one_line_and_debug_shows_the_traceback(gamma):
    result = gamma("company", "show", "77")
    assert (result.exit_code, result.stderr) == (1, "Errore: Ditta 77 inesistente\n")
    result = gamma("--debug", "company", "show", "77")
    assert result.exit_code == 1 and "Traceback" in result.stderr


def test_bad_input_names_the_field_and_the_rule(gamma):
    result = gamma("company", "add", "10000", "Troppo")
    assert result.stderr == "Errore: Codice ditta: deve essere un numero da 1 a 9999\n"
    result = gamma("company", "add", "5", "Rossi", "--vat-number", "12345678901")
    assert result.stderr.startswith("Errore: Partita IVA: partita IVA italiana non valida")


def test_every_listing_speaks_json(gamma):
    gamma("group", "add", "banco", "--description", "Banco")
    gamma("preset", "list")
    for args in (["company", "list"], ["operator", "list"], ["group", "list"],
                 ["audit", "list"], ["preset", "list"], ["session", "list"],
                 ["lock", "list"], ["function", "list"], ["field-rule", "list"],
                 ["config", "show"]):
        result = gamma(*args, "--json")
        assert result.exit_code == 0, (args, result.output)
        assert isinstance(json.loads(result.stdout), list), args


def test_ending_a_session_that_is_not_open_is_refused(gamma):
    result = gamma("session", "end", "999")
    assert result.exit_code == 1
    assert result.stderr == "Errore: Sessione 999: inesistente o già chiusa\n"


def test_grants_through_groups_from_the_cli(gamma):
    gamma("group", "add", "banco")
    gamma("operator", "add", "lucia", "--group", "banco", "--password-stdin",
          input="password-l\n")
    assert gamma("--operator", "lucia", "company", "list").exit_code == 1
    assert gamma("group", "grant", "banco", "--function", "DITTE", "--company", "1").exit_code == 0
    result = gamma("--operator", "lucia", "company", "list", "--json")
    assert [c["code"] for c in json.loads(result.stdout)] == [1]
    shown = json.loads(gamma("operator", "show", "lucia", "--json").stdout)
    assert shown["functions"] == ["911"] and shown["groups"] == "banco"


def test_lock_and_unlock_an_operator(gamma):
    gamma("operator", "add", "mario", "--password-stdin", "--admin", input="password-m\n")
    assert gamma("operator", "lock", "mario").exit_code == 0
    result = gamma("--operator", "mario", "company", "list")
    assert result.stderr == "Errore: Operatore MARIO bloccato\n"
    gamma("operator", "unlock", "mario")
    assert gamma("--operator", "mario", "company", "list").exit_code == 0


def test_audit_list_with_a_stored_preset(gamma):
    gamma("company", "add", "2", "Seconda")
    result = gamma("audit", "list", "--table", "company", "--since", "-1",
                   "--save-preset", "ditte-recenti", "--json")
    assert result.exit_code == 0
    assert "memorizzati come «ditte-recenti»" in result.stderr
    stored = json.loads(gamma("preset", "show", "audit list", "ditte-recenti", "--json").stdout)
    assert stored["params"] == {"table": "company", "since": "-1", "limit": 200}
    via_preset = json.loads(gamma("audit", "list", "--preset", "ditte-recenti", "--json").stdout)
    assert via_preset and {e["table"] for e in via_preset} == {"company"}
    # An option typed on the command line wins over the preset's.
    assert gamma("audit", "list", "--preset", "ditte-recenti", "--table", "operator",
                 "--json").stdout.count('"table": "operator"') >= 1


def test_field_rules_from_the_cli(gamma):
    gamma("group", "add", "banco")
    gamma("operator", "add", "lucia", "--group", "banco", "--password-stdin",
          input="password-l\n")
    assert gamma("field-rule", "set", "customer", "zone", "--for-group", "banco", "--hidden",
                 "--default", "NORD").exit_code == 0
    rules = json.loads(gamma("field-rule", "effective", "customer", "lucia", "--json").stdout)
    assert rules[0]["field"] == "zone" and rules[0]["hidden"] and rules[0]["default"] == "NORD"
    assert json.loads(gamma("field-rule", "effective", "customer", "admin", "--json").stdout) == []


def test_backup_and_check_from_the_cli(gamma, tmp_path, engine):
    if engine == "postgresql":
        import shutil
        if not shutil.which("pg_dump"):
            pytest.skip("pg_dump non installato")
    result = gamma("db", "backup", str(tmp_path / "copia.bak"))
    assert result.exit_code == 0, result.output
    assert "scritta e verificata" in result.output
    assert gamma("db", "check").output.strip().endswith("Database integro.")


def test_audit_list_by_operator_and_date(gamma):
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo
    gamma("operator", "add", "mario", "--admin", "--password-stdin", input="password-m\n")
    gamma("--operator", "mario", "company", "add", "8", "Di Mario")
    rome_today = datetime.now(ZoneInfo("Europe/Rome")).date()  # dates are the operators'
    today = rome_today.strftime("%d/%m/%Y")
    rows = json.loads(gamma("audit", "list", "--operator", "mario", "--since", today,
                            "--json").stdout)
    assert [(r["operator"], r["action"], r["table"], r["key"]) for r in rows] == [
        ("mario", "insert", "company", "8")]
    assert rows[0]["changes"]["name"] == [None, "Di Mario"]
    tomorrow = (rome_today + timedelta(days=1)).strftime("%d/%m/%Y")
    assert json.loads(gamma("audit", "list", "--operator", "mario", "--since", tomorrow,
                            "--json").stdout) == []
    bad = gamma("audit", "list", "--since", "31/02/2026")
    assert bad.exit_code == 1 and "Dal: data inesistente" in bad.stderr
