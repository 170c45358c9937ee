"""The supplier and customer codes of an article: a list opened from the article mask
(122), a small mask per code; Ins adds, Enter changes the description, Del removes after
asking. The article mask holds the article's lock while they are open."""

from __future__ import annotations

from typing import Any

from gamma import functions, lookups
from gamma.master import article_relations as relations
from gamma.master.article_form import PARTY_CODE
from screens.admin.common import DeletingList
from screens.mask_screen import MaskScreen


class ArticleCodeMask(MaskScreen):
    """One party's code of the article; party and code are fixed once stored (to change
    them: delete and add)."""

    FORM = PARTY_CODE
    FUNCTION_CODE = functions.ARTICLE_EDIT.code
    DRAFTS = False  # the same party code repeats across articles: a draft could not name it

    def __init__(self, article_code: str = "", party: str = "", code: str = "", **kwargs):
        super().__init__(record_key=code, **kwargs)
        self.article_code = article_code
        self.party = party

    def heading(self) -> str:
        what = (f"Codice {self.record_key} di {self.party}" if self.record_key
                else "Nuovo codice cliente/fornitore")
        return f"{what} per l'articolo {self.article_code}" + (
            " — sola lettura" if self.read_only else "")

    def fixed_fields(self) -> set[str]:
        return {"party", "party_code"} if self.record_key else set()

    def load(self) -> dict[str, Any] | None:
        if not self.record_key:
            return None
        return relations.party_code_form_values(relations.get_party_code(
            self.app.ctx, self.article_code, self.party, self.record_key))

    def save(self, values: dict[str, Any]) -> str:
        row = relations.set_party_code(self.app.ctx, self.article_code, values["party"],
                                       values["party_code"], values.get("description") or "")
        return f"Codice {row.code} di {row.party.code} registrato"


class ArticleSubList(DeletingList):
    """A list about the article named by record_key (the filter `article` of its source);
    read-only, as its article mask, when another session holds the article."""

    FUNCTION_CODE = functions.ARTICLE_EDIT.code
    HEADING = ""

    def __init__(self, record_key: str = "", read_only: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.article_code = record_key
        self.read_only = read_only
        self.TITLE_TEXT = f"{self.HEADING} {record_key}" + (" — sola lettura" if read_only
                                                            else "")

    def view(self) -> lookups.View:
        base = super().view()
        return lookups.View(base.name, base.columns, {**base.filters,
                                                      "article": self.article_code})

    def writable(self) -> bool:
        if self.read_only:
            self.say("Sola lettura: articolo in uso da un'altra sessione")
        return not self.read_only

    async def action_delete(self) -> None:
        if self.writable():
            await super().action_delete()


class ArticleCodeList(ArticleSubList):
    SOURCE = "article_party_code"
    HEADING = "Codici clienti/fornitori dell'articolo"

    def _mask(self, row: dict[str, Any] | None = None) -> ArticleCodeMask:
        if row is None:
            return ArticleCodeMask(self.article_code)
        return ArticleCodeMask(self.article_code, row["party"], row["party_code"],
                               read_only=self.read_only)

    async def action_open(self) -> None:
        row = self.selected()
        if row is not None:
            await self.app.open_screen(self._mask(row))

    async def action_new(self) -> None:
        if self.writable():
            await self.app.open_screen(self._mask())

    def delete_question(self, row: dict[str, Any]) -> str:
        return f"Eliminare il codice {row['party_code']} di {row['party']}?"

    def delete_row(self, row: dict[str, Any]) -> str:
        relations.remove_party_code(self.app.ctx, self.article_code, row["party"],
                                    row["party_code"])
        return f"Codice {row['party_code']} di {row['party']} eliminato"
