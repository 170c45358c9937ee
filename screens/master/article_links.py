"""The articles linked to an article (alternative, substitute, competitor): a list opened
from the article mask (122); Ins adds one (F2 looks the article up), Del removes a link
after asking. The article mask holds the article's lock while they are open."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding

from gamma import functions
from gamma.master import article_relations as relations
from gamma.master.article_form import ARTICLE_LINK, LINK_KIND_OF_CHOICE
from screens.mask_screen import MaskScreen
from screens.master.article_codes import ArticleSubList


class ArticleLinkMask(MaskScreen):
    """A new link: the other article and the kind of link."""

    FORM = ARTICLE_LINK
    FUNCTION_CODE = functions.ARTICLE_EDIT.code
    DRAFTS = False

    def __init__(self, article_code: str = "", **kwargs):
        super().__init__(**kwargs)
        self.article_code = article_code

    def heading(self) -> str:
        return f"Nuovo articolo collegato a {self.article_code}"

    def save(self, values: dict[str, Any]) -> str:
        row = relations.link(self.app.ctx, self.article_code, values["other"],
                             LINK_KIND_OF_CHOICE[values["link_kind"]])
        kind = relations.LINK_KINDS[row.kind]
        return f"Articolo {row.other.code} collegato come {kind}"


class ArticleLinkList(ArticleSubList):
    SOURCE = "article_link"
    HEADING = "Articoli collegati a"
    BINDINGS = [Binding("enter", "open", "Vedi"), Binding("delete", "delete", "Elimina")]

    async def action_open(self) -> None:
        row = self.selected()
        if row is not None:
            self.say(f"{row['code']} «{row['description']}»: {row['kind_label']} di "
                     f"{self.article_code}")

    async def action_new(self) -> None:
        if self.writable():
            await self.app.open_screen(ArticleLinkMask(self.article_code))

    def delete_question(self, row: dict[str, Any]) -> str:
        return f"Eliminare il collegamento {row['kind_label']} con {row['code']}?"

    def delete_row(self, row: dict[str, Any]) -> str:
        relations.unlink(self.app.ctx, self.article_code, row["code"], row["kind"])
        return f"Collegamento con {row['code']} eliminato"
