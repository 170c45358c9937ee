"""Form definitions of the administration masks (the TUI shows them, field rules name
their fields, services validate with them)."""

from __future__ import annotations

from datetime import date

from gamma import dates, forms, validation
from gamma.forms import FieldDef, Form

INHERIT = (("", "dai gruppi"), ("S", "sì"), ("N", "no"))

OPERATOR = forms.register(Form("operator", "Operatore", (
    FieldDef("login", "Codice operatore", "code", 20, required=True, lookup="operator"),
    FieldDef("name", "Nome", "text", 40),
    FieldDef("password", "Password (nuovo)", "password", 30),
    FieldDef("is_admin", "Amministratore S/N", "bool", 1, default="N"),
    FieldDef("active", "Attivo S/N", "bool", 1, default="S"),
    FieldDef("audit_enabled", "Registro attività S/N", "bool", 1, default="S"),
    FieldDef("see_costs", "Vede i costi", "choice", 1, choices=INHERIT, upper=True),
    FieldDef("see_margins", "Vede i margini", "choice", 1, choices=INHERIT, upper=True),
    FieldDef("see_prices", "Vede i prezzi", "choice", 1, choices=INHERIT, upper=True),
    FieldDef("groups", "Gruppi (a,b,...)", "text", 40, lookup="group", many=True),
)))

# -- groups, grants, field rules, user masks, companies, audit (masks 932, 923, 924, 925,
# 912 and the parameters of 941) ------------------------------------------------------

GROUP = forms.register(Form("group", "Gruppo", (
    FieldDef("code", "Codice gruppo", "code", 20, required=True, lookup="group"),
    FieldDef("description", "Descrizione", "text", 56),
    FieldDef("see_costs", "Vede i costi S/N", "bool", 1, default="N"),
    FieldDef("see_margins", "Vede i margini S/N", "bool", 1, default="N"),
    FieldDef("see_prices", "Vede i prezzi S/N", "bool", 1, default="S"),
    FieldDef("members", "Operatori (a,b,...)", "text", 56, lookup="operator", many=True),
)))

# How many document types the grants mask shows, one per line ("fattura=IMS").
DOCUMENT_LINES = 6
# Function lists longer than one line go on to the second.
GRANTEE_HELP = "codice operatore, o gruppo:CODICE"

GRANTS = forms.register(Form("grants", "Permessi", (
    FieldDef("grantee", "Operatore o gruppo:", "text", 27, required=True, lookup="grantee",
             help=GRANTEE_HELP),
    FieldDef("companies", "Ditte (1,2,...)", "text", 56, lookup="company_admin", many=True),
    FieldDef("functions", "Funzioni (911,92*)", "text", 56, lookup="function", upper=True,
             many=True),
    FieldDef("functions_more", "Funzioni (segue)", "text", 56, lookup="function",
             upper=True, many=True),
    FieldDef("denied", "Funzioni negate", "text", 56, lookup="function", upper=True,
             many=True),
    FieldDef("see_costs", "Vede i costi", "choice", 1, choices=INHERIT, upper=True),
    FieldDef("see_margins", "Vede i margini", "choice", 1, choices=INHERIT, upper=True),
    FieldDef("see_prices", "Vede i prezzi", "choice", 1, choices=INHERIT, upper=True),
) + tuple(FieldDef(f"doc_{n}", f"Documento {n}", "text", 50)
          for n in range(1, DOCUMENT_LINES + 1))))

UNSET = (("", "non impostato"), ("S", "sì"), ("N", "no"))

