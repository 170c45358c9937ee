"""Printing sales documents: a stored document turned into the printers' plain data
(printers.document_data), the layout for its kind and customer, and the print itself, which
moves a confirmed document to "printed" (audited).

The layouts are looked up first in the user's directory (`<data_dir>/layouts`, where a
copied and changed file wins), then in the project's `config/layouts`. The company's logo
is `<data_dir>/logo-<company code>.png` or `<data_dir>/logo.png`, when either exists.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from peewee import JOIN

from gamma import functions, records
from gamma.context import Context
from gamma.errors import GammaError, ValidationError
from gamma.master.tables_defs import METHODS
from gamma.sales import documents, kinds
from gamma.service import operation
from models import (Agent, Article, Company, Document, DocumentLine, DocumentVat, Instalment,
                    Party, PartyArticleCode, TableEntry, Unit, VatCode)
from models import Destination as DestinationRow
from printers import document_data as pd
from printers.document_pdf import render_pdf
from printers.document_text import render_text
from printers.formats import format_amount, format_date, format_trimmed
from printers.labels import LANGUAGES
from printers.layouts import LayoutError, PrintLayout, load_layout

PROJECT_LAYOUTS = Path(__file__).resolve().parents[2] / "config" / "layouts"
FORMATS = ("pdf", "text")
ZERO = Decimal("0.00")

# How an instalment's payment method (FatturaPA ModalitaPagamento) is printed; the other
# codes print their table name with a capital.
METHOD_LABELS = {"MP01": "Contanti", "MP02": "Assegno", "MP05": "Bonifico", "MP08": "Carta",
                 "MP09": "RID", "MP12": "RiBa", "MP13": "MAV", "MP19": "SDD",
                 "MP20": "SDD Core", "MP21": "SDD B2B", "MP23": "PagoPA"}

# Short names of origin documents in the references ("Rif. DDT n. 12 del 03/03/2026").
REFERENCE_LABELS = {"delivery_note": "DDT", "quote": "Preventivo", "proforma": "Pro-forma",
                    "pick_list": "Lista di prelievo", "invoice": "Fattura",
                    "deferred_invoice": "Fattura", "debit_note": "Nota di debito"}


def method_label(code: str) -> str:
    if code in METHOD_LABELS:
        return METHOD_LABELS[code]
    name = METHODS.get(code, code)
    return name[:1].upper() + name[1:]


def _number_text(doc: Document) -> str:
    return f"{doc.number}/{doc.series}" if doc.series else str(doc.number)


# ---- the parts ---------------------------------------------------------------------------
def company_part(ctx: Context, company: Company) -> pd.Company:
    logo = None
    data_dir = ctx.settings.data_dir
    for candidate in (data_dir / f"logo-{company.code}.png", data_dir / "logo.png"):
        if candidate.is_file():
            logo = candidate
            break
    registration = []  # the REA registration line the civil code wants on documents
    if company.rea_number:
        registration.append(f"R.E.A. {company.rea_office}-{company.rea_number}")
    if company.share_capital is not None:
        registration.append(f"Cap. soc. € {format_amount(company.share_capital)}")
    if company.sole_shareholder == "SU":
        registration.append("Socio unico")
    if company.liquidation == "LS":
        registration.append("In liquidazione")
    return pd.Company(name=company.name, address=company.address, zip_code=company.zip,
                      city=company.city, province=company.province,
                      country=company.country or "IT", vat_number=company.vat_number,
                      tax_code=company.tax_code, phone=company.phone, email=company.email,
                      pec=company.pec, registration=" - ".join(registration),
                      logo_path=logo)


# Kinds printed under the printers' own titles: a customer order as the order
# confirmation (config/layouts/order.toml, "Conferma d'ordine" / "Order confirmation"),
# a supplier order as "Ordine a fornitore" / "Purchase order".
PRINTED_AS = {"customer_order": "order", "supplier_order": "supplier_order"}


def info_part(doc: Document) -> pd.DocumentInfo:
    printed = PRINTED_AS.get(doc.kind)
    return pd.DocumentInfo(
        kind=printed or doc.kind, title="" if printed else kinds.label(doc.kind, doc.subkind),
        series=doc.series,
        number=doc.number, date=doc.date,
        status=kinds.STATUS_LABELS[kinds.DRAFT] if doc.status == kinds.DRAFT else "")


def customer_part(party: Party | None) -> pd.Customer:
    if party is None:
        return pd.Customer(code="", name="")
    return pd.Customer(code=party.code, name=party.name, name2=party.name2,
                       address=party.address, zip_code=party.zip, city=party.city,
                       province=party.province, country=party.country or "IT",
                       vat_number=party.vat_number, tax_code=party.tax_code,
                       sdi_code=party.sdi_code, pec=party.pec)


def destination_part(row: DestinationRow | None) -> pd.Destination | None:
    if row is None:
        return None
    return pd.Destination(name=row.name, address=row.address, zip_code=row.zip, city=row.city,
                          province=row.province, country=row.country or "IT",
                          code=str(row.number))


def _entry(entry_id: int | None) -> TableEntry | None:
    return TableEntry.get_or_none(TableEntry.id == entry_id) if entry_id is not None else None


def _description(entry_id: int | None) -> str:
    entry = _entry(entry_id)
    return entry.description if entry is not None else ""


# The standard "carrier" table says who transports (Trasporto a cura di); an entry that is
# none of these is a carrier's name, its notes its address.
TRANSPORT_BY = ("Mittente", "Destinatario", "Vettore")


def transport_part(ctx: Context, doc: Document) -> pd.Transport | None:
    """Transport data when the document has any (always on a delivery note)."""
    transport = pd.Transport(
        transport_reason=_description(doc.transport_reason_id),
        freight_terms=_description(doc.freight_terms_id), packages=doc.packages or None,
        gross_weight=doc.gross_weight, net_weight=doc.net_weight,
        transport_start=(ctx.local(doc.transport_start) if doc.transport_start is not None
                         else None))
    carrier = _entry(doc.carrier_id)
    if carrier is not None:
        if carrier.description.strip().capitalize() in TRANSPORT_BY:
            transport.transport_by = carrier.description
        else:
            transport.transport_by = "Vettore"
            notes = " ".join(carrier.notes.split())
            transport.carrier = carrier.description + (f" - {notes}" if notes else "")
    if doc.kind == "delivery_note" and not transport.transport_reason:
        transport.transport_reason = kinds.DN_SUBKINDS.get(doc.subkind or "sale",
                                                           ("Vendita",))[0]
    has_any = any((transport.carrier, transport.transport_by, transport.transport_reason,
                   transport.freight_terms, transport.packages, transport.gross_weight,
                   transport.net_weight, transport.transport_start))
    return transport if has_any or doc.kind == "delivery_note" else None


def agent_part(doc: Document) -> str:
    ids = [i for i in (doc.agent_id, doc.agent2_id) if i is not None]
    if not ids:
        return ""
    names = {a.id: a.name for a in Agent.select().where(Agent.id.in_(ids))}
    return ", ".join(names[i] for i in ids if i in names)


def customer_bank_part(doc: Document, party: Party | None) -> str:
    """The customer's bank for RiBa / direct debits: the document's IBAN, else ABI/CAB."""
    if doc.iban:
        return f"IBAN {doc.iban}"
    if party is not None:
        if party.abi and party.cab:
            return f"ABI {party.abi} CAB {party.cab}"
        if party.iban:
            return f"IBAN {party.iban}"
    return ""


def _text_line(text: str) -> pd.Line:
    first, _, rest = text.partition("\n")
    return pd.Line(description=first, long_text=rest)


def lines_part(ctx: Context, doc: Document) -> list[pd.Line]:
    """Goods, comment and text lines in their order, then the charge lines."""
    rows = list(DocumentLine.select(DocumentLine, VatCode, Article)
                .join(VatCode, JOIN.LEFT_OUTER, on=DocumentLine.vat_code == VatCode.id)
                .switch(DocumentLine)
                .join(Article, JOIN.LEFT_OUTER, on=DocumentLine.article == Article.id)
                .where(DocumentLine.document == doc)
                .order_by(DocumentLine.position))
    article_ids = {r.article_id for r in rows if r.article_id is not None}
    customer_codes: dict[int, str] = {}
    if article_ids and doc.party_id is not None:
        customer_codes = {
            c.article_id: c.code for c in PartyArticleCode.select().where(
                PartyArticleCode.party == doc.party_id,
                PartyArticleCode.article.in_(article_ids))}
    family_ids = {r.article.family_id for r in rows
                  if r.article_id is not None and r.article.family_id is not None}
    families = ({e.id: e.description for e in
                 TableEntry.select().where(TableEntry.id.in_(family_ids))}
                if family_ids else {})
    unit_codes = {r.unit for r in rows if r.unit}
    decimals = ({u.code: u.decimals for u in Unit.select().where(
        Unit.company == ctx.company, Unit.code.in_(unit_codes))} if unit_codes else {})

    goods: list[pd.Line] = []
    charges: list[pd.Line] = []
    for row in rows:
        if row.line_kind == "comment":
            goods.append(_text_line(row.description + (f"\n{row.long_text}"
                                                       if row.long_text else "")))
            continue
        if row.line_kind == "text":
            goods.append(_text_line(row.long_text or row.description))
            continue
        description = row.description
        if row.gift:
            description += " (omaggio)"
        line = pd.Line(
            description=description, code=row.code, long_text=row.long_text,
            unit=row.unit, quantity=row.qty, price=row.price, discount=row.discounts,
            amount=row.amount, vat_code=row.vat_code.code if row.vat_code_id else "",
            customer_code=customer_codes.get(row.article_id, ""),
            family=(families.get(row.article.family_id, "")
                    if row.article_id is not None else ""),
            location=row.article.location if row.article_id is not None else "",
            quantity_decimals=decimals.get(row.unit) if row.qty is not None else None)
        if row.line_kind == "charge":
            line.family = ""
            charges.append(line)
        else:
            goods.append(line)
    return goods + charges


def _vat_order(row: DocumentVat) -> tuple:
    return (1, Decimal(0), row.vat_code.code) if row.nature else (0, -row.rate,
                                                                  row.vat_code.code)


def vat_description(vat: VatCode) -> str:
    if vat.nature:
        return vat.law_reference or vat.description or vat.nature
    return f"IVA {format_trimmed(vat.rate, 0, 2)}%"


def vat_summary_part(doc: Document) -> list[pd.VatRow]:
    rows = list(DocumentVat.select(DocumentVat, VatCode).join(VatCode)
                .where(DocumentVat.document == doc))
    return [pd.VatRow(code=r.vat_code.code, description=vat_description(r.vat_code),
                      rate=r.rate, nature=r.nature, taxable=r.taxable, tax=r.vat)
            for r in sorted(rows, key=_vat_order)]


def totals_part(doc: Document) -> pd.Totals:
    """The stored totals; the document discount is what the goods lost on the way to the
    summary's discountable part (its taxable less the charges)."""
    goods, charges, taxable = (doc.goods or ZERO), (doc.charges or ZERO), (doc.taxable or ZERO)
    foreign = doc.currency_id is not None
    return pd.Totals(
        goods=goods, document_discount=goods - (taxable - charges),
        document_discount_text=doc.discounts, charges=charges, taxable=taxable,
        vat=doc.vat or ZERO, stamp_duty=doc.stamp_duty or ZERO,
        withholding=doc.withholding or ZERO, enasarco=documents.enasarco_of(doc),
        total=doc.total or ZERO, due=doc.due or ZERO,
        currency=doc.currency.code if foreign else "EUR",
        exchange_rate=doc.exchange_rate if foreign else None,
        total_eur=doc.total_euro if foreign else None)


