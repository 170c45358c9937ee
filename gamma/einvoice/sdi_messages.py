"""SDI's messages about an e-invoice file, read from their XML files or from the PEC
e-mails that carry them (the message is an attachment named like
IT01234567890_00009_RC_003.xml, inside the certified mail's postacert.eml).

Types: RC delivered, MC not delivered, NS rejected (with SDI's error codes), NE outcome
from a public administration (EC01 accepted, EC02 refused), DT deemed accepted (no answer
from the PA within 15 days), AT transmission certificate (a PA could not be reached), and
MT, the metadata that comes with an invoice received through SDI. Pure: no database.
"""

from __future__ import annotations

import email
import re
from dataclasses import dataclass, field
from email import policy
from pathlib import Path

from lxml import etree

from gamma.errors import GammaError

# Root element (local name) → message type.
ROOTS = {"RicevutaConsegna": "RC", "NotificaMancataConsegna": "MC", "RicevutaScarto": "NS",
         "NotificaEsito": "NE", "NotificaDecorrenzaTermini": "DT",
         "AttestazioneTrasmissioneFattura": "AT", "FileMetadati": "MT",
         "NotificaScarto": "SE", "NotificaEsitoCommittente": "EC"}
LABELS = {"RC": "Ricevuta di consegna", "MC": "Mancata consegna", "NS": "Scarto",
          "NE": "Esito del committente", "DT": "Decorrenza termini",
          "AT": "Attestazione di trasmissione", "MT": "Metadati del file ricevuto",
          "SE": "Scarto dell'esito", "EC": "Esito inviato"}
# Attachments that are SDI messages: <sender>_<progressive>_<type>_<n>.xml
MESSAGE_FILE = re.compile(r"^[A-Z]{2}[A-Za-z0-9]+_[A-Za-z0-9]{1,5}_(RC|MC|NS|NE|DT|AT|MT|SE|EC)"
                          r"_\d{3}\.xml$", re.IGNORECASE)


@dataclass(frozen=True)
class SdiError:
    code: str
    description: str
    suggestion: str = ""


@dataclass
class SdiMessage:
    kind: str  # RC, MC, NS, NE, DT, AT, MT…
    sdi_id: str  # IdentificativoSdI
    file_name: str  # NomeFile: the invoice file the message is about
    received_at: str = ""  # DataOraRicezione, as SDI wrote it
    delivered_at: str = ""  # DataOraConsegna
    outcome: str = ""  # NE: EC01 accepted, EC02 refused
    description: str = ""  # NE/MC: SDI's or the PA's text
    message_id: str = ""
    errors: list[SdiError] = field(default_factory=list)
    source: str = ""  # where it was read from

    @property
    def label(self) -> str:
        return LABELS.get(self.kind, self.kind)

    def summary(self) -> str:
        """One line for the operator: what happened, with SDI's error codes."""
        text = f"{self.label} (SdI {self.sdi_id})"
        if self.outcome:
            text += f": {self.outcome}"
        if self.description:
            text += f" — {self.description}"
        if self.errors:
            text += ": " + "; ".join(f"{e.code} {e.description}" for e in self.errors)
        return text


def _text(root, name: str) -> str:
    found = root.find(f".//{{*}}{name}")
    if found is None:
        found = root.find(f".//{name}")
    return (found.text or "").strip() if found is not None else ""


def parse(data: bytes, source: str = "") -> SdiMessage:
    """One SDI message from its XML; GammaError naming the source when it is not one."""
    try:
        root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False,
                                                             no_network=True))
    except etree.XMLSyntaxError as exc:
        raise GammaError(f"{source or 'Messaggio SdI'}: XML non leggibile ({exc})") from None
    kind = ROOTS.get(etree.QName(root).localname)
    if kind is None:
        raise GammaError(f"{source or 'Messaggio SdI'}: non è un messaggio dello SdI "
                         f"({etree.QName(root).localname})")
    errors = [SdiError(_text(e, "Codice"), _text(e, "Descrizione"), _text(e, "Suggerimento"))
              for e in root.iter("{*}Errore", "Errore")]
    outcome = _text(root, "Esito")
    description = _text(root, "Descrizione") if kind in ("NE", "MC", "AT") else ""
    return SdiMessage(kind=kind, sdi_id=_text(root, "IdentificativoSdI"),
                      file_name=_text(root, "NomeFile"),
                      received_at=_text(root, "DataOraRicezione"),
                      delivered_at=_text(root, "DataOraConsegna"), outcome=outcome,
                      description="" if errors else description,
                      message_id=_text(root, "MessageId"), errors=errors, source=source)


def from_email(data: bytes, source: str = "") -> list[SdiMessage]:
    """The SDI messages attached to a PEC e-mail (also inside its postacert.eml)."""
    message = email.message_from_bytes(data, policy=policy.default)
    found = []
    for part in message.walk():
        name = part.get_filename() or ""
        if MESSAGE_FILE.match(name):
            payload = part.get_payload(decode=True)
            if payload:
                found.append(parse(payload, f"{source}: {name}" if source else name))
    return found


def read(path: Path) -> list[SdiMessage]:
    """The messages in one file: an SDI XML message or a PEC e-mail (.eml) carrying some."""
    data = path.read_bytes()
    if path.suffix.lower() == ".eml":
        return from_email(data, path.name)
    return [parse(data, path.name)]


def read_all(paths: list[Path]) -> list[SdiMessage]:
    """Every message in the files and folders given (folders: their .xml and .eml)."""
    out: list[SdiMessage] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(path.iterdir()):
                if child.suffix.lower() in (".xml", ".eml"):
                    out.extend(read(child))
        elif path.exists():
            out.extend(read(path))
        else:
            raise GammaError(f"{path}: file inesistente")
    return out
