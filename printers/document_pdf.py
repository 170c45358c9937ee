"""Sales documents on A4 PDF (fpdf2), Italian layout, embedded DejaVu Sans.

Header on every page (logo, company, customer and destination boxes, title with number, date
and "Pagina x di y", the customer's ids, payment and bank), the lines table with its header
repeated after each page break and "segue" at the foot of a broken page, then transport
data, notes, VAT summary, totals, instalments and signatures.
"""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from printers import document_parts as parts
from printers.document_data import Line, PrintDocument
from printers.document_parts import GroupHeading
from printers.layouts import PrintLayout

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVu"
MARGIN = 10.0
PAGE_W, PAGE_H = 210.0, 297.0
BODY_W = PAGE_W - 2 * MARGIN
FOOT_H = 12.0  # page foot: "segue", footer note
WIDTHS = {"code": 26.0, "customer_code": 24.0, "unit": 9.0, "quantity": 16.0,
          "price": 20.0, "discount": 14.0, "amount": 22.0, "vat": 9.0}
GREY = (230, 230, 230)
NB = "{nb}"


class _Pdf(FPDF):
    def __init__(self, renderer: "_Renderer"):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.renderer = renderer

    def header(self):
        self.renderer.page_header()

    def footer(self):
        self.renderer.page_footer()


