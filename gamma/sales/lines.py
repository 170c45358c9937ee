"""Document lines from what the operator or a file gave.

A line is one of:
- an article (`article` code, `barcode`, `customer_code` (the customer's own code) or
  `supplier_code` (a supplier's code for it)):
  quantity (or its parts in an entry mode), and price, discounts and VAT code each taken
  from the pricing engine and the article when not given;
- a manual article (`description`, `qty`, `price`, no article): sold but not in stock;
- an amount only (`amount` with a `description`);
- a comment (`comment`, up to 72 characters; longer ones become a text line);
- a long free text (`text`).
Gifts: `gift` "charged" (VAT recharged to the customer) or "free" (VAT not recharged).
An n×m promotion adds a free-gift line for the units it gives away.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from gamma import discounts
from gamma.context import Context
from gamma.errors import NotFound, ValidationError
from gamma.master import tables
from gamma.master.article_barcodes import decode
from gamma.master.article_common import find_article
from gamma.master.article_relations import find_by_party_code
from gamma.sales import quantities, values
from gamma.stock import tracking
from models import Article, Depot, Party, PartyArticleCode, VatCode

CENT = Decimal("0.01")
GIFTS = {"": "", "charged": "Omaggio con rivalsa IVA", "free": "Omaggio senza rivalsa IVA"}
LABELS = {"article": "Articolo", "barcode": "Codice a barre", "customer_code": "Codice cliente",
          "supplier_code": "Codice fornitore",
          "description": "Descrizione", "qty": "Quantità", "price": "Prezzo",
          "discounts": "Sconti", "amount": "Importo", "vat_code": "Codice IVA",
          "gift": "Omaggio", "depot": "Deposito", "comment": "Commento", "text": "Testo",
          "unit": "Unità di misura"}


class LineError(ValidationError):
    """A bad line, named by its number."""

    def __init__(self, number: int, error: ValidationError):
        ValidationError.__init__(self, error.field, error.rule)
        self.message = f"Riga {number}, {error.message}"
        self.args = (self.message,)
        self.number = number


@dataclass
class Resolved:
    rows: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def amount_of(qty: Decimal, price: Decimal, chain: str) -> Decimal:
    """qty × price less the discount chain, rounded half-up to the cent."""
    return (qty * price * discounts.factor(chain)).quantize(CENT, rounding=ROUND_HALF_UP)


class Resolver:
    """Resolves the lines of one document; caches what many lines share."""

    def __init__(self, ctx: Context, doc: dict[str, Any], party: Party | None):
        self.ctx, self.doc, self.party = ctx, doc, party
        self._vat: dict[str, VatCode] = {}
        self._depots: dict[str, Depot] = {}
        self.default_vat = None

    def vat(self, code: str, field_name: str = "vat_code") -> VatCode:
        if code not in self._vat:
            self._vat[code] = tables.find(self.ctx, "vat_code", code, field_name,
                                          LABELS["vat_code"])
        return self._vat[code]

    def depot(self, code: str) -> Depot:
        if code not in self._depots:
            self._depots[code] = tables.find(self.ctx, "depot", code, "depot", LABELS["depot"])
        return self._depots[code]

    def article(self, data: dict[str, Any]) -> tuple[Article | None, Decimal | None]:
        """The article the line names, and a quantity a weight barcode carries."""
        if values.code(data.get("article")):
            code = values.code(data["article"])
            try:
                return find_article(self.ctx, code, "article", LABELS["article"]), None
            except NotFound:
                raise ValidationError("article", f"codice {code} inesistente",
                                      LABELS["article"]) from None
        if data.get("barcode"):
            decoded = decode(self.ctx, str(data["barcode"]).strip())
            if decoded is None:
                raise ValidationError("barcode", f"codice {data['barcode']} sconosciuto",
                                      LABELS["barcode"])
            return decoded.article, decoded.quantity
        if data.get("supplier_code"):
            code = str(data["supplier_code"]).strip()
            found = list(PartyArticleCode.select(PartyArticleCode.article).join(Party)
                         .where(PartyArticleCode.company == self.ctx.company,
                                PartyArticleCode.code == code, Party.is_supplier)
                         .distinct())
            if len(found) != 1:
                raise ValidationError("supplier_code", f"codice {code} " + (
                    "sconosciuto" if not found else "di più articoli: usare il codice interno"),
                    LABELS["supplier_code"])
            return found[0].article, None
        if data.get("customer_code"):
            if self.party is None:
                raise ValidationError("customer_code", "serve il cliente",
                                      LABELS["customer_code"])
            try:
                return find_by_party_code(self.ctx, self.party, str(data["customer_code"])), None
            except NotFound as exc:
                raise ValidationError("customer_code", exc.message,
                                      LABELS["customer_code"]) from None
        return None, None

    def key_for(self, typed: str) -> str:
        """Which line key a code typed in the article field is, in the order `article`
        tries them: our code, a barcode, the customer's own code; unknown → article (the
        line then names it)."""
        if Article.select().where(Article.company == self.ctx.company,
                                  Article.code == typed.strip().upper()).exists():
            return "article"
        if decode(self.ctx, typed.strip()) is not None:
            return "barcode"
        if self.party is not None and PartyArticleCode.select().where(
                PartyArticleCode.party == self.party,
                PartyArticleCode.code == typed.strip()).exists():
            return "customer_code"
        return "article"

    def line_vat(self, data: dict[str, Any], article: Article | None,
                 keeps_vat: bool) -> VatCode:
        code = values.code(data.get("vat_code"))
        vat = self.vat(code) if code else (
            article.vat_code if article is not None and article.vat_code_id else self.vat("22"))
        regime = self.doc["vat_regime"]
        if regime == "intent" and not keeps_vat and not code:
            vat = self.doc["intent_vat_code"]
        elif regime == "reverse_charge" and not vat.nature.startswith("N6"):
            if code:
                raise ValidationError("vat_code", "in inversione contabile serve un codice "
                                      "di natura N6", LABELS["vat_code"])
            vat = self.vat("N6.9")
        return vat

    def resolve(self, lines: list[dict[str, Any]]) -> Resolved:
        from gamma.kits import document_lines as kits  # kits exploded, mix-and-match gifts
        out = Resolved()
        for number, data in kits.expand(self, lines):
            try:
                rows = self._one(data or {}, out)
            except ValidationError as exc:
                raise LineError(number, exc) from None
            out.rows.extend(rows)
        try:
            kits.add_gifts(self, out)
        except ValidationError as exc:
            raise LineError(len(lines), exc) from None
        for position, row in enumerate(out.rows, start=1):
            row["position"] = position
        return out

    def _one(self, data: dict[str, Any], out: Resolved) -> list[dict[str, Any]]:
        if not isinstance(data, dict):
            raise ValidationError("line", "una riga è un oggetto", "Riga")
        if "comment" in data:
            text = values.text(data["comment"], "comment", LABELS["comment"], 4000)
            if len(text) <= 72:
                return [{"line_kind": "comment", "description": text}]
            return [{"line_kind": "text", "long_text": text}]
        if "text" in data:
            return [{"line_kind": "text",
                     "long_text": values.text(data["text"], "text", LABELS["text"], 4000)}]
        gift = values.text(data.get("gift"), "gift", LABELS["gift"], 8).lower()
        if gift not in GIFTS:
            raise ValidationError("gift", "vuoto, charged o free", LABELS["gift"])
        article, scanned_qty = self.article(data)
        keeps_vat = bool(data.get("keeps_vat")) or bool(article and article.keeps_vat)
        row: dict[str, Any] = {"gift": gift, "keeps_vat": keeps_vat,
                               "origin": data.get("origin")}
        if self.doc["kind"] in ("customer_order", "supplier_order"):  # per-line order data
            row["delivery_date"] = values.day(data.get("delivery_date"), "delivery_date",
                                              "Data consegna")
            row["not_to_fulfil"] = bool(data.get("not_to_fulfil"))
        if article is None and "amount" in data and data.get("qty") in (None, ""):
            row.update(line_kind="amount",
                       description=values.text(data.get("description"), "description",
                                               LABELS["description"], 72),
                       amount=values.decimal(data["amount"], 2, "amount", LABELS["amount"],
                                             required=True))
            if not row["description"]:
                raise ValidationError("description", "obbligatoria", LABELS["description"])
        else:
            self._goods(data, row, article, scanned_qty, out)
        vat = self.line_vat(data, article, keeps_vat)
        row["vat_code"] = vat
        row["withholding"] = bool(data.get("withholding", self.doc.get("withholding_rate")
                                           is not None and vat.nature != "N1"))
        rows = [row]
        free = row.pop("_free_qty", None)
        if free:
            rows.append({**row, "qty": free, "gift": "free", "origin": None,
                         "amount": amount_of(free, row["price"], row["discounts"]),
                         "price_source": "Omaggio promozione"})
        return rows

    def _goods(self, data, row, article, scanned_qty, out: Resolved) -> None:
        mode = values.text(data.get("qty_mode"), "qty_mode", "Modo quantità", 12) or "qty"
        if mode != "qty":
            qty, record = quantities.quantity(mode, data, article.pieces_per_package
                                              if article else None)
            row["qty_entry"] = record
        else:
            qty = values.decimal(data.get("qty"), 3, "qty", LABELS["qty"])
            if qty is None:
                qty = scanned_qty if scanned_qty is not None else Decimal("1.000")
        if qty == 0:
            raise ValidationError("qty", "non può essere zero", LABELS["qty"])
        row["qty"] = qty
        price = values.decimal(data.get("price"), 6, "price", LABELS["price"])
        chain = (discounts.chain(data["discounts"], "discounts", LABELS["discounts"])
                 if data.get("discounts") is not None else None)
        if article is None:
            description = values.text(data.get("description"), "description",
                                       LABELS["description"], 72)
            if not description:
                raise ValidationError("article", "indicare un articolo o una descrizione",
                                      LABELS["article"])
            if price is None:
                raise ValidationError("price", "obbligatorio per un articolo manuale",
                                      LABELS["price"])
            row.update(line_kind="manual", description=description, price=price,
                       discounts=chain or "", code=values.code(data.get("code"))[:30],
                       unit=values.code(data.get("unit"))[:10], price_source="Manuale")
        else:
            self._priced(data, row, article, qty, price, chain)
        if price is not None and price < 0:
            raise ValidationError("price", "non può essere negativo", LABELS["price"])
        row["amount"] = amount_of(row["qty"], row["price"], row["discounts"])

    def _priced(self, data, row, article: Article, qty, price, chain) -> None:
        from gamma.sales import pricing
        row.update(line_kind="article", article=article, code=article.code,
                   description=values.text(data.get("description"), "description",
                                           LABELS["description"], 72) or article.description,
                   unit=article.unit.code if article.unit_id else "",
                   cost=article.cost_last if article.cost_last is not None
                   else article.cost_average)
        depot = values.code(data.get("depot")) or self.doc.get("depot_code") or \
            self.ctx.settings.sales.depot
        row["depot"] = self.depot(depot)
        sources = []
        if price is None or chain is None:
            quote = pricing.quote(self.ctx, pricing.Sale(
                article=article, qty=qty, day=self.doc["date"], party=self.party,
                price_list=self.doc.get("price_list"),
                agent_id=_id(self.doc.get("agent")), zone_id=self.party.zone_id
                if self.party else None, freight_terms_id=_id(self.doc.get("freight_terms")),
                payment_term_id=_id(self.doc.get("payment_term"))))
            if price is None:
                if quote.price is None:
                    raise ValidationError("price", f"nessun prezzo per {article.code}: "
                                          "indicarlo", LABELS["price"])
                price = quote.price
                sources.append(quote.source)
            if chain is None:
                chain = quote.discounts
                if quote.discounts and quote.discount_source:
                    sources.append(quote.discount_source)
            if quote.free_qty and quote.free_qty < qty and row["gift"] == "":
                row["qty"] = qty - quote.free_qty
                row["_free_qty"] = quote.free_qty
        row["price"] = price
        row["discounts"] = chain or ""
        row["price_source"] = "; ".join(sources)[:60] or "Indicato"
        row.update(tracking.line_values(self.ctx, self.doc, article, data, row["qty"],
                                        self.party))


def _id(value) -> int | None:
    return value.id if value is not None else None
