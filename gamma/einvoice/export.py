"""A confirmed sales document as a FatturaPA file (FPR12, or FPA12 for a public
administration), validated against the official schema.

What the XML says is read from the stored document: the header from the company and the
customer, the lines as entered (comments and texts as descriptive lines with zero amounts
under a rate of the summary, as the specification allows), the VAT summary as written at
confirmation (with one line of the document discount or rounding per rate when the lines do
not add up to it, so that lines and summary agree as SDI checks), the instalments as payment
data, the delivery notes and invoices picked up as DatiDDT and DatiFattureCollegate.

The file is checked against the official schema by gamma.einvoice.schema before it
leaves (gamma.einvoice.files).
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from lxml import etree
from peewee import JOIN

from gamma.context import Context
from gamma.discounts import factor
from gamma.einvoice import export_extras as extras
from gamma.einvoice.schema import DS, SCHEMA_FILE
from gamma.einvoice.xml_text import amount, chunks, latin1, percent, price, progressive_text
from gamma.errors import GammaError
from gamma.master.party_rules import FOREIGN_SDI
from gamma.sales import kinds
from models import (Bank, Company, Document, DocumentLine, DocumentVat, Instalment, Party,
                    VatCode)

NS = "http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = NS + " " + "http://www.fatturapa.gov.it/export/fatturazione/sdi/fatturapa/v1.2.2/" \
    + SCHEMA_FILE

CENT = Decimal("0.01")
PUBLIC_ADMINISTRATION_CODE_LENGTH = 6
NO_RECIPIENT_CODE = "0000000"
# Withdrawn from the customer's account (the customer's bank) rather than paid to ours.
DEBIT_METHODS = {"MP09", "MP12", "MP19", "MP20", "MP21"}
_IBAN = re.compile(r"^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$")
_CAP = re.compile(r"^[0-9]{5}$")


class ExportRefused(GammaError):
    """The document cannot become an e-invoice: names what is missing."""


number_text = extras.number_text  # the document's number as printed: 12, or 12/A


def _fiscal_id(country: str, vat_number: str) -> tuple[str, str]:
    country = (country or "IT").upper()
    code = re.sub(r"[^A-Za-z0-9]", "", vat_number or "").upper()
    if len(code) > 2 and code[:2].isalpha() and code[:2] == country:
        code = code[2:]
    return country, code


def file_name(company: Company, progressive: int) -> str:
    country, code = _fiscal_id(company.country, company.vat_number or company.tax_code)
    return f"{country}{code}_{progressive_text(progressive)}.xml"


# ---- what must be there ---------------------------------------------------------------------
def is_public_administration(party: Party) -> bool:
    return len((party.sdi_code or "").strip()) == PUBLIC_ADMINISTRATION_CODE_LENGTH


def is_foreign(party: Party) -> bool:
    return (party.country or "IT").upper() != "IT"


def check(doc: Document, company: Company, party: Party | None) -> None:
    """Refuse, naming everything missing, a document that cannot go to SDI."""
    kind = kinds.get(doc.kind)
    if not kinds.einvoice_type(doc.kind, doc.subkind):
        raise ExportRefused(f"{kind.label}: non è un documento da inviare allo SdI")
    if doc.status == kinds.DRAFT or doc.number is None:
        raise ExportRefused("Il documento è una bozza: confermarlo prima di generare la "
                            "fattura elettronica")
    missing = []
    for name, label in (("name", "ragione sociale"), ("vat_number", "partita IVA"),
                        ("address", "indirizzo"), ("zip", "CAP"), ("city", "comune"),
                        ("tax_regime", "regime fiscale")):
        if not (getattr(company, name) or "").strip():
            missing.append(label)
    if (company.country or "IT") == "IT" and company.zip and not _CAP.match(company.zip):
        missing.append("CAP di 5 cifre")
    if company.tax_regime and company.tax_regime not in extras.SCHEMA_TAX_REGIMES:
        missing.append(f"un regime fiscale previsto dallo schema FatturaPA v1.2.2 in uso "
                       f"({company.tax_regime} non lo è)")
    problems = []
    if missing:
        problems.append(f"la ditta {company.code} non ha {', '.join(missing)} "
                        "(gamma company edit)")
    if party is None:
        problems.append("il documento non ha un cliente")
    elif extras.is_self_invoice(doc):
        missing = [label for name, label in (("address", "indirizzo"), ("city", "comune"))
                   if not (getattr(party, name) or "").strip()]
        if not (party.vat_number or party.tax_code):
            missing.append("partita IVA o codice fiscale")
        if missing:
            problems.append(f"il fornitore {party.code} non ha {', '.join(missing)}")
    else:
        missing = [label for name, label in (("address", "indirizzo"), ("city", "comune"))
                   if not (getattr(party, name) or "").strip()]
        if not is_foreign(party):
            if not (party.zip or "").strip():
                missing.append("CAP")
            elif not _CAP.match(party.zip.strip()):
                missing.append("CAP di 5 cifre")
            if not (party.vat_number or party.tax_code):
                missing.append("partita IVA o codice fiscale")
            business = bool(party.vat_number)
            if business and not (party.sdi_code or "").strip() and not party.pec:
                missing.append("codice destinatario SDI o PEC")
            if party.sdi_code and len(party.sdi_code.strip()) not in (6, 7):
                missing.append("codice destinatario di 7 caratteri (6 per la P.A.)")
        if missing:
            problems.append(f"il cliente {party.code} non ha {', '.join(missing)}")
    if problems:
        raise ExportRefused("Fattura elettronica non generabile: " + "; ".join(problems))


# ---- the XML ------------------------------------------------------------------------------
def _el(parent, tag: str, text: str | None = None):
    node = etree.SubElement(parent, tag)
    if text is not None:
        node.text = text
    return node


def _opt(parent, tag: str, text: str | None):
    if text:
        _el(parent, tag, text)


@dataclass
class Built:
    xml: bytes
    format: str
    total: Decimal


def _transmitter(ctx: Context, company: Company) -> tuple[str, str]:
    configured = re.sub(r"\s", "", ctx.settings.einvoice.transmitter or "").upper()
    if configured:
        return configured[:2], configured[2:30]
    return _fiscal_id(company.country, company.vat_number or company.tax_code)


def _recipient(party: Party) -> tuple[str, str, str]:
    """(FormatoTrasmissione, CodiceDestinatario, PECDestinatario)."""
    code = (party.sdi_code or "").strip().upper()
    if is_foreign(party):
        return "FPR12", FOREIGN_SDI, ""
    if len(code) == PUBLIC_ADMINISTRATION_CODE_LENGTH:
        return "FPA12", code, ""
    if code and code != NO_RECIPIENT_CODE:
        return "FPR12", code, ""
    return "FPR12", NO_RECIPIENT_CODE, latin1(party.pec, 256)


def _phone(value: str) -> str:
    text = re.sub(r"[^0-9+]", "", value or "")
    return text if 5 <= len(text) <= 12 else ""


def _address(parent, tag: str, address: str, zip_code: str, city: str, province: str,
             country: str):
    sede = _el(parent, tag)
    country = (country or "IT").upper()
    _el(sede, "Indirizzo", latin1(address, 60))
    _el(sede, "CAP", zip_code.strip() if _CAP.match((zip_code or "").strip()) else "00000")
    _el(sede, "Comune", latin1(city, 60))
    if country == "IT" and re.match(r"^[A-Za-z]{2}$", province or ""):
        _el(sede, "Provincia", province.upper())
    _el(sede, "Nazione", country)


def _header(ctx: Context, root, company: Company, party: Party, progressive: int,
            self_invoice: bool = False) -> str:
    header = _el(root, "FatturaElettronicaHeader")
    if self_invoice:  # addressed to the company itself, found in its reserved area
        fmt, recipient, pec = "FPR12", NO_RECIPIENT_CODE, latin1(company.pec, 256)
    else:
        fmt, recipient, pec = _recipient(party)
    dt = _el(header, "DatiTrasmissione")
    sender = _el(dt, "IdTrasmittente")
    country, code = _transmitter(ctx, company)
    _el(sender, "IdPaese", country)
    _el(sender, "IdCodice", code)
    _el(dt, "ProgressivoInvio", progressive_text(progressive))
    _el(dt, "FormatoTrasmissione", fmt)
    _el(dt, "CodiceDestinatario", recipient)
    if pec:
        _el(dt, "PECDestinatario", pec)

    if self_invoice:
        _self_parties(header, company, party)
        return fmt
    seller = _company(header, "CedentePrestatore", company, company.tax_regime)
    if company.rea_office and company.rea_number:
        rea = _el(seller, "IscrizioneREA")
        _el(rea, "Ufficio", company.rea_office.upper())
        _el(rea, "NumeroREA", latin1(company.rea_number, 20))
        if company.share_capital is not None:
            _el(rea, "CapitaleSociale", amount(company.share_capital))
        _opt(rea, "SocioUnico", company.sole_shareholder)
        _el(rea, "StatoLiquidazione", company.liquidation or "LN")
    phone = _phone(company.phone)
    email = latin1(company.email, 256)
    if phone or len(email) >= 7:
        contacts = _el(seller, "Contatti")
        _opt(contacts, "Telefono", phone)
        if len(email) >= 7:
            _el(contacts, "Email", email)

    buyer = _el(header, "CessionarioCommittente")
    da = _el(buyer, "DatiAnagrafici")
    party_country = (party.country or "IT").upper()
    if party.vat_number or is_foreign(party):
        country, code = _fiscal_id(party_country, party.vat_number)
        vat = _el(da, "IdFiscaleIVA")
        _el(vat, "IdPaese", country)
        _el(vat, "IdCodice", code or "99999999999")
    if party.tax_code and not is_foreign(party):
        _el(da, "CodiceFiscale", re.sub(r"\s", "", party.tax_code).upper()[:16])
    name = " ".join(filter(None, (party.name, party.name2)))
    _el(_el(da, "Anagrafica"), "Denominazione", latin1(name, 80))
    _address(buyer, "Sede", party.address, party.zip if not is_foreign(party) else "",
             party.city, party.province, party_country)
    return fmt


def _self_parties(header, company: Company, supplier: Party) -> None:
    """A self-invoice: the supplier sells, the company buys."""
    seller = _el(header, "CedentePrestatore")
    da = _el(seller, "DatiAnagrafici")
    country = (supplier.country or "IT").upper()
    vat = _el(da, "IdFiscaleIVA")
    country, code = _fiscal_id(country, supplier.vat_number or supplier.tax_code)
    _el(vat, "IdPaese", country)
    _el(vat, "IdCodice", code[:28])
    name = " ".join(filter(None, (supplier.name, supplier.name2)))
    _el(_el(da, "Anagrafica"), "Denominazione", latin1(name, 80))
    _el(da, "RegimeFiscale", extras.supplier_regime(supplier))
    _address(seller, "Sede", supplier.address, supplier.zip if country == "IT" else "",
             supplier.city, supplier.province, country)

    _company(header, "CessionarioCommittente", company)


def _company(header, tag: str, company: Company, regime: str = ""):
    """The company as seller (with its tax regime) or, on a self-invoice, as buyer."""
    subject = _el(header, tag)
    da = _el(subject, "DatiAnagrafici")
    vat = _el(da, "IdFiscaleIVA")
    country, code = _fiscal_id(company.country, company.vat_number)
    _el(vat, "IdPaese", country)
    _el(vat, "IdCodice", code)
    _opt(da, "CodiceFiscale", re.sub(r"\s", "", company.tax_code or "").upper()[:16])
    _el(_el(da, "Anagrafica"), "Denominazione", latin1(company.name, 80))
    _opt(da, "RegimeFiscale", regime)
    _address(subject, "Sede", company.address, company.zip, company.city, company.province,
             company.country)
    return subject


def _reference(parent, tag: str, ref: extras.Reference) -> None:
    node = _el(parent, tag)
    for n in ref.lines:
        _el(node, "RiferimentoNumeroLinea", str(n))
    _el(node, "IdDocumento", latin1(ref.id, 20))
    if ref.day is not None:
        _el(node, "Data", ref.day.isoformat())
    _opt(node, "CodiceCUP", latin1(ref.cup, 15))
    _opt(node, "CodiceCIG", latin1(ref.cig, 15))


def _vat_rows(doc: Document) -> list[DocumentVat]:
    rows = list(DocumentVat.select(DocumentVat, VatCode).join(VatCode)
                .where(DocumentVat.document == doc))
    return sorted(rows, key=lambda r: (1, Decimal(0), r.vat_code.code) if r.nature
                  else (0, -r.rate, r.vat_code.code))


def _line_vat(parent, rate: Decimal, nature: str):
    _el(parent, "AliquotaIVA", percent(Decimal(0) if nature else rate))


def _origins(doc: Document) -> list[tuple[Document, DocumentLine]]:
    """(origin document, line of this document) for every line picked up, in order."""
    Origin = DocumentLine.alias()
    # Only the columns used: the SQL of three whole tables costs more than the query.
    rows = (DocumentLine.select(DocumentLine.id, Origin.id, Document.id, Document.kind,
                                Document.number, Document.series, Document.date,
                                Document.customer_reference,
                                Document.customer_reference_date, Document.cig,
                                Document.cup)
            .join(Origin, on=DocumentLine.origin == Origin.id)
            .join(Document, on=Origin.document == Document.id)
            .where(DocumentLine.document == doc)
            .order_by(DocumentLine.position))
    return [(row.origin.document, row) for row in rows]


def build(ctx: Context, doc: Document, progressive: int,
          attachment: tuple[str, bytes] | None = None) -> Built:
    """The file's XML (not yet validated)."""
    company = Company.get_by_id(doc.company_id)
    party = Party.get_by_id(doc.party_id) if doc.party_id is not None else None
    check(doc, company, party)
    kind = kinds.get(doc.kind)
    self_invoice = extras.is_self_invoice(doc)

    root = etree.Element(etree.QName(NS, "FatturaElettronica"),
                         nsmap={"p": NS, "ds": DS, "xsi": XSI})
    fmt = _header(ctx, root, company, party, progressive, self_invoice)
    root.set("versione", fmt)
    root.set(etree.QName(XSI, "schemaLocation"), SCHEMA_LOCATION)

    body = _el(root, "FatturaElettronicaBody")
    general = _el(body, "DatiGenerali")
    gd = _el(general, "DatiGeneraliDocumento")
    _el(gd, "TipoDocumento", kinds.einvoice_type(doc.kind, doc.subkind))
    _el(gd, "Divisa", doc.currency.code if doc.currency_id is not None else "EUR")
    _el(gd, "Data", doc.date.isoformat())
    _el(gd, "Numero", latin1(number_text(doc), 20))
    for held in extras.withholdings(ctx, doc, company) if not self_invoice else ():
        wh = _el(gd, "DatiRitenuta")
        _el(wh, "TipoRitenuta", held.type)
        _el(wh, "ImportoRitenuta", amount(held.amount))
        _el(wh, "AliquotaRitenuta", percent(held.rate))
        _el(wh, "CausalePagamento", held.reason)
    if doc.stamp_duty and doc.stamp_duty > 0:
        stamp = _el(gd, "DatiBollo")
        _el(stamp, "BolloVirtuale", "SI")
        _el(stamp, "ImportoBollo", amount(doc.stamp_duty))
    summary = _vat_rows(doc)
    lines = list(DocumentLine.select(DocumentLine, VatCode)
                 .join(VatCode, JOIN.LEFT_OUTER, on=DocumentLine.vat_code == VatCode.id)
                 .where(DocumentLine.document == doc).order_by(DocumentLine.position))
    funds = extras.fund_rows(doc, company, lines, summary)
    for row in funds:
        cassa = _el(gd, "DatiCassaPrevidenziale")
        _el(cassa, "TipoCassa", row.type)
        _el(cassa, "AlCassa", percent(row.rate))
        _el(cassa, "ImportoContributoCassa", amount(row.amount))
        _el(cassa, "ImponibileCassa", amount(row.base))
        _line_vat(cassa, row.vat_rate, row.nature)
        if row.withheld:
            _el(cassa, "Ritenuta", "SI")
        _opt(cassa, "Natura", row.nature)
    _el(gd, "ImportoTotaleDocumento", amount(doc.total))
    for piece in chunks(doc.notes or "", 200):
        _el(gd, "Causale", piece)

    # The lines first (their numbers are what the references point to), written after.
    by_code = {row.vat_code_id: row for row in summary}
    descriptive = summary[0] if summary else None
    detail: list[dict] = []
    number_of: dict[int, int] = {}
    sums: dict[int, Decimal] = {}
    for line in lines:
        if extras.is_fund_line(line):  # in DatiCassaPrevidenziale, yet in the summary's base
            sums[line.vat_code_id] = sums.get(line.vat_code_id, Decimal(0)) + line.amount
            continue
        if line.line_kind in ("comment", "text"):
            text = (line.long_text or line.description) if line.line_kind == "text" else \
                " ".join(filter(None, (line.description, line.long_text)))
            for piece in chunks(text, 1000):
                detail.append({"description": piece, "vat": descriptive})
            continue
        vat = by_code.get(line.vat_code_id)
        if vat is None:
            continue  # not in the summary: nothing SDI could reconcile it with
        number_of[line.id] = len(detail) + 1
        qty, unit_price, steps = line.qty, line.price, line.discounts
        total = line.amount or Decimal(0)
        if qty is not None and unit_price is not None:
            if qty < 0:
                qty, unit_price = -qty, -unit_price
            expected = (unit_price * qty * factor(steps)).quantize(CENT, ROUND_HALF_UP)
            if abs(expected - total) > CENT:
                if total == 0:
                    steps = "100"  # a free gift: the full discount
                elif qty:
                    unit_price, steps = total / qty, ""
        else:
            qty, unit_price, steps = None, total, ""
        description = " ".join(filter(None, (line.description, line.long_text)))
        if line.gift == "free":
            description = f"{line.description} (omaggio)"
        # Descrizione holds 1000 characters: a longer text goes on in descriptive lines.
        pieces = chunks(description, 1000) or ["-"]
        detail.append({"description": pieces[0], "code": line.code,
                       "qty": qty, "unit": line.unit, "price": unit_price, "steps": steps,
                       "total": total, "vat": vat,
                       "withholding": line.withholding and bool(doc.withholding),
                       "intent": vat.nature == "N3.5" and doc.intent_reference})
        detail.extend({"description": piece, "vat": vat} for piece in pieces[1:])
        sums[vat.vat_code_id] = sums.get(vat.vat_code_id, Decimal(0)) + total
    for row in summary:
        difference = row.taxable - sums.get(row.vat_code_id, Decimal(0))
        if difference:
            label = (f"Sconto su documento {doc.discounts}" if doc.discounts and difference < 0
                     else "Arrotondamento")
            detail.append({"description": label, "qty": None, "price": difference,
                           "total": difference, "vat": row})

    # References: the customer's orders, contracts and agreements, delivery notes
    # (DatiDDT) and invoices (DatiFattureCollegate).
    ddt: dict[int, tuple[Document, list[int]]] = {}
    linked: dict[int, tuple[Document, list[int]]] = {}
    orders: dict[int, tuple[Document, list[int]]] = {}
    for origin, line in _origins(doc):
        target = ddt if origin.kind == "delivery_note" else orders if (
            origin.kind == "customer_order") else (
            linked if kinds.get(origin.kind).einvoice_type else None)
        if target is None or origin.number is None:
            continue
        entry = target.setdefault(origin.id, (origin, []))
        if line.id in number_of:
            entry[1].append(number_of[line.id])
    for tag, refs in extras.order_references(doc, list(orders.values())).items():
        for ref in refs:
            _reference(general, tag, ref)
    if doc.received_invoice_id is not None:
        received = doc.received_invoice
        _reference(general, "DatiFattureCollegate",
                   extras.Reference(received.number, received.date))
    for origin, numbers in linked.values():
        ref = _el(general, "DatiFattureCollegate")
        for n in numbers:
            _el(ref, "RiferimentoNumeroLinea", str(n))
        _el(ref, "IdDocumento", latin1(number_text(origin), 20))
        _el(ref, "Data", origin.date.isoformat())
    for origin, numbers in ddt.values():
        ref = _el(general, "DatiDDT")
        _el(ref, "NumeroDDT", latin1(number_text(origin), 20))
        _el(ref, "DataDDT", origin.date.isoformat())
        for n in numbers:
            _el(ref, "RiferimentoNumeroLinea", str(n))

    goods = _el(body, "DatiBeniServizi")
    for n, item in enumerate(detail, 1):
        row = _el(goods, "DettaglioLinee")
        _el(row, "NumeroLinea", str(n))
        if item.get("code"):
            code = _el(row, "CodiceArticolo")
            _el(code, "CodiceTipo", "INTERNO")
            _el(code, "CodiceValore", latin1(item["code"], 35))
        _el(row, "Descrizione", item["description"])
        if item.get("qty") is not None:
            _el(row, "Quantita", price(item["qty"]))
            _opt(row, "UnitaMisura", latin1(item.get("unit"), 10))
        _el(row, "PrezzoUnitario", price(item.get("price")))
        for step in filter(None, (item.get("steps") or "").split("+")):
            discount = _el(row, "ScontoMaggiorazione")
            _el(discount, "Tipo", "SC")
            _el(discount, "Percentuale", percent(Decimal(step.replace(",", "."))))
        _el(row, "PrezzoTotale", amount(item.get("total")))
        vat = item["vat"]
        if vat is None:
            _el(row, "AliquotaIVA", "0.00")
            _el(row, "Natura", "N2.2")
        else:
            _line_vat(row, vat.rate, vat.nature)
            if item.get("withholding"):
                _el(row, "Ritenuta", "SI")
            _opt(row, "Natura", vat.nature)
        if item.get("intent"):
            other = _el(row, "AltriDatiGestionali")
            _el(other, "TipoDato", "INTENTO")
            _el(other, "RiferimentoTesto", latin1(doc.intent_reference, 60))
    if not detail:
        raise ExportRefused("Il documento non ha righe")
    for vat in summary:
        row = _el(goods, "DatiRiepilogo")
        _line_vat(row, vat.rate, vat.nature)
        _opt(row, "Natura", vat.nature)
        _el(row, "ImponibileImporto", amount(vat.taxable))
        _el(row, "Imposta", amount(vat.vat))
        if not vat.nature:
            _el(row, "EsigibilitaIVA", extras.vat_due(doc, company, vat))
        else:
            reference = vat.vat_code.law_reference or vat.vat_code.description
            _opt(row, "RiferimentoNormativo", latin1(reference, 100))

    if not self_invoice:  # nothing to pay: the VAT is settled in the VAT registers
        _payments(body, doc, party)
    if attachment is not None:
        name, data = attachment
        att = _el(body, "Allegati")
        _el(att, "NomeAttachment", latin1(name, 60))
        _el(att, "FormatoAttachment", "PDF")
        _el(att, "DescrizioneAttachment", latin1(f"{kind.label} {number_text(doc)}", 100))
        _el(att, "Attachment", base64.b64encode(data).decode("ascii"))

    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return Built(xml=xml, format=fmt, total=doc.total)


