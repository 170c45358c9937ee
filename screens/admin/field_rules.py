"""924 field rules: the list (Enter changes, Ins adds, Del deletes) and the rule mask."""

from __future__ import annotations

from typing import Any

from gamma import functions
from gamma.access import field_rules, grantees, rules_form
from gamma.access.forms import FIELD_RULE
from gamma.errors import ValidationError
from screens.admin.common import DeletingList, lookup_form_field
from screens.mask_screen import MaskScreen
from screens.registry import opens


class FieldRuleMask(MaskScreen):
    """One rule: on which field of which mask, for whom, and what it imposes."""

    FORM = FIELD_RULE
    # A draft is reopened through the function code, which opens the list: none kept.
    DRAFTS = False
    FUNCTION_CODE = functions.FIELD_RULES.code
    IDENTITY = ("form", "field", "grantee")

    def fixed_fields(self) -> set[str]:
        return set(self.IDENTITY) if self.record_key else set()

    def heading(self) -> str:
        return (f"{self.FORM.title} {self.record_key}".strip()
                + (" — sola lettura" if self.read_only else ""))

    def _rule(self):
        return rules_form.get(self.app.ctx, int(self.record_key))

    def lock_target(self):
        return self._rule() if self.record_key else None

    def load(self) -> dict[str, Any] | None:
        return rules_form.form_values(self._rule()) if self.record_key else None

    async def action_lookup(self) -> None:
        if not await lookup_form_field(self):
            await super().action_lookup()

    async def after_field(self, field_input) -> bool:
        name = field_input.field.name
        if name == "grantee" and not self.record_key:
            try:
                field_input.value = grantees.canonical(field_input.value)
            except ValidationError as exc:
                self.say(exc.message)
                return False
        if name == "field" and not self.record_key:
            try:
                rules_form.check_form_field(self.mask.input("form").value.strip(),
                                            field_input.value.strip())
            except ValidationError as exc:
                self.say(exc.message)
                if exc.field == "form":
                    self.mask.focus_field("form")
                return False
        return True

    def save(self, values: dict[str, Any]) -> str:
        if self.record_key:  # what identifies the rule does not change here
            values = {**values, **{k: self.values[k] for k in self.IDENTITY}}
        rule = rules_form.save_from_form(self.app.ctx, values)
        return f"Regola {rule.id} impostata su {rule.form}.{rule.field}"


@opens(functions.FIELD_RULES)
class FieldRuleList(DeletingList):
    SOURCE = "field_rule"
    EDITOR = FieldRuleMask
    TITLE_TEXT = "Regole dei campi (Invio modifica, Ins aggiunge, Canc elimina)"

    def delete_question(self, row: dict[str, Any]) -> str:
        return f"Eliminare la regola {row['id']} su {row['form']}.{row['field']} ({row['for']})?"

    def delete_row(self, row: dict[str, Any]) -> str:
        field_rules.delete_rule(self.app.ctx, int(row["id"]))
        return f"Regola {row['id']} eliminata"

