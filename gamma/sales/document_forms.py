"""What the document entry screens (201 list, 202 entry, 203 counter sale) are built from:
the header and line forms, the `document` lookup source, and the reading helpers that
turn stored drafts back into what the services take (header values, line data), the
operator's quantity entry mode (a personal preset), price recall, stock and margin.

Nothing here writes a document: the screens call gamma.sales.documents and
gamma.sales.confirm for that."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from peewee import JOIN, fn

from gamma import forms, numbers, presets
from gamma.context import Context
from gamma.errors import NotFound, ValidationError
from gamma.forms import FieldDef, Form
from gamma.lookups import Column, Source, register
from gamma.sales import header, kinds, pricing, quantities, stock
from models import Article, Document, DocumentLine, LastPrice, Party

# Short codes the operator types for the kind (the note shows the full label).
KIND_CODES = {"FT": "invoice", "DDT": "delivery_note", "FD": "deferred_invoice",
              "NC": "credit_note", "ND": "debit_note", "PF": "proforma", "PR": "quote",
              "RC": "receipt", "LP": "pick_list", "FA": "advance_invoice", "PC": "fee_note",
              "OC": "customer_order", "OF": "supplier_order", "CF": "goods_receipt"}
CODE_OF_KIND = {v: k for k, v in KIND_CODES.items()}
KIND_CHOICES = tuple((code, kinds.KINDS[kind].label) for code, kind in KIND_CODES.items())
FEMININE = {"invoice", "deferred_invoice", "credit_note", "debit_note", "proforma", "receipt",
            "pick_list", "advance_invoice", "fee_note"}

L = header.LABELS
HEADER = forms.register(Form("document_header", "Testata documento", (
    FieldDef("kind", L["kind"], "choice", 3, required=True, upper=True, choices=KIND_CHOICES,
             default="FT"),
    FieldDef("customer", L["customer"], "code", 20, upper=True, lookup="customer"),
    FieldDef("date", L["date"], "date", 10),
    FieldDef("series", L["series"], "code", 3, upper=True),
    FieldDef("payment_term", L["payment_term"], "code", 10, upper=True, lookup="payment_term"),
    FieldDef("destination", L["destination"], "integer", 3),
    FieldDef("agent", L["agent"], "code", 10, upper=True, lookup="agent"),
    FieldDef("price_list", L["price_list"], "integer", 1),
    FieldDef("discounts", L["discounts"], "text", 20),
    FieldDef("carrier", L["carrier"], "code", 10, upper=True, lookup="table_carrier"),
    FieldDef("transport_reason", L["transport_reason"], "code", 10, upper=True,
             lookup="table_transport_reason"),
    FieldDef("freight_terms", L["freight_terms"], "code", 10, upper=True,
             lookup="table_freight_term"),
    FieldDef("packages", L["packages"], "integer", 5),
    FieldDef("gross_weight", L["gross_weight"], "decimal", 12, decimals=3),
    FieldDef("net_weight", L["net_weight"], "decimal", 12, decimals=3),
    FieldDef("notes", L["notes"], "text", 200),
    # Orders only (other kinds ignore them).
    FieldDef("delivery_date", L["delivery_date"], "date", 10, help="ordini: consegna richiesta"),
    FieldDef("priority", L["priority"], "integer", 1, help="ordini: 1 la più urgente … 9"),
    FieldDef("not_to_fulfil", L["not_to_fulfil"], "bool", 1, help="ordini: S = non evadere"),
    # The customer's references (e-invoice DatiOrdineAcquisto, DatiContratto, DatiConvenzione).
    FieldDef("customer_reference", L["customer_reference"], "text", 20),
    FieldDef("customer_reference_date", L["customer_reference_date"], "date", 10),
    FieldDef("cig", L["cig"], "text", 15, upper=True),
    FieldDef("cup", L["cup"], "text", 15, upper=True),
    FieldDef("contract_reference", L["contract_reference"], "text", 20),
    FieldDef("contract_date", L["contract_date"], "date", 10),
    FieldDef("agreement_reference", L["agreement_reference"], "text", 20),
    FieldDef("vat_deferred", "IVA esigib. differita", "choice", 1, upper=True,
             choices=(("S", "sì"), ("N", "no")),
             help="IVA ad esigibilità differita; vuoto: come il cliente"),
)))

PART_FIELDS = ("packages", "pieces", "gross", "tare", "capacity", "length", "width", "height")
LINE = forms.register(Form("document_line", "Riga documento", (
    FieldDef("article", "Articolo", "code", 20, upper=True, lookup="article",
             help="codice, codice a barre o codice del cliente; vuoto: riga descrittiva"),
    FieldDef("description", "Descrizione", "text", 72),
    FieldDef("qty", "Quantità", "decimal", 12, decimals=3),
    *(FieldDef(name, quantities.PART_LABELS[name], "decimal", 12, decimals=3)
      for name in PART_FIELDS),
    FieldDef("price", "Prezzo (vuoto=list.)", "decimal", 16, decimals=6),
    FieldDef("discounts", "Sconti (vuoto=list.)", "text", 20),
    FieldDef("vat_code", "Codice IVA", "code", 10, upper=True, lookup="vat_code"),
    FieldDef("gift", "Omaggio (C/F)", "choice", 1, upper=True,
             choices=(("C", "con rivalsa IVA"), ("F", "senza rivalsa IVA"))),
    FieldDef("lot", "Lotto (F8 proposta)", "code", 30, upper=True,
             help="articoli gestiti a lotti; F8 propone il primo in scadenza"),
    FieldDef("serials", "Matricole", "text", 400, upper=True,
             help="articoli a matricole: una per unità, separate da spazi"),
    FieldDef("delivery_date", "Consegna", "date", 10,
             help="ordini: consegna richiesta della riga; vuoto = quella della testata"),
)))
GIFT_OF_CHOICE = {"C": "charged", "F": "free"}
CHOICE_OF_GIFT = {v: k for k, v in GIFT_OF_CHOICE.items()}

SUPERVISOR = forms.register(Form("credit_supervisor", "Forzatura del fido", (
    FieldDef("login", "Responsabile", "code", 20, required=True),
    FieldDef("password", "Password", "password", 40, required=True),
)))

QTY_MODE_COMMAND = "documents.qty_mode"


# -- the header --------------------------------------------------------------------------
def kind_of(values: dict[str, Any], counter: bool) -> str:
    return "counter" if counter else KIND_CODES.get(values.get("kind") or "FT", "invoice")


def header_data(values: dict[str, Any], counter: bool) -> dict[str, Any]:
    """What save_draft takes from the header mask's values."""
    data = {k: v for k, v in values.items() if k != "kind"}
    data["kind"] = kind_of(values, counter)
    if data.get("vat_deferred") is None:  # blank: the customer's
        data.pop("vat_deferred", None)
    return data


