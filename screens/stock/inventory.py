"""322 the physical inventory: a count started (or taken up by its number), a batch
barcode reader's file read into it, an article counted by hand, the adjustments applied;
after F10 the count's articles with counted, book quantity and adjustment."""

from __future__ import annotations

from gamma import functions
from gamma.stock import valuation_forms
from screens.registry import opens
from screens.stock.query import StockQuery


@opens(functions.STOCK_COUNT)
class InventoryCount(StockQuery):
    FORM = valuation_forms.COUNT

    def lines(self, values: dict) -> list[str]:
        count_id, lines = valuation_forms.count_lines(self.ctx, values)
        # The next F10 goes on with the same count: the file and the article just done
        # are cleared so that they are not counted twice.
        self.mask.fill({"count": str(count_id), "path": "", "article": "", "qty": "",
                        "apply": "N"}, as_text=True)
        return lines
