"""The rules of lot- and serial-tracked articles, applied to movements before they are
written (document confirmation, manual movements, imports):

- an article flagged `lot_tracked` needs a lot on every movement that changes on hand;
  on an unload without one, the first-expiring lot with enough stock is proposed in the
  message, or taken when settings `stock.lot_auto` is "fefo";
- an unload cannot take more than the lot has for that customer (as `sales.negative_stock`
  says: block, warn or allow); a lot reserved to another customer is refused; an expired
  lot is warned about;
- an article flagged `serial_tracked` needs exactly one serial per unit, each once: an
  unload takes serials in stock at that depot (a sold one cannot be sold again), a load
  brings serials not already in stock (new ones are created, returned ones come back).

`prepare` checks the rows and gives them back ready for `gamma.sales.stock.move`: `lot`
as an id, one row per serial (quantity 1) with `serial` as an id."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from gamma import records
from gamma.context import Context
from gamma.errors import ValidationError
from gamma.stock import lots, serials
from models import Article, Lot, Party, Serial

ZERO = Decimal(0)


@dataclass
class Prepared:
    rows: list[dict[str, Any]]
    warnings: list[str] = field(default_factory=list)
    serial_ids: set[int] = field(default_factory=set)


def _id(value: Any) -> int | None:
    return value.id if hasattr(value, "id") else value


def _lot(value: Any) -> Lot | None:
    if value is None or isinstance(value, Lot):
        return value
    return Lot.get_by_id(value)


def prepare(ctx: Context, rows: list[dict[str, Any]], labels: list[str], *,
            party_id: int | None = None) -> Prepared:
    """Check lot and serial rules on movement rows (article, depot, reason, date, qty,
    optionally lot (Lot or id) and serials (codes)); `labels` name each row in messages
    ("Riga 3"). Raises ValidationError; writes only the serials a load brings in."""
    ids = {_id(r["article"]) for r in rows}
    articles = {a.id: a for a in Article.select(
        Article.id, Article.code, Article.lot_tracked, Article.serial_tracked)
        .where(Article.id.in_(ids))} if ids else {}
    out = Prepared([])
    taken: dict[tuple[int, int], Decimal] = defaultdict(Decimal)  # per lot and depot
    where: dict[tuple[int, int], str] = {}
    seen: Counter = Counter()
    for row, label in zip(rows, labels):
        article = articles[_id(row["article"])]
        row = {**row}
        codes = serials.parse(row.pop("serials", None), "serials", f"{label}, Matricole")
        lot = _lot(row.get("lot"))
        change = row["qty"] * row["reason"].on_hand  # what on hand does
        party = _id(row.get("party")) or party_id
        if lot is not None and lot.article_id != article.id:
            raise ValidationError("lot", f"{lot.code} non è dell'articolo {article.code}",
                                  f"{label}, Lotto")
        if lot is None and article.lot_tracked and change:
            lot = _missing_lot(ctx, row, article, -change, party, label)
        if lot is not None and change < 0:
            _outgoing_lot(ctx, lot, row, party, label, out.warnings)
            key = (lot.id, _id(row["depot"]))
            taken[key] += -change
            where.setdefault(key, label)
        row["lot"] = lot.id if lot is not None else None
        if article.serial_tracked and change:
            out.rows += _by_serial(ctx, row, article, lot, codes, change, label, seen,
                                   out.serial_ids)
        else:
            if codes:
                raise ValidationError("serials", f"l'articolo {article.code} non è gestito "
                                      "a matricole" if not article.serial_tracked else
                                      "solo su movimenti di giacenza", f"{label}, Matricole")
            out.rows.append(row)
    _check_taken(ctx, taken, where, party_id, out.warnings)
    return out


def _missing_lot(ctx: Context, row: dict, article: Article, qty: Decimal,
                 party: int | None, label: str) -> Lot:
    rule = f"obbligatorio: l'articolo {article.code} è gestito a lotti"
    if qty <= 0:  # a load names the lot it brings in
        raise ValidationError("lot", rule, f"{label}, Lotto")
    best = lots.fefo(ctx, article, qty, _id(row["depot"]), party, row.get("date"))
    if best is not None and ctx.settings.stock.lot_auto == "fefo":
        return Lot.get_by_id(best.lot_id)
    if best is not None:
        expiry = f", scade il {best.expiry:%d/%m/%Y}" if best.expiry else ""
        rule += (f"; proposto il lotto {best.code}{expiry} (disponibili "
                 f"{lots.qty_text(best.available)})")
    else:
        rule += f"; nessun lotto ha {lots.qty_text(qty)} disponibili"
    raise ValidationError("lot", rule, f"{label}, Lotto")


def _outgoing_lot(ctx: Context, lot: Lot, row: dict, party: int | None, label: str,
                  warnings: list[str]) -> None:
    if lot.reserved_to_id is not None and lot.reserved_to_id != party:
        owner = Party.get_by_id(lot.reserved_to_id)
        raise ValidationError("lot", f"{lot.code} riservato al cliente {owner.code} "
                              f"{owner.name}", f"{label}, Lotto")
    day = row.get("date")
    if lot.expiry is not None and day is not None and lot.expiry < day:
        warnings.append(f"{label}, lotto {lot.code}: scaduto il {lot.expiry:%d/%m/%Y}")


def _check_taken(ctx: Context, taken: dict[tuple[int, int], Decimal],
                 where: dict[tuple[int, int], str], party_id: int | None,
                 warnings: list[str]) -> None:
    rule = ctx.settings.sales.negative_stock
    if rule == "allow" or not taken:
        return
    by_article: dict[int, set[int]] = defaultdict(set)
    codes = {lot.id: lot for lot in Lot.select().where(Lot.id.in_({k[0] for k in taken}))}
    for lot_id, _ in taken:
        by_article[codes[lot_id].article_id].add(lot_id)
    have: dict[tuple[int, int], Decimal] = {}
    for article_id, lot_ids in by_article.items():
        for b in lots.balances(ctx, article_id, party_id=party_id, with_empty=True,
                               lot_ids=lot_ids):
            have[(b.lot_id, b.depot_id)] = b.available
    for key, qty in sorted(taken.items()):
        had = have.get(key, ZERO)
        if qty <= had:
            continue
        text = (f"giacenza del lotto {codes[key[0]].code} insufficiente (disponibili "
                f"{lots.qty_text(max(had, ZERO))}, richiesti {lots.qty_text(qty)})")
        if rule == "block":
            raise ValidationError("lot", text, f"{where[key]}, Lotto")
        warnings.append(f"{where[key]}, lotto: {text}")


def _by_serial(ctx: Context, row: dict, article: Article, lot: Lot | None, codes: list[str],
               change: Decimal, label: str, seen: Counter, serial_ids: set[int]
               ) -> list[dict]:
    """One row per serial, quantity ±1, after the checks of its direction."""
    title = f"{label}, Matricole"
    units = abs(row["qty"])
    if units != units.to_integral_value():
        raise ValidationError("qty", f"intera per l'articolo {article.code} (a matricole)",
                              f"{label}, Quantità")
    if len(codes) != int(units):
        raise ValidationError("serials", f"servono {int(units)} matricole per l'articolo "
                              f"{article.code}, indicate {len(codes)}", title)
    for code in codes:
        seen[(article.id, code)] += 1
        if seen[(article.id, code)] > 1:
            raise ValidationError("serials", f"{code} indicata più volte", title)
    found = {s.code: s for s in Serial.select().where(Serial.article == article,
                                                        Serial.code.in_(codes))}
    held = serials.stock_of(s.id for s in found.values())
    depot = _id(row["depot"])
    one = Decimal(1) if row["qty"] > 0 else Decimal(-1)
    out = []
    for code in codes:
        serial = found.get(code)
        if change < 0:
            if serial is None:
                raise ValidationError("serials", f"{code} inesistente per l'articolo "
                                      f"{article.code}", title)
            if held.get(serial.id, {}).get(depot, ZERO) <= 0:
                elsewhere = sum(held.get(serial.id, {}).values(), ZERO) > 0
                state = ("in giacenza in un altro deposito" if elsewhere else
                         "già venduta" if serial.status == "sold" else "non in giacenza")
                raise ValidationError("serials", f"{code} {state}", title)
            if lot is not None and serial.lot_id not in (None, lot.id):
                raise ValidationError("serials", f"{code} non è del lotto {lot.code}", title)
        else:
            if serial is not None and sum(held.get(serial.id, {}).values(), ZERO) > 0:
                raise ValidationError("serials", f"{code} già in giacenza", title)
            if serial is None:
                serial = records.insert(ctx, Serial, company=ctx.require_company(),
                                        article=article.id, code=code,
                                        lot=lot.id if lot is not None else None)
        serial_ids.add(serial.id)
        out.append({**row, "qty": one, "serial": serial.id})
    return out


def line_values(ctx: Context, doc: dict[str, Any], article: Article, data: dict[str, Any],
                qty: Decimal, party: Party | None = None) -> dict[str, Any]:
    """The lot and serials a document line names, as it is saved: a line that brings goods
    in (a return) creates its lot (with `lot_expiry`), any other names an existing one.
    A supplier's load records the supplier on the lot it creates. The counts and stock
    are checked at confirmation (`prepare`)."""
    from gamma.sales import kinds
    from gamma.sales import stock as sales_stock
    code = (str(data.get("lot") or "")).strip()
    codes = serials.parse(data.get("serials"))
    if code and not article.lot_tracked:
        raise ValidationError("lot", f"l'articolo {article.code} non è gestito a lotti",
                              lots.LABEL)
    if codes and not article.serial_tracked:
        raise ValidationError("serials", f"l'articolo {article.code} non è gestito a "
                              "matricole", serials.LABEL)
    if article.serial_tracked and qty != qty.to_integral_value():
        raise ValidationError("qty", f"intera per l'articolo {article.code} (a matricole)",
                              "Quantità")
    repeated = sorted(c for c, n in Counter(codes).items() if n > 1)
    if repeated:
        raise ValidationError("serials", f"{repeated[0]} indicata più volte", serials.LABEL)
    if len(codes) > abs(qty):
        raise ValidationError("serials", f"{len(codes)} matricole per una quantità di "
                              f"{lots.qty_text(abs(qty))}", serials.LABEL)
    lot = None
    if code:
        kind = kinds.get(doc["kind"])
        sign, reason_code = kinds.stock_effect(kind, doc.get("subkind", ""))
        loads = bool(sign) and sales_stock.reason(ctx, reason_code).on_hand * qty > 0
        expiry = data.get("lot_expiry")
        if isinstance(expiry, str):
            from gamma.dates import parse_date
            expiry = parse_date(expiry, ctx.today(), "lot_expiry", "Scadenza lotto")
        supplier = party if loads and (kind.supplier or doc.get("subkind") == "supplier") \
            else None
        lot = lots.resolve(ctx, article, code, expiry, create=loads, supplier=supplier)
    return {"lot": lot, "serials": serials.as_text(codes)}


def for_document(ctx: Context, party_id: int | None, goods: list[dict[str, Any]],
                 moves: list[dict[str, Any]]) -> Prepared:
    """`prepare` for the movements of a document being confirmed (one per goods line, in
    order); a lot taken by FEFO is written on its line."""
    traced = prepare(ctx, moves, [f"Riga {r['position']}" for r in goods], party_id=party_id)
    from models import DocumentLine
    picked = {m["line"]: m["lot"] for m in traced.rows if m.get("lot") and m.get("line")}
    for r in goods:
        if not r.get("lot") and picked.get(r["id"]):
            DocumentLine.update(lot=picked[r["id"]]).where(DocumentLine.id == r["id"]).execute()
    return traced
