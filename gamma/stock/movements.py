"""Stock movements an operator records by hand (or a file brings in): loads, unloads,
transfers between depots, production loads and unloads, inventory adjustments.

A movement is typed as an `Entry` (codes, as the operator types them); `resolve` checks
it and turns it into the movement rows, a reason with a paired reason (a transfer) giving
two rows, one per depot, that point at each other. Quantities are signed as typed: a
negative quantity reverses the reason (a load corrected by a negative load). A price in a
foreign currency is kept as given with its rate; `unit_value` is always in euro.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from gamma import functions, numbers, records
from gamma.context import Context
from gamma.errors import NotFound, ValidationError
from gamma.master import article_common, parties, tables
from gamma.sales import stock as sales_stock
from gamma.service import operation
from gamma.stock import lots, tracking
from gamma.stock import reprice as reprice_
from models import Article, Depot, Party, StockMovement, StockReason

PRICE_PLACES = Decimal("0.000001")
QTY_PLACES = Decimal("0.001")
EURO = ("", "EUR")


@dataclass
class Entry:
    """One movement as typed: codes and plain values."""

    article: str
    qty: Decimal | str
    reason: str = "CAR"
    depot: str = ""  # blank: the main depot (settings sales.depot)
    to_depot: str = ""  # where the paired movement goes (transfers)
    date: date | None = None  # blank: today
    unit_price: Decimal | str | None = None  # in `currency`
    currency: str = ""  # blank or EUR: euro
    exchange_rate: Decimal | str | None = None  # units per euro; blank: the table's rate
    party: str = ""
    note: str = ""
    lot: str = ""
    serials: str = ""  # serial numbers, for the articles kept by them


@dataclass
class Recorded:
    movements: list[StockMovement]
    warnings: list[str] = field(default_factory=list)
    repriced: list[int] = field(default_factory=list)  # price lists recomputed


def cached(cache: dict | None, key: tuple, fetch):
    """A lookup a batch (a file of movements) repeats, made once: `cache` is the batch's."""
    if cache is None:
        return fetch()
    if key not in cache:
        cache[key] = fetch()
    return cache[key]


def _decimal(value, field_name: str, label: str, places: int = 6) -> Decimal | None:
    """A typed number (Italian comma, as the masks and files give it) or a Decimal."""
    if value is None or isinstance(value, Decimal):
        return value
    return numbers.parse_decimal(str(value), places, field_name, label)


def main_depot(ctx: Context) -> Depot:
    """The depot movements go to when none is given: settings sales.depot, else the
    first active depot by code."""
    code = (ctx.settings.sales.depot or "").strip().upper()
    found = Depot.get_or_none(Depot.company == ctx.company, Depot.code == code) if code else None
    if found is None:
        found = (Depot.select().where(Depot.company == ctx.company, Depot.active)
                 .order_by(Depot.code).first())
    if found is None:
        raise ValidationError("depot", "nessun deposito definito", "Deposito")
    return found


def _depot(ctx: Context, code: str, field_name: str, label: str) -> Depot:
    found = tables.find(ctx, "depot", code, field_name, label)
    if not found.active:
        raise ValidationError(field_name, f"deposito {found.code} non attivo", label)
    return found


def active_reason(ctx: Context, code: str, field_name: str = "reason",
            label: str = "Causale") -> StockReason:
    found = tables.find(ctx, "stock_reason", code, field_name, label)
    if not found.active:
        raise ValidationError(field_name, f"causale {found.code} non attiva", label)
    return found


def _article(ctx: Context, code: str) -> Article:
    try:
        found = article_common.find_article(ctx, code, "article", "Articolo")
    except NotFound:
        raise ValidationError("article", f"codice {code!r} inesistente",
                              "Articolo") from None
    if not found.active:
        raise ValidationError("article", f"articolo {found.code} non attivo", "Articolo")
    return found


def _party(ctx: Context, code: str) -> Party | None:
    if not (code or "").strip():
        return None
    try:
        return parties.find(ctx, code)
    except NotFound:
        raise ValidationError("party", f"codice {code!r} inesistente",
                              "Cliente/fornitore") from None


def _prices(ctx: Context, entry: Entry, day: date) -> dict:
    """unit_value in euro, and the price as given when it was in another currency."""
    price = _decimal(entry.unit_price, "unit_price", "Prezzo unitario")
    if price is not None and price < 0:
        raise ValidationError("unit_price", "non può essere negativo", "Prezzo unitario")
    currency = (entry.currency or "").strip().upper()
    if currency in EURO:
        if _decimal(entry.exchange_rate, "exchange_rate", "Cambio") is not None:
            raise ValidationError("exchange_rate", "solo per un prezzo in valuta estera",
                                  "Cambio")
        value = price.quantize(PRICE_PLACES, ROUND_HALF_UP) if price is not None else None
        return {"unit_value": value, "currency": "", "original_price": None,
                "exchange_rate": None}
    tables.find(ctx, "currency", currency, "currency", "Valuta")
    if price is None:
        raise ValidationError("unit_price", f"obbligatorio con la valuta {currency}",
                              "Prezzo unitario")
    rate = _decimal(entry.exchange_rate, "exchange_rate", "Cambio")
    if rate is None:
        rate = tables.rate_on(ctx, currency, day)
    elif rate <= 0:
        raise ValidationError("exchange_rate", "deve essere maggiore di zero", "Cambio")
    rate = rate.quantize(PRICE_PLACES, ROUND_HALF_UP)
    # The table gives units of the currency per euro: euro = price / rate.
    return {"unit_value": (price / rate).quantize(PRICE_PLACES, ROUND_HALF_UP),
            "currency": currency, "original_price": price.quantize(PRICE_PLACES, ROUND_HALF_UP),
            "exchange_rate": rate}


