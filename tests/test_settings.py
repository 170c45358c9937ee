"""Settings: layered sources, their order, provenance, and the documented defaults file."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from gamma import settings as settings_mod
from gamma.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_config_file_in_the_repository_equals_the_built_in_defaults():
    with open(ROOT / "config" / "gamma.toml", "rb") as fh:
        documented = tomllib.load(fh)
    defaults = settings_mod.Settings()
    flat = {f"{section}.{key}": value for section, table in documented.items()
            for key, value in table.items()}
    assert flat == {key: value for key, value, _, _ in defaults.items()}


def test_later_sources_win_and_each_value_remembers_its_source(tmp_path):
    home = tmp_path / "home"
    write(home / ".config" / "gamma" / "gamma.toml",
          "[security]\nlockout_minutes = 20\nmax_failed_logins = 4\n")
    extra = write(tmp_path / "extra.toml", "[security]\nlockout_minutes = 30\n")
    env = {"HOME": str(home), "GAMMA_CONFIG": str(extra), "GAMMA_DB": "sqlite:///tmp/a.db",
           "GAMMA_LOCKS_EXPIRY_MINUTES": "45", "GAMMA_OPERATOR": "mario"}
    s = settings_mod.load(env=env)
    assert s.security.max_failed_logins == 4
    assert s.security.lockout_minutes == 30
    assert s.locks.expiry_minutes == 45
    assert s.database.url == "sqlite:///tmp/a.db" and s.cli.operator == "mario"
    assert s.sources["security.max_failed_logins"].endswith(".config/gamma/gamma.toml")
    assert s.sources["security.lockout_minutes"] == str(extra)
    assert s.sources["locks.expiry_minutes"] == "GAMMA_LOCKS_EXPIRY_MINUTES"
    assert s.sources["database.url"] == "GAMMA_DB"
    assert "security.password_min_length" not in s.sources  # still the built-in default


def test_the_embedded_database_lives_in_the_data_directory(tmp_path):
    s = settings_mod.load(env={"HOME": str(tmp_path), "GAMMA_PATHS_DATA_DIR": "/srv/gamma"})
    assert s.database_url == "sqlite:////srv/gamma/gamma.db"


@pytest.mark.parametrize("text, message", [
    ("[securty]\nx = 1\n", "sezione sconosciuta \\[securty\\]"),
    ("[security]\nlockout = 1\n", "impostazione sconosciuta security.lockout"),
    ("[security]\nlockout_minutes = 'tanti'\n", "security.lockout_minutes deve essere di tipo int"),
    ("[security]\nlockout_minutes = 0\n", "security.lockout_minutes deve essere maggiore di zero"),
    ("[locale]\ntimezone = 'Europe/Milano'\n", "fuso orario sconosciuto"),
    ("[security\n", "TOML non valido"),
])
def test_bad_configuration_names_the_file_and_the_key(tmp_path, text, message):
    path = write(tmp_path / "bad.toml", text)
    with pytest.raises(ConfigError, match=message):
        settings_mod.load(env={"HOME": str(tmp_path), "GAMMA_CONFIG": str(path)})


def test_a_named_config_file_must_exist(tmp_path):
    with pytest.raises(ConfigError, match="non trovato"):
        settings_mod.load(env={"HOME": str(tmp_path), "GAMMA_CONFIG": str(tmp_path / "no")})


def test_config_show_prints_values_and_sources(tmp_path):
    from click.testing import CliRunner

    from gamma.cli.main import cli
    result = CliRunner(env={"HOME": str(tmp_path), "GAMMA_CONFIG": None,
                            "GAMMA_DB": "postgresql://gamma:secret@db.example:5432/gamma",
                            "GAMMA_SECURITY_LOCKOUT_MINUTES": "25"}).invoke(
        cli, ["config", "show"])
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line for line in result.output.splitlines()[2:]}
    assert "postgresql://gamma:***@db.example:5432/gamma" in lines["database.url"]
    assert "secret" not in result.output
    assert lines["security.lockout_minutes"].split()[1:] == ["25", "GAMMA_SECURITY_LOCKOUT_MINUTES"]
    assert lines["security.max_failed_logins"].split()[1:] == ["5", "predefinito"]


def test_config_show_never_prints_the_pec_password(tmp_path):
    from click.testing import CliRunner

    from gamma.cli.main import cli
    result = CliRunner(env={"HOME": str(tmp_path), "GAMMA_CONFIG": None,
                            "GAMMA_PEC_PASSWORD": "Segreta!42"}).invoke(
        cli, ["config", "show", "--json"])
    assert result.exit_code == 0, result.output
    assert "Segreta!42" not in result.output
    assert '"***"' in result.output