FIELD_RULE = forms.register(Form("field_rule", "Regola del campo", (
    FieldDef("form", "Maschera", "text", 40, required=True, lookup="form"),
    FieldDef("field", "Campo", "text", 40, required=True, lookup="form_field"),
    FieldDef("grantee", "Per (vuoto = tutti)", "text", 27, lookup="grantee",
             help=GRANTEE_HELP),
    FieldDef("hidden", "Nascosto", "choice", 1, choices=UNSET, upper=True),
    FieldDef("read_only", "Sola lettura", "choice", 1, choices=UNSET, upper=True),
    FieldDef("default", "Valore predefinito", "text", 40),
    FieldDef("min_value", "Valore minimo", "text", 20),
    FieldDef("max_value", "Valore massimo", "text", 20),
    FieldDef("allowed", "Valori ammessi a,b,..", "text", 56),
)))

# How many fields a user mask lists, one per line ("name:width:label").
LAYOUT_LINES = 16

MASK_LAYOUT = forms.register(Form("mask_layout", "Maschera personalizzata", (
    FieldDef("form", "Maschera", "text", 40, required=True, lookup="form"),
    FieldDef("grantee", "Per (vuoto = tutti)", "text", 27, lookup="grantee",
             help=GRANTEE_HELP),
) + tuple(FieldDef(f"field_{n}", f"Campo {n}", "text", 56, lookup="form_field")
          for n in range(1, LAYOUT_LINES + 1))))

# FatturaPA RegimeFiscale of the seller (CedentePrestatore): every code of the
# specification (RF03 was withdrawn from it; RF20 came with v1.9, 2025).
TAX_REGIMES = (
    ("RF01", "Ordinario"),
    ("RF02", "Contribuenti minimi (L. 244/07)"),
    ("RF04", "Agricoltura e attività connesse e pesca"),
    ("RF05", "Vendita sali e tabacchi"),
    ("RF06", "Commercio fiammiferi"),
    ("RF07", "Editoria"),
    ("RF08", "Gestione servizi telefonia pubblica"),
    ("RF09", "Rivendita documenti di trasporto e sosta"),
    ("RF10", "Intrattenimenti e giochi (DPR 640/72)"),
    ("RF11", "Agenzie viaggi e turismo"),
    ("RF12", "Agriturismo"),
    ("RF13", "Vendite a domicilio"),
    ("RF14", "Beni usati, oggetti d'arte e antiquariato"),
    ("RF15", "Aste di oggetti d'arte e antiquariato"),
    ("RF16", "IVA per cassa P.A."),
    ("RF17", "IVA per cassa (art. 32-bis DL 83/2012)"),
    ("RF18", "Altro"),
    ("RF19", "Forfettario (L. 190/2014)"),
    ("RF20", "Franchigia IVA transfrontaliera (art. 70-bis DPR 633/72)"),
)
# IscrizioneREA: SocioUnico and StatoLiquidazione.
SOLE_SHAREHOLDER = (("", "non indicato"), ("SU", "socio unico"), ("SM", "più soci"))
LIQUIDATION = (("LN", "non in liquidazione"), ("LS", "in liquidazione"))
# DatiCassaPrevidenziale TipoCassa, and CausalePagamento of the withholdings (form 770).
FUND_TYPES = (("", "nessuna"),) + tuple(
    (f"TC{n:02d}", label) for n, label in enumerate((
        "Avvocati", "Dottori commercialisti", "Geometri", "Ingegneri e architetti", "Notariato",
        "Ragionieri", "ENASARCO", "Consulenti del lavoro (ENPACL)", "Medici (ENPAM)",
        "Farmacisti (ENPAF)", "Veterinari (ENPAV)", "Impiegati agricoltura (ENPAIA)",
        "Spedizionieri e agenzie marittime", "Giornalisti (INPGI)", "Orfani sanitari (ONAOSI)",
        "Giornalisti integrativa (CASAGIT)", "Periti industriali (EPPI)",
        "Pluricategoriale (EPAP)", "Biologi (ENPAB)", "Infermieri (ENPAPI)",
        "Psicologi (ENPAP)", "INPS gestione separata"), start=1))
