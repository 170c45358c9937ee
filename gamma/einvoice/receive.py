"""Import of supplier e-invoices (fatture elettroniche ricevute).

A file is `.xml` or a signed `.xml.p7m` (DER or base64); ordinary FatturaPA v1.2 (FPR12,
FPA12) or simplified (FSM10). Each body of a file becomes one ReceivedInvoice with its
lines as the file has them, its VAT summary, payment data and attachments; the total is
the file's ImportoTotaleDocumento (computed when absent, and for FSM10).

Each file is imported in a transaction of its own: a file refused (unreadable, addressed
to another company, already imported) leaves nothing behind and does not stop the others.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from lxml import etree

from gamma import db, functions, records
from gamma.context import Context
from gamma.einvoice import p7m
from gamma.errors import GammaError, ValidationError
from gamma.service import operation
from models import (Party, PartyArticleCode, ReceivedAttachment, ReceivedInvoice,
                    ReceivedLine, ReceivedPayment, ReceivedVat)

NS_V12 = "http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2"
NS_FSM = "http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.0"
ROOTS = {NS_V12: "FatturaElettronica", NS_FSM: "FatturaElettronicaSemplificata"}
FORMATS = {NS_V12: ("FPR12", "FPA12"), NS_FSM: ("FSM10",)}
DOCUMENT_TYPE = re.compile(r"TD\d\d")  # TD01…TD29 (TD29 since specification 1.9)
CENT = Decimal("0.01")
PRICE_PLACES = Decimal("0.000001")


class FileRefused(GammaError):
    """A file that is not imported: the message names the file and the problem."""


@dataclass
class Result:
    """The outcome of one file: the invoices it gave, or why it was refused."""

    file: str
    ok: bool
    message: str = ""
    invoices: list[ReceivedInvoice] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"file": self.file, "ok": self.ok, "message": self.message,
                "invoices": [summary(inv) for inv in self.invoices]}


# --- reading -----------------------------------------------------------------------------

def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True,
                           remove_comments=True)


def read_xml(name: str, data: bytes) -> etree._Element:
    """The root of the e-invoice in `data` (the envelope opened for .p7m files)."""
    if name.lower().endswith(".p7m"):
        try:
            data = p7m.extract(data)
        except p7m.EnvelopeError as exc:
            raise FileRefused(f"{name}: {exc}") from None
    if not data.strip():
        raise FileRefused(f"{name}: file vuoto")
    try:
        root = etree.fromstring(data.lstrip(b"\xef\xbb\xbf \r\n\t")
                                if not data.startswith(b"\xef\xbb\xbf<?xml") else data,
                                _parser())
    except etree.XMLSyntaxError as exc:
        uri = re.search(r"xmlns(?::\w+)?: '([^']*)' is not a valid URI", str(exc.msg))
        if uri:
            raise FileRefused(f"{name}: spazio dei nomi (xmlns) non valido «{uri.group(1)}» "
                              f"alla riga {exc.lineno} (atteso {NS_V12})") from None
        raise FileRefused(f"{name}: XML non leggibile alla riga {exc.lineno} "
                          f"({exc.msg})") from None
    qname = etree.QName(root)
    if qname.namespace not in ROOTS:
        raise FileRefused(
            f"{name}: spazio dei nomi non valido «{qname.namespace or ''}» "
            f"(atteso {NS_V12} o, per la fattura semplificata, {NS_FSM})")
    if qname.localname != ROOTS[qname.namespace]:
        raise FileRefused(f"{name}: elemento radice {qname.localname}, atteso "
                          f"{ROOTS[qname.namespace]}")
    version = (root.get("versione") or "").strip().upper()
    if version not in FORMATS[qname.namespace]:
        raise FileRefused(f"{name}: versione «{version}» non prevista (ammesse "
                          f"{', '.join(FORMATS[qname.namespace])})")
    return root


def _text(element, path: str) -> str:
    if element is None:
        return ""
    found = element.find(path)
    return (found.text or "").strip() if found is not None else ""


class _Reader:
    """Typed access to the elements of one file, naming the file in every refusal."""

    def __init__(self, name: str):
        self.name = name

    def refuse(self, what: str) -> FileRefused:
        return FileRefused(f"{self.name}: {what}")

    def required(self, element, path: str) -> str:
        value = _text(element, path)
        if not value:
            raise self.refuse(f"manca {path.split('/')[-1]} ({path})")
        return value

    def decimal(self, element, path: str, required: bool = False) -> Decimal | None:
        raw = self.required(element, path) if required else _text(element, path)
        if not raw:
            return None
        try:
            return Decimal(raw.replace(" ", ""))
        except InvalidOperation:
            raise self.refuse(f"{path.split('/')[-1]}: «{raw}» non è un numero") from None

    def date(self, element, path: str, required: bool = False) -> date | None:
        raw = self.required(element, path) if required else _text(element, path)
        if not raw:
            return None
        try:
            return date.fromisoformat(raw.replace(" ", "")[:10])
        except ValueError:
            raise self.refuse(f"{path.split('/')[-1]}: «{raw}» non è una data "
                              "(AAAA-MM-GG)") from None


def _money(value: Decimal | None) -> Decimal:
    return (value or Decimal(0)).quantize(CENT, rounding=ROUND_HALF_UP)


def _normalised_vat(value: str) -> str:
    value = re.sub(r"[\s.\-]", "", (value or "").upper())
    return value[2:] if value.startswith("IT") else value


@dataclass
class _Subject:
    country: str
    vat_code: str  # IdCodice, without the country
    tax_code: str
    name: str
    address: str = ""
    zip: str = ""
    city: str = ""
    province: str = ""

    @property
    def vat_label(self) -> str:
        if self.vat_code:
            return f"P.IVA {self.country}{self.vat_code}"
        return f"C.F. {self.tax_code}" if self.tax_code else "senza identificativo fiscale"


def _name(element) -> str:
    name = _text(element, "Denominazione")
    if not name:
        name = " ".join(p for p in (_text(element, "Nome"), _text(element, "Cognome")) if p)
    return name


def _supplier_of(reader: _Reader, header, simplified: bool) -> _Subject:
    seller = header.find("CedentePrestatore")
    if seller is None:
        raise reader.refuse("manca CedentePrestatore")
    where = seller if simplified else seller.find("DatiAnagrafici")
    registry = seller if simplified else (where.find("Anagrafica") if where is not None
                                          else None)
    office = seller.find("Sede")
    subject = _Subject(
        country=_text(where, "IdFiscaleIVA/IdPaese").upper() or "IT",
        vat_code=re.sub(r"\s", "", _text(where, "IdFiscaleIVA/IdCodice")).upper(),
        tax_code=re.sub(r"\s", "", _text(where, "CodiceFiscale")).upper(),
        name=_name(registry) if registry is not None else "",
        address=" ".join(p for p in (_text(office, "Indirizzo"),
                                     _text(office, "NumeroCivico")) if p),
        zip=_text(office, "CAP"), city=_text(office, "Comune"),
        province=_text(office, "Provincia").upper())
    if not subject.vat_code and not subject.tax_code:
        raise reader.refuse("il cedente/prestatore non ha né partita IVA né codice fiscale")
    if not subject.name:
        subject.name = subject.vat_label
    return subject


def _recipient_of(header, simplified: bool) -> _Subject:
    buyer = header.find("CessionarioCommittente")
    where = (buyer.find("IdentificativiFiscali") if simplified else
             buyer.find("DatiAnagrafici")) if buyer is not None else None
    registry = None
    if buyer is not None:
        registry = (buyer.find("AltriDatiIdentificativi") if simplified
                    else where.find("Anagrafica") if where is not None else None)
    return _Subject(country=_text(where, "IdFiscaleIVA/IdPaese").upper() or "IT",
                    vat_code=re.sub(r"\s", "", _text(where, "IdFiscaleIVA/IdCodice")).upper(),
                    tax_code=re.sub(r"\s", "", _text(where, "CodiceFiscale")).upper(),
                    name=_name(registry) if registry is not None else "")


def _check_recipient(reader: _Reader, ctx: Context, recipient: _Subject) -> None:
    company = ctx.require_company()
    ours = {v for v in (_normalised_vat(company.vat_number),
                        (company.tax_code or "").strip().upper()) if v}
    if not ours:
        raise reader.refuse(f"la ditta {company.code} non ha partita IVA né codice fiscale: "
                            "impostarli (gamma company set) o importare con --any-recipient")
    theirs = set()
    if recipient.vat_code and recipient.country == "IT":
        theirs.add(_normalised_vat(recipient.vat_code))
    if recipient.tax_code:
        theirs.add(recipient.tax_code)
    if ours & theirs:
        return
    whom = f" ({recipient.name})" if recipient.name else ""
    raise reader.refuse(
        f"fattura destinata a {recipient.vat_label}{whom}, non alla ditta {company.code} "
        f"(P.IVA {company.vat_number or '-'}): non importata; usare --any-recipient "
        "per importarla comunque")


# --- the supplier ------------------------------------------------------------------------

def _find_supplier(ctx: Context, subject: _Subject) -> Party | None:
    company = ctx.company
    if subject.vat_code:
        candidates = {subject.vat_code, subject.country + subject.vat_code}
        if subject.country == "GR":
            candidates.add("EL" + subject.vat_code)
        party = (Party.select().where(Party.company == company,
                                      Party.vat_number.in_(list(candidates)))
                 .order_by(Party.is_supplier.desc(), Party.id).first())
        if party is not None:
            return party
    if subject.tax_code:
        return (Party.select().where(Party.company == company,
                                     Party.tax_code == subject.tax_code)
                .order_by(Party.is_supplier.desc(), Party.id).first())
    return None


_OPTIONAL = ("tax_code", "address", "zip", "city", "province")


def _create_supplier(ctx: Context, reader: _Reader, subject: _Subject) -> Party:
    from gamma.master import parties  # the party service: rules, field rules, audit

    base = (subject.country + subject.vat_code if subject.vat_code else subject.tax_code)
    base = re.sub(r"[^A-Z0-9]", "", base.upper())[:18] or "FORN"
    code, n = base, 1
    while Party.select().where(Party.company == ctx.company, Party.code == code).exists():
        n += 1
        code = f"{base[:17]}{n}" if n < 10 else f"{base[:16]}{n}"
    values = {"code": code, "name": subject.name[:60], "country": subject.country,
              "vat_number": subject.vat_code, "tax_code": subject.tax_code,
              "address": subject.address[:60], "zip": subject.zip[:10],
              "city": subject.city[:60], "province": subject.province,
              "is_customer": False, "is_supplier": True}
    while True:
        try:
            return parties.save_from_form(ctx, values)
        except ValidationError as exc:
            if exc.field in _OPTIONAL and values.get(exc.field):
                values[exc.field] = ""  # a detail SDI let through: the party goes without it
                continue
            raise reader.refuse(f"fornitore {subject.name} non creato in anagrafica: "
                                f"{exc}") from None


# --- bodies -------------------------------------------------------------------------------

@dataclass
class _Body:
    index: int
    document_type: str
    currency: str
    number: str
    day: date
    total: Decimal
    taxable: Decimal
    vat: Decimal
    lines: list[dict]
    summary: list[dict]
    payments: list[dict]
    attachments: list[dict]


def _attachments(reader: _Reader, body) -> list[dict]:
    found = []
    for attached in body.findall("Allegati"):
        name = _text(attached, "NomeAttachment") or "allegato"
        raw = "".join((attached.findtext("Attachment") or "").split())
        try:
            data = base64.b64decode(raw, validate=False)
        except (binascii.Error, ValueError):
            raise reader.refuse(f"allegato {name}: contenuto base64 non valido") from None
        found.append({"name": name[:60], "mime": _text(attached, "FormatoAttachment")[:20],
                      "data": data})
    return found


def _price(reader: _Reader, line) -> tuple[Decimal, str]:
    raw = _text(line, "PrezzoUnitario")
    value = reader.decimal(line, "PrezzoUnitario") or Decimal(0)
    rounded = value.quantize(PRICE_PLACES, rounding=ROUND_HALF_UP)
    return rounded, (raw.replace(" ", "") if rounded != value else "")


def _ordinary_body(reader: _Reader, body, index: int) -> _Body:
    general = body.find("DatiGenerali/DatiGeneraliDocumento")
    if general is None:
        raise reader.refuse(f"corpo {index}: manca DatiGeneraliDocumento")
    goods = body.find("DatiBeniServizi")
    if goods is None:
        raise reader.refuse(f"corpo {index}: manca DatiBeniServizi")
    lines = []
    for position, line in enumerate(goods.findall("DettaglioLinee"), start=1):
        price, price_text = _price(reader, line)
        codes = [(_text(c, "CodiceTipo"), _text(c, "CodiceValore"))
                 for c in line.findall("CodiceArticolo")]
        number = _text(line, "NumeroLinea")
        lines.append({
            "number": int(number) if number.isdigit() else position,
            "codes": [value for _kind, value in codes if value],
            "description": _text(line, "Descrizione"),
            "qty": reader.decimal(line, "Quantita"),
            "unit": _text(line, "UnitaMisura")[:10],
            "price": price, "price_text": price_text[:30],
            "amount": _money(reader.decimal(line, "PrezzoTotale")),
            "vat_rate": reader.decimal(line, "AliquotaIVA") or Decimal(0),
            "nature": _text(line, "Natura")[:5]})
    summary = []
    for row in goods.findall("DatiRiepilogo"):
        summary.append({
            "rate": reader.decimal(row, "AliquotaIVA") or Decimal(0),
            "nature": _text(row, "Natura")[:5],
            "taxable": _money(reader.decimal(row, "ImponibileImporto", required=True)),
            "vat": _money(reader.decimal(row, "Imposta")),
            "esigibilita": _text(row, "EsigibilitaIVA")[:1],
            "law_reference": _text(row, "RiferimentoNormativo")[:100]})
    payments = []
    for block in body.findall("DatiPagamento"):
        for due in block.findall("DettaglioPagamento"):
            payments.append({"due_date": reader.date(due, "DataScadenzaPagamento"),
                             "amount": _money(reader.decimal(due, "ImportoPagamento")),
                             "method": _text(due, "ModalitaPagamento")[:4],
                             "iban": _text(due, "IBAN").replace(" ", "")[:34]})
    taxable = sum((r["taxable"] for r in summary), Decimal(0))
    vat = sum((r["vat"] for r in summary), Decimal(0))
    total = reader.decimal(general, "ImportoTotaleDocumento")
    return _Body(index, _document_type(reader, general), _currency(general),
                 reader.required(general, "Numero")[:20],
                 reader.date(general, "Data", required=True),
                 _money(total) if total is not None else taxable + vat,
                 taxable, vat, lines, summary, payments, _attachments(reader, body))


def _simplified_body(reader: _Reader, body, index: int) -> _Body:
    general = body.find("DatiGenerali/DatiGeneraliDocumento")
    if general is None:
        raise reader.refuse(f"corpo {index}: manca DatiGeneraliDocumento")
    lines, by_rate = [], {}
    for position, goods in enumerate(body.findall("DatiBeniServizi"), start=1):
        gross = _money(reader.decimal(goods, "Importo", required=True))  # VAT included
        rate = reader.decimal(goods, "DatiIVA/Aliquota")
        tax = reader.decimal(goods, "DatiIVA/Imposta")
        if tax is None:
            tax = gross - _money(gross * 100 / (100 + rate)) if rate else Decimal(0)
        tax = _money(tax)
        nature = _text(goods, "Natura")[:5]
        if rate is None:
            rate = (tax * 100 / (gross - tax)).quantize(CENT, rounding=ROUND_HALF_UP) \
                if tax and gross != tax else Decimal(0)
        lines.append({"number": position, "codes": [],
                      "description": _text(goods, "Descrizione"), "qty": None, "unit": "",
                      "price": gross - tax, "price_text": "", "amount": gross - tax,
                      "vat_rate": rate, "nature": nature})
        row = by_rate.setdefault((rate, nature), {
            "rate": rate, "nature": nature, "taxable": Decimal(0), "vat": Decimal(0),
            "esigibilita": "", "law_reference": _text(goods, "RiferimentoNormativo")[:100]})
        row["taxable"] += gross - tax
        row["vat"] += tax
    summary = list(by_rate.values())
    taxable = sum((r["taxable"] for r in summary), Decimal(0))
    vat = sum((r["vat"] for r in summary), Decimal(0))
    return _Body(index, _document_type(reader, general), _currency(general),
                 reader.required(general, "Numero")[:20],
                 reader.date(general, "Data", required=True), taxable + vat, taxable, vat,
                 lines, summary, [], _attachments(reader, body))


def _document_type(reader: _Reader, general) -> str:
    kind = reader.required(general, "TipoDocumento").upper()
    if not DOCUMENT_TYPE.fullmatch(kind):
        raise reader.refuse(f"TipoDocumento «{kind}» non valido")
    return kind


def _currency(general) -> str:
    return (_text(general, "Divisa") or "EUR").upper()[:3]


@dataclass
class ParsedFile:
    """A file read and understood, nothing written yet."""

    name: str
    format: str
    xml: str
    supplier: _Subject
    recipient: _Subject
    bodies: list[_Body]


def parse(name: str, data: bytes) -> ParsedFile:
    """Read one file; FileRefused names the file and the problem."""
    root = read_xml(name, data)
    reader = _Reader(name)
    simplified = etree.QName(root).namespace == NS_FSM
    header = root.find("FatturaElettronicaHeader")
    if header is None:
        raise reader.refuse("manca FatturaElettronicaHeader (elementi senza spazio dei nomi "
                            "attesi sotto la radice)")
    bodies = root.findall("FatturaElettronicaBody")
    if not bodies:
        raise reader.refuse("nessun FatturaElettronicaBody")
    read_body = _simplified_body if simplified else _ordinary_body
    return ParsedFile(
        name=name, format=(root.get("versione") or "").strip().upper(),
        xml=etree.tostring(root, encoding="unicode"),
        supplier=_supplier_of(reader, header, simplified),
        recipient=_recipient_of(header, simplified),
        bodies=[read_body(reader, body, i) for i, body in enumerate(bodies, start=1)])


# --- writing -----------------------------------------------------------------------------

def _article_of(ctx: Context, supplier: Party, codes: list[str]):
    for code in codes:
        row = PartyArticleCode.get_or_none(PartyArticleCode.company == ctx.company,
                                           PartyArticleCode.party == supplier,
                                           PartyArticleCode.code == code[:30])
        if row is not None:
            return row.article_id
    return None


def _store(ctx: Context, parsed: ParsedFile, any_recipient: bool) -> list[ReceivedInvoice]:
    reader = _Reader(parsed.name)
    if not any_recipient:
        _check_recipient(reader, ctx, parsed.recipient)
    supplier = _find_supplier(ctx, parsed.supplier) or _create_supplier(ctx, reader,
                                                                        parsed.supplier)
    seen: set[tuple[str, date]] = set()
    invoices = []
    for body in parsed.bodies:
        key = (body.number, body.day)
        if key in seen or ReceivedInvoice.select().where(
                ReceivedInvoice.company == ctx.company, ReceivedInvoice.supplier == supplier,
                ReceivedInvoice.number == body.number,
                ReceivedInvoice.date == body.day).exists():
            raise reader.refuse(
                f"fattura n. {body.number} del {body.day:%d/%m/%Y} di {supplier.name} "
                "già importata: file non importato")
        seen.add(key)
        invoice = records.insert(
            ctx, ReceivedInvoice, company=ctx.company, supplier=supplier,
            file_name=parsed.name[:120], format=parsed.format,
            document_type=body.document_type, number=body.number, date=body.day,
            currency=body.currency, total=body.total, taxable=body.taxable, vat=body.vat,
            body_index=body.index, xml=parsed.xml, imported_at=ctx.now(),
            imported_by=ctx.operator)
        for line in body.lines:
            codes = line.pop("codes")
            ReceivedLine.create(company=ctx.company, invoice=invoice,
                                article=_article_of(ctx, supplier, codes),
                                code=(codes[0] if codes else "")[:35], **line)
        for row in body.summary:
            ReceivedVat.create(company=ctx.company, invoice=invoice, **row)
        for row in body.payments:
            ReceivedPayment.create(company=ctx.company, invoice=invoice, **row)
        for row in body.attachments:
            ReceivedAttachment.create(company=ctx.company, invoice=invoice, **row)
        invoices.append(invoice)
    return invoices


def import_data(ctx: Context, name: str, data: bytes, any_recipient: bool = False) -> Result:
    """One file's bytes: imported whole in a transaction (a savepoint), or refused."""
    try:
        parsed = parse(name, data)
        with db.transaction():
            invoices = _store(ctx, parsed, any_recipient)
    except GammaError as exc:
        return Result(name, False, exc.message)
    noun = "fattura importata" if len(invoices) == 1 else "fatture importate"
    return Result(name, True, f"{name}: {len(invoices)} {noun} da {invoices[0].supplier.name}",
                  invoices)


