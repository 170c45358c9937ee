"""Printing sales documents: PDF (read back with pypdf), continuous-form text, layouts."""

from __future__ import annotations

import io
import shutil
from datetime import date, datetime
from decimal import Decimal as D
from pathlib import Path

import pytest
from pypdf import PdfReader

from printers.document_data import (Bank, Company, Customer, Destination, DocumentInfo,
                                    Instalment, Line, PrintDocument, Totals, Transport, VatRow)
from printers.document_pdf import render_pdf
from printers.document_text import latin1, render_text
from printers.formats import format_amount, format_price, format_quantity
from printers.layouts import LayoutError, PrintLayout, load_layout

ROOT = Path(__file__).resolve().parent.parent
LAYOUTS = ROOT / "config" / "layouts"


def company() -> Company:
    return Company(name="Caffè Più S.r.l.", address="Via Garibaldi 1", zip_code="20121",
                   city="Milano", province="MI", vat_number="IT01234567897",
                   tax_code="01234567897", phone="02 1234567", email="info@caffepiu.it")


def customer(code: str = "C0001") -> Customer:
    return Customer(code=code, name="Bar Città di Forlì", name2="di Rossi & C. s.n.c.",
                    address="Corso Mazzini 22", zip_code="47121", city="Forlì",
                    province="FC", vat_number="IT09876543217", sdi_code="ABC1234")


def invoice() -> PrintDocument:
    lines = [
        Line(code="CAF01", description="Caffè in grani qualità oro 1 kg", unit="KG",
             quantity=D("10"), price=D("18.50"), discount="10", amount=D("166.50"),
             vat_code="22", family="CAFFE", location="A01"),
        Line(description="Consegna al piano: già concordata"),
        Line(code="ZUC01", description="Zucchero di canna bustine", unit="CF",
             quantity=D("4"), price=D("12.50"), amount=D("50.00"), vat_code="10",
             family="ZUCCHERO", location="B02"),
        Line(code="LAT01", description="Latte fresco intero", unit="LT", quantity=D("12"),
             price=D("1.25"), amount=D("15.00"), vat_code="4", family="LATTE",
             location="C01", customer_code="MILK-7"),
        Line(code="ESP01", description="Macchina espresso (esportazione)", unit="PZ",
             quantity=D("1"), price=D("1000.00"), amount=D("1000.00"), vat_code="N3.5",
             family="MACCHINE", location="A02", long_text="Matricola ESP-2026-001"),
    ]
    vat = [VatRow("22", "IVA 22%", D("22"), "", D("1158.18"), D("254.80")),
           VatRow("10", "IVA 10%", D("10"), "", D("47.50"), D("4.75")),
           VatRow("4", "IVA 4%", D("4"), "", D("14.25"), D("0.57")),
           VatRow("N3.5", "Non imponibile - lettera d'intento", D("0"), "N3.5",
                  D("950.00"), D("0.00"))]
    totals = Totals(goods=D("1231.50"), document_discount=D("61.57"),
                    document_discount_text="5", charges=D("2.00"), taxable=D("2169.93"),
                    vat=D("260.12"), stamp_duty=D("2.00"), total=D("2430.05"),
                    due=D("2430.05"))
    instalments = [Instalment(date(2026, 4, 30), D("810.02"), "RiBa"),
                   Instalment(date(2026, 5, 31), D("810.02"), "RiBa"),
                   Instalment(date(2026, 6, 30), D("810.01"), "RiBa")]
    return PrintDocument(
        company=company(),
        document=DocumentInfo(kind="invoice", title="Fattura", series="A", number=12,
                              date=date(2026, 3, 10)),
        customer=customer(), payment_term="RiBa 30/60/90 gg f.m.",
        bank=Bank("Banca Popolare di Sondrio", "IT60X0542811101000000123456"),
        agent="Mario Bianchi", lines=lines, vat_summary=vat, totals=totals,
        instalments=instalments, notes="Grazie per la preferenza.",
        references=["Rif. Vs. ordine n. 45 del 01/03/2026"],
        declaration_of_intent="n. 5 del 10/01/2026, prot. 12345678901234567-000001")


