"""A kit's structure (stampa distinta base): every level of the explosion of a quantity of
the kit, indented, then the components it needs summed at the leaves. Takes plain data,
never the database (gamma.kits.explosion.Explosion.as_json, with the company's name):

    {"company": str, "article", "description", "qty", "levels",
     "tree": [{"level", "article", "description", "unit", "qty_per", "scrap", "required",
               "leaf", "alternatives"}],
     "components": [{"article", "description", "unit", "required"}]}
Quantities are decimal strings ("1.5").
"""

from __future__ import annotations

from decimal import Decimal

from fpdf import FPDF

from printers.document_text import latin1
from printers.formats import format_trimmed

TREE = (("Livello / articolo", 52), ("Descrizione", 62), ("U.m.", 12), ("Per padre", 22),
        ("Sfrido %", 16), ("Occorrente", 26))
TOTALS = (("Articolo", 40), ("Descrizione", 100), ("U.m.", 12), ("Occorrente", 38))
INDENT = 3  # spaces per level


def _q(text: str | None) -> str:
    return "" if text is None else format_trimmed(Decimal(text), 0, 3)


def _head(pdf: FPDF, columns) -> None:
    pdf.set_font("Helvetica", "B", 8)
    for title, width in columns:
        pdf.cell(width, 5, latin1(title), border="B",
                 align="L" if title in ("Livello / articolo", "Descrizione", "Articolo",
                                        "U.m.") else "R")
    pdf.ln()
    pdf.set_font("Helvetica", size=8)


def _row(pdf: FPDF, columns, cells) -> None:
    for (title, width), text in zip(columns, cells):
        right = title not in ("Livello / articolo", "Descrizione", "Articolo", "U.m.")
        pdf.cell(width, 4.5, latin1(text), align="R" if right else "L")
    pdf.ln()


def render_pdf(data: dict) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 6, latin1(f"Distinta base {data['article']} - {data['description']}"),
             new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=9)
    levels = data["levels"]
    pdf.cell(0, 5, latin1(f"{data['company']} - esplosione di {_q(data['qty'])} "
                          f"{'su tutti i livelli' if levels > 1 else 'al primo livello'}"),
             new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    _head(pdf, TREE)
    for row in data["tree"]:
        code = " " * (INDENT * (row["level"] - 1)) + f"{row['level']} {row['article']}"
        if row["alternatives"]:
            code += " (alt. " + ", ".join(row["alternatives"]) + ")"
        _row(pdf, TREE, (code[:34], row["description"][:40], row["unit"],
                         _q(row["qty_per"]), _q(row["scrap"]) if row["scrap"] != "0" else "",
                         _q(row["required"])))
    pdf.ln(3)
    pdf.set_font("Helvetica", "B", 10)
    pdf.cell(0, 6, latin1("Componenti occorrenti (sommati alle foglie)"), new_x="LMARGIN",
             new_y="NEXT")
    _head(pdf, TOTALS)
    for row in data["components"]:
        _row(pdf, TOTALS, (row["article"], row["description"][:62], row["unit"],
                           _q(row["required"])))
    return bytes(pdf.output())