@operation(functions.RECEIVED_INVOICES)
def import_files(ctx: Context, paths, any_recipient: bool = False) -> list[Result]:
    """Import supplier e-invoice files; one Result per file, in the order given."""
    ctx.require_company()
    results = []
    for path in paths:
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            results.append(Result(path.name, False,
                                  f"{path.name}: file non leggibile ({exc.strerror})"))
            continue
        results.append(import_data(ctx, path.name, data, any_recipient))
    return results


# --- reading back -------------------------------------------------------------------------

def summary(invoice: ReceivedInvoice) -> dict:
    return {"id": invoice.id, "supplier": invoice.supplier.code,
            "supplier_name": invoice.supplier.name, "file": invoice.file_name,
            "format": invoice.format, "type": invoice.document_type,
            "number": invoice.number, "date": invoice.date.isoformat(),
            "currency": invoice.currency, "taxable": str(invoice.taxable),
            "vat": str(invoice.vat), "total": str(invoice.total)}


@operation(functions.RECEIVED_INVOICES, write=False)
def list_invoices(ctx: Context, supplier: str | None = None) -> list[ReceivedInvoice]:
    query = (ReceivedInvoice.select(ReceivedInvoice, Party).join(Party)
             .where(ReceivedInvoice.company == ctx.require_company()))
    if supplier:
        query = query.where(Party.code == supplier.strip().upper())
    return list(query.order_by(ReceivedInvoice.date.desc(), ReceivedInvoice.id.desc()))


