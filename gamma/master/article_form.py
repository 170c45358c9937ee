"""The article form (mask 122): the article's own fields, its first barcode and the
price of each list in force today."""

from __future__ import annotations

from gamma import forms
from gamma.forms import FieldDef, Form

GROUPINGS = (("family", "Famiglia", "table_family"),
             ("subfamily", "Sottofamiglia", "table_subfamily"),
             ("product_group", "Gruppo", "table_product_group"),
             ("subgroup", "Sottogruppo", "table_subgroup"),
             *((f"grouping{n}", f"Raggruppamento {n}", f"table_article_grouping{n}")
               for n in range(1, 7)))
# The TableEntry kind of each grouping field.
GROUPING_KINDS = {name: source.removeprefix("table_") for name, _, source in GROUPINGS}

COSTS = (("cost_last", "Ultimo costo"), ("cost_average", "Costo medio"),
         ("cost_standard", "Costo standard"))
FLAGS = (("lot_tracked", "Gestione lotti"), ("serial_tracked", "Gestione matricole"),
         ("is_kit", "Kit (distinta base)"), ("obsolete", "Obsoleto"))
# How a kit explodes in documents and which side carries the price (gamma.kits reads them).
KIT_EXPLOSION_CHOICES = (("never", "Mai"), ("automatic", "Automatica"),
                         ("on_request", "Su richiesta"))
KIT_PRICING_CHOICES = (("parent", "Prezzo sul padre"), ("components", "Prezzo sui componenti"))

ARTICLE = forms.register(Form("article", "Articolo", (
    FieldDef("code", "Codice", "code", 20, required=True, upper=True, lookup="article"),
    FieldDef("description", "Descrizione", "text", 72, required=True),
    FieldDef("long_text", "Testo esteso", "text", 200),
    FieldDef("unit", "Unità di misura", "code", 10, upper=True, lookup="unit"),
    FieldDef("unit2", "Seconda unità", "code", 10, upper=True, lookup="unit"),
    FieldDef("conversion", "Fattore conversione", "decimal", 14, decimals=6),
    FieldDef("pieces_per_package", "Pezzi per confezione", "decimal", 12, decimals=3),
    FieldDef("net_weight", "Peso netto kg", "decimal", 12, decimals=3,
             help="per unità di misura"),
    *(FieldDef(name, label, "code", 10, upper=True, lookup=source)
      for name, label, source in GROUPINGS),
    FieldDef("vat_code", "Codice IVA", "code", 10, upper=True, lookup="vat_code"),
    *(FieldDef(name, label, "decimal", 16, decimals=6) for name, label in COSTS),
    FieldDef("min_stock", "Scorta minima", "decimal", 14, decimals=3),
    FieldDef("reorder_lot", "Lotto di riordino", "decimal", 14, decimals=3),
    FieldDef("max_stock", "Scorta massima", "decimal", 14, decimals=3),
    FieldDef("preferred_supplier", "Fornitore abituale", "code", 20, upper=True,
             lookup="supplier"),
    FieldDef("location", "Ubicazione", "code", 20, upper=True),
    *(FieldDef(name, label, "bool", 1, default="N") for name, label in FLAGS),
    FieldDef("kit_explosion", "Esplosione kit", "choice", 10, default="never",
             choices=KIT_EXPLOSION_CHOICES),
    FieldDef("kit_pricing", "Prezzo kit su", "choice", 10, default="parent",
             choices=KIT_PRICING_CHOICES),
    FieldDef("barcode", "Codice a barre", "code", 32),
    *(FieldDef(f"price{n}", f"Prezzo listino {n}", "decimal", 16, decimals=6)
      for n in range(1, 9)),
)))

# The prices sub-mask: the 8 lists as in force on a day; changes start on that day.
PRICES = forms.register(Form("article_prices", "Prezzi articolo", (
    FieldDef("valid_from", "In vigore dal", "date", 10, required=True),
    *(field for n in range(1, 9) for field in (
        FieldDef(f"price{n}", f"Listino {n} prezzo", "decimal", 16, decimals=6),
        FieldDef(f"discounts{n}", f"Listino {n} sconti", "text", 20))),
)))

# The barcodes sub-mask: up to 8 codes, each with its kind (empty: from the digits).
BARCODE_KIND_CHOICES = (("ean13", "EAN-13"), ("ean8", "EAN-8"), ("upca", "UPC-A"),
                        ("code128", "CODE128"), ("weight", "a peso"), ("price", "a prezzo"))
BARCODES = forms.register(Form("article_barcodes", "Codici a barre articolo", tuple(
    field for n in range(1, 9) for field in (
        FieldDef(f"barcode{n}", f"Codice a barre {n}", "code", 32),
        FieldDef(f"kind{n}", f"Tipo {n}", "choice", 8, choices=BARCODE_KIND_CHOICES)))))

# The languages sub-mask: up to 5 descriptions in other languages.
TEXTS = forms.register(Form("article_texts", "Descrizioni in lingua", tuple(
    field for n in range(1, 6) for field in (
        FieldDef(f"language{n}", f"Lingua {n} (en, de…)", "code", 2),
        FieldDef(f"text{n}", f"Descrizione {n}", "text", 72)))))

# A supplier's or customer's own code of the article (one row of the list opened from
# the article mask); party and code name the row, so changing one means delete and add.
PARTY_CODE = forms.register(Form("article_party_code", "Codice cliente/fornitore", (
    FieldDef("party", "Cliente/fornitore", "code", 20, required=True, upper=True,
             lookup="party"),
    FieldDef("party_code", "Suo codice articolo", "text", 30, required=True),
    FieldDef("description", "Sua descrizione", "text", 72),
)))

# An article related to this one, and how: A, S or C (or the start of the word) for the
# kinds of article_relations.LINK_KINDS.
LINK_KIND_CHOICES = (("A", "alternativo"), ("S", "sostitutivo"), ("C", "concorrente"))
LINK_KIND_OF_CHOICE = {"A": "alternative", "S": "substitute", "C": "competitor"}
ARTICLE_LINK = forms.register(Form("article_link", "Articolo collegato", (
    FieldDef("other", "Articolo collegato", "code", 20, required=True, upper=True,
             lookup="article"),
    FieldDef("link_kind", "Tipo (A/S/C)", "choice", 11, required=True, upper=True,
             choices=LINK_KIND_CHOICES),
)))