def _payments(body, doc: Document, party: Party) -> None:
    rows = [r for r in Instalment.select().where(Instalment.document == doc)
            .order_by(Instalment.number, Instalment.due_date) if r.amount]
    if not rows:
        return
    pay = _el(body, "DatiPagamento")
    _el(pay, "CondizioniPagamento", "TP01" if len(rows) > 1 else "TP02")
    our_bank = doc.bank if doc.bank_id is not None else None
    for r in rows:
        item = _el(pay, "DettaglioPagamento")
        _el(item, "ModalitaPagamento", r.method or "MP05")
        _el(item, "DataScadenzaPagamento", r.due_date.isoformat())
        _el(item, "ImportoPagamento", amount(r.amount))
        if r.method in DEBIT_METHODS:
            iban = (r.iban or doc.iban or party.iban or "").replace(" ", "").upper()
            if _IBAN.match(iban):
                _el(item, "IBAN", iban)
            elif party.abi and party.cab and r.method == "MP12":
                _el(item, "ABI", party.abi)
                _el(item, "CAB", party.cab)
            continue
        bank = Bank.get_by_id(r.bank_id) if r.bank_id is not None else our_bank
        iban = (bank.iban if bank is not None else "").replace(" ", "").upper()
        if bank is not None and _IBAN.match(iban):
            _el(item, "IstitutoFinanziario", latin1(bank.name, 80))
            _el(item, "IBAN", iban)