def instalments_part(doc: Document) -> list[pd.Instalment]:
    rows = Instalment.select().where(Instalment.document == doc).order_by(Instalment.number,
                                                                           Instalment.due_date)
    return [pd.Instalment(due_date=r.due_date, amount=r.amount, method=method_label(r.method))
            for r in rows]


def references_part(doc: Document) -> list[str]:
    """One "Rif." per origin document of the lines picked up, in the lines' order."""
    Origin = DocumentLine.alias()
    rows = (Document.select(Document.id, Document.kind, Document.series, Document.number,
                            Document.date, DocumentLine.position)
            .join(Origin, on=Origin.document == Document.id)
            .join(DocumentLine, on=DocumentLine.origin == Origin.id)
            .where(DocumentLine.document == doc)
            .order_by(DocumentLine.position))
    seen: set[int] = set()
    out: list[str] = []
    for origin in rows:
        if origin.id in seen:
            continue
        seen.add(origin.id)
        label = REFERENCE_LABELS.get(origin.kind) or kinds.label(origin.kind)
        number = f" n. {_number_text(origin)}" if origin.number is not None else ""
        out.append(f"Rif. {label}{number} del {format_date(origin.date)}")
    return out


def notes_part(doc: Document) -> str:
    """The document's notes; an order's requested delivery date before them."""
    if doc.kind not in PRINTED_AS or doc.delivery_date is None:
        return doc.notes or ""
    when = f"Consegna richiesta: {format_date(doc.delivery_date)}"
    return when + (f"\n{doc.notes}" if doc.notes else "")