def delivery_note() -> PrintDocument:
    doc = invoice()
    doc.document = DocumentInfo(kind="delivery_note", title="Documento di trasporto",
                                number=7, date=date(2026, 3, 3))
    doc.destination = Destination(name="Bar Città - magazzino", address="Via Emilia 5",
                                  zip_code="47122", city="Forlì", province="FC")
    doc.transport = Transport(carrier="Trasporti Veloci S.p.A.", transport_by="Vettore",
                              transport_reason="Vendita", freight_terms="Franco",
                              goods_appearance="Cartoni", packages=6,
                              gross_weight=D("32.5"), net_weight=D("30"),
                              transport_start=datetime(2026, 3, 3, 8, 30))
    doc.instalments = []
    return doc


def long_invoice(count: int = 120) -> PrintDocument:
    doc = invoice()
    doc.lines = [Line(code=f"ART{i:04d}", description=f"Articolo numero {i} caffè",
                      unit="PZ", quantity=D("2"), price=D("1234.5"), amount=D("2469.00"),
                      vat_code="22") for i in range(1, count + 1)]
    return doc


def pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def squash(text: str) -> str:
    return " ".join(text.split())


# ---- formats -------------------------------------------------------------------------------
def test_italian_formats():
    assert format_amount(D("1234.565")) == "1.234,57"
    assert format_amount(D("-1234567.1")) == "-1.234.567,10"
    assert format_quantity(D("2.000")) == "2"
    assert format_quantity(D("2.5")) == "2,5"
    assert format_quantity(D("2"), 3) == "2,000"
    assert format_price(D("12.5")) == "12,50"
    assert format_price(D("0.012500")) == "0,0125"


# ---- PDF ------------------------------------------------------------------------------------
def test_invoice_pdf_totals_vat_summary_number_and_accents():
    layout = load_layout("invoice", "C0001", [LAYOUTS])
    data = render_pdf(invoice(), layout)
    assert data.startswith(b"%PDF")
    pages = pdf_pages(data)
    assert len(pages) == 1
    text = squash(pages[0])
    assert "Fattura N. 12/A del 10/03/2026" in text
    assert "Caffè Più S.r.l." in text
    assert "Forlì" in text and "Quantità" in text
    assert "Pagina 1 di 1" in text
    # VAT summary: rate, taxable, tax per row; the nature for the exempt row
    assert "22,00 1.158,18 254,80" in text
    assert "10,00 47,50 4,75" in text
    assert "4,00 14,25 0,57" in text
    assert "N3.5 950,00 0,00" in text
    # totals
    for label, value in (("Totale merce", "1.231,50"), ("Sconto 5%", "-61,57"),
                         ("Spese", "2,00"), ("Totale imponibile", "2.169,93"),
                         ("Totale IVA", "260,12"), ("Bollo", "2,00"),
                         ("Totale documento €", "2.430,05")):
        assert f"{label} {value}" in text, label
    # lines, instalments, bank, notes
    assert "1.000,00" in text and "18,50" in text and "166,50" in text
    assert "30/04/2026 810,02 RiBa" in text and "30/06/2026 810,01 RiBa" in text
    assert "IT60X0542811101000000123456" in text
    assert "Rif. Vs. ordine n. 45 del 01/03/2026" in text
    assert "Dichiarazione d'intento: n. 5 del 10/01/2026" in text
    assert "Matricola ESP-2026-001" in text
    assert "Consegna al piano: già concordata" in text


def test_fonts_are_embedded_from_the_package():
    fonts = Path(__file__).resolve().parent.parent / "printers" / "fonts"
    assert (fonts / "DejaVuSans.ttf").is_file() and (fonts / "DejaVuSans-Bold.ttf").is_file()
    assert "Bitstream" in (fonts / "LICENSE").read_text()
    data = render_pdf(invoice(), load_layout("invoice", None, [LAYOUTS]))
    assert b"DejaVu" in data


