"""The content of a signed CAdES envelope (.p7m): DER, or the same DER in base64."""

from __future__ import annotations

import base64
import binascii
import re

from asn1crypto import cms

from gamma.errors import GammaError


class EnvelopeError(GammaError):
    """The bytes are not a CMS SignedData envelope with its content attached."""


def _der(data: bytes) -> bytes:
    if data[:1] == b"\x30":  # an ASN.1 SEQUENCE: DER (or BER) as it is
        return data
    text = re.sub(rb"-----[A-Z0-9 ]+-----", b"", data)
    text = re.sub(rb"\s+", b"", text)
    try:
        decoded = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise EnvelopeError("busta firmata non valida: né DER né base64") from None
    if decoded[:1] != b"\x30":
        raise EnvelopeError("busta firmata non valida: il base64 non contiene una busta CMS")
    return decoded


def extract(data: bytes) -> bytes:
    """The signed document inside the envelope."""
    if not data.strip():
        raise EnvelopeError("busta firmata non valida: il file è vuoto")
    der = _der(data)
    try:
        info = cms.ContentInfo.load(der)
        if info["content_type"].native != "signed_data":
            raise EnvelopeError(f"busta firmata non valida: contenuto "
                                f"{info['content_type'].native}, atteso signed_data")
        content = info["content"]["encap_content_info"]["content"]
        payload = content.native if content is not None else None
    except EnvelopeError:
        raise
    except Exception as exc:  # asn1crypto raises ValueError, TypeError… on bad input
        raise EnvelopeError(f"busta firmata non valida (PKCS#7/CAdES illeggibile: "
                            f"{str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__})"
                            ) from None
    if not payload:
        raise EnvelopeError("busta firmata senza il documento (firma detached)")
    if isinstance(payload, str):
        payload = payload.encode("utf-8")
    return bytes(payload)
