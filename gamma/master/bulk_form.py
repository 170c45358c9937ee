"""The bulk-change mask (141): the archive, the selection (code range and one field's
codes), and the change (a field set to a value, and/or a price list + % or amount rounded
to a step from a day). `request` turns its values into a selection and changes."""

from __future__ import annotations

from typing import Any

from gamma import forms
from gamma.errors import ValidationError
from gamma.forms import FieldDef, Form
from gamma.master.bulk import FieldSet, PriceChange
from gamma.master.bulk_select import Selection

ARCHIVES = (("A", "Articoli"), ("P", "Anagrafiche"))

BULK = forms.register(Form("bulk", "Variazioni in blocco", (
    FieldDef("archive", "Archivio (A/P)", "choice", 11, required=True, choices=ARCHIVES,
             default="A"),
    FieldDef("code_from", "Dal codice", "code", 20, upper=True),
    FieldDef("code_to", "Al codice", "code", 20, upper=True),
    FieldDef("select_field", "Seleziona per campo", "text", 20,
             help="family, subfamily, group, supplier, zone, area, agent…"),
    FieldDef("select_values", "Codici (a, b, c)", "code", 50, upper=True),
    FieldDef("set_field", "Campo da variare", "text", 20,
             help="il nome del campo nella maschera: payment_term, family, obsolete…"),
    FieldDef("set_value", "Nuovo valore", "text", 50),
    FieldDef("list_number", "Listino (1-8)", "integer", 1),
    FieldDef("percent", "Variazione %", "decimal", 10, decimals=3),
    FieldDef("amount", "Variazione importo", "decimal", 16, decimals=6),
    FieldDef("step", "Arrotondamento a", "decimal", 12, decimals=6),
    FieldDef("valid_from", "In vigore dal", "date", 10),
)))


def request(values: dict[str, Any]) -> tuple[str, Selection, list]:
    """(archive A/P, selection, changes) from the mask's values."""
    archive = values.get("archive") or "A"
    selection = Selection(code_from=values.get("code_from") or "",
                          code_to=values.get("code_to") or "")
    name = (values.get("select_field") or "").strip().lower()
    codes = values.get("select_values") or ""
    if name and not codes.strip():
        raise ValidationError("select_values", "indicare almeno un codice",
                              BULK.field("select_values").label)
    if codes.strip() and not name:
        raise ValidationError("select_field", "indicare il campo dei codici",
                              BULK.field("select_field").label)
    if name:
        selection.add(name, codes)
    changes: list = []
    set_field = (values.get("set_field") or "").strip().lower()
    if set_field:
        changes.append(FieldSet(set_field, values.get("set_value") or ""))
    price = any(values.get(k) is not None for k in ("list_number", "percent", "amount"))
    if price:
        if archive != "A":
            raise ValidationError("list_number", "i prezzi si variano sugli articoli",
                                  BULK.field("list_number").label)
        if values.get("list_number") is None:
            raise ValidationError("list_number", "indicare il listino",
                                  BULK.field("list_number").label)
        changes.append(PriceChange(values["list_number"], percent=values.get("percent"),
                                   amount=values.get("amount"), step=values.get("step"),
                                   valid_from=values.get("valid_from")))
    return archive, selection, changes
