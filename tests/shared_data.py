"""Where the shared test data lives (official FatturaPA schemas, sample e-invoices, SDI
messages): $GAMMA_TEST_DATA, else ../shared/data beside the checkout, else the path on the
development machines. Tests read it from there; it is never copied into the project."""

from __future__ import annotations

import os
from pathlib import Path

_CANDIDATES = [Path(p) for p in (os.environ.get("GAMMA_TEST_DATA", ""),) if p] + [
    Path(__file__).resolve().parents[2] / "shared" / "data",
    Path("/work/shared/data"),
]
DATA = next((p for p in _CANDIDATES if (p / "fatturapa").is_dir()), _CANDIDATES[-1])
FATTURAPA = DATA / "fatturapa"
SCHEMA_DIR = FATTURAPA / "schema"
SAMPLES = FATTURAPA / "samples"
SDI = FATTURAPA / "sdi"
