"""Password hashes: scrypt with a random salt, parameters stored with the hash."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from gamma.errors import ValidationError

SCHEME = "scrypt"
R, P, KEY_LEN = 8, 1, 32


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _derive(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    # maxmem must cover 128 * n * r bytes, which the default (32 MiB) does not for n=2**15.
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=256 * n * r + 1024 * 1024, dklen=KEY_LEN)


def hash_password(password: str, n: int) -> str:
    """A one-way hash of the password, as `scrypt$n$r$p$salt$key`."""
    salt = os.urandom(16)
    key = _derive(password, salt, n, R, P)
    return f"{SCHEME}${n}${R}${P}${_b64(salt)}${_b64(key)}"


def verify_password(password: str, stored: str) -> bool:
    """True when the password matches the stored hash; False for any malformed hash."""
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != SCHEME:
            return False
        expected = base64.b64decode(key)
        actual = _derive(password, base64.b64decode(salt), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(expected, actual)


def needs_rehash(stored: str, n: int) -> bool:
    """True when the stored hash is weaker than the configured cost."""
    try:
        return int(stored.split("$")[1]) < n
    except (IndexError, ValueError):
        return True


def check_password_rules(password: str, min_length: int) -> None:
    if len(password) < min_length:
        raise ValidationError("password", f"deve avere almeno {min_length} caratteri",
                              "Password")
    if password.strip() != password:
        raise ValidationError("password", "non può iniziare o finire con spazi", "Password")