def test_long_invoice_breaks_pages_and_repeats_the_table_header():
    pages = pdf_pages(render_pdf(long_invoice(), load_layout("invoice", None, [LAYOUTS])))
    assert len(pages) == 3
    for number, text in enumerate(pages, start=1):
        text = squash(text)
        assert f"Pagina {number} di 3" in text
        assert "Codice Descrizione" in text  # the table header on every page
        assert "Fattura N. 12/A del 10/03/2026" in text
    assert "segue" in pages[0] and "segue" in pages[1] and "segue" not in pages[2]
    assert "Totale documento" in pages[2] and "Totale documento" not in pages[0]
    everything = squash(" ".join(pages))
    assert all(f"ART{i:04d}" in everything for i in range(1, 121))
    assert "1.234,50 2.469,00" in everything


def test_delivery_note_layout_shows_no_prices():
    layout = load_layout("delivery_note", "C0001", [LAYOUTS])
    assert not layout.show_prices and layout.show_signatures
    text = squash(pdf_pages(render_pdf(delivery_note(), layout))[0])
    assert "Documento di trasporto N. 7 del 03/03/2026" in text
    assert "Caffè in grani" in text and "Quantità" in text
    for absent in ("Prezzo", "Importo", "18,50", "166,50", "1.000,00", "Totale documento",
                   "Riepilogo IVA", "Scadenze"):
        assert absent not in text, absent
    assert "Trasporti Veloci S.p.A." in text and "Franco" in text
    assert "03/03/2026 08:30" in text and "32,5" in text
    assert "Destinazione merce" in text and "Bar Città - magazzino" in text
    assert "Firma conducente" in text


def test_credit_note_and_quote_titles():
    doc = invoice()
    doc.document = DocumentInfo(kind="credit_note", number=3, series="NC",
                                date=date(2026, 3, 11))
    text = squash(pdf_pages(render_pdf(doc, load_layout("credit_note", None, [LAYOUTS])))[0])
    assert "Nota di credito N. 3/NC del 11/03/2026" in text
    doc.document = DocumentInfo(kind="quote", number=9, date=date(2026, 3, 11))
    text = squash(pdf_pages(render_pdf(doc, load_layout("quote", None, [LAYOUTS])))[0])
    assert "Preventivo N. 9 del 11/03/2026" in text
    assert "Offerta valida 30 giorni" in text


def test_logo_printed_when_the_file_exists(tmp_path):
    png = tmp_path / "logo.png"
    # a 1x1 white PNG
    png.write_bytes(bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c"
        "49444154789c63f8ffff3f0005fe02fea7d6a4b20000000049454e44ae426082"))
    doc = invoice()
    doc.company.logo_path = png
    with_logo = render_pdf(doc, load_layout("invoice", None, [LAYOUTS]))
    assert b"/Subtype /Image" in with_logo
    doc.company.logo_path = tmp_path / "missing.png"
    assert b"/Subtype /Image" not in render_pdf(doc, load_layout("invoice", None, [LAYOUTS]))


def test_layout_logo_is_relative_to_its_file(tmp_path):
    png = tmp_path / "marchio.png"
    png.write_bytes(bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c"
        "49444154789c63f8ffff3f0005fe02fea7d6a4b20000000049454e44ae426082"))
    (tmp_path / "invoice.toml").write_text('logo = "marchio.png"\n')
    layout = load_layout("invoice", None, [tmp_path, LAYOUTS])
    assert layout.logo == png
    assert b"/Subtype /Image" in render_pdf(invoice(), layout)


def test_split_payment_reverse_charge_and_foreign_currency():
    doc = invoice()
    doc.split_payment = True
    doc.reverse_charge = True
    doc.totals.currency = "USD"
    doc.totals.exchange_rate = D("1.085")
    doc.totals.total_eur = D("2239.68")
    text = squash(pdf_pages(render_pdf(doc, load_layout("invoice", None, [LAYOUTS])))[0])
    assert "art. 17-ter del DPR 633/1972" in text
    assert "Inversione contabile" in text
    assert "Totale documento USD 2.430,05" in text
    assert "Controvalore in EUR (cambio 1,085) 2.239,68" in text


