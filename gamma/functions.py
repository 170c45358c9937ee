"""The registry of function codes: the unit of permission.

Every menu entry and every CLI command names one function. Codes are short digit strings
grouped by area (the first digit), typed in the main menu; mnemonics are the alternative
an operator can type instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from gamma.errors import NotFound


@dataclass(frozen=True)
class Function:
    code: str
    mnemonic: str
    title: str

    @property
    def area(self) -> str:
        return self.code[0]

    def label(self) -> str:
        return f"{self.code} «{self.title}»"


AREAS: dict[str, str] = {
    "1": "Anagrafiche e tabelle",
    "2": "Vendite",
    "3": "Magazzino",
    "4": "Ordini",
    "5": "Statistiche e batch",
    "9": "Sistema e amministrazione",
}

_REGISTRY: dict[str, Function] = {}


def register(code: str, mnemonic: str, title: str) -> Function:
    """Add a function; codes and mnemonics are unique."""
    if code in _REGISTRY:
        raise ValueError(f"function code {code} registered twice")
    if any(f.mnemonic == mnemonic for f in _REGISTRY.values()):
        raise ValueError(f"mnemonic {mnemonic} registered twice")
    if code[0] not in AREAS:
        raise ValueError(f"function {code}: unknown area {code[0]}")
    function = Function(code, mnemonic, title)
    _REGISTRY[code] = function
    return function


def get(code_or_mnemonic: str) -> Function:
    """The function with that code or mnemonic (case-insensitive)."""
    key = code_or_mnemonic.strip().upper()
    if key in _REGISTRY:
        return _REGISTRY[key]
    for function in _REGISTRY.values():
        if function.mnemonic == key:
            return function
    raise NotFound(f"Funzione {code_or_mnemonic!r} inesistente")


def all_functions() -> list[Function]:
    return sorted(_REGISTRY.values(), key=lambda f: f.code)


PARTY_LIST = register("111", "CLI", "Clienti e fornitori")
PARTY_EDIT = register("112", "CLIM", "Gestione clienti e fornitori")
ARTICLE_LIST = register("121", "ART", "Articoli")
ARTICLE_EDIT = register("122", "ARTM", "Gestione articoli")
TABLE_LIST = register("131", "TAB", "Tabelle")
TABLE_EDIT = register("132", "TABM", "Gestione tabelle")
BULK_CHANGE = register("141", "VARM", "Variazioni in blocco")
RECORD_LAYOUTS = register("153", "TRAC", "Tracciati record")

DOCUMENT_LIST = register("201", "DOC", "Documenti di vendita")
DOCUMENT_EDIT = register("202", "DOCM", "Emissione documenti di vendita")
COUNTER_SALE = register("203", "BANCO", "Vendita al banco")
CREDIT_OVERRIDE = register("209", "FORZFIDO", "Forzatura del fido cliente")
DEFERRED_INVOICING = register("211", "FATDIF", "Fatturazione differita")
DOCUMENT_PRINT = register("212", "STDOC", "Stampa e ristampa documenti")
DOCUMENT_IMPORT = register("213", "IMPDOC", "Importazione documenti (JSON)")
PRICE_QUERY = register("221", "PREZ", "Interrogazione prezzi")
PRICE_RULES = register("222", "CONDM", "Condizioni di prezzo")
CHARGE_RULES = register("223", "SPESE", "Regole spese")
EINVOICES = register("231", "FE", "Fatture elettroniche")
RECEIVED_INVOICES = register("232", "FEPAS", "Fatture elettroniche ricevute")
CONTRACTS = register("241", "CONTR", "Contratti di fatturazione periodica")
PERIODIC_INVOICING = register("242", "FATPER", "Fatturazione periodica")
AGENT_PROFORMA = register("243", "PROVPF", "Pro-forma provvigioni agenti")

LOTS = register("311", "LOTTI", "Lotti e matricole")
LOT_TRACE = register("312", "TRACC", "Tracciabilità lotti")
STOCK_MOVEMENTS = register("301", "MOV", "Movimenti di magazzino")
STOCK_MOVE = register("302", "MOVM", "Registrazione movimenti")
STOCK_AVAILABILITY = register("303", "DISP", "Disponibilità articoli")
STOCK_CHECK = register("306", "CHKMAG", "Controllo saldi di magazzino")
STOCK_IMPORT = register("307", "IMPMAG", "Importazione movimenti")
STOCK_VALUATION = register("321", "VALMAG", "Valorizzazione magazzino")
STOCK_COUNT = register("322", "INVENT", "Inventario fisico")
STOCK_YEAR_CLOSE = register("323", "CHIUSMAG", "Chiusura annuale di magazzino")
STOCK_INVENTORY_PRINT = register("324", "STINV", "Stampa libro inventari")
STOCK_INDICES = register("325", "INDICI", "Indici di magazzino")
KIT_EDIT = register("341", "DIBA", "Distinte base")
KIT_QUERY = register("342", "ESPL", "Esplosione e implosione")
PRODUCTION_LOAD = register("343", "PROD", "Carico di produzione")

PREORDERS = register("421", "PREORD", "Preordini")
OPEN_ORDERS = register("422", "ORDAP", "Ordini aperti")
REORDER_PROPOSALS = register("431", "RIORD", "Proposte di riordino")
BELOW_MINIMUM = register("432", "SOTTOMIN", "Articoli sotto scorta")
ORDER_BOOK = register("441", "PORTAF", "Portafoglio ordini")
ORDER_FULFILABILITY = register("442", "EVADIB", "Evadibilità ordini")
SUPPLIER_REMINDERS = register("443", "SOLLEC", "Solleciti fornitori")
PICKING_LIST = register("444", "PRELIEVO", "Lista di prelievo per ubicazione")
ROLLING_AVAILABILITY = register("445", "DISPSC", "Disponibilità a scalare")
RECURRING_TEMPLATES = register("451", "ORDRIC", "Modelli ordini ricorrenti")
RECURRING_GENERATE = register("452", "GENRIC", "Generazione ordini ricorrenti")
RECURRING_PANEL = register("453", "PANRIC", "Pannello ordini ricorrenti")
STATISTICS = register("501", "STAT", "Statistiche vendite e acquisti")
STORED_STATISTICS = register("502", "STATM", "Statistiche memorizzate")

CUSTOMER_ORDERS = register("401", "ORDC", "Ordini clienti")
CUSTOMER_ORDER_EDIT = register("402", "ORDCM", "Gestione ordini clienti")
SUPPLIER_ORDERS = register("403", "ORDF", "Ordini fornitori")
SUPPLIER_ORDER_EDIT = register("404", "ORDFM", "Gestione ordini fornitori")
ORDER_FULFILMENT = register("411", "EVAS", "Evasione ordini")

COMPANY_LIST = register("911", "DITTE", "Elenco ditte")
COMPANY_EDIT = register("912", "DITTEM", "Gestione ditte")
OPERATOR_LIST = register("921", "OPER", "Elenco operatori")
OPERATOR_EDIT = register("922", "OPERM", "Gestione operatori")
GRANTS = register("923", "PERM", "Permessi di operatori e gruppi")
FIELD_RULES = register("924", "REGC", "Regole dei campi")
MASK_LAYOUTS = register("925", "MASCH", "Maschere personalizzate")
FAVOURITES = register("926", "PREF", "Preferiti di comando")
GROUP_LIST = register("931", "GRUP", "Elenco gruppi")
GROUP_EDIT = register("932", "GRUPM", "Gestione gruppi")
AUDIT_VIEW = register("941", "AUDIT", "Registro attività")
PRESETS = register("951", "PRES", "Parametri memorizzati condivisi")
DB_BACKUP = register("961", "BACKUP", "Copia di sicurezza del database")
DB_RESTORE = register("962", "RIPR", "Ripristino del database")
DB_CHECK = register("963", "VERDB", "Verifica del database")
# Not checked by the CLI: it runs before any operator exists (see `gamma db upgrade`).
DB_UPGRADE = register("964", "AGGDB", "Aggiornamento dello schema")
CONFIG_SHOW = register("971", "CONF", "Configurazione")
LOCKS = register("981", "BLOCCHI", "Record in uso")
SESSIONS = register("982", "COLLEG", "Operatori collegati")
FUNCTION_LIST = register("991", "FUNZ", "Elenco funzioni")