class _Renderer:
    def __init__(self, doc: PrintDocument, layout: PrintLayout):
        self.doc, self.layout = doc, layout
        self.L = parts.label_table(layout)
        self.size = layout.font_size
        self.lh = self.size * 0.45  # line height, mm
        self.columns = layout.effective_columns()
        self.widths = {c: WIDTHS.get(c, 0.0) for c in self.columns}
        self.widths["description"] = BODY_W - sum(w for c, w in self.widths.items()
                                                  if c != "description")
        self.continues = False  # the page being closed breaks inside the document
        pdf = _Pdf(self)
        pdf.set_auto_page_break(False)
        pdf.set_margins(MARGIN, MARGIN, MARGIN)
        pdf.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
        pdf.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        pdf.alias_nb_pages(NB)
        pdf.set_title(parts.heading(doc, layout))
        pdf.set_author(doc.company.name)
        pdf.set_creator("Gamma")
        self.pdf = pdf

    # ---- helpers -------------------------------------------------------------------------
    def font(self, size: float | None = None, bold: bool = False):
        self.pdf.set_font(FONT, "B" if bold else "", size or self.size)

    @property
    def limit(self) -> float:
        return PAGE_H - MARGIN - FOOT_H

    def room(self, height: float) -> bool:
        return self.pdf.get_y() + height <= self.limit

    def new_page(self, table: bool = False):
        self.continues = True
        self.pdf.add_page()
        self.continues = False
        if table:
            self.table_header()

    def ensure(self, height: float, table: bool = False):
        if not self.room(height):
            self.new_page(table)

    def wrap(self, text: str, width: float) -> list[str]:
        if not text:
            return [""]
        return self.pdf.multi_cell(width - 2, self.lh, text, dry_run=True, output="LINES")

    # ---- page header and foot ------------------------------------------------------------
    def logo_path(self) -> Path | None:
        path = self.layout.logo or self.doc.company.logo_path
        if path and Path(path).is_file():
            return Path(path)
        return None

    def page_header(self):
        pdf, doc = self.pdf, self.doc
        top = MARGIN
        x = MARGIN
        logo = self.logo_path()
        if logo is not None:
            try:
                pdf.image(str(logo), x=MARGIN, y=top, w=40, h=20, keep_aspect_ratio=True)
                x = MARGIN + 43
            except Exception:  # an unreadable image: print without it
                x = MARGIN
        pdf.set_xy(x, top)
        self.font(self.size + 4, bold=True)
        pdf.multi_cell(105 - x, 6, doc.company.name, new_x="LMARGIN", new_y="NEXT")
        self.font(self.size - 1)
        for line in parts.company_lines(doc.company, self.layout):
            pdf.set_x(x)
            pdf.cell(105 - x, self.lh * 0.9, line, new_x="LMARGIN", new_y="NEXT")
        left_bottom = max(pdf.get_y(), top + 22 if logo else 0)

        # customer and destination boxes on the right
        bx, bw = 112.0, PAGE_W - MARGIN - 112.0
        y = top
        y = self.address_box(bx, y, bw, self.L["customer"],
                             parts.customer_lines(doc.customer), bold_first=True)
        dest = parts.destination_lines(doc.destination)
        if dest:
            y = self.address_box(bx, y + 2, bw, self.L["destination"], dest)
        y = max(y, left_bottom) + 3

        # title band
        pdf.set_xy(MARGIN, y)
        pdf.set_fill_color(*GREY)
        self.font(self.size + 3, bold=True)
        pdf.cell(BODY_W - 40, 7, parts.heading(doc, self.layout), border=1, fill=True)
        self.font(self.size)
        pdf.cell(40, 7, parts.page_label(self.layout, pdf.page_no(), NB), border=1,
                 fill=True, align="R", new_x="LMARGIN", new_y="NEXT")

        # customer ids, payment, agent, bank: label above value, four to a row
        pairs = parts.info_pairs(doc, self.layout)
        for start in range(0, len(pairs), 4):
            row = pairs[start:start + 4]
            w = BODY_W / len(row)
            y = pdf.get_y()
            for i, (label, value) in enumerate(row):
                pdf.set_xy(MARGIN + i * w, y)
                self.font(self.size - 2)
                pdf.cell(w, 3.2, label)
                pdf.set_xy(MARGIN + i * w, y + 3.2)
                self.font(self.size)
                pdf.cell(w, self.lh, self.fit(value, w - 1))
                pdf.rect(MARGIN + i * w, y, w, 3.2 + self.lh)
            pdf.set_xy(MARGIN, y + 3.2 + self.lh)
        pdf.ln(2)

    def fit(self, text: str, width: float) -> str:
        """`text` cut with an ellipsis to fit `width` at the current font."""
        if self.pdf.get_string_width(text) <= width:
            return text
        while text and self.pdf.get_string_width(text + "…") > width:
            text = text[:-1]
        return text + "…"

    def address_box(self, x: float, y: float, w: float, label: str, lines: list[str],
                    bold_first: bool = False) -> float:
        pdf = self.pdf
        pdf.set_xy(x + 1, y + 0.5)
        self.font(self.size - 2)
        pdf.cell(w - 2, 3.2, label, new_x="LEFT", new_y="NEXT")
        for i, line in enumerate(lines):
            self.font(self.size + (1 if i == 0 and bold_first else 0),
                      bold=i == 0 and bold_first)
            pdf.set_x(x + 1)
            pdf.cell(w - 2, self.lh + 0.3, self.fit(line, w - 3), new_x="LEFT", new_y="NEXT")
        bottom = pdf.get_y() + 1
        pdf.rect(x, y, w, bottom - y)
        return bottom

    def page_footer(self):
        pdf = self.pdf
        y = PAGE_H - MARGIN - FOOT_H + 2
        if self.continues:
            pdf.set_xy(MARGIN, y)
            self.font(self.size, bold=True)
            pdf.cell(BODY_W, self.lh, f"{self.L['continues']} >>", align="R")
        if self.layout.footer:
            pdf.set_xy(MARGIN, y + self.lh + 1)
            self.font(self.size - 2)
            pdf.multi_cell(BODY_W, 3.2, self.layout.footer, align="C")

    # ---- lines ---------------------------------------------------------------------------
    def table_header(self):
        pdf = self.pdf
        pdf.set_fill_color(*GREY)
        self.font(self.size, bold=True)
        for column in self.columns:
            align = "R" if column in parts.NUMERIC_COLUMNS else "L"
            pdf.cell(self.widths[column], self.lh + 1.5, parts.column_label(self.layout, column),
                     border=1, fill=True, align=align)
        pdf.ln(self.lh + 1.5)

    def lines(self):
        self.table_header()
        for item in parts.arranged_lines(self.doc, self.layout):
            if isinstance(item, GroupHeading):
                self.ensure(self.lh * 2 + 1, table=True)
                self.font(self.size, bold=True)
                self.pdf.cell(BODY_W, self.lh + 1, item.text, border="B",
                              new_x="LMARGIN", new_y="NEXT")
            else:
                self.line(item)
        self.pdf.line(MARGIN, self.pdf.get_y(), MARGIN + BODY_W, self.pdf.get_y())
        self.pdf.ln(2)

    def line(self, line: Line):
        pdf = self.pdf
        width = self.widths["description"]
        texts = parts.description_lines(line, self.layout)
        self.font(self.size, bold=False)
        wrapped = self.wrap(texts[0], width)
        self.font(self.size - 1)
        for extra in texts[1:]:
            wrapped += self.wrap(extra, width)
        height = len(wrapped) * self.lh + 0.4
        if not self.room(height):
            pdf.line(MARGIN, pdf.get_y(), MARGIN + BODY_W, pdf.get_y())
            self.new_page(table=True)
        top = pdf.get_y()
        x = MARGIN
        for column in self.columns:
            w = self.widths[column]
            if column == "description":
                first = len(self.wrap(texts[0], width)) if texts[0] else 1
                for n, text in enumerate(wrapped):
                    self.font(self.size if n < first else self.size - 1)
                    pdf.set_xy(x + 1, top + n * self.lh)
                    pdf.cell(w - 2, self.lh, text)
            else:
                self.font(self.size)
                pdf.set_xy(x, top)
                align = "R" if column in parts.NUMERIC_COLUMNS else "L"
                pdf.cell(w, self.lh, self.fit(parts.cell_text(line, column), w - 1),
                         align=align)
            pdf.line(x, top, x, top + height)
            x += w
        pdf.line(x, top, x, top + height)
        pdf.set_xy(MARGIN, top + height)

    # ---- after the lines -----------------------------------------------------------------
    def labelled_grid(self, title: str, pairs: list[tuple[str, str]], per_row: int = 4):
        pdf = self.pdf
        rows = (len(pairs) + per_row - 1) // per_row
        self.ensure(5 + rows * (3.2 + self.lh))
        self.font(self.size, bold=True)
        pdf.cell(BODY_W, 5, title, new_x="LMARGIN", new_y="NEXT")
        w = BODY_W / per_row
        for start in range(0, len(pairs), per_row):
            y = pdf.get_y()
            for i, (label, value) in enumerate(pairs[start:start + per_row]):
                pdf.set_xy(MARGIN + i * w, y)
                self.font(self.size - 2)
                pdf.cell(w, 3.2, label)
                pdf.set_xy(MARGIN + i * w, y + 3.2)
                self.font(self.size)
                pdf.cell(w, self.lh, self.fit(value, w - 1))
                pdf.rect(MARGIN + i * w, y, w, 3.2 + self.lh)
            pdf.set_xy(MARGIN, y + 3.2 + self.lh)
        pdf.ln(2)

    def notes(self):
        lines = parts.note_lines(self.doc, self.layout)
        if not lines:
            return
        pdf = self.pdf
        self.ensure(5 + self.lh * 2)
        self.font(self.size, bold=True)
        pdf.cell(BODY_W, 5, self.L["notes"], new_x="LMARGIN", new_y="NEXT")
        self.font(self.size)
        for text in lines:
            for piece in self.wrap(text, BODY_W):
                self.ensure(self.lh)
                pdf.set_x(MARGIN + 1)
                pdf.cell(BODY_W - 2, self.lh, piece, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)

    def summary(self):
        """VAT summary (left) and totals box (right), side by side."""
        doc, layout, pdf = self.doc, self.layout, self.pdf
        vat = parts.vat_rows(doc) if parts.shows_vat_summary(doc, layout) else []
        totals = parts.totals_rows(doc, layout) if parts.shows_totals(layout) else []
        if not vat and not totals:
            return
        rh = self.lh + 1
        height = max(len(vat) + 2, len(totals)) * rh + 2
        self.ensure(height)
        top = pdf.get_y()
        if vat:
            widths = (12.0, 36.0, 16.0, 22.0, 20.0)
            heads = ("vat.code", "vat.description", "vat.rate", "vat.taxable", "vat.tax")
            self.font(self.size, bold=True)
            pdf.set_x(MARGIN)
            pdf.cell(sum(widths), rh, self.L["vat_summary"], new_x="LMARGIN", new_y="NEXT")
            pdf.set_fill_color(*GREY)
            self.font(self.size - 1, bold=True)
            for w, head in zip(widths, heads):
                pdf.cell(w, rh, self.L[head], border=1, fill=True,
                         align="R" if head in ("vat.rate", "vat.taxable", "vat.tax") else "L")
            pdf.ln(rh)
            self.font(self.size - 1)
            for row in vat:
                for i, (w, text) in enumerate(zip(widths, row)):
                    pdf.cell(w, rh, self.fit(text, w - 1), border=1,
                             align="R" if i >= 2 else "L")
                pdf.ln(rh)
        bottom = pdf.get_y()
        if totals:
            lw, vw = 52.0, 26.0
            x = PAGE_W - MARGIN - lw - vw
            y = top
            for label, value, bold in totals:
                pdf.set_xy(x, y)
                self.font(self.size + (1 if bold else 0), bold=bold)
                fill = bold
                pdf.set_fill_color(*GREY)
                pdf.cell(lw, rh, self.fit(label, lw - 1), border=1, fill=fill)
                pdf.cell(vw, rh, value, border=1, fill=fill, align="R")
                y += rh
            bottom = max(bottom, y)
        pdf.set_xy(MARGIN, bottom + 3)

    def instalments(self):
        if not parts.shows_instalments(self.doc, self.layout):
            return
        pdf, rows = self.pdf, parts.instalment_rows(self.doc)
        rh = self.lh + 1
        widths = (25.0, 28.0, 50.0)
        self.ensure(rh * 2 + 5)
        self.font(self.size, bold=True)
        pdf.cell(BODY_W, 5, self.L["instalments"], new_x="LMARGIN", new_y="NEXT")
        self.font(self.size - 1, bold=True)
        pdf.set_fill_color(*GREY)
        for w, head, align in zip(widths, ("instalment.due_date", "instalment.amount",
                                           "instalment.method"), "LRL"):
            pdf.cell(w, rh, self.L[head], border=1, fill=True, align=align)
        pdf.ln(rh)
        self.font(self.size - 1)
        for row in rows:
            self.ensure(rh)
            for w, text, align in zip(widths, row, "LRL"):
                pdf.cell(w, rh, self.fit(text, w - 1), border=1, align=align)
            pdf.ln(rh)
        pdf.ln(2)

    def signatures(self):
        if not self.layout.show_signatures:
            return
        pdf = self.pdf
        self.ensure(16)
        w = BODY_W / 3
        y = pdf.get_y() + 2
        self.font(self.size - 1)
        for i, key in enumerate(("transport.driver_signature", "transport.carrier_signature",
                                 "transport.receiver_signature")):
            pdf.set_xy(MARGIN + i * w, y)
            pdf.cell(w - 4, 3.5, self.L[key])
            pdf.line(MARGIN + i * w, y + 13, MARGIN + (i + 1) * w - 6, y + 13)
        pdf.set_xy(MARGIN, y + 15)

    def render(self) -> bytes:
        self.pdf.add_page()
        self.lines()
        transport = parts.transport_pairs(self.doc, self.layout)
        if transport:
            self.labelled_grid(self.L["transport"], transport, per_row=5)
        self.notes()
        self.summary()
        self.instalments()
        self.signatures()
        return bytes(self.pdf.output())


def render_pdf(doc: PrintDocument, layout: PrintLayout) -> bytes:
    """The document as an A4 PDF, by the layout; the PDF file's bytes."""
    return _Renderer(doc, layout).render()