WITHHOLDING_REASONS = tuple((code, code) for code in (
    "A", "B", "C", "D", "E", "G", "H", "I", "L", "M", "N", "O", "P", "Q", "R", "S", "T", "U",
    "V", "W", "X", "Y", "Z", "L1", "M1", "M2", "O1", "V1", "ZO"))

# Two pages at 80x24: identity and registered office; contacts and fiscal data.
COMPANY = forms.register(Form("company", "Ditta", (
    FieldDef("code", "Codice ditta", "integer", 4, required=True, lookup="company_admin"),
    FieldDef("name", "Ragione sociale", "text", 56, required=True),
    FieldDef("vat_number", "Partita IVA", "text", 16, upper=True,
             validator=validation.italian_vat_number),
    FieldDef("tax_code", "Codice fiscale", "text", 16, upper=True,
             validator=validation.italian_tax_code),
    FieldDef("active", "Attiva S/N", "bool", 1, default="S"),
    FieldDef("address", "Indirizzo", "text", 60),
    FieldDef("zip", "CAP", "text", 10),
    FieldDef("city", "Comune", "text", 60),
    FieldDef("province", "Provincia", "code", 2, upper=True),
    FieldDef("country", "Nazione", "code", 2, upper=True, default="IT"),
    FieldDef("phone", "Telefono", "text", 30),
    FieldDef("email", "E-mail", "text", 100),
    FieldDef("pec", "PEC", "text", 100),
    FieldDef("tax_regime", "Regime fiscale", "choice", 4, upper=True, default="RF01",
             choices=TAX_REGIMES),
    FieldDef("rea_office", "Ufficio REA (prov.)", "code", 2, upper=True),
    FieldDef("rea_number", "Numero REA", "text", 20, upper=True),
    FieldDef("share_capital", "Capitale sociale", "decimal", 15, decimals=2),
    FieldDef("sole_shareholder", "Socio unico SU/SM", "choice", 2, upper=True,
             choices=SOLE_SHAREHOLDER),
    FieldDef("liquidation", "Liquidazione LN/LS", "choice", 2, upper=True, default="LN",
             choices=LIQUIDATION),
    FieldDef("fund_type", "Cassa previdenziale", "choice", 4, upper=True, choices=FUND_TYPES,
             help="TipoCassa addebitata sui compensi (TC22 INPS…); vuoto = nessuna"),
    FieldDef("fund_rate", "Aliquota cassa %", "decimal", 6, decimals=2),
    FieldDef("enasarco_rate", "ENASARCO agente %", "decimal", 6, decimals=2,
             help="quota dell'agente trattenuta dal mandante; vuoto = non agente"),
    FieldDef("withholding_reason", "Causale ritenuta", "choice", 2, upper=True,
             choices=WITHHOLDING_REASONS, help="modello 770: A professionisti, R agenti…; "
             "vuoto = impostazione einvoice.withholding_reason"),
)))


def _date_text(name: str, label: str):
    """A check of a date parameter that keeps it as typed (-7 stays "7 days ago")."""

    def check(text: str) -> None:
        dates.parse_date(text, date.today(), name, label)

    return check


# Field names are the parameters of `gamma audit list`, so presets are shared with the CLI.
AUDIT_LIST = forms.register(Form("audit_list", "Registro attività", (
    FieldDef("who", "Operatore", "code", 20, lookup="operator"),
    FieldDef("since", "Dal (gg/mm/aaaa, -N)", "text", 10,
             validator=_date_text("since", "Dal")),
    FieldDef("until", "Al (gg/mm/aaaa, -N)", "text", 10,
             validator=_date_text("until", "Al")),
    FieldDef("function_code", "Funzione", "code", 6, lookup="function", upper=True),
    FieldDef("action", "Azione", "text", 20),
    FieldDef("table", "Tabella", "text", 40),
    FieldDef("key", "Record", "text", 40),
    FieldDef("limit", "Righe al massimo", "integer", 6),
)))