def _code(obj) -> str | None:
    return obj.code if obj is not None else None


def header_values(doc: Document) -> dict[str, Any]:
    """The header mask's values of a stored document."""
    return {"kind": CODE_OF_KIND.get(doc.kind, ""), "customer": _code(doc.party),
            "date": doc.date, "series": doc.series or None,
            "payment_term": _code(doc.payment_term),
            "destination": doc.destination.number if doc.destination_id else None,
            "agent": _code(doc.agent), "price_list": doc.price_list,
            "discounts": doc.discounts or None, "carrier": _code(doc.carrier),
            "transport_reason": _code(doc.transport_reason),
            "freight_terms": _code(doc.freight_terms), "packages": doc.packages or None,
            "gross_weight": doc.gross_weight, "net_weight": doc.net_weight,
            **order_values(doc),
            "notes": doc.notes or None,
            **{key: getattr(doc, key) or None for key in header.REFERENCE_TEXTS},
            **{key: getattr(doc, key) for key in header.REFERENCE_DATES},
            "vat_deferred": "S" if doc.vat_deferred else "N"}


def order_values(doc: Document) -> dict[str, Any]:
    """The order fields of the header mask (empty for other kinds)."""
    if doc.kind not in ("customer_order", "supplier_order"):
        return {"delivery_date": None, "priority": None, "not_to_fulfil": False}
    return {"delivery_date": doc.delivery_date, "priority": doc.priority,
            "not_to_fulfil": doc.not_to_fulfil}


def party_defaults(party: Party) -> dict[str, Any]:
    """The header fields a customer fills in when chosen."""
    return {"payment_term": _code(party.payment_term), "agent": _code(party.agent),
            "price_list": party.price_list or 1}


