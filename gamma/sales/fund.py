"""A professional's pension-fund contribution (cassa previdenziale, "rivalsa") and an
agent's ENASARCO contribution, from the company's data. Pure: no database.

- The fund contribution is `rate` % of the fees (the goods lines after the document
  discount, gifts left out), one charge per VAT rate or nature of the fees, each rounded
  half-up to the cent; it joins the VAT base of that rate (VAT is due on fee + fund).
  FatturaPA reports it in DatiCassaPrevidenziale, not as a line.
- A professional fund's contributo integrativo (TC01-TC21) is not subject to withholding;
  the INPS 4% rivalsa (TC22, gestione separata) is part of the fee and is: the withholding
  is then the rate on the fees subject to it plus their contribution, rounded once.
- ENASARCO: `rate` % of the commissions subject to withholding (after the document
  discount), rounded half-up to the cent; withheld by the principal like the withholding
  tax, so it lowers what is due, not the total (FatturaPA DatiRitenuta RT04).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from gamma.discounts import chain, factor
from gamma.sales.totals import Charge, TaxLine, VatKey

CENT = Decimal("0.01")
FUND = "fund"  # the Charge kind (and the stored charge line's price_source)

# FatturaPA TipoCassa (schema v1.2.2).
FUND_TYPES = {
    "TC01": "Cassa nazionale previdenza e assistenza avvocati e procuratori legali",
    "TC02": "Cassa previdenza dottori commercialisti",
    "TC03": "Cassa previdenza e assistenza geometri",
    "TC04": "Cassa nazionale previdenza e assistenza ingegneri e architetti liberi "
            "professionisti",
    "TC05": "Cassa nazionale del notariato",
    "TC06": "Cassa nazionale previdenza e assistenza ragionieri e periti commerciali",
    "TC07": "Ente nazionale assistenza agenti e rappresentanti di commercio (ENASARCO)",
    "TC08": "Ente nazionale previdenza e assistenza consulenti del lavoro (ENPACL)",
    "TC09": "Ente nazionale previdenza e assistenza medici (ENPAM)",
    "TC10": "Ente nazionale previdenza e assistenza farmacisti (ENPAF)",
    "TC11": "Ente nazionale previdenza e assistenza veterinari (ENPAV)",
    "TC12": "Ente nazionale previdenza e assistenza impiegati dell'agricoltura (ENPAIA)",
    "TC13": "Fondo previdenza impiegati imprese di spedizione e agenzie marittime",
    "TC14": "Istituto nazionale previdenza giornalisti italiani (INPGI)",
    "TC15": "Opera nazionale assistenza orfani sanitari italiani (ONAOSI)",
    "TC16": "Cassa autonoma assistenza integrativa giornalisti italiani (CASAGIT)",
    "TC17": "Ente previdenza periti industriali e periti industriali laureati (EPPI)",
    "TC18": "Ente previdenza e assistenza pluricategoriale (EPAP)",
    "TC19": "Ente nazionale previdenza e assistenza biologi (ENPAB)",
    "TC20": "Ente nazionale previdenza e assistenza professione infermieristica (ENPAPI)",
    "TC21": "Ente nazionale previdenza e assistenza psicologi (ENPAP)",
    "TC22": "INPS",
}
SHORT_NAMES = {"TC22": "INPS", "TC07": "ENASARCO"}
WITHHELD_FUNDS = frozenset({"TC22"})  # contributions subject to withholding


def _cents(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def fee_bases(lines: list[TaxLine], discounts: str = "") -> dict[VatKey, Decimal]:
    """The fees by VAT key: goods lines after the document discount, gifts left out."""
    ratio = factor(chain(discounts))
    sums: dict[VatKey, Decimal] = {}
    for line in lines:
        if line.gift:
            continue
        amount = Decimal(line.amount) * (ratio if line.discountable else 1)
        sums[line.vat] = sums.get(line.vat, Decimal(0)) + amount
    return {key: _cents(value) for key, value in sums.items()}


def description(fund_type: str, rate: Decimal) -> str:
    name = SHORT_NAMES.get(fund_type, "cassa previdenza")
    return f"Contributo {name} {Decimal(rate):.2f}%".replace(".", ",")


def fund_charges(fund_type: str, rate: Decimal | None, lines: list[TaxLine],
                 discounts: str = "") -> list[Charge]:
    """The fund contribution as charges, one per VAT key of the fees."""
    if not fund_type or not rate:
        return []
    return [Charge(FUND, description(fund_type, rate), _cents(base * Decimal(rate) / 100), key)
            for key, base in fee_bases(lines, discounts).items() if base]


def withholding(fund_type: str, rate: Decimal | None, lines: list[TaxLine], discounts: str,
                withholding_rate: Decimal | None) -> Decimal | None:
    """The withholding when the fund's contribution is subject to it (None otherwise):
    the rate on the fees subject to withholding plus their contribution."""
    if fund_type not in WITHHELD_FUNDS or not rate or withholding_rate is None:
        return None
    subject = [line for line in lines if line.withholding]
    fees = sum(fee_bases(subject, discounts).values(), Decimal(0))
    contribution = sum((c.amount for c in fund_charges(fund_type, rate, subject, discounts)),
                       Decimal(0))
    return _cents((fees + contribution) * Decimal(withholding_rate) / 100)


def enasarco(rate: Decimal | None, lines: list[TaxLine], discounts: str = "") -> Decimal:
    """The agent's ENASARCO contribution the principal withholds."""
    if not rate:
        return Decimal("0.00")
    subject = [line for line in lines if line.withholding]
    base = sum(fee_bases(subject, discounts).values(), Decimal(0))
    return _cents(base * Decimal(rate) / 100)