@operation(functions.RECEIVED_INVOICES, write=False)
def get(ctx: Context, invoice_id: int) -> ReceivedInvoice:
    from gamma.errors import NotFound
    invoice = ReceivedInvoice.get_or_none(ReceivedInvoice.company == ctx.require_company(),
                                          ReceivedInvoice.id == invoice_id)
    if invoice is None:
        raise NotFound(f"Fattura ricevuta {invoice_id} inesistente")
    return invoice


def detail(invoice: ReceivedInvoice) -> dict:
    """Everything kept of a received invoice, as plain data (JSON, the human view)."""
    data = summary(invoice)
    data["lines"] = [{"number": l.number, "code": l.code,
                      "article": l.article.code if l.article_id else None,
                      "description": l.description,
                      "qty": str(l.qty) if l.qty is not None else None, "unit": l.unit,
                      "price": str(l.price), "price_text": l.price_text,
                      "amount": str(l.amount), "vat_rate": str(l.vat_rate),
                      "nature": l.nature}
                     for l in invoice.lines.order_by(ReceivedLine.id)]
    data["vat_summary"] = [{"rate": str(v.rate), "nature": v.nature,
                            "taxable": str(v.taxable), "vat": str(v.vat),
                            "esigibilita": v.esigibilita, "law_reference": v.law_reference}
                           for v in invoice.vat_summary.order_by(ReceivedVat.id)]
    data["payments"] = [{"due_date": p.due_date.isoformat() if p.due_date else None,
                         "amount": str(p.amount), "method": p.method, "iban": p.iban}
                        for p in invoice.payments.order_by(ReceivedPayment.id)]
    data["attachments"] = [{"name": a.name, "mime": a.mime, "size": len(bytes(a.data))}
                           for a in invoice.attachments.order_by(ReceivedAttachment.id)]
    return data