def confirmed_text(doc: Document) -> str:
    from gamma.sales.documents import name
    return f"{name(doc)} {'confermata' if doc.kind in FEMININE else 'confermato'}"


# -- the lines ---------------------------------------------------------------------------
def _sale(doc: Document, article: Article, qty: Decimal) -> pricing.Sale:
    party = doc.party
    return pricing.Sale(article=article, qty=qty, day=doc.date, party=party,
                        price_list=doc.price_list, agent_id=doc.agent_id,
                        zone_id=party.zone_id if party is not None else None,
                        freight_terms_id=doc.freight_terms_id,
                        payment_term_id=doc.payment_term_id)


def mode_of_entry(record: str) -> tuple[str, dict[str, str]]:
    """The mode and parts of a line's qty_entry ("packages=3 pieces=12")."""
    parts = dict(item.split("=", 1) for item in record.split() if "=" in item)
    for mode, (_, names) in quantities.MODES.items():
        if names and set(names) == set(parts):
            return mode, parts
    return "qty", {}


def line_inputs(ctx: Context, doc: Document) -> list[dict[str, Any]]:
    """The stored lines as line data for save_draft, so that the draft can be saved again
    with a line added, changed or removed. A price or discount the price engine would
    give again is left out (the line keeps its price source); one typed is kept. Each
    dict's `_positions` are the stored lines it stands for (a promotion's free units
    join their line); charge lines are the service's and are left out."""
    out: list[dict[str, Any]] = []
    for line in doc.lines.order_by(DocumentLine.position):
        position = line.position
        kind = line.line_kind
        if kind == "charge":
            continue
        if kind == "comment":
            out.append({"comment": line.description, "_positions": [position]})
            continue
        if kind == "text":
            out.append({"text": line.long_text, "_positions": [position]})
            continue
        base = {"_positions": [position], "gift": line.gift or "",
                "vat_code": line.vat_code.code if line.vat_code_id else None}
        if line.origin_id:
            base["origin"] = line.origin_id
        if line.delivery_date or line.not_to_fulfil:  # an order line's own
            base.update(delivery_date=line.delivery_date, not_to_fulfil=line.not_to_fulfil)
        if kind == "amount":
            out.append({**base, "description": line.description, "amount": line.amount})
            continue
        if kind == "manual":
            out.append({**base, "description": line.description, "qty": line.qty,
                        "price": line.price, "discounts": line.discounts, "code": line.code,
                        "unit": line.unit})
            continue
        previous = out[-1] if out else None
        if (line.gift == "free" and line.price_source == "Omaggio promozione"
                and previous is not None and previous.get("article") == line.code
                and "_qty" in previous):
            previous["_qty"] += line.qty
            previous["qty"] = previous["_qty"]
            previous["_positions"].append(position)
            continue
        data = {**base, "article": line.code, "description": line.description,
                "depot": line.depot.code if line.depot_id else None,
                "keeps_vat": line.keeps_vat, "_qty": line.qty, "_source": line.price_source}
        data.update(lot=line.lot.code if line.lot_id else None, serials=line.serials or None)
        if line.qty_entry:
            mode, parts = mode_of_entry(line.qty_entry)
            if mode != "qty":
                data.update(qty_mode=mode, **parts)
        if "qty_mode" not in data:
            data["qty"] = line.qty
        article = line.article if line.article_id else None
        if article is not None and article.vat_code_id == line.vat_code_id \
                or doc.vat_regime != "ordinary":
            data["vat_code"] = None
        data["price"], data["discounts"] = line.price, line.discounts
        out.append(data)
    _leave_engine_prices(ctx, doc, out)
    return out


def _leave_engine_prices(ctx: Context, doc: Document, rows: list[dict[str, Any]]) -> None:
    articles = {a.code: a for a in Article.select().where(
        Article.company == ctx.company,
        Article.code.in_([r["article"] for r in rows if r.get("article")]))}
    for row in rows:
        article = articles.get(row.get("article") or "")
        if article is None:
            continue
        quote = pricing.quote(ctx, _sale(doc, article, row["_qty"]))
        if row["_source"] != "Indicato" and quote.price == row["price"]:
            row["price"] = None
            if quote.discounts == row["discounts"]:
                row["discounts"] = None


def clean(data: dict[str, Any]) -> dict[str, Any]:
    """Line data without the screen's own keys and empty values."""
    return {k: v for k, v in data.items() if not k.startswith("_") and v not in (None, "")}


