"""Form definitions of the administration masks (the TUI shows them, field rules name
their fields, services validate with them)."""

from __future__ import annotations

from gamma import forms
from gamma.forms import FieldDef, Form

INHERIT = (("", "dai gruppi"), ("S", "sì"), ("N", "no"))

OPERATOR = forms.register(Form("operator", "Operatore", (
    FieldDef("login", "Codice operatore", "code", 20, required=True, lookup="operator"),
    FieldDef("name", "Nome", "text", 40),
    FieldDef("password", "Password (nuovo)", "password", 30),
    FieldDef("is_admin", "Amministratore S/N", "bool", 1),
    FieldDef("active", "Attivo S/N", "bool", 1),
    FieldDef("audit_enabled", "Registro attività S/N", "bool", 1),
    FieldDef("see_costs", "Vede i costi", "choice", 1, choices=INHERIT, upper=True),
    FieldDef("see_margins", "Vede i margini", "choice", 1, choices=INHERIT, upper=True),
    FieldDef("see_prices", "Vede i prezzi", "choice", 1, choices=INHERIT, upper=True),
    FieldDef("groups", "Gruppi (a,b,...)", "text", 40, lookup="group"),
)))
