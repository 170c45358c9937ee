"""The party mask's form (112): every field of an anagrafica, in the order it is typed."""

from __future__ import annotations

from gamma.forms import FieldDef, Form, register

YN = dict(kind="bool", width=1)

GROUPINGS = tuple(f"grouping{i}" for i in range(1, 7))

# Coded fields: form field -> (lookup source, table model name or TableEntry kind)
TABLE_FIELDS = {"zone": "zone", "area": "area", "category": "category",
                **{g: f"party_grouping{g[-1]}" for g in GROUPINGS}}

# FatturaPA-relevant VAT treatment of the party's sales (the documents' header takes it).
VAT_REGIMES = {"ordinary": "Ordinario", "split_payment": "Scissione dei pagamenti",
               "reverse_charge": "Inversione contabile", "intent": "Dichiarazione d'intento"}

# 19 fields a page at 80x24: identity and roles; terms and classification; groupings.
PARTY = register(Form("party", "Anagrafica clienti e fornitori", (
    FieldDef("code", "Codice", "code", 20, required=True, upper=True, lookup="party"),
    FieldDef("name", "Ragione sociale", width=60, required=True),
    FieldDef("name2", "Ragione sociale (2)", width=60),
    FieldDef("address", "Indirizzo", width=60),
    FieldDef("zip", "CAP", width=10),
    FieldDef("city", "Località", width=60),
    FieldDef("province", "Provincia", "code", 2, upper=True),
    FieldDef("country", "Nazione", "code", 2, upper=True, lookup="country", default="IT"),
    FieldDef("vat_number", "Partita IVA", "code", 20, upper=True),
    FieldDef("tax_code", "Codice fiscale", "code", 16, upper=True),
    FieldDef("sdi_code", "Codice destinatario", "code", 7, upper=True),
    FieldDef("pec", "PEC", width=100),
    FieldDef("email", "E-mail", width=100),
    FieldDef("phone", "Telefono", width=30),
    FieldDef("is_customer", "Cliente", **YN, default="S"),
    FieldDef("is_supplier", "Fornitore", **YN, default="N"),
    FieldDef("active", "Attivo", **YN, default="S"),
    FieldDef("replaced_by", "Sostituito da", "code", 20, upper=True, lookup="party"),
    FieldDef("notes", "Note", width=200),
    FieldDef("payment_term", "Pagamento", "code", 10, upper=True, lookup="payment_term"),
    FieldDef("iban", "IBAN", "code", 34, upper=True),
    FieldDef("abi", "ABI", "code", 5),
    FieldDef("cab", "CAB", "code", 5),
    FieldDef("our_bank", "Nostra banca", "code", 10, upper=True, lookup="bank"),
    FieldDef("price_list", "Listino", "integer", 1, default="1", help="da 1 a 8"),
    FieldDef("discounts", "Sconti", width=30, help="catena di percentuali, es. 10+5"),
    FieldDef("agent", "Agente", "code", 10, upper=True, lookup="agent"),
    FieldDef("agent2", "Secondo agente", "code", 10, upper=True, lookup="agent"),
    FieldDef("zone", "Zona", "code", 10, upper=True, lookup="table_zone"),
    FieldDef("area", "Area", "code", 10, upper=True, lookup="table_area"),
    FieldDef("category", "Categoria", "code", 10, upper=True, lookup="table_category"),
    FieldDef("language", "Lingua", "code", 2, default="it"),
    FieldDef("currency", "Valuta", "code", 3, upper=True, lookup="currency"),
    FieldDef("credit_limit", "Fido", "decimal", 15, decimals=2),
    FieldDef("sales_block", "Blocco vendite", **YN, default="N"),
    FieldDef("block_reason", "Motivo del blocco", width=60),
    *(FieldDef(g, f"Raggruppamento {g[-1]}", "code", 10, upper=True,
               lookup=f"table_party_grouping{g[-1]}") for g in GROUPINGS),
    FieldDef("vat_regime", "Regime IVA", "choice", 14, default="ordinary",
             choices=tuple(VAT_REGIMES.items())),
    FieldDef("intent_vat_code", "IVA dich. d'intento", "code", 10, upper=True,
             lookup="vat_code", help="vuoto = N3.5; solo con regime dichiarazione d'intento"),
    FieldDef("intent_reference", "Protocollo dich. int.", width=60,
             help="estremi (protocollo) della dichiarazione d'intento"),
    FieldDef("intent_valid_to", "Dich. int. valida al", "date", 10),
    FieldDef("withholding", "Sostituto d'imposta", **YN, default="N",
             help="il cliente applica la ritenuta d'acconto"),
    FieldDef("vat_deferred", "IVA esigib. differita", **YN, default="N",
             help="IVA ad esigibilità differita (art. 6 c.5 DPR 633/72, enti pubblici…)"),
)))

DESTINATION = register(Form("party_destination", "Destinazione", (
    FieldDef("name", "Nome", width=60, required=True),
    FieldDef("address", "Indirizzo", width=60),
    FieldDef("zip", "CAP", width=10),
    FieldDef("city", "Località", width=60),
    FieldDef("province", "Provincia", "code", 2, upper=True),
    FieldDef("country", "Nazione", "code", 2, upper=True, lookup="country", default="IT"),
)))
