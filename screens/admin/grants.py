"""923 «PERM»: the grants of one operator or group — companies, functions, document
rights, sensitive data — shown and changed in one mask."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult

from gamma import functions
from gamma.access import grantees, grants_form
from gamma.access.forms import GRANTS
from gamma.errors import ValidationError
from screens.base import Plain
from screens.mask_screen import MaskScreen
from screens.registry import opens


@opens(functions.GRANTS)
class GrantsMask(MaskScreen):
    FORM = GRANTS
    KEY_FIELD = "grantee"
    CHROME_LINES = 7  # two more lines: the legend of the document rights

    def __init__(self, record_key: str = "", **kw):
        try:
            record_key = grantees.canonical(record_key) if record_key else ""
        except ValidationError:
            pass  # told when the mask is prepared
        super().__init__(record_key=record_key, **kw)

    def body(self) -> ComposeResult:
        yield from super().body()
        legend = Plain(grants_form.LEGEND, id="legend")
        legend.styles.height = 2
        yield legend

    def exists(self, key: str) -> bool:
        return grantees.exists(key)

    async def after_field(self, field_input) -> bool:
        if field_input.field.name == self.KEY_FIELD and not self.record_key:
            try:
                field_input.value = grantees.canonical(field_input.value)
            except ValidationError as exc:
                self.say(exc.message)
                return False
        return await super().after_field(field_input)

    def heading(self) -> str:
        if not self.record_key:
            return f"{self.FORM.title}: operatore o gruppo:CODICE, poi Invio"
        grantee = grantees.parse(self.record_key)
        article = "dell'" if grantee.operator is not None else "del "
        return (f"{self.FORM.title} {article}{grantee.display()}"
                + (" — sola lettura" if self.read_only else ""))

    def lock_target(self):
        return ("permessi", self.record_key) if self.record_key else None

    def load(self) -> dict[str, Any] | None:
        if not self.record_key:
            return None
        return grants_form.form_values(self.app.ctx, self.record_key)

    def _show_record(self) -> None:
        super()._show_record()
        hidden = grants_form.hidden_documents(self.record_key)
        if hidden:
            self.say(f"Altri {hidden} tipi di documento non mostrati: gestirli con "
                     "gamma operator|group grant")

    def save(self, values: dict[str, Any]) -> str:
        if not self.record_key:
            raise ValidationError("grantee", "indicare l'operatore o il gruppo",
                                  GRANTS.field("grantee").label)
        # A field hidden by a field rule keeps what it had.
        values = {**(self.values or {}), **values, "grantee": self.record_key}
        grantee = grants_form.save_from_form(self.app.ctx, values, self.values)
        article = "l'" if grantee.operator is not None else "il "
        return f"Permessi registrati per {article}{grantee.display()}"
