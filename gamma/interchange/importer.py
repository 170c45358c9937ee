"""Importing rows all-or-nothing, with a report of every rejected row.

Each row is written in a savepoint of one transaction: a bad row is rolled back alone and
reported (row number, field, reason), and the rows after it are still checked, so the
report is complete. At the end the whole file is rolled back if any row was rejected,
unless `partial` asks to keep the valid rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from gamma import db
from gamma.errors import GammaError, ValidationError


@dataclass(frozen=True)
class Rejected:
    row: int  # the row's number in the file (the header is row 1)
    field: str
    reason: str

    def line(self) -> str:
        return f"riga {self.row}: {self.field}: {self.reason}"


@dataclass
class ImportReport:
    read: int = 0
    written: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    partial: bool = False

    @property
    def committed(self) -> bool:
        return not self.rejected or self.partial

    def summary(self) -> str:
        if not self.rejected:
            return f"Importate {self.written} righe su {self.read}"
        if self.partial:
            return (f"Importate {self.written} righe su {self.read}; "
                    f"{len(self.rejected)} scartate")
        return (f"Nessuna riga importata: {len(self.rejected)} righe errate su {self.read} "
                "(usare --partial per importare le altre)")


class _Abandon(Exception):
    """Raised to roll back the whole file after the report is complete."""


def run(rows: Iterable[tuple[int, dict[str, str]]],
        write_row: Callable[[dict[str, str]], Any], partial: bool = False) -> ImportReport:
    """Write every row with `write_row` (which raises GammaError on a bad row)."""
    report = ImportReport(partial=partial)
    try:
        with db.transaction():
            for number, row in rows:
                report.read += 1
                try:
                    with db.transaction():  # a savepoint: a bad row leaves nothing
                        write_row(row)
                    report.written += 1
                except ValidationError as exc:
                    report.rejected.append(Rejected(number, exc.field, exc.rule))
                except GammaError as exc:
                    report.rejected.append(Rejected(number, "-", exc.message))
            if report.rejected and not partial:
                raise _Abandon
    except _Abandon:
        report.written = 0
    return report


def mapped(rows: Iterable[tuple[int, dict[str, str]]], mapping: dict[str, str] | None
           ) -> Iterable[tuple[int, dict[str, str]]]:
    """Rows with the file's column names turned into field names ({column: field});
    unmapped columns are dropped when a mapping is given."""
    if not mapping:
        yield from rows
        return
    for number, row in rows:
        yield number, {mapping[c]: v for c, v in row.items() if c in mapping}
