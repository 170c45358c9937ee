"""931 groups list (Del deletes a group), 932 group mask."""

from __future__ import annotations

from typing import Any

from gamma import functions
from gamma.access import groups_form, operators
from gamma.access.forms import GROUP
from models import Group
from screens.admin.common import DeletingList, ReadOnlyUnlessAllowed
from screens.mask_screen import MaskScreen
from screens.registry import opens


def _code(key: str) -> str:
    """A group code, also when handed over as gruppo:CODE (from a favourite)."""
    key = (key or "").strip()
    for prefix in ("gruppo:", "group:", "g:"):
        if key.lower().startswith(prefix):
            return key[len(prefix):]
    return key


@opens(functions.GROUP_EDIT)
class GroupMask(ReadOnlyUnlessAllowed, MaskScreen):
    FORM = GROUP
    KEY_FIELD = "code"
    # As a new group is stored: no costs, no margins, prices.

    def __init__(self, record_key: str = "", **kw):
        super().__init__(record_key=_code(record_key), **kw)

    def exists(self, key: str) -> bool:
        return Group.select().where(Group.code == _code(key).lower()).exists()

    def lock_target(self):
        return operators.find_group(self.record_key) if self.record_key else None

    def load(self) -> dict[str, Any] | None:
        if not self.record_key:
            return None
        return groups_form.form_values(groups_form.get(self.app.ctx, self.record_key))

    def save(self, values: dict[str, Any]) -> str:
        group = groups_form.save_from_form(self.app.ctx, values, self.record_key or None)
        return f"Gruppo {group.code} registrato"


@opens(functions.GROUP_LIST)
class GroupList(DeletingList):
    SOURCE = "group"
    EDITOR = GroupMask

    def favourite_params(self) -> dict[str, Any]:
        row = self.selected()
        return {"record_key": f"gruppo:{row['code']}"} if row else {}

    def delete_question(self, row: dict[str, Any]) -> str:
        return (f"Eliminare il gruppo {row['code']} con i suoi permessi? I suoi operatori "
                "ne escono")

    def delete_row(self, row: dict[str, Any]) -> str:
        groups_form.delete_group(self.app.ctx, row["code"])
        return f"Gruppo {row['code']} eliminato"
