"""Print layouts of sales documents: TOML files a user can copy and change.

Files, looked up in each of the given directories in turn (the first directory holding a
file wins, so a user's directory placed before the project's `config/layouts` overrides it):

    default.toml                  every kind
    <kind>.toml                   invoice.toml, delivery_note.toml, quote.toml…
    customers/<CODE>.toml         one customer: top-level keys for every kind,
                                  [invoice], [delivery_note]… tables for one kind

Later files override earlier ones key by key, in that order. An unknown key, a value of the
wrong type or bad TOML raises LayoutError naming the file and the key.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from printers.document_data import KINDS
from printers.labels import LANGUAGES

COLUMNS = ("code", "customer_code", "description", "unit", "quantity", "price", "discount",
           "amount", "vat")
PRICE_COLUMNS = ("price", "discount", "amount", "vat")
GROUPINGS = ("", "family", "location", "code")
TEXT_WIDTHS = (80, 132)


class LayoutError(Exception):
    """A layout file that cannot be used; the message (Italian) names the file and the key."""


@dataclass
class PrintLayout:
    kind: str = "invoice"
    language: str = "it"  # "it" | "en": the printed labels
    title: str = ""  # overrides the document's title when not ""
    show_prices: bool = True  # prices, discounts, amounts, VAT column; False on a DDT
    show_totals: bool = True  # the totals box (needs show_prices)
    show_vat_summary: bool = True  # the VAT summary (needs show_prices)
    show_instalments: bool = True
    show_bank: bool = True
    show_transport: bool = True  # transport data, when the document has them
    show_signatures: bool = False  # driver/carrier/receiver signature boxes (DDT)
    show_customer_codes: bool = False  # the customer's article codes column
    show_long_text: bool = True  # lines' long texts
    show_lots: bool = True  # lots under the description
    group_by: str = ""  # "", "family", "location", "code": a heading per group
    sort_by: str = ""  # "", "family", "location", "code": line order
    columns: list[str] = field(default_factory=lambda: [
        "code", "description", "unit", "quantity", "price", "discount", "amount", "vat"])
    font_size: int = 8  # PDF body font size, points
    logo: Path | None = None  # overrides the company's logo; relative to the layout file
    footer: str = ""  # notes printed at the foot of every page
    text_width: int = 80  # continuous form: 80 or 132 columns
    page_length: int = 72  # continuous form: lines per page (12" at 6 lpi)
    sources: list[Path] = field(default_factory=list)  # the files applied, in order

    def effective_columns(self) -> list[str]:
        """The columns to print, after show_prices and show_customer_codes."""
        columns = [c for c in self.columns if c != "customer_code" or self.show_customer_codes]
        if self.show_customer_codes and "customer_code" not in columns:
            at = columns.index("code") + 1 if "code" in columns else 0
            columns.insert(at, "customer_code")
        if not self.show_prices:
            columns = [c for c in columns if c not in PRICE_COLUMNS]
        return columns


_KEYS = {f.name: f for f in fields(PrintLayout) if f.name not in ("kind", "sources")}
_BOOLS = {name for name, f in _KEYS.items() if f.type == "bool"}
_INTS = {"font_size", "text_width", "page_length"}
_STRS = {"language", "title", "group_by", "sort_by", "footer", "logo"}


def _error(path: Path, message: str) -> LayoutError:
    return LayoutError(f"Layout di stampa {path}: {message}")


def _check(path: Path, key: str, value: Any) -> Any:
    """One key of a layout file → its value in PrintLayout, or LayoutError."""
    where = f"chiave '{key}'"
    if key not in _KEYS:
        return _unknown(path, key)
    if key in _BOOLS:
        if not isinstance(value, bool):
            raise _error(path, f"{where}: atteso true o false, trovato {value!r}")
        return value
    if key in _INTS:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _error(path, f"{where}: atteso un numero intero, trovato {value!r}")
        if key == "text_width" and value not in TEXT_WIDTHS:
            raise _error(path, f"{where}: deve essere 80 o 132, trovato {value}")
        if key == "page_length" and not 20 <= value <= 200:
            raise _error(path, f"{where}: righe per pagina tra 20 e 200, trovato {value}")
        if key == "font_size" and not 6 <= value <= 14:
            raise _error(path, f"{where}: corpo del carattere tra 6 e 14, trovato {value}")
        return value
    if key in _STRS:
        if not isinstance(value, str):
            raise _error(path, f"{where}: atteso un testo tra virgolette, trovato {value!r}")
        if key == "language" and value not in LANGUAGES:
            raise _error(path, f"{where}: lingua '{value}' non prevista "
                               f"(ammesse: {', '.join(LANGUAGES)})")
        if key in ("group_by", "sort_by") and value not in GROUPINGS:
            raise _error(path, f"{where}: '{value}' non previsto (ammessi: \"\", "
                               f"{', '.join(g for g in GROUPINGS if g)})")
        if key == "logo":
            if not value:
                return None
            logo = Path(value).expanduser()
            return logo if logo.is_absolute() else path.parent / logo
        return value
    if key == "columns":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise _error(path, f"{where}: attesa una lista di nomi di colonna")
        unknown = [v for v in value if v not in COLUMNS]
        if unknown:
            raise _error(path, f"{where}: colonna sconosciuta '{unknown[0]}' "
                               f"(ammesse: {', '.join(COLUMNS)})")
        if "description" not in value:
            raise _error(path, f"{where}: la colonna 'description' è obbligatoria")
        return list(value)
    raise AssertionError(key)  # pragma: no cover - every key is typed above


def _unknown(path: Path, key: str):
    raise _error(path, f"chiave sconosciuta '{key}' (ammesse: {', '.join(sorted(_KEYS))})")


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise _error(path, f"TOML non valido: {exc}") from None
    except OSError as exc:
        raise _error(path, f"non leggibile: {exc.strerror or exc}") from None


def _find(relative: str, directories: list[Path]) -> Path | None:
    for directory in directories:
        candidate = Path(directory) / relative
        if candidate.is_file():
            return candidate
    return None


def _known_kinds(directories: list[Path]) -> set[str]:
    kinds = set(KINDS)
    for directory in directories:
        if Path(directory).is_dir():
            kinds.update(p.stem for p in Path(directory).glob("*.toml") if p.stem != "default")
    return kinds


def _apply(values: dict[str, Any], path: Path, data: dict[str, Any],
           kind: str, kinds: set[str] | None) -> None:
    """Top-level keys into `values`; with `kinds`, [kind] tables too (customer files)."""
    for key, value in data.items():
        if isinstance(value, dict):
            if kinds is None:
                raise _error(path, f"sezione [{key}] non prevista: le sezioni per tipo di "
                                   "documento stanno solo nei file customers/<CODICE>.toml")
            if key not in kinds:
                raise _error(path, f"sezione [{key}]: tipo di documento sconosciuto "
                                   f"(ammessi: {', '.join(sorted(kinds))})")
            continue
        values[key] = _check(path, key, value)
    if kinds is not None and isinstance(data.get(kind), dict):
        for key, value in data[kind].items():
            if isinstance(value, dict):
                raise _error(path, f"sezione [{kind}.{key}] non prevista")
            if key not in _KEYS:
                _unknown(path, f"{kind}.{key}")
            values[key] = _check(path, key, value)


_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def load_layout(kind: str, customer_code: str | None, directories: list[Path]) -> PrintLayout:
    """The layout for a document kind and customer, from the layout directories in order."""
    directories = [Path(d) for d in directories]
    if not _SAFE_NAME.match(kind or ""):
        raise LayoutError(f"Layout di stampa: tipo di documento non valido '{kind}'")
    values: dict[str, Any] = {}
    sources: list[Path] = []
    for name in ("default.toml", f"{kind}.toml"):
        path = _find(name, directories)
        if path is not None:
            _apply(values, path, _read(path), kind, None)
            sources.append(path)
    code = (customer_code or "").strip()
    if code and _SAFE_NAME.match(code):
        path = _find(f"customers/{code}.toml", directories)
        if path is not None:
            _apply(values, path, _read(path), kind, _known_kinds(directories))
            sources.append(path)
    return replace(PrintLayout(kind=kind), **values, sources=sources)