def resolve(ctx: Context, entry: Entry, cache: dict | None = None) -> list[dict]:
    """Check an entry and give its movement rows (two for a reason with a paired one).
    Raises ValidationError naming the field; writes nothing."""
    article = cached(cache, ("article", entry.article), lambda: _article(ctx, entry.article))
    qty = _decimal(entry.qty, "qty", "Quantità", 3)
    if qty is None or qty.quantize(QTY_PLACES, ROUND_HALF_UP) == 0:
        raise ValidationError("qty", "non può essere zero", "Quantità")
    qty = qty.quantize(QTY_PLACES, ROUND_HALF_UP)
    why = cached(cache, ("reason", entry.reason), lambda: active_reason(ctx, entry.reason or "CAR"))
    depot = cached(cache, ("depot", entry.depot), lambda: _depot(
        ctx, entry.depot, "depot", "Deposito") if entry.depot else main_depot(ctx))
    day = entry.date or ctx.today()
    base = {"article": article, "date": day, "qty": qty, "party": _party(ctx, entry.party),
            "note": (entry.note or "").strip()[:60], "lot": (entry.lot or "").strip().upper(),
            "serials": entry.serials or None,
            **_prices(ctx, entry, day)}
    rows = [{**base, "depot": depot, "reason": why}]
    if not why.paired_reason:
        if entry.to_depot:
            raise ValidationError("to_depot", f"la causale {why.code} non genera un movimento "
                                  "collegato", "Deposito di destinazione")
        return rows
    if not entry.to_depot:
        raise ValidationError("to_depot", f"obbligatorio con la causale {why.code}",
                              "Deposito di destinazione")
    to_depot = _depot(ctx, entry.to_depot, "to_depot", "Deposito di destinazione")
    if to_depot.id == depot.id:
        raise ValidationError("to_depot", "deve essere diverso dal deposito di partenza",
                              "Deposito di destinazione")
    if qty < 0:
        raise ValidationError("qty", "deve essere positiva in un trasferimento", "Quantità")
    paired = active_reason(ctx, why.paired_reason, "reason", f"Causale collegata a {why.code}")
    rows.append({**base, "depot": to_depot, "reason": paired})
    return rows


def _lot(ctx: Context, row: dict):
    """The lot a movement names: created by a load, else it must exist. None when none is
    typed: the lot rules then ask for one, or pick it (tracking.prepare)."""
    code = row.pop("lot")
    if not code:
        return None
    loading = row["qty"] * (row["reason"].on_hand or 1) > 0
    return lots.resolve(ctx, row["article"], code, create=loading)


def write(ctx: Context, rows: list[dict], warnings: list[str] | None = None
          ) -> list[StockMovement]:
    """Write resolved rows (audited, one record each) and add them to the balances;
    a pair is linked both ways. The lot and serial rules apply as for documents (one row
    per serial; their warnings added to `warnings`). Runs inside the caller's transaction."""
    party = rows[0].get("party")
    # A pair's half that takes the goods out is checked (its lot, its serials in stock at
    # that depot); the other half brings the very same units in, so mirrors its rows.
    source = min(range(len(rows)), key=lambda i: rows[i]["qty"] * rows[i]["reason"].on_hand)
    row = rows[source]
    prepared = tracking.prepare(ctx, [{**row, "lot": _lot(ctx, {**row})}],
                                [f"Deposito {row['depot'].code}"],
                                party_id=party.id if party is not None else None)
    if warnings is not None:
        warnings += prepared.warnings
    halves = {source: prepared.rows}
    for i, other in enumerate(rows):
        if i != source:
            halves[i] = [{**r, "depot": other["depot"], "reason": other["reason"]}
                         for r in prepared.rows]
    ready = [r for i in range(len(rows)) for r in halves[i]]
    written, deltas = [], {}
    half = len(ready) // 2 if len(rows) == 2 else 0  # serials split both halves alike
    for n, row in enumerate(ready):
        why: StockReason = row["reason"]
        qty = row["qty"]
        extra = {"paired": written[n - half].id} if half and n >= half else {}
        movement = records.insert(
            ctx, StockMovement, company=ctx.company, on_hand=qty * why.on_hand,
            committed=qty * why.committed, on_order=qty * why.on_order, **row, **extra)
        written.append(movement)
        delta = deltas.setdefault((movement.article_id, movement.depot_id), [0, 0, 0])
        delta[0] += movement.on_hand
        delta[1] += movement.committed
        delta[2] += movement.on_order
    for k in range(half):
        records.update(ctx, written[k], paired=written[k + half].id)
    sales_stock.add_to_balances(ctx, deltas)
    return written


