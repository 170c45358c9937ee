"""The pricing engine of sales documents: which price and which discounts a line gets.

A sale (`Sale`) is an article, a quantity and a day, for a party, with the document's
attributes (price list, agent, zone, freight terms, payment term; each None takes the
party's: list → the party's list, else 1; freight terms have no party default).

Conditions (kinds, named as in `pricing.priority`):
- the price rules (`PriceRule`): customer_article, customer_family, category_family,
  campaign, quantity_break, promotion, parametric. A rule matches when it is active, every
  key column it sets (party, article, family — of the article —, category — of the party —,
  zone, freight terms, agent, payment term) equals the sale's, the day is within
  valid_from/valid_to (either may be open) and |qty| >= min_qty (returns count by their
  size). It gives a price when it
  sets `price` (a unit price) or `price_list` (that article list's price in force on the
  day, divided by the list's divisor); it gives discounts when its chain is not empty.
- last_price: the `LastPrice` agreed with the party for the article, dated on or before
  the day: its price and its discounts.
- customer_list: the article's price in the document's list (else the party's, else 1)
  in force on the day, divided by its divisor, with the list row's chain followed by the
  party's own chain.
A list row's discounts belong with its price: a condition offers them only when it gives
the price; otherwise it offers its own discounts only (a rule's chain; for customer_list
the party's chain).

Resolution. The kinds are walked in the configured priority, first to last; within a kind
the matching conditions are ranked: more key columns set first, then (quantity breaks
only) the higher min_qty — so the highest break not above the quantity —, then the higher
`priority`, then the later valid_from, then the later rule. Price and discounts are
resolved separately: the first condition giving a price gives the price; when that is a
rule with a discount chain of its own, it gives the discounts too; otherwise the first
condition offering discounts gives them (one before the price's, or the price's own, or
one after it). Kinds missing from the priority are listed but never applied.

Fallback. With no condition giving a price, the price is the list's (as customer_list,
with the row's chain then the party's) on the day; with none giving discounts, the
discounts are the party's own chain. No list price either: price None (the line asks
for it). So a net price (a rule's price without discounts) takes no list discounts.

Promotions (n×m, buy_qty/pay_qty) never touch price or discounts: the first ranked
matching promotion, when `promotion` is in the priority, gives
free_qty = floor(qty / buy_qty) × (buy_qty − pay_qty) (buy 3 pay 2, qty 7 → 2 free); none
on a negative quantity (a return).

`PriceQuote.candidates` lists every matching condition in the order walked, with the one
that won and a note saying why each other one lost; `explain` prints them for
`gamma price explain`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from gamma import discounts as chains
from gamma import functions
from gamma.context import Context
from gamma.errors import NotFound, ValidationError
from gamma.master import article_prices, tables
from gamma.master.article_common import find_article, require_prices
from gamma.service import operation
from models.article import Article
from models.party import Party
from models.pricing import LastPrice, PriceRule

PLACES = Decimal("0.000001")
SOURCE_WIDTH = 60  # DocumentLine.price_source

RULE_KINDS = ("customer_article", "customer_family", "category_family", "campaign",
              "quantity_break", "promotion", "parametric")
KINDS = RULE_KINDS + ("last_price", "customer_list")
KIND_LABELS = {
    "customer_article": "Prezzo speciale cliente/articolo",
    "customer_family": "Condizione cliente/famiglia",
    "category_family": "Classe di sconto categoria/famiglia",
    "campaign": "Campagna",
    "quantity_break": "Scaglione di quantità",
    "promotion": "Promozione",
    "parametric": "Listino parametrico",
    "last_price": "Ultimo prezzo",
    "customer_list": "Listino",
    "fallback": "Listino",
}
# key column → (Sale attribute, Italian name)
KEYS = {
    "party": "cliente", "article": "articolo", "family": "famiglia",
    "category": "categoria", "zone": "zona", "freight_terms": "porto",
    "agent": "agente", "payment_term": "pagamento",
}


@dataclass(frozen=True)
class Sale:
    article: Article
    qty: Decimal
    day: date
    party: Party | None = None
    price_list: int | None = None  # the document's list; None → the party's, else 1
    agent_id: int | None = None  # document attributes; None → the party's
    zone_id: int | None = None
    freight_terms_id: int | None = None
    payment_term_id: int | None = None

    @property
    def list_number(self) -> int:
        if self.price_list:
            return int(self.price_list)
        if self.party is not None and self.party.price_list:
            return int(self.party.price_list)
        return 1

    def keys(self) -> dict[str, int | None]:
        """The sale's value of every key column (ids)."""
        party = self.party
        return {
            "party": party.id if party is not None else None,
            "article": self.article.id,
            "family": self.article.family_id,
            "category": party.category_id if party is not None else None,
            "zone": self.zone_id or (party.zone_id if party is not None else None),
            "freight_terms": self.freight_terms_id,
            "agent": self.agent_id or (party.agent_id if party is not None else None),
            "payment_term": (self.payment_term_id
                             or (party.payment_term_id if party is not None else None)),
        }


