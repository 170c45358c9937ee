"""The parts of a FatturaPA file beyond a plain invoice: withholdings (tax and ENASARCO),
the professional's fund contribution, deferred VAT, the customer's references (order,
contract, agreement, CIG and CUP, orders picked up), and the header of a self-invoice, where
the supplier is the seller and the company the buyer.

The elements are written by `gamma.einvoice.export`, in the order the schema wants them;
what here decides is what goes in them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from gamma.companies_form import SCHEMA_TAX_REGIMES  # noqa: F401  (export checks it)
from gamma.sales import fund, kinds
from gamma.sales.document_totals import tax_lines
from gamma.sales.documents import enasarco_of, goods_rows
from models import Company, Document, DocumentLine, DocumentVat, Party

NO_NUMBER = "ND"  # IdDocumento when only CIG/CUP are known: the element is required
# RegimeFiscale of a supplier on a self-invoice: its regime is not ours to know; a
# foreign one has none of the Italian regimes ("altro").
FOREIGN_SUPPLIER_REGIME = "RF18"
ITALIAN_SUPPLIER_REGIME = "RF01"


@dataclass(frozen=True)
class Withholding:
    type: str  # TipoRitenuta: RT01 natural person, RT02 legal person, RT04 ENASARCO
    amount: Decimal
    rate: Decimal
    reason: str  # CausalePagamento


@dataclass(frozen=True)
class FundRow:
    type: str  # TipoCassa
    rate: Decimal  # AlCassa
    amount: Decimal  # ImportoContributoCassa
    base: Decimal  # ImponibileCassa
    vat_rate: Decimal
    nature: str
    withheld: bool  # Ritenuta SI: the contribution is subject to withholding


@dataclass(frozen=True)
class Reference:
    id: str  # IdDocumento
    day: object = None  # date or None
    lines: tuple[int, ...] = ()
    cig: str = ""
    cup: str = ""


def is_fund_line(line: DocumentLine) -> bool:
    return line.line_kind == "charge" and line.price_source == fund.FUND


def withholdings(ctx, doc: Document, company: Company) -> list[Withholding]:
    reason = company.withholding_reason or ctx.settings.einvoice.withholding_reason or "A"
    out = []
    if doc.withholding and doc.withholding > 0:
        natural = len(company.tax_code or "") == 16 and not company.tax_code.isdigit()
        out.append(Withholding("RT01" if natural else "RT02", doc.withholding,
                               doc.withholding_rate or Decimal(0), reason))
    amount = enasarco_of(doc)
    if amount > 0:
        out.append(Withholding("RT04", amount, company.enasarco_rate, reason))
    return out


def fund_rows(doc: Document, company: Company, lines: list[DocumentLine],
              summary: list[DocumentVat]) -> list[FundRow]:
    """DatiCassaPrevidenziale: one per VAT rate or nature of the fund's charge lines, with
    the fees it was worked out on."""
    charged = [line for line in lines if is_fund_line(line)]
    if not charged:
        return []
    bases = fund.fee_bases(tax_lines(goods_rows(doc)), doc.discounts)
    by_code = {key.code: base for key, base in bases.items()}
    by_vat = {row.vat_code_id: row for row in summary}
    out = []
    for line in charged:
        vat = by_vat[line.vat_code_id]
        out.append(FundRow(company.fund_type, company.fund_rate or Decimal(0), line.amount,
                           by_code.get(vat.vat_code.code, Decimal(0)), vat.rate, vat.nature,
                           company.fund_type in fund.WITHHELD_FUNDS
                           and bool(doc.withholding)))
    return out


def vat_due(doc: Document, company: Company, vat: DocumentVat) -> str:
    """EsigibilitaIVA: S split payment, D deferred (the document's flag, or IVA per cassa
    of the company's regime), I immediate."""
    if vat.split_payment:
        return "S"
    if doc.vat_deferred or company.tax_regime in ("RF16", "RF17"):
        return "D"
    return "I"


def order_references(doc: Document, picked: list[tuple[Document, list[int]]]) -> dict:
    """DatiOrdineAcquisto, DatiContratto and DatiConvenzione. The customer's orders picked
    up give one reference each (their own reference when the customer gave one, else our
    order's number) with the lines that came from them; the header's order reference is
    one more. CIG and CUP go with the header's order, else its contract, else its
    agreement, else an order reference of their own."""
    orders = []
    for order, numbers in picked:
        number = order.customer_reference or number_text(order)
        day = order.customer_reference_date if order.customer_reference else order.date
        orders.append(Reference(number, day, tuple(numbers), order.cig, order.cup))
    cig, cup = doc.cig, doc.cup
    contract = agreement = None
    if doc.customer_reference:
        orders.insert(0, Reference(doc.customer_reference, doc.customer_reference_date,
                                   cig=cig, cup=cup))
        cig = cup = ""
    if doc.contract_reference:
        contract = Reference(doc.contract_reference, doc.contract_date, cig=cig, cup=cup)
        cig = cup = ""
    if doc.agreement_reference:
        agreement = Reference(doc.agreement_reference, cig=cig, cup=cup)
        cig = cup = ""
    if cig or cup:
        orders.insert(0, Reference(NO_NUMBER, cig=cig, cup=cup))
    return {"DatiOrdineAcquisto": orders, "DatiContratto": [contract] if contract else [],
            "DatiConvenzione": [agreement] if agreement else []}


def number_text(doc: Document) -> str:
    """The document's number as printed on it: 12, or 12/A with a series."""
    return f"{doc.number}/{doc.series}" if doc.series else str(doc.number)


def is_self_invoice(doc: Document) -> bool:
    return doc.kind == kinds.SELF_INVOICE


def supplier_regime(party: Party) -> str:
    foreign = (party.country or "IT").upper() != "IT"
    return FOREIGN_SUPPLIER_REGIME if foreign else ITALIAN_SUPPLIER_REGIME
