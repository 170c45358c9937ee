"""Operators' SSH public keys: parsing and checks, registration, audit, permissions, CLI."""

from __future__ import annotations

import base64
import json
import subprocess
import shutil

import pytest
from click.testing import CliRunner
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from gamma.access import keys, operators
from gamma.cli.main import cli as gamma_cli
from gamma.errors import NotFound, PermissionDenied, ValidationError
from models import AuditEntry, OperatorKey
from tests.conftest import ADMIN_PASSWORD


def public_line(private_key, comment: str = "") -> str:
    line = private_key.public_key().public_bytes(Encoding.OpenSSH,
                                                 PublicFormat.OpenSSH).decode()
    return f"{line} {comment}".strip()


@pytest.fixture
def mario(admin_ctx):
    return operators.add(admin_ctx, "mario", "password-m")


def test_a_key_line_is_parsed_with_the_fingerprint_of_ssh_keygen():
    line = public_line(ed25519.Ed25519PrivateKey.generate(), "mario@banco")
    key = keys.parse(line)
    assert (key.key_type, key.comment) == ("ssh-ed25519", "mario@banco")
    assert key.key_data == line.split()[1]
    assert key.fingerprint.startswith("SHA256:") and not key.fingerprint.endswith("=")
    if shutil.which("ssh-keygen"):  # the reference, when installed
        done = subprocess.run(["ssh-keygen", "-l", "-f", "-"], input=line, text=True,
                              capture_output=True, check=True)
        assert done.stdout.split()[1] == key.fingerprint


@pytest.mark.parametrize("make", [
    lambda: rsa.generate_private_key(65537, 2048),
    lambda: ec.generate_private_key(ec.SECP256R1()),
    lambda: ec.generate_private_key(ec.SECP384R1()),
])
def test_rsa_and_ecdsa_keys_are_accepted(make):
    line = public_line(make())
    assert keys.parse(line).key_type == line.split()[0]


@pytest.mark.parametrize("line, field, words", [
    ("", "key", "attesa una riga"),
    ("ssh-ed25519", "key", "attesa una riga"),
    ("ssh-dss AAAAB3NzaC1kc3MAAACBAP", "key_type", "non ammesso"),
    ("ssh-ed25519 non-base64!!", "key_data", "base64 non è valida"),
])
def test_bad_key_lines_name_the_field_and_the_rule(line, field, words):
    with pytest.raises(ValidationError) as caught:
        keys.parse(line)
    assert caught.value.field == field and words in caught.value.message


def test_the_type_written_must_be_the_type_inside_the_key():
    blob_line = public_line(ed25519.Ed25519PrivateKey.generate())
    with pytest.raises(ValidationError) as caught:
        keys.parse("ssh-rsa " + blob_line.split()[1])
    assert caught.value.message == ("Chiave pubblica: il tipo indicato (ssh-rsa) non "
                                    "corrisponde a quello contenuto nella chiave (ssh-ed25519)")


def test_a_truncated_key_and_a_short_rsa_key_are_refused():
    line = public_line(ed25519.Ed25519PrivateKey.generate())
    blob = base64.b64decode(line.split()[1])[:-8]
    with pytest.raises(ValidationError, match="chiave non valida"):
        keys.parse("ssh-ed25519 " + base64.b64encode(blob).decode())
    with pytest.raises(ValidationError, match="RSA di 1024 bit"):
        keys.parse(public_line(rsa.generate_private_key(65537, 1024)))


def test_add_list_find_and_remove_are_audited(admin_ctx, mario):
    line = public_line(ed25519.Ed25519PrivateKey.generate(), "portatile")
    added = keys.add(admin_ctx, "MARIO", line)
    assert [k.fingerprint for k in keys.list_keys(admin_ctx, "mario")] == [added.fingerprint]
    blob = base64.b64decode(line.split()[1])
    assert keys.find_operator("ssh-ed25519", blob).login == "mario"
    assert keys.find_operator("ssh-rsa", blob) is None
    keys.remove(admin_ctx, "mario", added.fingerprint.removeprefix("SHA256:"))
    assert keys.list_keys(admin_ctx, "mario") == []
    assert keys.find_operator("ssh-ed25519", blob) is None
    entries = list(AuditEntry.select().where(AuditEntry.table_name == OperatorKey._meta.table_name)
                   .order_by(AuditEntry.id))
    assert [(e.action, e.record_key, e.function_code) for e in entries] == [
        ("insert", added.fingerprint, "922"), ("delete", added.fingerprint, "922")]


