"""921 operators list, 922 operator mask."""

from __future__ import annotations

from typing import Any

from gamma import functions
from gamma.access import operator_removal, operators
from gamma.access.forms import OPERATOR
from models import Operator
from screens.admin.common import DeletingList
from screens.mask_screen import MaskScreen
from screens.registry import opens


@opens(functions.OPERATOR_EDIT)
class OperatorMask(MaskScreen):
    FORM = OPERATOR
    KEY_FIELD = "login"

    def exists(self, key: str) -> bool:
        return Operator.select().where(Operator.login == key.lower()).exists()

    def lock_target(self):
        return operators.find(self.record_key) if self.record_key else None

    def load(self) -> dict[str, Any] | None:
        if not self.record_key:
            return None
        return operators.form_values(operators.get(self.app.ctx, self.record_key))

    def save(self, values: dict[str, Any]) -> str:
        operator = operators.save_from_form(self.app.ctx, values,
                                            self.record_key or None)
        return f"Operatore {operator.display} registrato"


@opens(functions.OPERATOR_LIST)
class OperatorList(DeletingList):
    SOURCE = "operator"
    EDITOR = OperatorMask

    def delete_question(self, row: dict[str, Any]) -> str:
        return (f"Eliminare l'operatore {row['login'].upper()} con i suoi permessi? (Per "
                "sospenderlo basta Attivo N)")

    def delete_row(self, row: dict[str, Any]) -> str:
        operator_removal.delete_operator(self.app.ctx, row["login"])
        return f"Operatore {row['login'].upper()} eliminato"