@dataclass
class Candidate:
    kind: str
    source: str  # Italian, e.g. "Prezzo speciale cliente/articolo dal 01/03/2026"
    price: Decimal | None
    discounts: str
    rule_id: int | None
    chosen: bool
    note: str
    alone: str = field(default="", repr=False)  # discounts it gives without its price
    rank: tuple = field(default=(), repr=False, compare=False)
    rule: PriceRule | None = field(default=None, repr=False, compare=False)


@dataclass
class PriceQuote:
    price: Decimal | None  # unit price (already divided by the list's divisor)
    discounts: str  # chain
    source: str  # what gave the price (Italian, at most 60 characters)
    discount_source: str
    free_qty: Decimal  # promotion n×m: units given free
    candidates: list[Candidate]
    price_list: int = 1  # the list the sale used (fallback and customer_list)

    @property
    def net(self) -> Decimal | None:
        """The unit price after the discounts, 6 places."""
        if self.price is None:
            return None
        return (self.price * chains.factor(self.discounts)).quantize(PLACES, ROUND_HALF_UP)


# -- helpers -----------------------------------------------------------------------------

def _short(text: str) -> str:
    return text if len(text) <= SOURCE_WIDTH else text[:SOURCE_WIDTH - 1] + "…"


def _day(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _unit_price(row) -> Decimal:
    return (row.price / (row.divisor or 1)).quantize(PLACES, ROUND_HALF_UP)


def priority(ctx: Context) -> list[str]:
    """The configured kinds, first wins (unknown names are ignored)."""
    text = ctx.settings.pricing.priority or ""
    out = []
    for name in (n.strip().lower() for n in text.split(",")):
        if name in KINDS and name not in out:
            out.append(name)
    return out


def key_count(rule: PriceRule) -> int:
    return sum(1 for k in KEYS if getattr(rule, f"{k}_id") is not None)


def rule_source(rule: PriceRule) -> str:
    """A rule described in a few Italian words (fits DocumentLine.price_source)."""
    label = KIND_LABELS.get(rule.kind, rule.kind)
    if rule.kind == "parametric":
        names = [name for k, name in KEYS.items() if getattr(rule, f"{k}_id") is not None]
        label += " " + "/".join(names)
    elif rule.kind == "promotion" and rule.buy_qty:
        label += f" {rule.buy_qty}x{rule.pay_qty}"
    elif rule.kind == "quantity_break" and rule.min_qty is not None:
        label += f" da {rule.min_qty.normalize():f}"
    if rule.description and rule.kind in ("campaign", "promotion"):
        label += f" {rule.description}"
    if rule.valid_from and rule.valid_to:
        label += f" {_day(rule.valid_from)}-{_day(rule.valid_to)}"
    elif rule.valid_from:
        label += f" dal {_day(rule.valid_from)}"
    elif rule.valid_to:
        label += f" fino al {_day(rule.valid_to)}"
    return _short(label)


def matching_rules(ctx: Context, sale: Sale) -> list[PriceRule]:
    """The active rules whose keys, dates and minimum quantity the sale meets."""
    keys = sale.keys()
    q = PriceRule.select().where(
        PriceRule.company == ctx.company, PriceRule.active == True,  # noqa: E712
        PriceRule.valid_from.is_null() | (PriceRule.valid_from <= sale.day),
        PriceRule.valid_to.is_null() | (PriceRule.valid_to >= sale.day),
        PriceRule.min_qty.is_null() | (PriceRule.min_qty <= abs(Decimal(sale.qty))))
    for name, value in keys.items():
        column = getattr(PriceRule, name)
        q = q.where(column.is_null() if value is None else (column.is_null() | (column == value)))
    return list(q)


def _rule_candidate(ctx: Context, rule: PriceRule, sale: Sale) -> Candidate:
    price, own, chain, note = None, rule.discounts or "", rule.discounts or "", ""
    if rule.kind == "promotion":
        own = chain = ""
    elif rule.price is not None:
        price = rule.price
    elif rule.price_list:
        row = article_prices.price_on(ctx, sale.article, rule.price_list, sale.day)
        if row is None:
            note = f"listino {rule.price_list} senza prezzo al {_day(sale.day)}"
        else:
            price = _unit_price(row)
            chain = own or row.discounts or ""  # the list row's discounts go with its price
    rank = (key_count(rule),
            (rule.min_qty or Decimal(0)) if rule.kind == "quantity_break" else Decimal(0),
            rule.priority or 0, rule.valid_from or date.min, rule.id)
    return Candidate(rule.kind, rule_source(rule), price, chain, rule.id, False, note,
                     alone=own, rank=rank, rule=rule)


def _party_chain(sale: Sale) -> str:
    return (sale.party.discounts or "") if sale.party is not None else ""


def _list_candidate(ctx: Context, sale: Sale, kind: str) -> Candidate | None:
    """The sale's list on the day: its price with the row's discounts then the party's;
    without the price, only the party's chain."""
    number = sale.list_number
    row = article_prices.price_on(ctx, sale.article, number, sale.day)
    party_chain = _party_chain(sale)
    if row is None:
        if kind == "customer_list":
            return None
        return Candidate(kind, f"Listino {number}: nessun prezzo al {_day(sale.day)}", None,
                         party_chain, None, False, "", alone=party_chain)
    source = f"Listino {number} dal {_day(row.valid_from)}"
    if row.divisor and row.divisor != 1:
        source += f" (prezzo per {row.divisor})"
    return Candidate(kind, _short(source), _unit_price(row),
                     chains.join(row.discounts or "", party_chain), None, False, "",
                     alone=party_chain)


def _last_price_candidate(sale: Sale) -> Candidate | None:
    if sale.party is None:
        return None
    row = LastPrice.get_or_none(LastPrice.party == sale.party, LastPrice.article == sale.article,
                                LastPrice.date <= sale.day)
    if row is None:
        return None
    return Candidate("last_price", f"Ultimo prezzo del {_day(row.date)}", row.price,
                     row.discounts or "", None, False, "", alone=row.discounts or "")


# -- the engine --------------------------------------------------------------------------

def _offered(c: Candidate, price_by: Candidate | None) -> str:
    """The discounts a condition offers: all of its chain when it gave the price, else only
    its own (a list row's discounts go with the list's price)."""
    return c.discounts if c is price_by else c.alone


def quote(ctx: Context, sale: Sale) -> PriceQuote:
    """The price, discounts and free quantity of a sale, with every condition considered.
    No permission of its own: the document services that call it check theirs."""
    order = priority(ctx)
    by_kind: dict[str, list[Candidate]] = {}
    for rule in matching_rules(ctx, sale):
        if rule.kind in RULE_KINDS:
            by_kind.setdefault(rule.kind, []).append(_rule_candidate(ctx, rule, sale))
    for kind_list in by_kind.values():
        kind_list.sort(key=lambda c: c.rank, reverse=True)
    last = _last_price_candidate(sale) if "last_price" in order else None
    if last is not None:
        by_kind["last_price"] = [last]
    listed = _list_candidate(ctx, sale, "customer_list") if "customer_list" in order else None
    if listed is not None:
        by_kind["customer_list"] = [listed]

    walked = [c for kind in order for c in by_kind.get(kind, [])]
    ignored = [c for kind in RULE_KINDS if kind not in order for c in by_kind.get(kind, [])]
    promotions = [c for c in walked if c.kind == "promotion"]
    priced = [c for c in walked if c.kind != "promotion"]

    price_by = next((c for c in priced if c.price is not None), None)
    fallback = None
    if price_by is None:
        fallback = _list_candidate(ctx, sale, "fallback")
        fallback.note = "ripiego: nessuna condizione in priorità dà il prezzo"
        priced.append(fallback)
        if fallback.price is not None:
            price_by = fallback
    if price_by is not None and price_by.rule is not None and price_by.discounts:
        discount_by = price_by  # a rule giving both gives both when first for price
    else:
        discount_by = next((c for c in priced if _offered(c, price_by)), None)
    if discount_by is None and fallback is None and _party_chain(sale):
        fallback = Candidate("fallback", _short(f"Sconti del cliente {sale.party.code}"), None,
                             _party_chain(sale), None, False,
                             "ripiego: nessuna condizione in priorità dà sconti",
                             alone=_party_chain(sale))
        priced.append(fallback)
        discount_by = fallback

    free_qty = Decimal(0)
    if promotions:
        promo = promotions[0]
        buy, pay = Decimal(promo.rule.buy_qty or 0), Decimal(promo.rule.pay_qty or 0)
        if buy > 0 and buy > pay and Decimal(sale.qty) > 0:
            free_qty = (Decimal(sale.qty) // buy) * (buy - pay)
        promo.chosen = True
        promo.note = f"vincente: omaggio {free_qty.normalize():f}"
        for other in promotions[1:]:
            other.note = _lost_within(other, promo)

    _annotate(priced, price_by, discount_by)
    for c in ignored:
        c.note = "tipo assente da pricing.priority: non applicata"
    candidates = walked + ([fallback] if fallback is not None else []) + ignored

    chain = _offered(discount_by, price_by) if discount_by is not None else ""
    return PriceQuote(
        price=price_by.price if price_by is not None else None, discounts=chain,
        source=price_by.source if price_by is not None else "Nessun prezzo",
        discount_source=discount_by.source if chain else "",
        free_qty=free_qty, candidates=candidates, price_list=sale.list_number)


def _lost_within(loser: Candidate, winner: Candidate) -> str:
    """Why `loser` ranks after `winner`, a condition of the same kind."""
    labels = ("meno chiavi", "scaglione inferiore", "priorità inferiore",
              "inizio validità precedente", "inserita prima")
    for label, a, b in zip(labels, loser.rank, winner.rank):
        if a != b:
            return f"battuta da una condizione dello stesso tipo: {label}"
    return "battuta da una condizione dello stesso tipo"


def _annotate(walked: list[Candidate], price_by: Candidate | None,
              discount_by: Candidate | None) -> None:
    """Mark the winners; say why each other condition, or part of one, lost."""
    def position(c: Candidate | None) -> int:
        return next((i for i, w in enumerate(walked) if w is c), len(walked))

    for c in walked:
        parts = [c.note] if c.note else []
        wins = [w for w, by in (("prezzo", price_by), ("sconti", discount_by)) if c is by]
        if wins:
            c.chosen = True
            parts.append("vincente: " + " e ".join(wins))
        for what, by, gives in (("prezzo", price_by, c.price is not None),
                                ("sconti", discount_by, bool(_offered(c, price_by)))):
            if not gives or by is None or by is c:
                continue
            if by.kind == c.kind and by.rank and c.rank:
                parts.append(f"{what}: {_lost_within(c, by)}")
            elif what == "sconti" and by is price_by and position(c) < position(by):
                parts.append("sconti: vanno con il prezzo vincente")
            else:
                parts.append(f"{what}: viene prima {by.kind}")
        if c.price is None and not c.discounts and not c.note:
            parts.append("non dà prezzo né sconti")
        c.note = "; ".join(parts)


# -- the query function -----------------------------------------------------------------

def _code(ctx: Context, name: str, code: str | None, field_name: str, label: str):
    code = (code or "").strip()
    if not code:
        return None
    return tables.find(ctx, name, code, field_name, label)


def find_party(ctx: Context, code: str, field_name: str = "party",
               label: str = "Cliente") -> Party:
    code = (code or "").strip().upper()
    party = Party.get_or_none(Party.company == ctx.require_company(), Party.code == code)
    if party is None:
        raise ValidationError(field_name, f"codice {code} inesistente in anagrafica", label)
    return party


def find_article_for(ctx: Context, code: str, field_name: str = "article",
                     label: str = "Articolo") -> Article:
    try:
        return find_article(ctx, code, field_name, label)
    except NotFound as exc:
        raise ValidationError(field_name, str(exc), label) from None


def sale_from_codes(ctx: Context, article: str, qty: Decimal | str | int = 1,
                    day: date | None = None, customer: str | None = None,
                    price_list: int | None = None, agent: str | None = None,
                    zone: str | None = None, freight_terms: str | None = None,
                    payment_term: str | None = None) -> Sale:
    """A Sale from codes as typed; ValidationError naming the field of an unknown code."""
    art = find_article_for(ctx, article)
    party = find_party(ctx, customer, "customer") if (customer or "").strip() else None
    if price_list is not None and int(price_list) not in article_prices.LISTS:
        raise ValidationError("price_list", "da 1 a 8", "Listino")
    qty = Decimal(qty)
    if qty <= 0:
        raise ValidationError("qty", "deve essere maggiore di zero", "Quantità")
    ids = {}
    for name, table, code, label in (("agent_id", "agent", agent, "Agente"),
                                     ("zone_id", "zone", zone, "Zona"),
                                     ("freight_terms_id", "freight_term", freight_terms, "Porto"),
                                     ("payment_term_id", "payment_term", payment_term,
                                      "Condizione di pagamento")):
        row = _code(ctx, table, code, name.removesuffix("_id"), label)
        ids[name] = row.id if row is not None else None
    return Sale(article=art, qty=qty, day=day or ctx.today(), party=party,
                price_list=int(price_list) if price_list else None, **ids)


@operation(functions.PRICE_QUERY, write=False)
def query(ctx: Context, sale: Sale) -> PriceQuote:
    """`quote` for an operator asking (price query): needs the function and the right to
    see prices."""
    require_prices(ctx)
    return quote(ctx, sale)


def _amount(value: Decimal | None) -> str:
    """A unit price as operators read it: at least 2 decimals, up to 6."""
    if value is None:
        return "-"
    text = f"{value:,.6f}".rstrip("0")
    if len(text.split(".")[1]) < 2:
        text = f"{value:,.2f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def as_dict(result: PriceQuote) -> dict:
    """The quote as plain data (the CLI's --json)."""
    return {
        "price": result.price, "discounts": result.discounts, "net": result.net,
        "source": result.source, "discount_source": result.discount_source,
        "free_qty": result.free_qty, "price_list": result.price_list,
        "candidates": [{"kind": c.kind, "source": c.source, "price": c.price,
                        "discounts": c.discounts, "rule_id": c.rule_id, "chosen": c.chosen,
                        "note": c.note} for c in result.candidates],
    }


def render(ctx: Context, sale: Sale, result: PriceQuote) -> str:
    who = f"cliente {sale.party.code}" if sale.party is not None else "nessun cliente"
    lines = [
        f"Articolo {sale.article.code}, {who}, quantità {Decimal(sale.qty).normalize():f}, "
        f"al {_day(sale.day)}, listino {result.price_list}",
        f"Prezzo:  {_amount(result.price)}  ({result.source})",
        f"Sconti:  {result.discounts or '-'}"
        + (f"  ({result.discount_source})" if result.discount_source else ""),
        f"Netto:   {_amount(result.net)}",
    ]
    if result.free_qty:
        lines.append(f"Omaggio: {result.free_qty.normalize():f}")
    lines.append("Priorità: " + ", ".join(priority(ctx)))
    lines.append("Condizioni considerate:")
    if not result.candidates:
        lines.append("  (nessuna)")
    for c in result.candidates:
        mark = "*" if c.chosen else " "
        rule = f" #{c.rule_id}" if c.rule_id else ""
        lines.append(f" {mark} {c.kind}{rule}: {c.source}; prezzo {_amount(c.price)}, "
                     f"sconti {c.discounts or '-'}")
        if c.note:
            lines.append(f"     {c.note}")
    return "\n".join(lines)


@operation(functions.PRICE_QUERY, write=False)
def explain(ctx: Context, sale: Sale) -> str:
    """The text `gamma price explain` prints: the winner and every condition considered."""
    require_prices(ctx)
    return render(ctx, sale, quote(ctx, sale))
