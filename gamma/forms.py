"""Form definitions: the fields an entry mask is built from, the same for the TUI, the
CLI and the field rules.

A form names its fields once (name, kind, label, width, required, choices, lookup,
validator); the terminal lays them out, the services validate with them. Values travel
as Python values (str, int, Decimal, date, bool); `parse` turns typed text into a value
and raises ValidationError naming the field and the rule; `show` turns a value back
into what the operator reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field as dc_field
from datetime import date
from decimal import Decimal
from typing import Any, Callable

from gamma import dates, numbers
from gamma.errors import NotFound, ValidationError

KINDS = ("text", "integer", "decimal", "date", "code", "choice", "bool", "password")

YES = ("s", "si", "sì", "y", "yes", "1", "x", "true")
NO = ("n", "no", "0", "false", "")


@dataclass(frozen=True)
class FieldDef:
    name: str
    label: str
    kind: str = "text"
    width: int = 20
    required: bool = False
    decimals: int = 2
    choices: tuple[tuple[str, str], ...] = ()  # (value, label)
    lookup: str | None = None  # name of a lookup source (gamma.lookups)
    upper: bool = False
    default: str = ""  # as typed, shown on a new record (field rules may override it)
    many: bool = False  # a comma-separated list of codes: the lookup completes the last one
    # Called with the parsed value; raises ValidationError. Services' own checks.
    validator: Callable[[Any], None] | None = dc_field(default=None, compare=False)
    help: str = ""

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"field {self.name}: unknown kind {self.kind}")

    @property
    def max_length(self) -> int:
        return self.width

    def parse(self, text: str, today: date) -> Any:
        """The value meant by the typed text; ValidationError naming the field when wrong."""
        text = (text or "").strip()
        name, label = self.name, self.label
        if self.kind == "integer":
            value = numbers.parse_integer(text, name, label)
        elif self.kind == "decimal":
            value = numbers.parse_decimal(text, self.decimals, name, label)
        elif self.kind == "date":
            value = dates.parse_date(text, today, name, label)
        elif self.kind == "bool":
            if text.lower() not in YES + NO:
                raise ValidationError(name, "rispondere S o N", label)
            value = text.lower() in YES
        elif self.kind == "choice":
            value = self._choice(text) if text else None
        else:
            value = text.upper() if self.upper else text
            if len(value) > self.width:
                raise ValidationError(name, f"al massimo {self.width} caratteri", label)
            value = value or None
        if value is None:
            if self.required:
                raise ValidationError(name, "campo obbligatorio", label)
            return False if self.kind == "bool" else None
        if self.validator is not None:
            self.validator(value)
        return value

    def _choice(self, text: str) -> str:
        lowered = text.lower()
        for value, label in self.choices:
            if lowered in (value.lower(), label.lower()):
                return value
        matches = [v for v, lab in self.choices if lab.lower().startswith(lowered)]
        if len(matches) == 1:
            return matches[0]
        allowed = ", ".join(v for v, _ in self.choices)
        raise ValidationError(self.name, f"valore non ammesso (ammessi: {allowed})", self.label)

    def show(self, value: Any) -> str:
        """The value as the operator reads and edits it."""
        if value is None:
            return ""
        if self.kind == "decimal":
            return numbers.format_decimal(Decimal(value), self.decimals)
        if self.kind == "date":
            return value.strftime("%d/%m/%Y") if isinstance(value, date) else str(value)
        if self.kind == "bool":
            return "S" if value else "N"
        if self.kind == "integer":
            return str(value)
        return str(value)

    def choice_label(self, value: Any) -> str:
        return dict(self.choices).get(value, "")


@dataclass(frozen=True)
class Form:
    name: str  # the form name field rules and user masks refer to
    title: str
    fields: tuple[FieldDef, ...]

    def field(self, name: str) -> FieldDef:
        for f in self.fields:
            if f.name == name:
                return f
        raise NotFound(f"Campo {name!r} inesistente nella maschera {self.name}")

    @property
    def labels(self) -> dict[str, str]:
        return {f.name: f.label for f in self.fields}

    def with_fields(self, fields: tuple[FieldDef, ...]) -> "Form":
        return Form(self.name, self.title, fields)


_FORMS: dict[str, Form] = {}


def register(form: Form) -> Form:
    if form.name in _FORMS and _FORMS[form.name] != form:
        raise ValueError(f"form {form.name} registered twice")
    _FORMS[form.name] = form
    return form


_loaded = False


def _load() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    import gamma.access.forms  # noqa: F401  (registers the administration forms)
    from gamma.discovery import import_all
    import_all("gamma.master")


def get(name: str) -> Form:
    _load()
    try:
        return _FORMS[name]
    except KeyError:
        raise NotFound(f"Maschera {name!r} inesistente") from None


def all_forms() -> list[Form]:
    _load()
    return sorted(_FORMS.values(), key=lambda f: f.name)
