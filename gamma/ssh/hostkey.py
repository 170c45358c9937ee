"""The server's Ed25519 host key: created on first start, kept and reused.

paramiko reads Ed25519 keys but cannot make them: the key is generated with `cryptography`
and written in the OpenSSH private key format, readable by its owner only (mode 600).
"""

from __future__ import annotations

import os
from pathlib import Path

import paramiko
from cryptography.hazmat.primitives.asymmetric import ed25519
from cryptography.hazmat.primitives.serialization import (Encoding, NoEncryption,
                                                          PrivateFormat, PublicFormat)

from gamma.access.keys import fingerprint as blob_fingerprint
from gamma.errors import ConfigError
from gamma.settings import Settings

FILE_NAME = "ssh_host_ed25519_key"


def path_for(settings: Settings) -> Path:
    """Where the host key lives: the ssh.host_key setting, else in the data directory."""
    if settings.ssh.host_key:
        return Path(settings.ssh.host_key).expanduser()
    return settings.data_dir / FILE_NAME


def _write_new(path: Path) -> None:
    private = ed25519.Ed25519PrivateKey.generate()
    pem = private.private_bytes(Encoding.PEM, PrivateFormat.OpenSSH, NoEncryption())
    public = private.public_key().public_bytes(Encoding.OpenSSH, PublicFormat.OpenSSH)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(pem)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temporary, path)  # whole or absent, never half-written
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    path.with_name(path.name + ".pub").write_bytes(public + b" gamma-ssh\n")


def load_or_create(path: Path) -> tuple[paramiko.Ed25519Key, bool]:
    """The host key at `path`, created when missing; and whether it was just created."""
    created = not path.exists()
    if created:
        _write_new(path)
    try:
        return paramiko.Ed25519Key.from_private_key_file(str(path)), created
    except (OSError, paramiko.SSHException, ValueError) as exc:
        raise ConfigError(f"Chiave del server SSH illeggibile ({path}): {exc}") from None


def fingerprint(key: paramiko.PKey) -> str:
    """"SHA256:...", as `ssh-keygen -l` and the OpenSSH client show it."""
    return blob_fingerprint(key.asbytes())
