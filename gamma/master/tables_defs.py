"""The standard tables: what each holds, its form (mask 132) and its lookup source.

Typed tables have their own model (VAT codes, payment terms, units...); the code-and-
description ones share TableEntry and are told apart by `kind`. Every table is named
once here: the services, the CLI (`gamma table`), the screens and the lookups use these
definitions, so that a table added here appears everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from gamma.errors import NotFound
from gamma.forms import FieldDef, Form, register
from gamma.sales.kinds import KINDS
from models import (Agent, Bank, ChargeRule, Country, Currency, Depot, PaymentTerm,
                    StockReason, TableEntry, Unit, VatCode)

# FatturaPA Natura (specifiche tecniche v1.9): the codes in force since 2021.
NATURES = {
    "N1": "Escluse ex art. 15 DPR 633/72",
    "N2.1": "Non soggette ex artt. da 7 a 7-septies DPR 633/72",
    "N2.2": "Non soggette - altri casi",
    "N3.1": "Non imponibili - esportazioni",
    "N3.2": "Non imponibili - cessioni intracomunitarie",
    "N3.3": "Non imponibili - cessioni verso San Marino",
    "N3.4": "Non imponibili - operazioni assimilate alle cessioni all'esportazione",
    "N3.5": "Non imponibili - a seguito di dichiarazioni d'intento",
    "N3.6": "Non imponibili - altre operazioni che non concorrono al plafond",
    "N4": "Esenti",
    "N5": "Regime del margine / IVA non esposta in fattura",
    "N6.1": "Inversione contabile - cessione di rottami e altri materiali di recupero",
    "N6.2": "Inversione contabile - cessione di oro e argento",
    "N6.3": "Inversione contabile - subappalto nel settore edile",
    "N6.4": "Inversione contabile - cessione di fabbricati",
    "N6.5": "Inversione contabile - cessione di telefoni cellulari",
    "N6.6": "Inversione contabile - cessione di prodotti elettronici",
    "N6.7": "Inversione contabile - prestazioni comparto edile e settori connessi",
    "N6.8": "Inversione contabile - operazioni settore energetico",
    "N6.9": "Inversione contabile - altri casi",
    "N7": "IVA assolta in altro stato UE",
}

# FatturaPA ModalitaPagamento.
METHODS = {
    "MP01": "contanti", "MP02": "assegno", "MP03": "assegno circolare",
    "MP04": "contanti presso Tesoreria", "MP05": "bonifico", "MP06": "vaglia cambiario",
    "MP07": "bollettino bancario", "MP08": "carta di pagamento", "MP09": "RID",
    "MP10": "RID utenze", "MP11": "RID veloce", "MP12": "RiBa", "MP13": "MAV",
    "MP14": "quietanza erario", "MP15": "giroconto su conti di contabilità speciale",
    "MP16": "domiciliazione bancaria", "MP17": "domiciliazione postale",
    "MP18": "bollettino di c/c postale", "MP19": "SEPA Direct Debit",
    "MP20": "SEPA Direct Debit CORE", "MP21": "SEPA Direct Debit B2B",
    "MP22": "trattenuta su somme già riscosse", "MP23": "PagoPA",
}

# TableEntry kinds and their Italian titles.
ENTRY_KINDS = {
    "zone": "Zone", "area": "Aree", "category": "Categorie clienti",
    "transport_reason": "Causali di trasporto", "freight_term": "Porto",
    "carrier": "Trasporto a cura di", "family": "Famiglie articoli",
    "subfamily": "Sottofamiglie articoli", "product_group": "Gruppi articoli",
    "subgroup": "Sottogruppi articoli",
    **{f"party_grouping{i}": f"Raggruppamento anagrafiche {i}" for i in range(1, 7)},
    **{f"article_grouping{i}": f"Raggruppamento articoli {i}" for i in range(1, 7)},
}

# Charge rules (regole spese): what the amount is computed on, and how.
CHARGE_BASES = {"amount": "Imponibile merce", "weight": "Peso lordo", "quantity": "Quantità",
                "packages": "Colli"}
CHARGE_MODES = {"percent": "Percentuale", "fixed": "Importo fisso", "tiers": "Scaglioni"}

YN = dict(kind="bool", width=1)


def _code(width: int = 10, lookup: str | None = None) -> FieldDef:
    return FieldDef("code", "Codice", "code", width, required=True, upper=True, lookup=lookup)


def _description(name: str = "description", label: str = "Descrizione") -> FieldDef:
    return FieldDef(name, label, width=60, required=True)


def _active() -> FieldDef:
    return FieldDef("active", "Attivo", **YN, default="S")


def _effect(name: str, label: str) -> FieldDef:
    return FieldDef(name, label, "choice", 2, default="0",
                    choices=(("1", "+1 aumenta"), ("0", "0 nessuno"), ("-1", "-1 diminuisce")))


@dataclass(frozen=True)
class TableDef:
    """One standard table: its name (CLI, lookups), title, model and form."""

    name: str
    title: str
    model: type
    form: Form
    kind: str | None = None  # the TableEntry kind, None for typed tables
    text: str = "description"  # the field a lookup searches by substring

    @property
    def lookup(self) -> str:
        return f"table_{self.kind}" if self.kind else self.name

    @property
    def columns(self) -> tuple[str, ...]:
        """Export and import columns: the form's fields."""
        return tuple(f.name for f in self.form.fields)


