"""A statistic on A4 PDF (fpdf2): title, subtitle and "Pagina x di y" on every page, the
columns' heading repeated after each page break, subtotals and the total bold, a new
page before a row whose level asks for it. Landscape when the columns do not fit a
portrait page; narrower type when they do not fit a landscape one either.

Takes plain data (gamma.stats.output.plain): title, subtitle, columns [{key, label, kind,
format, width}], rows [{kind, level, cells {key: value}, page_break_before}].
"""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from printers.stats_text import cell_text

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVu"
MARGIN = 10.0
LINE_H = 4.5
PORTRAIT_W, LANDSCAPE_W = 210.0 - 2 * MARGIN, 297.0 - 2 * MARGIN
CHAR_MM = 1.75  # the width of an average DejaVu character at 8 points
SIZES = (8.0, 7.0, 6.0)  # the type shrinks until the columns fit a landscape page


def layout(columns: list[dict]) -> tuple[str, float, list[float]]:
    """Orientation ("P"/"L"), font size and each column's width in millimetres."""
    chars = sum(max(c["width"], 4) + 1 for c in columns) or 1
    for orientation, usable in (("P", PORTRAIT_W), ("L", LANDSCAPE_W)):
        for size in SIZES if orientation == "L" else SIZES[:1]:
            needed = chars * CHAR_MM * size / 8
            if needed <= usable:
                return orientation, size, _widths(columns, usable, chars)
    return "L", SIZES[-1], _widths(columns, LANDSCAPE_W, chars)


def _widths(columns: list[dict], usable: float, chars: int) -> list[float]:
    return [usable * (max(c["width"], 4) + 1) / chars for c in columns]


class _Pdf(FPDF):
    def __init__(self, table: dict):
        orientation, self.type_size, self.col_widths = layout(table["columns"])
        super().__init__(orientation=orientation, unit="mm", format="A4")
        self.table = table

    def header(self):
        self.set_font(FONT, "B", 10)
        self.cell(self.epw - 30, 5, self.table["title"])
        self.set_font(FONT, "", 7)
        self.cell(30, 5, f"Pagina {self.page_no()} di {{nb}}", align="R",
                  new_x="LMARGIN", new_y="NEXT")
        self.set_font(FONT, "", 8)
        self.multi_cell(0, 4, self.table["subtitle"], new_x="LMARGIN", new_y="NEXT")
        self.ln(1)
        self.set_font(FONT, "B", self.type_size)
        self.set_fill_color(230, 230, 230)
        for column, width in zip(self.table["columns"], self.col_widths):
            self.cell(width, 5, _cut(self, column["label"], width), fill=True,
                      align="R" if column["kind"] == "measure" else "L")
        self.ln(5)


def render(table: dict) -> bytes:
    pdf = _Pdf(table)
    pdf.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, MARGIN + 5)
    pdf.alias_nb_pages()
    pdf.set_title(table["title"])
    pdf.set_creator("Gamma")
    pdf.add_page()
    top = pdf.get_y()
    for data in table["rows"]:
        if data.get("page_break_before") and pdf.get_y() > top:
            pdf.add_page()
        _row(pdf, table["columns"], data)
    if not table["rows"]:
        pdf.set_font(FONT, "", pdf.type_size)
        pdf.cell(0, LINE_H, "Nessun movimento con questi limiti")
    return bytes(pdf.output())


def _row(pdf: _Pdf, columns: list[dict], data: dict) -> None:
    strong = data["kind"] in ("subtotal", "total")
    pdf.set_font(FONT, "B" if strong else "", pdf.type_size)
    border = "T" if data["kind"] == "total" else 0
    height = LINE_H + (0.5 if strong else 0)
    for column, width in zip(columns, pdf.col_widths):
        text = cell_text(column["format"], data["cells"].get(column["key"]))
        pdf.cell(width, height, _cut(pdf, text, width), border=border,
                 align="R" if column["kind"] == "measure" else "L")
    pdf.ln(height)


def _cut(pdf: FPDF, text: str, width: float) -> str:
    """The text within the cell (less a little padding): long names are cut, not spilled."""
    room = width - 1.2
    if pdf.get_string_width(text) <= room:
        return text
    while text and pdf.get_string_width(text + "…") > room:
        text = text[:-1]
    return text + "…"
