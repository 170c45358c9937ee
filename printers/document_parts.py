"""What a sales document prints, as texts: shared by the PDF and the continuous-form text.

Both renderers print the same content; this module decides it (titles, address blocks,
line order and groups, cell texts, totals, notes) and they only place it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from printers.document_data import Company, Customer, Destination, Line, PrintDocument
from printers.formats import (format_amount, format_date, format_datetime, format_price,
                              format_quantity, format_rate, format_trimmed)
from printers.labels import labels
from printers.layouts import PrintLayout

ZERO = Decimal("0")


@dataclass
class GroupHeading:
    text: str


def label_table(layout: PrintLayout) -> dict[str, str]:
    return labels(layout.language)


def title(doc: PrintDocument, layout: PrintLayout) -> str:
    """The document's title: the layout's, the document's own (Italian), or by kind."""
    if layout.title:
        return layout.title
    L = label_table(layout)
    if doc.document.title and layout.language == "it":
        return doc.document.title
    return L.get(f"kind.{doc.document.kind}", doc.document.title or L["kind.document"])


def heading(doc: PrintDocument, layout: PrintLayout) -> str:
    """`Fattura N. 12/A del 10/03/2026` (and the status, when any)."""
    L = label_table(layout)
    parts = [title(doc, layout)]
    if doc.document.number_text:
        parts.append(f"{L['number']} {doc.document.number_text}")
    if doc.document.date:
        parts.append(f"{L['of_date']} {format_date(doc.document.date)}")
    text = " ".join(parts)
    if doc.document.status:
        text += f" - {doc.document.status}"
    return text


def page_label(layout: PrintLayout, page: int | str, pages: int | str) -> str:
    return label_table(layout)["page"].format(page=page, pages=pages)


def _place(zip_code: str, city: str, province: str, country: str) -> str:
    text = " ".join(p for p in (zip_code, city) if p)
    if province:
        text += f" ({province})"
    if country and country.upper() != "IT":
        text += f" - {country}"
    return text.strip()


def company_lines(company: Company, layout: PrintLayout) -> list[str]:
    """Under the company name: address, place, VAT/tax code, contacts."""
    L = label_table(layout)
    out = [company.address, _place(company.zip_code, company.city, company.province,
                                   company.country)]
    ids = []
    if company.vat_number:
        ids.append(f"{L['vat_number']} {company.vat_number}")
    if company.tax_code and company.tax_code != company.vat_number:
        ids.append(f"{L['tax_code']} {company.tax_code}")
    out.append(" - ".join(ids))
    contacts = []
    if company.phone:
        contacts.append(f"{L['phone']} {company.phone}")
    if company.email:
        contacts.append(f"{L['email']} {company.email}")
    out.append(" - ".join(contacts))
    if company.pec:
        out.append(f"{L['pec']} {company.pec}")
    if company.website:
        out.append(company.website)
    if company.registration:
        out.append(company.registration)
    return [line for line in out if line]


def customer_lines(customer: Customer) -> list[str]:
    out = [customer.name, customer.name2, customer.address,
           _place(customer.zip_code, customer.city, customer.province, customer.country)]
    return [line for line in out if line]


def destination_lines(destination: Destination | None) -> list[str]:
    if destination is None:
        return []
    out = [destination.name, destination.name2, destination.address,
           _place(destination.zip_code, destination.city, destination.province,
                  destination.country)]
    return [line for line in out if line]


def info_pairs(doc: PrintDocument, layout: PrintLayout) -> list[tuple[str, str]]:
    """The header's labelled fields: customer code and ids, payment, agent, bank."""
    L = label_table(layout)
    c = doc.customer
    pairs = [(L["customer_code"], c.code), (L["vat_number"], c.vat_number),
             (L["tax_code"], c.tax_code if c.tax_code != c.vat_number else "")]
    if c.sdi_code:
        pairs.append((L["sdi_code"], c.sdi_code))
    if c.pec:
        pairs.append((L["pec"], c.pec))
    if doc.payment_term:
        pairs.append((L["payment_term"], doc.payment_term))
    if doc.agent:
        pairs.append((L["agent"], doc.agent))
    if layout.show_bank and doc.bank is not None:
        pairs.append((L["bank"], doc.bank.name))
        if doc.bank.iban:
            pairs.append((L["iban"], doc.bank.iban + (f" BIC {doc.bank.bic}"
                                                       if doc.bank.bic else "")))
    if layout.show_bank and doc.customer_bank:
        pairs.append((L["customer_bank"], doc.customer_bank))
    return [(label, value) for label, value in pairs if value]


def transport_pairs(doc: PrintDocument, layout: PrintLayout) -> list[tuple[str, str]]:
    t = doc.transport
    if t is None or not layout.show_transport:
        return []
    L = label_table(layout)
    pairs = [
        (L["transport.transport_reason"], t.transport_reason),
        (L["transport.transport_by"], t.transport_by),
        (L["transport.carrier"], t.carrier),
        (L["transport.freight_terms"], t.freight_terms),
        (L["transport.goods_appearance"], t.goods_appearance),
        (L["transport.packages"], "" if t.packages is None else str(t.packages)),
        (L["transport.gross_weight"], format_trimmed(t.gross_weight, 0, 3)),
        (L["transport.net_weight"], format_trimmed(t.net_weight, 0, 3)),
        (L["transport.volume"], format_trimmed(t.volume, 0, 3)),
        (L["transport.transport_start"], format_datetime(t.transport_start)),
    ]
    return [(label, value) for label, value in pairs if value]


def _group_key(line: Line, by: str) -> str:
    return {"family": line.family, "location": line.location, "code": line.code}.get(by, "")


