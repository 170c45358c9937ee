"""Reminder letters to suppliers (solleciti) for late order deliveries: one page per
supplier with the order lines still to arrive. Takes plain data, never the database:

    {"company": {"name", "address": [..]}, "date": date, "letters": [
        {"supplier", "name", "address": [..], "lines": [
            {"order", "due": date, "article", "description", "residual": Decimal}]}]}
"""

from __future__ import annotations

from fpdf import FPDF

from printers.document_text import latin1
from printers.formats import format_date, format_trimmed


def _t(text: str) -> str:
    return latin1(text or "")


def render_pdf(data: dict) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=15)
    company = data["company"]
    for letter in data["letters"]:
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 12)
        pdf.cell(0, 6, _t(company["name"]), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=9)
        for row in company.get("address", []):
            pdf.cell(0, 4.5, _t(row), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(10)
        pdf.set_x(110)
        pdf.set_font("Helvetica", "B", 10)
        pdf.cell(0, 5, _t(f"Spett.le {letter['name']}"), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=10)
        for row in letter.get("address", []):
            pdf.set_x(110)
            pdf.cell(0, 5, _t(row), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(8)
        pdf.cell(0, 5, _t(f"Data {format_date(data['date'])}"), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
        pdf.set_font("Helvetica", "B", 10)
        pdf.cell(0, 5, _t("Oggetto: sollecito consegna merce ordinata"),
                 new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=10)
        pdf.ln(2)
        pdf.multi_cell(0, 5, _t(
            "Vi segnaliamo che alla data odierna non abbiamo ancora ricevuto la merce "
            "sotto elencata, la cui consegna era prevista per la data indicata. Vi "
            "preghiamo di provvedere con cortese urgenza o di comunicarci la nuova data "
            "di consegna."), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
        widths = (34, 22, 30, 74, 26)
        pdf.set_font("Helvetica", "B", 9)
        for width, title in zip(widths, ("Ordine", "Consegna", "Articolo", "Descrizione",
                                         "Da ricevere")):
            pdf.cell(width, 6, _t(title), border="B", align="R" if title == "Da ricevere"
                     else "L")
        pdf.ln()
        pdf.set_font("Helvetica", size=9)
        for line in letter["lines"]:
            cells = (line["order"], format_date(line["due"]), line["article"],
                     line["description"][:44], format_trimmed(line["residual"], 0, 3))
            for n, (width, text) in enumerate(zip(widths, cells)):
                pdf.cell(width, 5, _t(text), align="R" if n == 4 else "L")
            pdf.ln()
        pdf.ln(8)
        pdf.cell(0, 5, _t("Distinti saluti."), new_x="LMARGIN", new_y="NEXT")
    if not data["letters"]:
        pdf.add_page()
        pdf.set_font("Helvetica", size=10)
        pdf.cell(0, 5, _t("Nessuna consegna in ritardo."))
    return bytes(pdf.output())