def line_values(data: dict[str, Any]) -> dict[str, Any]:
    """The line mask's values of line data."""
    out = {k: data.get(k) for k in ("article", "description", "qty", "price", "vat_code")}
    out["lot"] = data.get("lot") or None
    out["serials"] = " ".join(data["serials"]) if isinstance(data.get("serials"), list) \
        else data.get("serials") or None
    out["discounts"] = data.get("discounts") or None
    out["delivery_date"] = data.get("delivery_date")
    out["gift"] = CHOICE_OF_GIFT.get(data.get("gift") or "")
    for name in PART_FIELDS:
        if data.get(name) is not None:
            out[name] = Decimal(str(data[name]))
    if "comment" in data:
        out["description"] = data["comment"]
    return out


def line_data(ctx: Context, values: dict[str, Any], mode: str,
              party: Party | None) -> dict[str, Any]:
    """Line data from the line mask: the article field may hold an article code, a
    barcode or the customer's own code; no article and no price or quantity is a comment."""
    typed = (values.get("article") or "").strip()
    data: dict[str, Any] = {}
    if typed:
        key = article_key(ctx, typed, party)
        data[key] = typed
    elif values.get("price") is None and values.get("qty") is None \
            and not any(values.get(n) for n in PART_FIELDS):
        return {"comment": values.get("description") or ""}
    if values.get("description"):
        data["description"] = values["description"]
    if typed and mode != "qty":
        data["qty_mode"] = mode
        for name in quantities.MODES[mode][1]:
            data[name] = values.get(name)
    else:
        data["qty"] = values.get("qty")
    for name in ("price", "discounts", "vat_code", "lot", "serials", "delivery_date"):
        if values.get(name) not in (None, ""):
            data[name] = values[name]
    if values.get("gift"):
        data["gift"] = GIFT_OF_CHOICE[values["gift"]]
    return data


def article_key(ctx: Context, typed: str, party: Party | None) -> str:
    """Which line key the typed article code is: article, barcode or customer_code."""
    from gamma.sales.lines import Resolver
    return Resolver(ctx, {"vat_regime": "ordinary"}, party).key_for(typed)


def find_article(ctx: Context, typed: str, party: Party | None) -> Article | None:
    """The article a typed code names, or None (the caller says it is unknown)."""
    from gamma.sales.lines import Resolver
    resolver = Resolver(ctx, {"vat_regime": "ordinary"}, party)
    try:
        found, _ = resolver.article({resolver.key_for(typed): typed})
    except ValidationError:
        return None
    return found


# -- the operator's quantity entry mode ---------------------------------------------------
def qty_mode(ctx: Context, kind: str) -> str:
    try:
        mode = presets.load(ctx, QTY_MODE_COMMAND, kind).params.get("mode", "qty")
    except NotFound:
        return "qty"
    return mode if mode in quantities.MODES else "qty"


def next_qty_mode(ctx: Context, kind: str) -> str:
    """Move the operator to the next entry mode for the kind, kept as a personal preset."""
    modes = list(quantities.MODES)
    mode = modes[(modes.index(qty_mode(ctx, kind)) + 1) % len(modes)]
    presets.save(ctx, QTY_MODE_COMMAND, kind, {"mode": mode},
                 description="Modo di inserimento delle quantità")
    return mode


# -- what the line mask's keys show ---------------------------------------------------------
def amount(value: Decimal | None, places: int = 2) -> str:
    return numbers.format_decimal(value, places) if value is not None else ""


def price_recall(ctx: Context, party: Party | None, article: Article) -> list[str]:
    """The last prices to this customer for the article: the agreed last price, then the
    last confirmed lines."""
    if party is None:
        return ["Nessun cliente: nessun prezzo precedente"]
    out = []
    last = LastPrice.get_or_none(LastPrice.party == party, LastPrice.article == article)
    if last is not None:
        out.append(f"Ultimo prezzo praticato {last.date:%d/%m/%Y}: {amount(last.price, 6)}"
                   + (f" sconti {last.discounts}" if last.discounts else "")
                   + (f" q.tà {amount(last.qty, 3)}" if last.qty is not None else ""))
    lines = (DocumentLine.select(DocumentLine, Document).join(Document)
             .where(Document.company == ctx.company, Document.party == party,
                    Document.status != kinds.DRAFT, DocumentLine.article == article)
             .order_by(Document.date.desc(), Document.id.desc()).limit(8))
    for line in lines:
        doc = line.document
        out.append(f"{kinds.label(doc.kind)[:18]:<18} {doc.number or '':>6} "
                   f"{doc.date:%d/%m/%Y} q.tà {amount(line.qty, 3):>10} "
                   f"prezzo {amount(line.price, 6):>12} {line.discounts}")
    return out or [f"Nessun prezzo precedente per {article.code} a {party.code}"]


