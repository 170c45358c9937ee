"""911 companies list, 912 company mask."""

from __future__ import annotations

from typing import Any

from gamma import companies, companies_form, functions
from models import Company
from screens.admin.common import ReadOnlyUnlessAllowed
from screens.list_screen import ListScreen
from screens.mask_screen import MaskScreen
from screens.registry import opens


def _code(key: str) -> int | None:
    key = (key or "").strip()
    return int(key) if key.isdigit() else None


@opens(functions.COMPANY_EDIT)
class CompanyMask(ReadOnlyUnlessAllowed, MaskScreen):
    FORM = companies_form.COMPANY
    KEY_FIELD = "code"

    def exists(self, key: str) -> bool:
        code = _code(key)
        return code is not None and Company.select().where(Company.code == code).exists()

    def lock_target(self):
        return companies.find(_code(self.record_key)) if self.record_key else None

    def load(self) -> dict[str, Any] | None:
        if not self.record_key:
            return None
        return companies_form.form_values(companies_form.get(self.app.ctx,
                                                             _code(self.record_key)))

    def save(self, values: dict[str, Any]) -> str:
        company = companies_form.save_from_form(self.app.ctx, values,
                                                _code(self.record_key))
        return f"Ditta {company.code} «{company.name}» registrata"


@opens(functions.COMPANY_LIST)
class CompanyList(ListScreen):
    SOURCE = "company_admin"
    EDITOR = CompanyMask
