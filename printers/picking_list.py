"""The picking list (lista di prelievo): order lines to pick, in the order of their
warehouse locations. Takes plain data, never the database:

    {"company": str, "date": date, "lines": [{"location", "article", "description",
     "order", "party", "qty": Decimal}]}
"""

from __future__ import annotations

from fpdf import FPDF

from printers.document_text import latin1
from printers.formats import format_date, format_trimmed

COLUMNS = (("Ubicazione", 24), ("Articolo", 28), ("Descrizione", 58), ("Ordine", 32),
           ("Cliente", 18), ("Quantità", 20), ("Prel.", 10))


def render_pdf(data: dict) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 6, latin1(f"Lista di prelievo - {data['company']}"),
             new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=9)
    pdf.cell(0, 5, latin1(f"Data {format_date(data['date'])}"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("Helvetica", "B", 9)
    for title, width in COLUMNS:
        pdf.cell(width, 6, latin1(title), border="B", align="R" if title == "Quantità"
                 else "L")
    pdf.ln()
    pdf.set_font("Helvetica", size=9)
    for line in data["lines"]:
        cells = (line["location"] or "-", line["article"], line["description"][:34],
                 line["order"], line["party"], format_trimmed(line["qty"], 0, 3), "[  ]")
        for (title, width), text in zip(COLUMNS, cells):
            pdf.cell(width, 5, latin1(text), align="R" if title == "Quantità" else "L")
        pdf.ln()
    return bytes(pdf.output())