def stock_lines(ctx: Context, article: Article, depot_code: str | None = None) -> list[str]:
    from gamma.master import tables
    depot = tables.find(ctx, "depot", depot_code or ctx.settings.sales.depot)
    here = stock.level(ctx, article, depot.id)
    every = stock.level(ctx, article)
    return [f"Articolo {article.code} {article.description[:50]}",
            f"Deposito {depot.code}:   giacenza {amount(here.on_hand, 3):>12}   "
            f"disponibile {amount(here.available, 3):>12}",
            f"Tutti i depositi: giacenza {amount(every.on_hand, 3):>12}   "
            f"disponibile {amount(every.available, 3):>12}",
            f"Impegnato {amount(every.committed, 3)}   ordinato {amount(every.on_order, 3)}"]


def explain(ctx: Context, doc: Document, article: Article, qty: Decimal | None) -> list[str]:
    return pricing.explain(ctx, _sale(doc, article, qty or Decimal(1))).splitlines()


def margin(line: DocumentLine) -> str:
    """The line's margin on its cost ("" when there is no cost)."""
    if line.cost is None or line.amount is None or not line.qty:
        return ""
    value = line.amount - (line.cost * line.qty).quantize(Decimal("0.01"))
    share = (value * 100 / line.amount).quantize(Decimal("0.1")) if line.amount else None
    return f"Margine {amount(value)}" + (f" ({amount(share, 1)} %)" if share is not None
                                         else "")


# -- the documents list (201) and the drafts offered again (202, 203) ----------------------
def _search(ctx: Context, typed: str, filters: dict[str, str], limit: int) -> list[dict]:
    if ctx.company is None:
        return []
    q = (Document.select(Document, Party).join(Party, JOIN.LEFT_OUTER, on=Document.party)
         .where(Document.company == ctx.company))
    if filters.get("status"):
        q = q.where(Document.status == filters["status"])
    if filters.get("created_by"):
        q = q.where(Document.created_by == filters["created_by"])
    if filters.get("kind"):
        q = q.where(Document.kind == filters["kind"])
    if filters.get("not_kind"):
        q = q.where(Document.kind != filters["not_kind"])
    typed = (typed or "").strip()
    if typed:
        cond = Party.code.startswith(typed.upper()) | fn.LOWER(Party.name).contains(
            typed.lower())
        if typed.isdigit():
            cond |= Document.number == int(typed)
        q = q.where(cond)
    rows = []
    for doc in q.order_by(Document.date.desc(), Document.id.desc()).limit(limit):
        party = doc.party if doc.party_id else None
        rows.append({"id": doc.id, "kind": kinds.label(doc.kind, doc.subkind),
                     "number": (f"{doc.series}/" if doc.series else "") + str(doc.number)
                     if doc.number is not None else "",
                     "date": f"{doc.date:%d/%m/%Y}", "customer": party.code if party else "",
                     "name": party.name if party else "", "total": amount(doc.total),
                     "status": kinds.STATUS_LABELS.get(doc.status, doc.status),
                     "created_by": doc.created_by or ""})
    return rows


# 79 columns: 14 + 7 + 10 + 8 + 14 + 10 + 10 and six spaces.
DOCUMENTS = register(Source("document", "Documenti di vendita", (
    Column("kind", "Tipo", 14), Column("number", "Numero", 7), Column("date", "Data", 10),
    Column("customer", "Cliente", 8), Column("name", "Ragione sociale", 14),
    Column("total", "Totale", 10), Column("status", "Stato", 10)), "id", _search))


def drafts_of(ctx: Context, counter: bool) -> list[dict]:
    """The operator's drafts of counter sales (203) or of other documents (202)."""
    filters = {"status": kinds.DRAFT, "created_by": ctx.login}
    filters["kind" if counter else "not_kind"] = "counter"
    return _search(ctx, "", filters, 50)