def arranged_lines(doc: PrintDocument, layout: PrintLayout) -> list[Line | GroupHeading]:
    """The lines in print order, with a heading where a group starts.

    A text line stays with the article line above it when lines are sorted or grouped.
    """
    if not layout.group_by and not layout.sort_by:
        return list(doc.lines)
    blocks: list[list[Line]] = []
    for line in doc.lines:
        if line.is_text and blocks and not blocks[-1][0].is_text:
            blocks[-1].append(line)
        else:
            blocks.append([line])

    def key(indexed):
        index, block = indexed
        head = block[0]
        return (_group_key(head, layout.group_by).casefold(),
                _group_key(head, layout.sort_by).casefold(), index)

    ordered = [block for _, block in sorted(enumerate(blocks), key=key)]
    out: list[Line | GroupHeading] = []
    current = None
    L = label_table(layout)
    for block in ordered:
        if layout.group_by:
            group = _group_key(block[0], layout.group_by)
            if group != current:
                current = group
                out.append(GroupHeading(f"{L['group.' + layout.group_by]}: "
                                        f"{group or L['group.none']}"))
        out.extend(block)
    return out


def description_lines(line: Line, layout: PrintLayout) -> list[str]:
    """The description, then the long text and the lot when the layout prints them."""
    out = [line.description]
    if layout.show_long_text and line.long_text:
        out.extend(line.long_text.splitlines())
    if layout.show_lots and line.lot:
        out.append(f"{label_table(layout)['lot']} {line.lot}")
    return out


def cell_text(line: Line, column: str) -> str:
    if column == "code":
        return line.code
    if column == "customer_code":
        return line.customer_code
    if column == "unit":
        return line.unit
    if column == "quantity":
        return format_quantity(line.quantity, line.quantity_decimals)
    if column == "price":
        return format_price(line.price, line.price_decimals)
    if column == "discount":
        return line.discount
    if column == "amount":
        return format_amount(line.amount)
    if column == "vat":
        return "" if line.is_text else line.vat_code
    return line.description


NUMERIC_COLUMNS = ("quantity", "price", "amount")


def column_label(layout: PrintLayout, column: str) -> str:
    return label_table(layout)[f"col.{column}"]


def vat_rows(doc: PrintDocument) -> list[tuple[str, str, str, str, str]]:
    """(code, description, rate or nature, taxable, tax) of each summary row."""
    return [(row.code, row.description, row.nature or format_rate(row.rate),
             format_amount(row.taxable), format_amount(row.tax)) for row in doc.vat_summary]


def totals_rows(doc: PrintDocument, layout: PrintLayout) -> list[tuple[str, str, bool]]:
    """(label, amount, bold) of the totals box."""
    L = label_table(layout)
    t = doc.totals
    foreign = t.currency and t.currency != "EUR"
    rows: list[tuple[str, str, bool]] = []
    if t.document_discount or t.charges:
        rows.append((L["totals.goods"], format_amount(t.goods), False))
    if t.document_discount:
        label = L["totals.document_discount"]
        if t.document_discount_text:
            label += f" {t.document_discount_text}%"
        rows.append((label, format_amount(-t.document_discount), False))
    if t.charges:
        rows.append((L["totals.charges"], format_amount(t.charges), False))
    rows.append((L["totals.taxable"], format_amount(t.taxable), False))
    rows.append((L["totals.vat"], format_amount(t.vat), False))
    if t.stamp_duty:
        rows.append((L["totals.stamp_duty"], format_amount(t.stamp_duty), False))
    total_label = L["totals.total"] + (f" {t.currency}" if foreign else " €")
    rows.append((total_label, format_amount(t.total), True))
    if t.withholding:
        rows.append((L["totals.withholding"], format_amount(-t.withholding), False))
    if t.enasarco:
        rows.append((L["totals.enasarco"], format_amount(-t.enasarco), False))
    if t.due != t.total:
        rows.append((L["totals.due"] + (f" {t.currency}" if foreign else " €"),
                     format_amount(t.due), True))
    if foreign and t.total_eur is not None:
        label = L["totals.counter_value"]
        if t.exchange_rate:
            label += f" ({L['totals.exchange_rate']} {format_trimmed(t.exchange_rate, 2, 6)})"
        rows.append((label, format_amount(t.total_eur), False))
    return rows


def instalment_rows(doc: PrintDocument) -> list[tuple[str, str, str]]:
    return [(format_date(i.due_date), format_amount(i.amount), i.method)
            for i in doc.instalments]


def note_lines(doc: PrintDocument, layout: PrintLayout) -> list[str]:
    """References, declaration of intent, split payment / reverse charge, legal and free notes."""
    L = label_table(layout)
    out: list[str] = list(doc.references)
    if doc.declaration_of_intent:
        out.append(f"{L['declaration_of_intent']}: {doc.declaration_of_intent}")
    if doc.split_payment:
        out.append(L["split_payment"])
    if doc.reverse_charge:
        out.append(L["reverse_charge"])
    out.extend(doc.legal_notes)
    if doc.notes:
        out.extend(doc.notes.splitlines())
    return [line for line in out if line is not None]


def shows_prices(layout: PrintLayout) -> bool:
    return layout.show_prices


def shows_totals(layout: PrintLayout) -> bool:
    return layout.show_prices and layout.show_totals


def shows_vat_summary(doc: PrintDocument, layout: PrintLayout) -> bool:
    return layout.show_prices and layout.show_vat_summary and bool(doc.vat_summary)


def shows_instalments(doc: PrintDocument, layout: PrintLayout) -> bool:
    return layout.show_prices and layout.show_instalments and bool(doc.instalments)
