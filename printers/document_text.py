"""Sales documents as plain text for continuous forms on dot-matrix printers.

Fixed width (the layout's `text_width`, 80 or 132 columns), `page_length` lines per form, a
form feed closing every page, Latin-1 only (the euro sign prints as "EUR"). The same content
as the PDF: header on every page, lines with their header repeated, "segue" at the foot of a
broken page, then transport, notes, VAT summary, totals, instalments and signatures.
"""

from __future__ import annotations

import textwrap
import unicodedata

from printers import document_parts as parts
from printers.document_data import Line, PrintDocument
from printers.document_parts import GroupHeading
from printers.layouts import LayoutError, PrintLayout

FORM_FEED = "\f"
WIDTHS = {
    80: {"code": 10, "customer_code": 10, "unit": 2, "quantity": 8, "price": 10,
         "discount": 6, "amount": 11, "vat": 4},
    132: {"code": 16, "customer_code": 15, "unit": 3, "quantity": 10, "price": 12,
          "discount": 8, "amount": 13, "vat": 5},
}
_REPLACE = {"€": "EUR", "‘": "'", "’": "'", "‚": ",", "“": '"', "”": '"', "„": '"',
            "–": "-", "—": "-", "…": "...", "•": "*", "³": "3", "\t": " "}


def latin1(text: str) -> str:
    """Only what a Latin-1 printer can print: € → EUR, quotes and dashes plain, else '?'."""
    out = []
    for char in text:
        char = _REPLACE.get(char, char)
        if len(char) == 1 and ord(char) > 255:
            base = "".join(c for c in unicodedata.normalize("NFKD", char)
                           if not unicodedata.combining(c))
            char = base if base and all(ord(c) < 256 for c in base) else "?"
        out.append(char)
    return "".join(out)