def declaration_part(doc: Document) -> str:
    if doc.vat_regime != "intent" and not doc.intent_reference:
        return ""
    return doc.intent_reference


def print_data(ctx: Context, doc: Document) -> pd.PrintDocument:
    """Everything the printers need of a stored document, read from the database."""
    party = Party.get_by_id(doc.party_id) if doc.party_id is not None else None
    destination = (DestinationRow.get_or_none(DestinationRow.id == doc.destination_id)
                   if doc.destination_id is not None else None)
    term = doc.payment_term if doc.payment_term_id is not None else None
    bank = doc.bank if doc.bank_id is not None else None
    return pd.PrintDocument(
        company=company_part(ctx, Company.get_by_id(doc.company_id)),
        document=info_part(doc),
        customer=customer_part(party),
        destination=destination_part(destination),
        payment_term=term.description if term is not None else "",
        bank=pd.Bank(bank.name, bank.iban, bank.bic) if bank is not None else None,
        customer_bank=customer_bank_part(doc, party),
        agent=agent_part(doc),
        transport=transport_part(ctx, doc),
        lines=lines_part(ctx, doc),
        vat_summary=vat_summary_part(doc),
        totals=totals_part(doc),
        instalments=instalments_part(doc),
        notes=notes_part(doc),
        references=references_part(doc),
        declaration_of_intent=declaration_part(doc),
        split_payment=doc.vat_regime == "split_payment",
        reverse_charge=doc.vat_regime == "reverse_charge")


