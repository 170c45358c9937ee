"""The inventory book on A4 PDF (fpdf2): company and title on every page with
"Pagina x di y", the columns' heading repeated after each page break, one block per
fiscal group closed by its subtotal, the grand total at the end.

Takes plain data (gamma.stock.valuation_book.book): company, title, subtitle, groups
[{code, name, lines [{code, description, unit, qty, unit_cost, value}], value}], total.
"""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from printers.formats import format_amount, format_price, format_quantity

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVu"
MARGIN = 10.0
PAGE_H = 297.0
LINE_H = 4.5
COLUMNS = (("Articolo", 30.0, "L"), ("Descrizione", 78.0, "L"), ("UM", 10.0, "L"),
           ("Quantità", 22.0, "R"), ("Costo unit.", 24.0, "R"), ("Valore", 26.0, "R"))


class _Pdf(FPDF):
    def __init__(self, book: dict):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.book = book

    def header(self):
        self.set_font(FONT, "B", 11)
        self.cell(120, 5, self.book["company"])
        self.set_font(FONT, "", 8)
        self.cell(0, 5, f"Pagina {self.page_no()} di {{nb}}", align="R",
                  new_x="LMARGIN", new_y="NEXT")
        self.set_font(FONT, "B", 10)
        self.cell(0, 5, self.book["title"], new_x="LMARGIN", new_y="NEXT")
        self.set_font(FONT, "", 8)
        self.cell(0, 5, self.book["subtitle"], new_x="LMARGIN", new_y="NEXT")
        self.ln(1)
        self.set_font(FONT, "B", 8)
        self.set_fill_color(230, 230, 230)
        for title, width, align in COLUMNS:
            self.cell(width, 5, title, align=align, fill=True)
        self.ln(5)


def render(book: dict) -> bytes:
    pdf = _Pdf(book)
    pdf.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, MARGIN + 5)
    pdf.alias_nb_pages()
    pdf.set_title(book["title"])
    pdf.set_creator("Gamma")
    pdf.add_page()
    for group in book["groups"]:
        pdf.set_font(FONT, "B", 8)
        pdf.cell(0, LINE_H + 1, f"{group['code']} {group['name']}".strip(),
                 new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, "", 8)
        for line in group["lines"]:
            texts = (line["code"], line["description"][:48], line["unit"],
                     format_quantity(line["qty"], 3), format_price(line["unit_cost"]),
                     format_amount(line["value"]))
            for (_, width, align), text in zip(COLUMNS, texts):
                pdf.cell(width, LINE_H, text, align=align)
            pdf.ln(LINE_H)
        _total(pdf, f"Totale {group['name']}", group["value"])
        pdf.ln(2)
    _total(pdf, "Totale inventario", book["total"])
    return bytes(pdf.output())


def _total(pdf: FPDF, label: str, value) -> None:
    pdf.set_font(FONT, "B", 8)
    width = sum(w for _, w, _ in COLUMNS[:-1])
    pdf.cell(width, LINE_H + 1, label, border="T")
    pdf.cell(COLUMNS[-1][1], LINE_H + 1, format_amount(value), align="R", border="T",
             new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 8)
