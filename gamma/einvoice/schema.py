"""The official FatturaPA schema: where it is, compiled once per directory, and the check
every file passes before it leaves (libxml2 first, xmlschema for what libxml2 refuses).

The schema is not part of Gamma: it is read from `einvoice.schema_dir` (the official xsd
files, with the xmldsig schema they import resolved to the copy beside them, never fetched).
"""

from __future__ import annotations

import functools
from pathlib import Path

from lxml import etree

from gamma.context import Context
from gamma.errors import GammaError

DS = "http://www.w3.org/2000/09/xmldsig#"
SCHEMA_FILE = "Schema_del_file_xml_FatturaPA_v1.2.2.xsd"
DSIG_FILE = "xmldsig-core-schema.xsd"


class SchemaUnavailable(GammaError):
    """The official schema is not where the settings say."""


class InvalidXml(GammaError):
    """The XML does not validate: the schema's messages are in `errors`."""

    def __init__(self, message: str, errors: list[str]):
        super().__init__(message)
        self.errors = errors


def schema_dir(ctx: Context) -> Path:
    configured = ctx.settings.einvoice.schema_dir
    return Path(configured).expanduser() if configured else ctx.settings.data_dir / "fatturapa"


@functools.lru_cache(maxsize=4)
def _schema(directory: str):
    import xmlschema
    base = Path(directory)
    return xmlschema.XMLSchema(str(base / SCHEMA_FILE), locations=[(DS, str(base / DSIG_FILE))])


def load_schema(directory: Path):
    missing = [name for name in (SCHEMA_FILE, DSIG_FILE) if not (directory / name).is_file()]
    if missing:
        raise SchemaUnavailable(
            f"Schema FatturaPA non disponibile: mancano {', '.join(missing)} in {directory} "
            "(impostazione einvoice.schema_dir); le fatture elettroniche non si generano "
            "senza validarle")
    return _schema(str(directory.resolve()))


class _LocalDsig(etree.Resolver):
    """The xmldsig schema the FatturaPA one imports by URL, read from the copy beside it:
    nothing is fetched from the network."""

    def __init__(self, path: Path):
        super().__init__()
        self.path = str(path)

    def resolve(self, url, pubid, context):
        if url and url.endswith(DSIG_FILE):
            return self.resolve_filename(self.path, context)
        return None


@functools.lru_cache(maxsize=4)
def _fast_schema(directory: str):
    """The same schema compiled by libxml2: it passes a valid file some twenty times faster
    than xmlschema. None if libxml2 cannot compile it (xmlschema then does all the work)."""
    base = Path(directory)
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalDsig(base / DSIG_FILE))
    try:
        return etree.XMLSchema(etree.parse(str(base / SCHEMA_FILE), parser))
    except (etree.XMLSchemaParseError, etree.XMLSyntaxError, OSError):
        return None


def validate(xml: bytes, directory: Path) -> list[str]:
    """The schema's complaints about the file, one per line; empty when it is valid."""
    schema = load_schema(directory)
    tree = etree.fromstring(xml)
    fast = _fast_schema(str(directory.resolve()))
    if fast is not None and fast.validate(tree):
        return []
    # libxml2 is stricter than the standard in places (blanks around a date): what it
    # refuses, xmlschema judges, and its messages are the ones the operator reads.
    errors = []
    for error in schema.iter_errors(tree):
        where = error.path or ""
        errors.append(f"{where}: {error.reason}" if where else str(error.reason))
    return errors