def _typed(name: str, title: str, model: type, fields: tuple[FieldDef, ...],
           text: str = "description") -> TableDef:
    form = register(Form(f"table_{name}", title, fields))
    return TableDef(name, title, model, form, None, text)


TYPED = (
    _typed("vat_code", "Codici IVA", VatCode, (
        _code(10, "vat_code"), _description(),
        FieldDef("rate", "Aliquota %", "decimal", 6, decimals=2, default="0"),
        FieldDef("nature", "Natura (aliquota 0)", "choice", 5,
                 choices=tuple((k, v[:40]) for k, v in NATURES.items())),
        FieldDef("law_reference", "Riferimento normat.", width=100),
        _active())),
    _typed("payment_term", "Condizioni di pagamento", PaymentTerm, (
        _code(10, "payment_term"), _description(),
        FieldDef("method", "Modalità pagamento", "choice", 4, required=True, default="MP05",
                 choices=tuple(METHODS.items())),
        FieldDef("days", "Giorni rate (30,60)", width=60, default="0"),
        FieldDef("end_of_month", "Fine mese", **YN, default="N"),
        FieldDef("fixed_day", "Giorno fisso", "integer", 2, default="0"),
        FieldDef("excluded_months", "Mesi esclusi (8,12)", width=20),
        FieldDef("excluded_to_day", "Spostate al giorno", "integer", 2, default="0"),
        FieldDef("vat_in_first", "IVA sulla prima rata", **YN, default="N"),
        FieldDef("collection_charge", "Spese incasso/rata", "decimal", 8, decimals=2,
                 default="0"),
        _active())),
    _typed("unit", "Unità di misura", Unit, (
        _code(10, "unit"), _description(),
        FieldDef("decimals", "Decimali quantità", "integer", 1, default="0"))),
    _typed("depot", "Depositi", Depot, (
        _code(10, "depot"), _description(), FieldDef("address", "Indirizzo", width=120),
        _active())),
    _typed("stock_reason", "Causali di magazzino", StockReason, (
        _code(10, "stock_reason"), _description(),
        _effect("on_hand", "Esistenza"), _effect("committed", "Impegnato"),
        _effect("on_order", "Ordinato"), _effect("value", "Valore"),
        FieldDef("paired_reason", "Causale collegata", "code", 10, upper=True,
                 lookup="stock_reason"),
        FieldDef("reprice", "Ricalcolo prezzi", **YN, default="N"),
        _active())),
    _typed("agent", "Agenti", Agent, (
        _code(10, "agent"), _description("name", "Nome"),
        FieldDef("commission", "Provvigione %", "decimal", 6, decimals=2, default="0"),
        FieldDef("email", "E-mail", width=100), _active()), text="name"),
    _typed("bank", "Banche", Bank, (
        _code(10, "bank"), _description("name", "Nome"),
        FieldDef("iban", "IBAN", "code", 34, upper=True),
        FieldDef("abi", "ABI (dall'IBAN)", "code", 5),
        FieldDef("cab", "CAB (dall'IBAN)", "code", 5),
        FieldDef("bic", "BIC", "code", 11, upper=True), _active()), text="name"),
    _typed("currency", "Valute", Currency, (
        _code(3, "currency"), _description(),
        FieldDef("decimals", "Decimali", "integer", 1, default="2"))),
    _typed("country", "Nazioni", Country, (
        _code(2, "country"), _description("name", "Nome"),
        FieldDef("eu", "Stato UE", **YN, default="N")), text="name"),
    _typed("charge_rule", "Regole spese documenti", ChargeRule, (
        _code(10, "charge_rule"), _description(),
        FieldDef("kinds", "Tipi documento", width=120,
                 help="vuoto = tutti; es. invoice,delivery_note (" + ",".join(KINDS) + ")"),
        FieldDef("freight_terms", "Porto", "code", 10, upper=True,
                 lookup="table_freight_term", help="vuoto = qualsiasi porto"),
        FieldDef("basis", "Calcolata su", "choice", 8, required=True, default="amount",
                 choices=tuple(CHARGE_BASES.items())),
        FieldDef("mode", "Modalità", "choice", 7, required=True, default="fixed",
                 choices=tuple(CHARGE_MODES.items())),
        FieldDef("value", "Importo fisso", "decimal", 12, decimals=2, default="0"),
        FieldDef("rate", "Percentuale", "decimal", 6, decimals=2),
        FieldDef("tiers", "Scaglioni", width=200,
                 help="[[fino_a, importo], ...] es. [[100, 10], [500, 25], [null, 40]]"),
        FieldDef("vat_code", "Codice IVA", "code", 10, upper=True, lookup="vat_code",
                 help="vuoto = 22"),
        _active())),
)

ENTRIES = tuple(
    TableDef(kind, title, TableEntry, register(Form(f"table_{kind}", title, (
        _code(10, f"table_{kind}"), _description(), FieldDef("notes", "Note", width=200),
        _active()))), kind)
    for kind, title in ENTRY_KINDS.items())

TABLES: dict[str, TableDef] = {t.name: t for t in TYPED + ENTRIES}


def table(name: str) -> TableDef:
    """The table named `name` (as the CLI and the lookups name it, `table_` allowed)."""
    key = (name or "").strip().lower()
    found = TABLES.get(key) or TABLES.get(key.removeprefix("table_"))
    if found is None:
        raise NotFound(f"Tabella {name!r} inesistente (gamma table list le elenca)")
    return found
