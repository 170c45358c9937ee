"""451 recurring order templates: the list (Enter changes, Ins adds, Del removes one that
never generated an order, after asking), the template mask (F10 registers it, F6 its
lines) and the lines page (a line added, changed or removed with F10, the lines shown
under the mask)."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding

from gamma import functions
from gamma.recurring import recurring_forms, templates
from models import RecurringTemplate
from screens.admin.common import DeletingList
from screens.kits import KitPage, keys
from screens.mask_screen import MaskScreen
from screens.registry import opens


class TemplateLines(KitPage):
    """The lines of one template: the mask on top, the lines under it."""

    FORM = recurring_forms.LINES
    ANSWER = staticmethod(recurring_forms.line_texts)
    BINDINGS = keys("Registra")

    def __init__(self, template: str = "", **kwargs):
        super().__init__(**kwargs)
        self.FUNCTION_CODE = functions.RECURRING_TEMPLATES.code
        self.template = template

    def on_mount(self) -> None:
        self.query_one("#title").update(f"Righe del modello {self.template}".strip())
        self.start_mask(None, {"template": self.template} if self.template else None)
        if self.template:  # opened for one template: it stays that one
            self.mask.set_read_only("template")
            self.mask.focus_field("position")
            self.call_after_refresh(self.action_run)


class TemplateMask(MaskScreen):
    FORM = recurring_forms.TEMPLATE
    FUNCTION_CODE = functions.RECURRING_TEMPLATES.code
    KEY_FIELD = "code"
    BINDINGS = [Binding("f6", "lines", "Righe")]

    def heading(self) -> str:
        if not self.record_key:
            return "Nuovo modello ordine ricorrente"
        return super().heading()

    async def action_lines(self) -> None:
        """The template's lines (once the template is registered)."""
        if not self.record_key:
            self.say("Righe: confermare prima il modello (F10), poi riaprirlo")
            return
        await self.app.open_screen(TemplateLines(self.record_key.upper()))

    def exists(self, key: str) -> bool:
        company = self.app.ctx.company
        return company is not None and RecurringTemplate.select().where(
            RecurringTemplate.company == company,
            RecurringTemplate.code == key.strip().upper()).exists()

    def lock_target(self):
        return templates.find(self.app.ctx, self.record_key) if self.record_key else None

    def load(self) -> dict[str, Any] | None:
        if not self.record_key:
            return None
        return recurring_forms.form_values(templates.get(self.app.ctx, self.record_key))

    def save(self, values: dict[str, Any]) -> str:
        template = templates.save_header(self.app.ctx, values, self.record_key or None)
        count = len(templates.lines_of(template))
        return (f"Modello {template.code} registrato" + (
            f" ({count} righe)" if count else ": F6 dalla lista per le righe"))[:80]


@opens(functions.RECURRING_TEMPLATES)
class TemplateList(DeletingList):
    SOURCE = "recurring_template"
    EDITOR = TemplateMask
    TITLE_TEXT = "Modelli ordini ricorrenti — Invio modifica, Ins nuovo, F6 righe"
    BINDINGS = [Binding("f6", "lines", "Righe")]

    async def action_lines(self) -> None:
        row = self.selected()
        if row is not None:
            await self.app.open_screen(TemplateLines(row["code"]))

    def delete_question(self, row: dict[str, Any]) -> str:
        return f"Eliminare il modello {row['code']} ({row['customer']})?"

    def delete_row(self, row: dict[str, Any]) -> str:
        templates.delete(self.app.ctx, row["code"])
        return f"Modello {row['code']} eliminato"