def test_a_key_belongs_to_one_operator_only(admin_ctx, mario):
    line = public_line(ed25519.Ed25519PrivateKey.generate())
    keys.add(admin_ctx, "mario", line)
    with pytest.raises(ValidationError) as caught:
        keys.add(admin_ctx, "admin", line + " altro commento")
    assert caught.value.field == "fingerprint"
    assert caught.value.message.startswith("Impronta della chiave: la chiave SHA256:")
    assert caught.value.message.endswith("è già registrata per l'operatore MARIO")
    assert OperatorKey.select().count() == 1


def test_several_keys_go_in_together_or_not_at_all(admin_ctx, mario):
    good = public_line(ed25519.Ed25519PrivateKey.generate())
    with pytest.raises(ValidationError):
        keys.add_all(admin_ctx, "mario", ["# chiavi di mario", good, "", "ssh-ed25519 !!"])
    assert OperatorKey.select().count() == 0
    other = public_line(ed25519.Ed25519PrivateKey.generate())
    assert len(keys.add_all(admin_ctx, "mario", [good, other])) == 2


def test_unknown_operator_or_key_and_a_denied_operator(admin_ctx, mario):
    line = public_line(ed25519.Ed25519PrivateKey.generate())
    with pytest.raises(NotFound):
        keys.add(admin_ctx, "nessuno", line)
    with pytest.raises(NotFound, match="Nessuna chiave SHA256:xyz per l'operatore MARIO"):
        keys.remove(admin_ctx, "mario", "SHA256:xyz")
    as_mario = admin_ctx.__class__(admin_ctx.settings, operator=mario, clock=admin_ctx.clock)
    with pytest.raises(PermissionDenied):
        keys.add(as_mario, "mario", line)
    assert OperatorKey.select().count() == 0


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_key_commands(db_url, tmp_path):
    env = {"GAMMA_DB": db_url, "GAMMA_SECURITY_SCRYPT_N": "1024", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "GAMMA_OPERATOR": None,
           "GAMMA_COMPANY": None, "GAMMA_CONFIG": None}
    runner = CliRunner(env=env)

    def gamma(*args, input=None):
        return runner.invoke(gamma_cli, list(args), input=input, prog_name="gamma")

    assert gamma("init", "--password-stdin", input=ADMIN_PASSWORD + "\n").exit_code == 0
    line = public_line(ed25519.Ed25519PrivateKey.generate(), "mario@banco")
    result = gamma("operator", "key", "add", "admin", *line.split())  # unquoted works too
    assert result.exit_code == 0, result.output
    fingerprint = keys.parse(line).fingerprint
    assert result.stdout == (f"Aggiunta all'operatore ADMIN la chiave {fingerprint} "
                             "(ssh-ed25519, mario@banco)\n")
    pub = tmp_path / "id.pub"
    pub.write_text(public_line(ec.generate_private_key(ec.SECP256R1()), "ufficio") + "\n")
    assert gamma("operator", "key", "add", "admin", "--file", str(pub)).exit_code == 0
    listed = json.loads(gamma("operator", "key", "list", "admin", "--json").stdout)
    assert [k["comment"] for k in listed] == ["mario@banco", "ufficio"]
    table = gamma("operator", "key", "list", "admin").stdout
    assert table.splitlines()[0].split() == ["Impronta", "Tipo", "Commento", "Aggiunta", "il"]
    again = gamma("operator", "key", "add", "admin", line)
    assert again.exit_code == 1 and "già registrata" in again.stderr
    assert gamma("operator", "key", "add", "admin").exit_code == 2
    result = gamma("operator", "key", "remove", "admin", fingerprint)
    assert result.stdout == f"Rimossa la chiave {fingerprint} dell'operatore ADMIN\n"
    assert len(json.loads(gamma("operator", "key", "list", "admin", "--json").stdout)) == 1