# ---- layouts --------------------------------------------------------------------------------
def test_customer_override_in_english_and_without_prices(tmp_path):
    user = tmp_path / "user"
    (user / "customers").mkdir(parents=True)
    (user / "customers" / "C0001.toml").write_text(
        'language = "en"\nshow_customer_codes = true\n\n[invoice]\nshow_prices = false\n')
    layout = load_layout("invoice", "C0001", [user, LAYOUTS])
    assert layout.language == "en" and not layout.show_prices
    assert layout.sources[-1] == user / "customers" / "C0001.toml"
    text = squash(pdf_pages(render_pdf(invoice(), layout))[0])
    assert "Invoice No. 12/A of 10/03/2026" in text
    assert "Your code" in text and "MILK-7" in text
    assert "166,50" not in text and "Document total" not in text
    # another kind for the same customer: English, prices back
    quote = load_layout("quote", "C0001", [user, LAYOUTS])
    assert quote.language == "en" and quote.show_prices
    # other customers are untouched
    assert load_layout("invoice", "C0002", [user, LAYOUTS]).language == "it"


def test_a_users_copy_in_an_earlier_directory_wins(tmp_path):
    shutil.copy(LAYOUTS / "invoice.toml", tmp_path / "invoice.toml")
    with (tmp_path / "invoice.toml").open("a") as handle:
        handle.write('sort_by = "location"\ngroup_by = "family"\nfooter = "Piè di pagina"\n')
    layout = load_layout("invoice", None, [tmp_path, LAYOUTS])
    assert layout.sort_by == "location" and layout.group_by == "family"
    assert layout.sources == [LAYOUTS / "default.toml", tmp_path / "invoice.toml"]
    text = squash(pdf_pages(render_pdf(invoice(), layout))[0])
    assert "Famiglia: CAFFE" in text and "Piè di pagina" in text
    assert text.index("Famiglia: CAFFE") < text.index("Famiglia: LATTE") \
        < text.index("Famiglia: MACCHINE") < text.index("Famiglia: ZUCCHERO")
    # the comment line stays under its article
    assert text.index("Caffè in grani") < text.index("già concordata") \
        < text.index("Famiglia: LATTE")


def test_defaults_without_any_file(tmp_path):
    layout = load_layout("invoice", None, [tmp_path])
    assert layout == PrintLayout(kind="invoice")


@pytest.mark.parametrize("content, words", [
    ("show_price = true\n", ["chiave sconosciuta 'show_price'"]),
    ("show_prices = 1\n", ["chiave 'show_prices'", "true o false"]),
    ('language = "de"\n', ["chiave 'language'", "'de'"]),
    ("text_width = 100\n", ["chiave 'text_width'", "80 o 132"]),
    ('columns = ["code", "colour"]\n', ["chiave 'columns'", "'colour'"]),
    ('sort_by = "price"\n', ["chiave 'sort_by'"]),
    ("show_prices = \n", ["TOML non valido"]),
    ("[invoice]\nshow_prices = false\n", ["sezione [invoice]"]),
])
def test_layout_errors_name_the_file_and_the_key(tmp_path, content, words):
    (tmp_path / "invoice.toml").write_text(content)
    with pytest.raises(LayoutError) as raised:
        load_layout("invoice", None, [tmp_path, LAYOUTS])
    message = str(raised.value)
    assert str(tmp_path / "invoice.toml") in message
    for word in words:
        assert word in message


