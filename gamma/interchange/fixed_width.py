"""Fixed-width ASCII records (tracciati record): each field at a start column, with a
length, a type, decimals, alignment and padding, as banks and old systems exchange them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from gamma.errors import ValidationError

TYPES = ("text", "number", "date")


@dataclass(frozen=True)
class LayoutField:
    name: str
    start: int  # 1-based column
    length: int
    type: str = "text"
    decimals: int = 0  # implied decimals of a number: 000012345 with 2 → 123,45
    align: str = ""  # "left" or "right"; default left for text, right for numbers
    pad: str = ""  # default " " for text, "0" for numbers
    date_format: str = "%d%m%Y"

    def __post_init__(self):
        if self.type not in TYPES:
            raise ValidationError("type", f"tipo {self.type!r} sconosciuto (ammessi: "
                                  f"{', '.join(TYPES)})", f"Campo {self.name}")
        if self.start < 1 or self.length < 1:
            raise ValidationError("start", "inizio e lunghezza devono essere positivi",
                                  f"Campo {self.name}")

    @property
    def alignment(self) -> str:
        return self.align or ("right" if self.type == "number" else "left")

    @property
    def padding(self) -> str:
        return self.pad or ("0" if self.type == "number" else " ")


@dataclass(frozen=True)
class Layout:
    name: str
    fields: tuple[LayoutField, ...]

    def __post_init__(self):
        taken: dict[int, str] = {}
        for f in self.fields:
            for column in range(f.start, f.start + f.length):
                if column in taken:
                    raise ValidationError("fields", f"i campi {taken[column]} e {f.name} si "
                                          f"sovrappongono alla colonna {column}",
                                          f"Tracciato {self.name}")
                taken[column] = f.name

    @property
    def width(self) -> int:
        return max((f.start + f.length - 1 for f in self.fields), default=0)

    def format(self, row: dict[str, Any]) -> str:
        line = [" "] * self.width
        for f in self.fields:
            text = _render(f, row.get(f.name))
            line[f.start - 1:f.start - 1 + f.length] = list(text)
        return "".join(line)

    def parse(self, line: str, number: int) -> dict[str, str]:
        """The fields of a record as text (numbers with the Italian comma, dates
        dd/mm/yyyy), ready for the same checks as typed values."""
        if len(line.rstrip("\r\n")) < self.width:
            line = line.rstrip("\r\n").ljust(self.width)
        return {f.name: _read(f, line[f.start - 1:f.start - 1 + f.length], number)
                for f in self.fields}


def _render(f: LayoutField, value: Any) -> str:
    if value is None or value == "":
        text = ""
    elif f.type == "number":
        amount = Decimal(str(value).replace(",", "."))
        scaled = (amount * (Decimal(10) ** f.decimals)).quantize(Decimal(1), ROUND_HALF_UP)
        text = str(abs(scaled))
        if scaled < 0:
            text = "-" + text.rjust(f.length - 1, f.padding)
    elif f.type == "date":
        text = value.strftime(f.date_format) if isinstance(value, date) else str(value)
    else:
        text = str(value)
    if len(text) > f.length:
        raise ValidationError(f.name, f"valore di {len(text)} caratteri in un campo di "
                              f"{f.length}", f.name)
    return text.rjust(f.length, f.padding) if f.alignment == "right" else \
        text.ljust(f.length, f.padding)


def _read(f: LayoutField, raw: str, number: int) -> str:
    if f.type == "number":
        digits = raw.strip().lstrip(f.padding if f.padding != " " else "") or "0"
        try:
            value = Decimal(digits) / (Decimal(10) ** f.decimals)
        except InvalidOperation:
            raise ValidationError(f.name, f"riga {number}: numero non valido {raw!r}",
                                  f.name) from None
        return format(value.quantize(Decimal(1).scaleb(-f.decimals)), "f").replace(".", ",")
    if f.type == "date":
        text = raw.strip()
        if not text.strip("0"):
            return ""
        from datetime import datetime
        try:
            return datetime.strptime(text, f.date_format).strftime("%d/%m/%Y")
        except ValueError:
            raise ValidationError(f.name, f"riga {number}: data non valida {raw!r}",
                                  f.name) from None
    return raw.strip() if f.alignment == "left" else raw.strip(f.padding + " ")
