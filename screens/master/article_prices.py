"""Sub-masks of the article mask (122): F6 the 8 price lists in force on a day, F7 the
barcodes, F8 the descriptions in other languages. The article mask holds the article's lock while they are open."""

from __future__ import annotations

from typing import Any

from gamma import functions
from gamma.master import article_barcodes, article_prices, article_relations, articles
from gamma.master.article_form import BARCODES, PRICES, TEXTS
from screens.mask_screen import MaskScreen


class ArticleSubMask(MaskScreen):
    """A mask about the article named by record_key; no lock or draft of its own."""

    DRAFTS = False
    FUNCTION_CODE = functions.ARTICLE_EDIT.code

    def heading(self) -> str:
        return f"{self.FORM.title} {self.record_key}" + (" — sola lettura" if self.read_only
                                                          else "")

    def article(self):
        return articles.get(self.app.ctx, self.record_key)


class ArticlePricesMask(ArticleSubMask):
    """The 8 lists with price and discounts in force today; a change starts on the day
    typed in «In vigore dal» (a later day: it takes effect then)."""

    FORM = PRICES

    def load(self) -> dict[str, Any] | None:
        return article_prices.form_values(self.app.ctx, self.article())

    def save(self, values: dict[str, Any]) -> str:
        written = article_prices.save_from_form(self.app.ctx, self.record_key, values)
        if not written:
            return "Prezzi invariati"
        lists = ", ".join(str(r.list_number) for r in written)
        day = values["valid_from"].strftime("%d/%m/%Y")
        return f"Prezzi dei listini {lists} registrati dal {day}"


class ArticleBarcodesMask(ArticleSubMask):
    """Up to 8 barcodes: check digits computed when omitted, verified when given."""

    FORM = BARCODES

    def load(self) -> dict[str, Any] | None:
        return article_barcodes.form_values(self.article())

    def save(self, values: dict[str, Any]) -> str:
        codes = article_barcodes.save_from_form(self.app.ctx, self.record_key, values)
        return f"Codici a barre dell'articolo {self.record_key}: {len(codes)}"


class ArticleTextsMask(ArticleSubMask):
    """Up to 5 descriptions in other languages (an empty row removes a language)."""

    FORM = TEXTS

    def load(self) -> dict[str, Any] | None:
        return article_relations.texts_form_values(self.article())

    def save(self, values: dict[str, Any]) -> str:
        rows = article_relations.save_texts(self.app.ctx, self.record_key, values)
        return f"Descrizioni in lingua dell'articolo {self.record_key}: {len(rows)}"
