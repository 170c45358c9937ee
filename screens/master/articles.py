"""121 articles list, 122 article mask (pages: the form is long; F2 on coded fields)."""

from __future__ import annotations

import dataclasses
from typing import Any

from textual.binding import Binding
from textual.widgets import Footer

from gamma import functions
from gamma.master import article_barcodes, articles
from gamma.master.article_common import normalize_code, unseen_fields
from gamma.master.article_form import ARTICLE
from models.article import Article
from screens.admin.common import DeletingList
from screens.master.article_codes import ArticleCodeList
from screens.master.article_links import ArticleLinkList
from screens.master.article_prices import (ArticleBarcodesMask, ArticlePricesMask,
                                           ArticleTextsMask)
from screens.mask.mask import LABEL_WIDTH, Mask
from screens.mask_screen import MaskScreen
from screens.registry import opens


@opens(functions.ARTICLE_EDIT)
class ArticleMask(MaskScreen):
    FORM = ARTICLE
    KEY_FIELD = "code"
    # F9, and F2 and Esc that every mask has, stay (listed by F1) but leave the footer to
    # the sub-masks and lists; with the footer compact they fit 80 columns.
    BINDINGS = [Binding("f9", "app.favourites", "Preferiti", show=False),
                Binding("f2", "lookup", "Ricerca", show=False),
                Binding("escape", "leave", "Esci", show=False),
                Binding("f6", "prices", "Prezzi"), Binding("f7", "barcodes", "Barre"),
                Binding("f8", "texts", "Lingue"), Binding("f11", "party_codes", "Cod.cli/for"),
                Binding("f12", "links", "Collegati")]

    def on_mount(self) -> None:
        self.query_one(Footer).compact = True

    def make_mask(self) -> Mask:
        """Long fields (description 72, long text) scroll inside what fits at 80 columns;
        costs and prices the operator may not see are left out."""
        mask = super().make_mask()
        room = max(10, self.app.size.width - LABEL_WIDTH - 2)
        unseen = unseen_fields(self.app.ctx)  # costs and prices: sensitive data
        mask.placed = [dataclasses.replace(p, width=min(p.width, room)) for p in mask.placed
                       if p.field.name not in unseen]
        return mask

    async def _sub(self, screen_class) -> None:
        if not self.record_key:
            self.say("Confermare prima l'articolo (F10), poi riaprirlo")
            return
        await self.app.open_screen(screen_class(record_key=self.record_key,
                                                read_only=self.read_only))

    async def action_prices(self) -> None:
        """F6: the 8 price lists in force today; changes start on the chosen day."""
        await self._sub(ArticlePricesMask)

    async def action_barcodes(self) -> None:
        """F7: the article's barcodes."""
        await self._sub(ArticleBarcodesMask)

    async def action_texts(self) -> None:
        """F8: descriptions in other languages."""
        await self._sub(ArticleTextsMask)

    async def action_party_codes(self) -> None:
        """F11: the article's codes at its suppliers and customers."""
        await self._sub(ArticleCodeList)

    async def action_links(self) -> None:
        """F12: alternative, substitute and competitor articles."""
        await self._sub(ArticleLinkList)

    def on_screen_resume(self) -> None:
        """Back from a sub-mask: show the prices and first barcode as now stored, so that
        confirming this mask does not put back what the sub-mask changed."""
        if self.is_mounted and self.record_key:
            stored = articles.form_values(self.app.ctx, articles.get(self.app.ctx,
                                                                     self.record_key))
            self.mask.fill({k: v for k, v in stored.items()
                            if k == "barcode" or k.startswith("price")})

    async def after_field(self, field_input) -> bool:
        """A barcode scanned (or typed) in the code field opens its article."""
        if (field_input.field.name == self.KEY_FIELD and not self.record_key
                and field_input.value.strip() and not self.exists(field_input.value)):
            found = article_barcodes.decode(self.app.ctx, field_input.value)
            if found is not None:
                field_input.value = found.article.code
                await self.load_found(found.article.code)
                return False
        return await super().after_field(field_input)

    def _code(self, key: str) -> str:
        return normalize_code(self.app.ctx, key)

    def exists(self, key: str) -> bool:
        return Article.select().where(Article.company == self.app.ctx.company,
                                      Article.code == self._code(key)).exists()

    def lock_target(self):
        return articles.get(self.app.ctx, self.record_key) if self.record_key else None

    def load(self) -> dict[str, Any] | None:
        if not self.record_key:
            return None
        ctx = self.app.ctx
        return articles.form_values(ctx, articles.get(ctx, self.record_key))

    def save(self, values: dict[str, Any]) -> str:
        article = articles.save_from_form(self.app.ctx, values, self.record_key or None)
        return f"Articolo {article.code} «{article.description}» registrato"


@opens(functions.ARTICLE_LIST)
class ArticleList(DeletingList):
    SOURCE = "article"
    EDITOR = ArticleMask

    def delete_question(self, row: dict[str, Any]) -> str:
        return (f"Eliminare l'articolo {row['code']} con prezzi e codici a barre? (Per "
                "non usarlo più basta Obsoleto S)")

    def delete_row(self, row: dict[str, Any]) -> str:
        articles.delete(self.app.ctx, row["code"])
        return f"Articolo {row['code']} eliminato"
