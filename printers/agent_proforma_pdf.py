"""Agents' pro-forma commission statements on A4 PDF (fpdf2): one page per agent, the
documents of the period with their taxable, the commission at the agent's rate, the
other amounts added or deducted, and what is due.

Takes plain data (gamma.contracts.agent_proforma.print_data): company, title, subtitle,
agents [{code, name, rate, rows [{document, date, customer, taxable}], base, commission,
extras [{description, amount}], total}].
"""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from printers.formats import format_amount, format_date, format_rate

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVu"
MARGIN = 12.0
LINE_H = 5.0
COLUMNS = (("Documento", 90.0, "L"), ("Data", 24.0, "L"), ("Cliente", 36.0, "L"),
           ("Imponibile", 36.0, "R"))


class _Pdf(FPDF):
    def __init__(self, data: dict):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.data = data

    def header(self):
        self.set_font(FONT, "B", 11)
        self.cell(130, 6, self.data["company"])
        self.set_font(FONT, "", 8)
        self.cell(0, 6, f"Pagina {self.page_no()} di {{nb}}", align="R",
                  new_x="LMARGIN", new_y="NEXT")
        self.set_font(FONT, "B", 10)
        self.cell(0, 6, self.data["title"], new_x="LMARGIN", new_y="NEXT")
        self.set_font(FONT, "", 8)
        self.cell(0, 5, self.data["subtitle"], new_x="LMARGIN", new_y="NEXT")
        self.ln(2)


def _amount_line(pdf: FPDF, label: str, value, bold: bool = False) -> None:
    pdf.set_font(FONT, "B" if bold else "", 9)
    width = sum(w for _, w, _ in COLUMNS[:-1])
    pdf.cell(width, LINE_H, label)
    pdf.cell(COLUMNS[-1][1], LINE_H, format_amount(value), align="R",
             new_x="LMARGIN", new_y="NEXT")


def _agent(pdf: FPDF, agent: dict) -> None:
    pdf.set_font(FONT, "B", 10)
    pdf.cell(0, 7, f"Agente {agent['code']} {agent['name']} - provvigione "
             f"{format_rate(agent['rate'])}%", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "B", 8)
    pdf.set_fill_color(230, 230, 230)
    for title, width, align in COLUMNS:
        pdf.cell(width, LINE_H, title, align=align, fill=True)
    pdf.ln(LINE_H)
    pdf.set_font(FONT, "", 8)
    for row in agent["rows"]:
        texts = (row["document"][:60], format_date(row["date"]), row["customer"],
                 format_amount(row["taxable"]))
        for (_, width, align), text in zip(COLUMNS, texts):
            pdf.cell(width, LINE_H, text, align=align)
        pdf.ln(LINE_H)
    pdf.ln(1)
    _amount_line(pdf, "Imponibile provvigionale", agent["base"], True)
    _amount_line(pdf, f"Provvigioni al {format_rate(agent['rate'])}%", agent["commission"])
    for extra in agent["extras"]:
        _amount_line(pdf, extra["description"], extra["amount"])
    _amount_line(pdf, "Totale spettante", agent["total"], True)


def render(data: dict) -> bytes:
    pdf = _Pdf(data)
    pdf.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, MARGIN + 5)
    pdf.alias_nb_pages()
    pdf.set_title(data["title"])
    pdf.set_creator("Gamma")
    if not data["agents"]:
        pdf.add_page()
        pdf.set_font(FONT, "", 9)
        pdf.cell(0, LINE_H, "Nessuna provvigione nel periodo")
    for agent in data["agents"]:
        pdf.add_page()
        _agent(pdf, agent)
    return bytes(pdf.output())
