"""Bulk changes (variazioni in blocco, 141): one or more fields changed on a selection of
articles or parties, first shown as a preview, then applied in one transaction.

- `FieldSet(field, value)`: set a mask field to a value (family := FER, payment_term :=
  RB60); the value is checked as the article or party mask checks it, field rules included.
- `PriceChange(list_number, percent | amount, step, valid_from)`: the price of a list in
  force on `valid_from`, plus a percentage or an amount, rounded to a multiple of `step`
  ROUND_HALF_UP; written as a new dated price row from `valid_from` (the history is kept).
  Articles without a price in force on that day are left out.

`preview_*` works everything out and writes nothing; `apply_*` writes it all or nothing
(every record through the audited services). Renaming a code (`rename_article`,
`rename_party`) changes only the code: other records refer to the id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from gamma import functions, locks, records, validation
from gamma.access import permissions
from gamma.context import Context
from gamma.errors import RecordLocked, ValidationError
from gamma.master import article_prices, articles, parties
from gamma.master.article_common import find_article, normalize_code
from gamma.master.article_form import ARTICLE
from gamma.master import bulk_select
from gamma.master.bulk_select import Selection
from gamma.master.party_form import PARTY
from gamma.service import operation
from gamma.master.article_form import GROUPING_KINDS
from gamma.master.party_form import TABLE_FIELDS
from models import Agent, Bank, Currency, Party, PaymentTerm, TableEntry
from models.tables import Unit, VatCode
from models.article import Article, ArticlePrice

# The record services run unwrapped inside a bulk operation, so that the audit log names
# function 141 on every record; their own right (122, 112) is required once up front.
_save_article = articles.save_from_form.__wrapped__
_set_price = article_prices.set_price.__wrapped__
_save_party = parties.save_from_form.__wrapped__

_NOT_SETTABLE = {"code", "barcode", *(f"price{n}" for n in range(1, 9))}


@dataclass(frozen=True)
class FieldSet:
    """Set a mask field to a value (as typed in the mask: codes, S/N, 1234,5)."""

    field: str
    value: Any


@dataclass(frozen=True)
class PriceChange:
    """Price list `list_number` + `percent` % or + `amount`, rounded to `step`, from a day."""

    list_number: int
    percent: Decimal | None = None
    amount: Decimal | None = None
    step: Decimal | None = None
    valid_from: date | None = None

    @property
    def field(self) -> str:
        return f"price{self.list_number}"


@dataclass(frozen=True)
class Change:
    """One line of a preview: record code, field, value before and after."""

    code: str
    field: str
    old: Any
    new: Any


def round_to_step(value: Decimal, step: Decimal | None) -> Decimal:
    """`value` to the nearest multiple of `step`, halves up (12,7102 to 0,05 → 12,70)."""
    if not step:
        return value.quantize(article_prices.PLACES, rounding=ROUND_HALF_UP)
    units = (value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return (units * step).quantize(article_prices.PLACES)


def _new_price(old: Decimal, change: PriceChange) -> Decimal:
    if change.percent is not None:
        new = old * (1 + Decimal(change.percent) / 100)
    else:
        new = old + Decimal(change.amount)
    return round_to_step(new, Decimal(change.step) if change.step else None)


def _check_price_change(change: PriceChange) -> None:
    if (change.percent is None) == (change.amount is None):
        raise ValidationError("percent", "indicare la percentuale oppure l'importo",
                              "Variazione")
    if change.step is not None and Decimal(change.step) <= 0:
        raise ValidationError("step", "deve essere maggiore di zero", "Arrotondamento")
    article_prices._list_number(change.list_number)


def _shown(value: Any) -> Any:
    if isinstance(value, bool):
        return "S" if value else "N"
    return value


_CHUNK = 500


def _in_force(ctx: Context, selected: list[Article], changes: list) -> dict:
    """{(list, day): {article id: price row in force}} for every price change, read a
    chunk of articles at a time rather than one query per article."""
    out: dict = {}
    for change in changes:
        if not isinstance(change, PriceChange):
            continue
        day = change.valid_from or ctx.today()
        found: dict = out.setdefault((change.list_number, day), {})
        for start in range(0, len(selected), _CHUNK):
            ids = [a.id for a in selected[start:start + _CHUNK]]
            rows = (ArticlePrice.select()
                    .where(ArticlePrice.article.in_(ids),
                           ArticlePrice.list_number == change.list_number,
                           ArticlePrice.valid_from <= day)
                    .order_by(ArticlePrice.article, ArticlePrice.valid_from.desc()))
            for row in rows:
                found.setdefault(row.article_id, row)
    return out


def _article_changes(ctx: Context, article: Article, changes: list,
                     in_force: dict) -> list[Change]:
    out: list[Change] = []
    current = None
    for change in changes:
        if isinstance(change, PriceChange):
            day = change.valid_from or ctx.today()
            row = in_force[(change.list_number, day)].get(article.id)
            if row is None:
                continue
            new = _new_price(row.price, change)
            if new < 0:
                raise ValidationError(change.field, f"articolo {article.code}: il prezzo "
                                      f"diventerebbe negativo ({new})",
                                      f"Listino {change.list_number}")
            if new != row.price:
                out.append(Change(article.code, change.field, row.price, new))
            continue
        if current is None:
            current = articles.form_values(ctx, article)
        old = current.get(change.field)
        new = _typed(ARTICLE, change.field, change.value, ctx)
        if _shown(old) != _shown(new):
            out.append(Change(article.code, change.field, _shown(old), _shown(new)))
    return out


def _typed(form, name: str, value: Any, ctx: Context) -> Any:
    """A value as the form would hold it: codes upper case, text parsed by the field."""
    if name in _NOT_SETTABLE or name not in form.labels:
        raise ValidationError(name, "campo non modificabile in blocco", name)
    f = form.field(name)
    if isinstance(value, str):
        value = value.strip()
        if value == "":
            return None
        if f.kind in ("bool", "integer", "decimal", "date") or f.upper:
            value = f.parse(value, ctx.today())
    if isinstance(value, str) and f.upper:
        value = value.upper()
    return value


def _require_free(ctx: Context, record) -> None:
    """Refuse (before anything is written) a record another operator is editing."""
    lock = locks.holder(ctx, record)
    if lock is not None:
        who = lock.operator.display
        since = ctx.local(lock.acquired_at).strftime("%H:%M")
        what = records.label(record)
        raise RecordLocked(f"{what[:1].upper()}{what[1:]} in uso da {who} dalle "
                           f"{since}: variazioni non eseguite", who, lock.acquired_at)


_ARTICLE_CODED = {"unit": Unit, "unit2": Unit, "vat_code": VatCode}
_PARTY_CODED = {"payment_term": PaymentTerm, "our_bank": Bank, "agent": Agent,
                "agent2": Agent, "currency": Currency, "replaced_by": Party}


def _check_code(ctx: Context, form, change: FieldSet) -> None:
    """A coded value must exist, so that the preview already refuses what apply would."""
    value = _typed(form, change.field, change.value, ctx)
    if not isinstance(value, str) or not value:
        return
    kinds = GROUPING_KINDS if form is ARTICLE else TABLE_FIELDS
    models = _ARTICLE_CODED if form is ARTICLE else _PARTY_CODED
    if change.field in kinds:
        exists = TableEntry.select().where(TableEntry.company == ctx.company,
                                           TableEntry.kind == kinds[change.field],
                                           TableEntry.code == value).exists()
    elif change.field in models:
        model = models[change.field]
        exists = model.select().where(model.company == ctx.company,
                                      model.code == value).exists()
    else:
        return
    if not exists:
        raise ValidationError(change.field, f"codice {value} inesistente in tabella",
                              form.field(change.field).label)


def _validate(ctx: Context, form, changes: list) -> None:
    if not changes:
        raise ValidationError("changes", "indicare almeno una variazione", "Variazioni")
    for change in changes:
        if isinstance(change, PriceChange):
            if form is not ARTICLE:
                raise ValidationError("changes", "i prezzi si variano sugli articoli",
                                      "Variazioni")
            _check_price_change(change)
        else:
            _check_code(ctx, form, change)


@operation(functions.BULK_CHANGE, write=False)
def preview_articles(ctx: Context, selection: Selection, changes: list) -> list[Change]:
    """What `apply_articles` would change, record by record; nothing is written."""
    _validate(ctx, ARTICLE, changes)
    if any(isinstance(c, PriceChange) for c in changes):
        article_prices.require_prices(ctx)
    out: list[Change] = []
    selected = bulk_select.articles(ctx, selection)
    in_force = _in_force(ctx, selected, changes)
    for article in selected:
        out.extend(_article_changes(ctx, article, changes, in_force))
    return out


@operation(functions.BULK_CHANGE)
def apply_articles(ctx: Context, selection: Selection, changes: list) -> list[Change]:
    """Apply the changes to every selected article in one transaction; any refusal
    (a field rule, a missing code, a negative price) leaves everything as it was."""
    _validate(ctx, ARTICLE, changes)
    permissions.require(ctx, functions.ARTICLE_EDIT)
    done: list[Change] = []
    selected = bulk_select.articles(ctx, selection)
    in_force = _in_force(ctx, selected, changes)
    for article in selected:
        lines = _article_changes(ctx, article, changes, in_force)
        if not lines:
            continue
        _require_free(ctx, article)
        fields = {c.field: c.new for c in lines if not c.field.startswith("price")}
        if fields:
            values = {k: v for k, v in articles.form_values(ctx, article).items()
                      if k not in _NOT_SETTABLE}
            _save_article(ctx, {**values, **fields}, code=article.code)
        by_field = {c.field: c for c in changes if isinstance(c, PriceChange)}
        for line in lines:
            if line.field in by_field:
                change = by_field[line.field]
                day = change.valid_from or ctx.today()
                row = in_force[(change.list_number, day)][article.id]
                _set_price(ctx, article, change.list_number, line.new, day,
                                         row.discounts, divisor=row.divisor)
        done.extend(lines)
    return done


def _party_changes(ctx: Context, party: Party, changes: list) -> list[Change]:
    current = parties.form_values(party)
    out = []
    for change in changes:
        old = current.get(change.field)
        new = _typed(PARTY, change.field, change.value, ctx)
        if _shown(old) != _shown(new):
            out.append(Change(party.code, change.field, _shown(old), _shown(new)))
    return out


@operation(functions.BULK_CHANGE, write=False)
def preview_parties(ctx: Context, selection: Selection, changes: list) -> list[Change]:
    """What `apply_parties` would change, record by record; nothing is written."""
    _validate(ctx, PARTY, changes)
    out: list[Change] = []
    for party in bulk_select.parties(ctx, selection):
        out.extend(_party_changes(ctx, party, changes))
    return out


@operation(functions.BULK_CHANGE)
def apply_parties(ctx: Context, selection: Selection, changes: list) -> list[Change]:
    """Apply the changes to every selected party in one transaction (all or nothing),
    each party saved as the party mask saves it."""
    _validate(ctx, PARTY, changes)
    permissions.require(ctx, functions.PARTY_EDIT)
    done: list[Change] = []
    for party in bulk_select.parties(ctx, selection):
        lines = _party_changes(ctx, party, changes)
        if lines:
            _require_free(ctx, party)
            raw = {c.field: c.value for c in changes}
            _save_party(ctx, {k: raw[k] for k in (c.field for c in lines)},
                                   code=party.code)
            done.extend(lines)
    return done


@operation(functions.BULK_CHANGE)
def rename_article(ctx: Context, old: str, new: str) -> Article:
    """Change an article's code; refused when the new code exists. Documents, prices and
    barcodes refer to the article's id and follow it."""
    permissions.require(ctx, functions.ARTICLE_EDIT)
    article = find_article(ctx, old)
    _require_free(ctx, article)
    code = normalize_code(ctx, new, "new_code", "Nuovo codice")
    if code == article.code:
        raise ValidationError("new_code", "uguale al codice attuale", "Nuovo codice")
    if Article.select().where(Article.company == ctx.company, Article.code == code).exists():
        raise ValidationError("new_code", f"articolo {code} già esistente", "Nuovo codice")
    return records.update(ctx, article, code=code)


@operation(functions.BULK_CHANGE)
def rename_party(ctx: Context, old: str, new: str) -> Party:
    """Change a party's code; refused when the new code exists. Documents and other
    records refer to the party's id and follow it."""
    permissions.require(ctx, functions.PARTY_EDIT)
    party = parties.find(ctx, old)
    _require_free(ctx, party)
    code = validation.text(new, "new_code", "Nuovo codice", 20).upper()
    if code == party.code:
        raise ValidationError("new_code", "uguale al codice attuale", "Nuovo codice")
    if Party.select().where(Party.company == ctx.company, Party.code == code).exists():
        raise ValidationError("new_code", f"anagrafica {code} già presente", "Nuovo codice")
    return records.update(ctx, party, code=code)