def test_customer_file_errors(tmp_path):
    (tmp_path / "customers").mkdir()
    path = tmp_path / "customers" / "C0001.toml"
    path.write_text("[invoce]\nshow_prices = false\n")
    with pytest.raises(LayoutError, match="sezione \\[invoce\\]: tipo di documento"):
        load_layout("invoice", "C0001", [tmp_path, LAYOUTS])
    path.write_text("[invoice]\nshow_pricez = false\n")
    with pytest.raises(LayoutError, match="chiave sconosciuta 'invoice.show_pricez'"):
        load_layout("invoice", "C0001", [tmp_path, LAYOUTS])


def test_shipped_layouts_all_load():
    for path in sorted(LAYOUTS.glob("*.toml")):
        layout = load_layout(path.stem, "C0001", [LAYOUTS])
        assert layout.sources[0] == LAYOUTS / "default.toml"


# ---- text -----------------------------------------------------------------------------------
def text_pages(text: str) -> list[str]:
    assert text.endswith("\f")
    return text.split("\f")[:-1]


def test_text_invoice_fits_80_columns_and_latin1():
    doc = invoice()
    doc.notes = "Totale in € — “netto”"
    layout = load_layout("invoice", None, [LAYOUTS])
    text = render_text(doc, layout)
    text.encode("latin-1")  # nothing beyond Latin-1
    pages = text_pages(text)
    assert len(pages) == 1
    lines = pages[0].split("\n")
    assert max(len(line) for line in lines) <= 80
    assert len(lines) <= layout.page_length
    assert "Caffè Più S.r.l.".upper() in pages[0]
    assert "Fattura N. 12/A del 10/03/2026" in pages[0]
    assert "Pagina 1 di 1" in pages[0]
    assert "TOTALE DOCUMENTO EUR" in pages[0] and "2.430,05" in pages[0]
    assert "Totale in EUR - \"netto\"" in pages[0]
    assert "€" not in text
    flat = squash(pages[0])
    assert "22,00 1.158,18 254,80" in flat and "N3.5 950,00 0,00" in flat
    assert "31/05/2026 810,02 RiBa" in flat


def test_text_long_invoice_has_form_feeds_between_pages():
    layout = load_layout("invoice", None, [LAYOUTS])
    text = render_text(long_invoice(), layout)
    pages = text_pages(text)
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        lines = page.split("\n")
        assert len(lines) <= layout.page_length  # the last is the form feed's own line
        assert max(len(line) for line in lines) <= 80
        assert f"Pagina {number} di {len(pages)}" in page
        assert "Descrizione" in page
    assert "segue" in pages[0] and "segue" not in pages[-1]
    assert all(f"ART{i:04d}" in text for i in range(1, 121))


def test_text_132_columns_and_delivery_note(tmp_path):
    (tmp_path / "delivery_note.toml").write_text(
        (LAYOUTS / "delivery_note.toml").read_text() + "text_width = 132\npage_length = 66\n")
    layout = load_layout("delivery_note", None, [tmp_path, LAYOUTS])
    text = render_text(delivery_note(), layout)
    pages = text_pages(text)
    assert all(len(line) <= 132 for page in pages for line in page.split("\n"))
    assert any(len(line) > 80 for line in pages[0].split("\n"))
    assert "18,50" not in text and "Prezzo" not in text
    assert "Documento di trasporto N. 7 del 03/03/2026" in text
    assert "Trasporti Veloci S.p.A." in text


def test_latin1_mapping():
    assert latin1("€ 10 – àèéìòù “x” …") == "EUR 10 - àèéìòù \"x\" ..."
    assert latin1("Dvořák Łódź") == "Dvorák ?ódz"


def test_text_short_pages_and_a_page_too_short_for_the_header(tmp_path):
    (tmp_path / "default.toml").write_text("page_length = 20\n")
    layout = load_layout("invoice", None, [tmp_path, LAYOUTS])
    pages = text_pages(render_text(invoice(), layout))
    assert len(pages) > 1 and all(len(page.split("\n")) <= 20 for page in pages)
    layout = load_layout("delivery_note", None, [tmp_path, LAYOUTS])
    with pytest.raises(LayoutError, match="'page_length' 20 troppo corta"):
        render_text(delivery_note(), layout)