class _Text:
    def __init__(self, doc: PrintDocument, layout: PrintLayout):
        self.doc, self.layout = doc, layout
        self.L = parts.label_table(layout)
        self.W = layout.text_width
        self.columns = layout.effective_columns()
        table = WIDTHS.get(self.W, WIDTHS[80])
        self.widths = {c: table[c] for c in self.columns if c != "description"}
        self.widths["description"] = (self.W - sum(self.widths.values())
                                      - (len(self.columns) - 1))

    # ---- pieces --------------------------------------------------------------------------
    def fit(self, text: str, width: int, right: bool = False) -> str:
        text = latin1(text)[:width]
        return text.rjust(width) if right else text.ljust(width)

    def wrap(self, text: str, width: int) -> list[str]:
        return textwrap.wrap(latin1(text), width, break_long_words=True,
                             replace_whitespace=True) or [""]

    def rule(self, char: str = "-") -> str:
        return char * self.W

    def header(self, page: int, pages: int) -> list[str]:
        doc = self.doc
        half = self.W // 2 - 1
        left = [doc.company.name.upper()] + parts.company_lines(doc.company, self.layout)
        right = [self.L["customer"]] + parts.customer_lines(doc.customer)
        dest = parts.destination_lines(doc.destination)
        if dest:
            right += [self.L["destination"]] + dest
        out = []
        for i in range(max(len(left), len(right))):
            a = left[i] if i < len(left) else ""
            b = right[i] if i < len(right) else ""
            out.append(self.fit(a, half) + "  " + self.fit(b, self.W - half - 2))
        out.append(self.rule("="))
        page_text = parts.page_label(self.layout, page, pages)
        out.append(self.fit(parts.heading(doc, self.layout), self.W - len(page_text) - 1)
                   + " " + page_text)
        out.append(self.rule("="))
        out.extend(self.pairs(parts.info_pairs(doc, self.layout)))
        return out

    def pairs(self, pairs: list[tuple[str, str]]) -> list[str]:
        """`Label: value` items packed on lines of the page width."""
        out, current = [], ""
        for label, value in pairs:
            item = latin1(f"{label}: {value}")[: self.W]
            if current and len(current) + 3 + len(item) > self.W:
                out.append(current)
                current = ""
            current = f"{current} | {item}" if current else item
        if current:
            out.append(current)
        return out

    def table_header(self) -> list[str]:
        cells = [self.fit(parts.column_label(self.layout, c), self.widths[c],
                          right=c in parts.NUMERIC_COLUMNS) for c in self.columns]
        return [self.rule(), " ".join(cells).rstrip(), self.rule()]

    def line(self, line: Line) -> list[str]:
        width = self.widths["description"]
        texts = parts.description_lines(line, self.layout)
        description = []
        for n, text in enumerate(texts):
            description += self.wrap(text if n == 0 else "  " + text, width)
        rows = []
        for n, text in enumerate(description):
            cells = []
            for column in self.columns:
                if column == "description":
                    cells.append(self.fit(text, width))
                elif n == 0:
                    cells.append(self.fit(parts.cell_text(line, column), self.widths[column],
                                          right=column in parts.NUMERIC_COLUMNS))
                else:
                    cells.append(" " * self.widths[column])
            rows.append(" ".join(cells).rstrip())
        return rows

    def after_lines(self) -> list[list[str]]:
        """The blocks after the lines, each kept on one page."""
        doc, layout = self.doc, self.layout
        blocks: list[list[str]] = []
        transport = parts.transport_pairs(doc, layout)
        if transport:
            blocks.append([self.L["transport"].upper()] + self.pairs(transport))
        notes = parts.note_lines(doc, layout)
        if notes:
            block = [self.L["notes"].upper()]
            for text in notes:
                block += self.wrap(text, self.W)
            blocks.append(block)
        if parts.shows_vat_summary(doc, layout):
            w = (6, self.W - 6 - 9 - 14 - 13 - 4, 9, 14, 13)
            heads = ("vat.code", "vat.description", "vat.rate", "vat.taxable", "vat.tax")
            block = [self.L["vat_summary"].upper(),
                     " ".join(self.fit(self.L[h], n, right=i >= 2)
                              for i, (h, n) in enumerate(zip(heads, w))).rstrip()]
            for row in parts.vat_rows(doc):
                block.append(" ".join(self.fit(t, n, right=i >= 2)
                                      for i, (t, n) in enumerate(zip(row, w))).rstrip())
            blocks.append(block)
        if parts.shows_totals(layout):
            block = []
            for label, value, bold in parts.totals_rows(doc, layout):
                text = self.fit(label, 34) + self.fit(value, 16, right=True)
                block.append((text.upper() if bold else text).rjust(self.W))
            blocks.append([self.rule()] + block)
        if parts.shows_instalments(doc, layout):
            block = [self.L["instalments"].upper()]
            for due, amount, method in parts.instalment_rows(doc):
                block.append(f"{self.fit(due, 10)}  {self.fit(amount, 14, right=True)}  "
                             f"{latin1(method)}"[: self.W].rstrip())
            blocks.append(block)
        if layout.show_signatures:
            third = self.W // 3
            names = [self.L[k] for k in ("transport.driver_signature",
                                         "transport.carrier_signature",
                                         "transport.receiver_signature")]
            blocks.append(["", "".join(self.fit(n, third) for n in names).rstrip(), "",
                           "".join(self.fit("_" * (third - 4), third) for _ in names).rstrip()])
        return blocks

    # ---- pagination ----------------------------------------------------------------------
    def render(self) -> str:
        table_items: list[list[str]] = []
        for item in parts.arranged_lines(self.doc, self.layout):
            if isinstance(item, GroupHeading):
                table_items.append(["", latin1(item.text)[: self.W]])
            else:
                table_items.append(self.line(item))
        header_len = len(self.header(1, 1))
        footer = self.footer_lines(False)
        # a page holds page_length − 1 lines (the form feed takes the last one)
        capacity = self.layout.page_length - 1 - header_len - len(footer)
        table_head = self.table_header()
        if capacity < len(table_head) + 2:
            needed = self.layout.page_length - capacity + len(table_head) + 2
            raise LayoutError(f"Layout di stampa {self.layout.kind}: chiave 'page_length' "
                              f"{self.layout.page_length} troppo corta per questo documento, "
                              f"servono almeno {needed} righe")
        pages: list[list[str]] = []
        body: list[str] = list(table_head)
        for block in table_items:
            if len(body) + len(block) > capacity - 1:  # room for the closing rule
                pages.append(body)
                body = list(table_head)
            body.extend(block[: capacity - 1 - len(table_head)])
        body.append(self.rule())
        for block in self.after_lines():
            block = block[:capacity]
            if len(body) + len(block) + 1 > capacity:
                pages.append(body)
                body = []
            body.extend(([""] if body else []) + block)
        pages.append(body)
        out = []
        for number, lines in enumerate(pages, start=1):
            last = number == len(pages)
            page = self.header(number, len(pages)) + lines
            page += [""] * (self.layout.page_length - 1 - len(footer) - len(page))
            page += self.footer_lines(not last)
            out.append("\n".join(line.rstrip() for line in page) + "\n" + FORM_FEED)
        return "".join(out)

    def footer_lines(self, continues: bool) -> list[str]:
        lines = [(f"{self.L['continues']} >>".rjust(self.W) if continues else "")]
        if self.layout.footer:
            lines.append(latin1(self.layout.footer)[: self.W].center(self.W).rstrip())
        return lines


def render_text(doc: PrintDocument, layout: PrintLayout) -> str:
    """The document for a continuous form: fixed width, form feeds, Latin-1 characters only."""
    return _Text(doc, layout).render()
