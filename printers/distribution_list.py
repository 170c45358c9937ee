"""The distribution list (lista di distribuzione) of recurring orders: by delivery date,
then destination, each order with its lines, ordered and still to ship. Takes plain
data, never the database:

    {"company": str, "start": date, "end": date, "complete": bool,
     "groups": [{"date": date, "destination": str,
                 "orders": [{"order": str, "customer": str, "name": str,
                             "lines": [{"article", "description", "unit",
                                        "ordered": Decimal, "to_ship": Decimal}]}]}]}
"""

from __future__ import annotations

from fpdf import FPDF

from printers.document_text import latin1
from printers.formats import format_date, format_trimmed

COLUMNS = (("Articolo", 30), ("Descrizione", 84), ("UM", 12), ("Ordinato", 22),
           ("Da spedire", 22), ("Sped.", 12))
NUMBERS = ("Ordinato", "Da spedire")


def _title(data: dict) -> str:
    kind = "Lista di distribuzione (completa)" if data["complete"] else \
        "Lista di distribuzione - ordini da spedire"
    period = format_date(data["start"])
    if data["end"] != data["start"]:
        period += f" - {format_date(data['end'])}"
    return f"{kind} - {data['company']} - consegne del {period}"


def render_pdf(data: dict) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 11)
    pdf.multi_cell(0, 6, latin1(_title(data)), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    if not data["groups"]:
        pdf.set_font("Helvetica", size=9)
        pdf.cell(0, 6, latin1("Nessun ordine ricorrente da consegnare"),
                 new_x="LMARGIN", new_y="NEXT")
    for group in data["groups"]:
        pdf.set_font("Helvetica", "B", 10)
        pdf.cell(0, 7, latin1(f"Consegna {format_date(group['date'])} - "
                              f"{group['destination']}"), border="B",
                 new_x="LMARGIN", new_y="NEXT")
        for order in group["orders"]:
            pdf.set_font("Helvetica", "B", 9)
            pdf.cell(0, 6, latin1(f"Ordine {order['order']} - {order['customer']} "
                                  f"{order['name']}"), new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("Helvetica", "I", 8)
            for title, width in COLUMNS:
                pdf.cell(width, 5, latin1(title), align="R" if title in NUMBERS else "L")
            pdf.ln()
            pdf.set_font("Helvetica", size=9)
            for line in order["lines"]:
                cells = (line["article"], line["description"][:48], line["unit"],
                         format_trimmed(line["ordered"], 0, 3),
                         format_trimmed(line["to_ship"], 0, 3), "[  ]")
                for (title, width), text in zip(COLUMNS, cells):
                    pdf.cell(width, 5, latin1(text), align="R" if title in NUMBERS else "L")
                pdf.ln()
        pdf.ln(2)
    return bytes(pdf.output())
