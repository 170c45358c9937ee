"""Operators' SSH public keys: the keys that let an operator in through `gamma ssh serve`.

A key is given as an OpenSSH public key line ("ssh-ed25519 AAAA... comment"), checked
(known type, the type inside the blob matching the one written, a well-formed key, RSA of at
least 2048 bits) and stored with its fingerprint, written as `ssh-keygen -l` does.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import struct
from dataclasses import dataclass

from gamma import functions, records
from gamma.access import operators
from gamma.context import Context
from gamma.errors import NotFound, ValidationError
from gamma.service import operation
from models import Operator, OperatorKey

KEY_TYPES = ("ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
             "ecdsa-sha2-nistp521")
MIN_RSA_BITS = 2048
LABEL = "Chiave pubblica"


@dataclass(frozen=True)
class PublicKey:
    """A parsed OpenSSH public key line."""

    key_type: str
    blob: bytes
    comment: str

    @property
    def key_data(self) -> str:
        return base64.b64encode(self.blob).decode("ascii")

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.blob)


def fingerprint(blob: bytes) -> str:
    """The SHA256 fingerprint of a key blob, as `ssh-keygen -l` prints it."""
    digest = base64.b64encode(hashlib.sha256(blob).digest()).decode("ascii")
    return "SHA256:" + digest.rstrip("=")


def _blob_type(blob: bytes) -> str:
    """The key type written at the start of a key blob (an SSH string)."""
    if len(blob) < 4:
        return ""
    (length,) = struct.unpack(">I", blob[:4])
    if length > len(blob) - 4:
        return ""
    return blob[4:4 + length].decode("ascii", "replace")


def parse(line: str) -> PublicKey:
    """Parse and check one OpenSSH public key line; raise ValidationError naming the rule."""
    parts = (line or "").strip().split(None, 2)
    if len(parts) < 2:
        raise ValidationError("key", "attesa una riga «tipo chiave-base64 [commento]» come "
                              "nei file .pub di OpenSSH", LABEL)
    key_type, data = parts[0], parts[1]
    comment = parts[2].strip() if len(parts) > 2 else ""
    if key_type not in KEY_TYPES:
        raise ValidationError("key_type", f"tipo {key_type[:40]!r} non ammesso (ammessi: "
                              "ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256/384/521)", LABEL)
    try:
        blob = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        raise ValidationError("key_data", "la parte in base64 non è valida", LABEL) from None
    inner = _blob_type(blob)
    if inner != key_type:
        raise ValidationError("key_type", f"il tipo indicato ({key_type}) non corrisponde a "
                              f"quello contenuto nella chiave ({inner[:40] or '?'})", LABEL)
    # cryptography (paramiko's own dependency) only when a key is checked.
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import load_ssh_public_key

    try:
        key = load_ssh_public_key(f"{key_type} {data}".encode("ascii"))
    except (ValueError, TypeError) as exc:
        raise ValidationError("key_data", f"chiave non valida ({exc})", LABEL) from None
    if isinstance(key, rsa.RSAPublicKey) and key.key_size < MIN_RSA_BITS:
        raise ValidationError("key_data", f"chiave RSA di {key.key_size} bit: ne servono "
                              f"almeno {MIN_RSA_BITS}", LABEL)
    if len(comment) > OperatorKey.comment.max_length:
        comment = comment[:OperatorKey.comment.max_length]
    return PublicKey(key_type, blob, comment)


@operation(functions.OPERATOR_EDIT)
def add(ctx: Context, login: str, public_key_line: str) -> OperatorKey:
    """Register a public key for operator `login`; a key belongs to one operator only."""
    operator = operators.find(login)
    key = parse(public_key_line)
    existing = OperatorKey.get_or_none(OperatorKey.fingerprint == key.fingerprint)
    if existing is not None:
        owner = existing.operator.display
        raise ValidationError("fingerprint", f"la chiave {key.fingerprint} è già registrata "
                              f"per l'operatore {owner}", "Impronta della chiave")
    return records.insert(ctx, OperatorKey, operator=operator, key_type=key.key_type,
                          key_data=key.key_data, fingerprint=key.fingerprint,
                          comment=key.comment)


@operation(functions.OPERATOR_EDIT)
def add_all(ctx: Context, login: str, lines: list[str]) -> list[OperatorKey]:
    """Register every key of an OpenSSH .pub or authorized_keys-like text (blank lines and
    # comments skipped): all of them or, on the first bad one, none."""
    wanted = [line for line in lines if line.strip() and not line.lstrip().startswith("#")]
    if not wanted:
        raise ValidationError("key", "nessuna chiave indicata", LABEL)
    return [add(ctx, login, line) for line in wanted]


@operation(functions.OPERATOR_LIST, write=False)
def list_keys(ctx: Context, login: str) -> list[OperatorKey]:
    """The keys of operator `login`, oldest first."""
    operator = operators.find(login)
    return list(OperatorKey.select().where(OperatorKey.operator == operator)
                .order_by(OperatorKey.created_at, OperatorKey.id))


@operation(functions.OPERATOR_EDIT)
def remove(ctx: Context, login: str, fingerprint_: str) -> OperatorKey:
    """Remove the key with that fingerprint ("SHA256:..." or without the prefix)."""
    operator = operators.find(login)
    wanted = (fingerprint_ or "").strip()
    if wanted and not wanted.startswith("SHA256:"):
        wanted = "SHA256:" + wanted
    key = OperatorKey.get_or_none(OperatorKey.operator == operator,
                                  OperatorKey.fingerprint == wanted)
    if key is None:
        raise NotFound(f"Nessuna chiave {wanted or '?'} per l'operatore {operator.display}")
    records.delete(ctx, key)
    return key


def find_operator(key_type: str, blob: bytes) -> Operator | None:
    """The operator owning this public key (for the SSH server), or None."""
    key = (OperatorKey.select(OperatorKey, Operator).join(Operator)
           .where(OperatorKey.fingerprint == fingerprint(blob)).first())
    if key is None or key.key_type != key_type or base64.b64decode(key.key_data) != blob:
        return None
    return key.operator
