"""The data check (controllo dati) of recurring orders before they are generated and
passed to production or shipping: per template, what would stop its order (an error)
and what the operator should know (a warning).

Errors: the customer deactivated or with sales blocked; an article deactivated or
obsolete; a line with no price in the list (and no fixed price); the credit limit
exceeded when `sales.credit_check` is `block`. Warnings: the stock available short of
the quantities (counted across the templates checked together, in order); the credit
limit exceeded otherwise; a customer with destinations and a template naming none.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from gamma.context import Context
from gamma.master import tables
from gamma.recurring import templates
from gamma.sales import credit, pricing, stock
from gamma.sales.lines import amount_of
from models import Destination, RecurringLine, RecurringTemplate

ERROR, WARNING = "errore", "avviso"
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Problem:
    template: str  # the template's code
    level: str  # errore, avviso
    message: str

    @property
    def blocking(self) -> bool:
        return self.level == ERROR

    def as_dict(self) -> dict:
        return {"template": self.template, "level": self.level, "message": self.message}

    def __str__(self) -> str:
        return f"{self.template}: {self.level} - {self.message}"


class Checker:
    """Checks templates for one day; the stock each takes is counted for the next."""

    def __init__(self, ctx: Context, day: date):
        self.ctx, self.day = ctx, day
        self.depot = tables.find(ctx, "depot", ctx.settings.sales.depot)
        self.taken: dict[int, Decimal] = defaultdict(Decimal)
        # A customer's templates (one per destination) share articles: priced once.
        self.quotes: dict[tuple, tuple[Decimal | None, str]] = {}

    def check(self, template: RecurringTemplate,
              lines: list[RecurringLine] | None = None) -> list[Problem]:
        out: list[Problem] = []

        def say(level: str, message: str) -> None:
            out.append(Problem(template.code, level, message))

        party = template.party
        if not party.active:
            say(ERROR, f"cliente {party.code} disattivato")
        elif party.sales_block:
            say(ERROR, f"cliente {party.code} bloccato"
                + (f": {party.block_reason}" if party.block_reason else ""))
        if template.destination_id is None and Destination.select().where(
                Destination.party == party).exists():
            say(WARNING, f"nessuna destinazione indicata: il cliente {party.code} ne ha; "
                "si consegna alla sede")
        if lines is None:
            lines = templates.lines_of(template)
        if not lines:
            say(ERROR, "il modello non ha righe")
        levels = stock.levels(self.ctx, [line.article_id for line in lines], self.depot.id)
        estimate = Decimal(0)
        for line in lines:
            article = line.article
            where = f"riga {line.position}, articolo {article.code}"
            if not article.active:
                say(ERROR, f"{where} disattivato")
            elif article.obsolete:
                say(ERROR, f"{where} obsoleto")
            price, chain = self._price(template, line)
            if price is None:
                say(ERROR, f"{where}: nessun prezzo nel listino {self._list(template)}")
            else:
                amount = amount_of(line.qty, price, chain)
                rate = article.vat_code.rate if article.vat_code_id else Decimal(22)
                estimate += amount + (amount * rate / 100).quantize(CENT, ROUND_HALF_UP)
            level = levels.get(article.id)
            available = (level.available if level else Decimal(0)) - self.taken[article.id]
            if line.qty > available:
                say(WARNING, f"{where}: disponibili {qty_text(available)}, richiesti {qty_text(line.qty)}")
            self.taken[article.id] += line.qty
        self._credit(party, estimate, say)
        return out

    def _list(self, template: RecurringTemplate) -> int:
        return template.price_list or template.party.price_list or 1

    def _price(self, template, line) -> tuple[Decimal | None, str]:
        if line.price is not None:
            return line.price, ""
        key = (line.article_id, line.qty, template.party_id, template.price_list)
        if key not in self.quotes:
            quote = pricing.quote(self.ctx, pricing.Sale(
                article=line.article, qty=line.qty, day=self.day, party=template.party,
                price_list=template.price_list))
            self.quotes[key] = (quote.price, quote.discounts)
        return self.quotes[key]

    def _credit(self, party, estimate: Decimal, say) -> None:
        mode = self.ctx.settings.sales.credit_check
        if mode == "off" or party.credit_limit is None:
            return
        exposure = credit.exposure(self.ctx, party)
        after = exposure.total + estimate
        if after > party.credit_limit:
            say(ERROR if mode == "block" else WARNING,
                f"fido del cliente {party.code} {party.credit_limit:f} superato "
                f"(esposizione {exposure.total:f} + ordine {estimate:f} = {after:f})")


def qty_text(value: Decimal) -> str:
    """A quantity as plain digits: 6, 2.5 (no trailing zeros)."""
    return format(value.normalize(), "f") if value else "0"


def check_all(ctx: Context, day: date, due: list[RecurringTemplate],
              lines: dict[int, list[RecurringLine]] | None = None) -> list[Problem]:
    """The problems of the templates, in their order (`lines` by template id, when read
    already)."""
    checker = Checker(ctx, day)
    if lines is None:
        lines = templates.lines_by_template([t.id for t in due])
    return [p for template in due for p in checker.check(template, lines.get(template.id,
                                                                            []))]
