"""The standard tables every new company starts with, read from config/tables/standard.toml.

Loaded by bulk inserts with one audit event for the whole load (not one entry per row):
the rows are the product's, not an operator's edits.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

from gamma.audit import log
from gamma.context import SYSTEM_LOGIN, Context
from gamma.master.tables_defs import ENTRY_KINDS, TABLES
from models import Company, TableEntry

STANDARD_FILE = Path(__file__).resolve().parents[2] / "config" / "tables" / "standard.toml"
_DECIMALS = {"rate", "commission"}
_BATCH = 100


def read(path: Path = STANDARD_FILE) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table in the file, by table name (TableEntry kinds included)."""
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    out: dict[str, list[dict[str, Any]]] = {}
    for name, rows in data.items():
        if name == "entries":
            for kind, entries in rows.items():
                if kind not in ENTRY_KINDS:
                    raise ValueError(f"{path}: tipo di tabella {kind!r} sconosciuto")
                out[kind] = [dict(r) for r in entries]
        elif name in TABLES:
            out[name] = [dict(r) for r in rows]
        else:
            raise ValueError(f"{path}: tabella {name!r} sconosciuta")
    return out


def _complete(model, row: dict[str, Any]) -> dict[str, Any]:
    """Every column given, so that a bulk insert does not depend on the first row's keys."""
    for name, field in model._meta.fields.items():
        if name not in row and name != "id" and field.default is not None:
            row[name] = field.default() if callable(field.default) else field.default
    return row


def load(ctx: Context, company: Company, path: Path = STANDARD_FILE) -> int:
    """Insert the standard rows for `company`; one audit event. Returns the rows written."""
    written = 0
    for name, rows in read(path).items():
        tdef = TABLES[name]
        prepared = []
        for row in rows:
            row = {k: (Decimal(str(v)) if k in _DECIMALS else v) for k, v in row.items()}
            row["company"] = company.id
            if tdef.model is TableEntry:
                row["kind"] = tdef.kind
            prepared.append(_complete(tdef.model, row))
        for start in range(0, len(prepared), _BATCH):
            tdef.model.insert_many(prepared[start:start + _BATCH]).execute()
        written += len(prepared)
    # Logged unless the operator's logging is off, like the company's own insert; under
    # the system's name (the rows are the product's), naming who created the company.
    log.record(ctx.with_company(company), "load", "standard_tables", str(company.code),
               message=f"Tabelle standard caricate ({written} righe, ditta creata da "
               f"{ctx.login})", login=SYSTEM_LOGIN)
    return written