def _warnings(ctx: Context, rows: list[dict]) -> list[str]:
    """Unloads below zero or the minimum stock: warned or blocked as for documents."""
    outgoing: dict[tuple[int, int], Decimal] = {}
    where: dict[tuple[int, int], str] = {}
    for row in rows:
        out = -row["qty"] * row["reason"].on_hand
        if out > 0:
            key = (row["article"].id, row["depot"].id)
            outgoing[key] = outgoing.get(key, Decimal(0)) + out
            where[key] = f"Deposito {row['depot'].code}"
    return sales_stock.check(ctx, outgoing, where)


def record_entries(ctx: Context, entries: list[Entry], reprice: bool = False,
                   cache: dict | None = None) -> Recorded:
    """Record entries already inside an operation: resolve all, then write all. A batch
    passes one `cache` to all its calls so that codes are looked up once."""
    resolved = [resolve(ctx, e, cache) for e in entries]
    warnings = _warnings(ctx, [r for rows in resolved for r in rows])
    out = Recorded([], warnings)
    for rows in resolved:
        out.movements += write(ctx, rows, out.warnings)
        first = rows[0]
        if first["reason"].reprice and first["unit_value"] is not None \
                and first["qty"] * first["reason"].on_hand > 0:
            out.repriced += reprice_.new_cost(ctx, first["article"], first["unit_value"],
                                              first["date"], recompute=reprice)
    return out


@operation(functions.STOCK_MOVE)
def record(ctx: Context, entry: Entry, reprice: bool = False) -> Recorded:
    """Record one movement (two for a transfer). With `reprice`, a load whose reason
    reprices recomputes the sale prices derived from the cost."""
    return record_entries(ctx, [entry], reprice)


@operation(functions.STOCK_MOVE)
def transfer(ctx: Context, article: str, qty, from_depot: str, to_depot: str,
             day: date | None = None, note: str = "", reason: str = "TRU") -> Recorded:
    """Move a quantity from one depot to another: the outgoing movement and its pair."""
    return record_entries(ctx, [Entry(article, qty, reason, from_depot, to_depot, day,
                                      note=note)])


@operation(functions.STOCK_MOVE)
def adjust(ctx: Context, article: str, depot: str, counted, day: date | None = None,
           reason: str = "INV", note: str = "") -> Recorded:
    """Bring the on hand of an article at a depot to the counted quantity with one
    adjustment movement of the difference (none when it already matches)."""
    counted_qty = _decimal(counted, "counted", "Quantità contata", 3)
    if counted_qty is None:
        raise ValidationError("counted", "obbligatoria", "Quantità contata")
    found = _article(ctx, article)
    where = _depot(ctx, depot, "depot", "Deposito") if depot else main_depot(ctx)
    had = sales_stock.level(ctx, found, where.id).on_hand
    why = active_reason(ctx, reason)
    if why.on_hand == 0:
        raise ValidationError("reason", f"la causale {why.code} non muove l'esistenza",
                              "Causale")
    difference = (counted_qty - had) * why.on_hand  # the reason's sign undone
    if difference == 0:
        return Recorded([])
    return record_entries(ctx, [Entry(found.code, difference, why.code, where.code, "", day,
                                      note=note or "Rettifica inventariale")])


@operation(functions.STOCK_MOVE)
def remove(ctx: Context, movement_id: int) -> None:
    """Delete a movement recorded by hand, with its pair, taking it out of the balances.
    A document's movements go with the document."""
    found = StockMovement.get_or_none(StockMovement.id == movement_id,
                                      StockMovement.company == ctx.company)
    if found is None:
        raise NotFound(f"Movimento {movement_id} inesistente")
    if found.document_id is not None:
        raise ValidationError("movement", "generato da un documento: si modifica dal "
                              "documento", f"Movimento {movement_id}")
    group = [found]
    if found.paired_id is not None:
        pair = StockMovement.get_or_none(StockMovement.id == found.paired_id)
        if pair is not None:
            group.append(pair)
    deltas = {}
    for m in group:
        delta = deltas.setdefault((m.article_id, m.depot_id), [0, 0, 0])
        delta[0] -= m.on_hand
        delta[1] -= m.committed
        delta[2] -= m.on_order
    for m in group:  # unlink first: each points at the other
        if m.paired_id is not None:
            records.update(ctx, m, paired=None)
    for m in group:
        records.delete(ctx, m)
    sales_stock.add_to_balances(ctx, deltas)