# ---- layout and print --------------------------------------------------------------------
def layout_directories(ctx: Context) -> list[Path]:
    """The user's layouts first (a copy there wins), then the project's."""
    return [ctx.settings.data_dir / "layouts", PROJECT_LAYOUTS]


def layout_for(ctx: Context, doc: Document) -> PrintLayout:
    """The layout of the document's kind and customer. The document's language chooses the
    labels, unless a layout file asks for a language other than Italian."""
    code = Party.get_by_id(doc.party_id).code if doc.party_id is not None else None
    try:
        layout = load_layout(PRINTED_AS.get(doc.kind, doc.kind), code,
                             layout_directories(ctx))
    except LayoutError as exc:
        raise GammaError(str(exc)) from None
    if layout.language == "it" and doc.language in LANGUAGES:
        layout.language = doc.language
    return layout


@operation(functions.DOCUMENT_PRINT)
def render(ctx: Context, document_id: int, fmt: str = "pdf") -> bytes | str:
    """The document printed as PDF (bytes) or continuous-form text (str). A draft prints
    marked "Bozza"; a confirmed document becomes "printed" (audited); a reprint changes
    nothing."""
    if fmt not in FORMATS:
        raise ValidationError("fmt", "pdf o text", "Formato di stampa")
    doc = documents.find(ctx, document_id, for_update=True)
    documents.require_right(ctx, doc, "print")
    layout = layout_for(ctx, doc)
    data = print_data(ctx, doc)
    try:
        out = render_pdf(data, layout) if fmt == "pdf" else render_text(data, layout)
    except LayoutError as exc:
        raise GammaError(str(exc)) from None
    if doc.status == kinds.CONFIRMED:
        records.update(ctx, doc, status=kinds.PRINTED, printed_at=ctx.now())
    return out


@operation(functions.DOCUMENT_PRINT, write=False)
def documents_between(ctx: Context, kind: str, date_from: date, date_to: date,
                      series: str | None = None) -> list[Document]:
    """Confirmed and printed documents of a kind between two dates (both included), by
    date and number: what a batch reprint goes through."""
    the_kind = kinds.get(kind)
    query = Document.select().where(
        Document.company == ctx.require_company(), Document.kind == the_kind.code,
        Document.status.in_((kinds.CONFIRMED, kinds.PRINTED)),
        Document.date >= date_from, Document.date <= date_to)
    if series is not None:
        query = query.where(Document.series == series)
    return list(query.order_by(Document.date, Document.number, Document.series, Document.id))
