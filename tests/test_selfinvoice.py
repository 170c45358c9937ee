"""Self-invoices (TD16-TD19) from received supplier invoices: the supplier as seller, the
company as buyer, VAT at the code the operator gives, the supplier's invoice named in
DatiFattureCollegate; the file validates against the official schema."""

from __future__ import annotations

import json
from datetime import date

import pytest

from gamma import records
from gamma.einvoice import schema as einvoice_schema
from gamma.einvoice import files, selfinvoice
from gamma.errors import GammaError, ValidationError
from gamma.master import parties
from models import Document, ReceivedInvoice, ReceivedLine, ReceivedVat
from tests.sales_fixtures import d
from tests.shared_data import SCHEMA_DIR
from tests.test_einvoice_export import text, tree
from tests.test_cli import gamma  # noqa: F401  (the fixture)
from tests.test_einvoice_export import ctx  # noqa: F401  (the fixture)


def supplier(ctx, code: str, country: str, vat_number: str, city: str):
    return parties.save_from_form(ctx, {
        "code": code, "name": f"Fornitore {country}", "is_customer": False,
        "is_supplier": True, "country": country, "vat_number": vat_number,
        "address": "Main Street 1", "zip": "" if country != "IT" else "10121",
        "city": city})


def received(ctx, party, number: str = "INV-2026-001", lines=(("Servizi pubblicitari gennaio",
                                                               "500.00"),)) -> ReceivedInvoice:
    """A supplier invoice as the import stores it (lines not taxed by the supplier)."""
    total = sum((d(a) for _, a in lines), d("0"))
    invoice = records.insert(ctx, ReceivedInvoice, company=ctx.company, supplier=party,
                             file_name=f"{number}.xml", format="FPR12", document_type="TD01",
                             number=number, date=date(2026, 1, 15), total=total,
                             taxable=total, vat=d("0"), xml="<x/>")
    for n, (description, amount) in enumerate(lines, 1):
        ReceivedLine.create(company=ctx.company, invoice=invoice, number=n,
                            description=description, qty=d("1"), price=d(amount),
                            amount=d(amount), vat_rate=d("0"), nature="N2.1")
    ReceivedVat.create(company=ctx.company, invoice=invoice, nature="N2.1", taxable=total)
    return invoice


def test_services_bought_abroad_give_a_td17_that_validates(ctx):
    irish = supplier(ctx, "F001", "IE", "IE6388047V", "Dublin")
    invoice = received(ctx, irish, lines=(("Servizi pubblicitari gennaio", "500.00"),
                                          ("Servizi cloud", "250.00")))
    doc = selfinvoice.create(ctx, invoice.id, "td17", "22")
    # 500.00 + 250.00 = 750.00 at 22%: VAT 165.00, total 915.00.
    assert (doc.kind, doc.subkind, doc.status) == ("self_invoice", "TD17", "confirmed")
    assert (doc.taxable, doc.vat, doc.total) == (d("750.00"), d("165.00"), d("915.00"))
    assert doc.number == 1  # its own numbering
    row = files.export(ctx, doc.id)
    assert einvoice_schema.validate(row.xml.encode("utf-8"), SCHEMA_DIR) == []
    root = tree(row)
    assert text(root, "TipoDocumento") == ["TD17"]
    seller = root.find(".//CedentePrestatore")
    assert (seller.findtext(".//IdPaese"), seller.findtext(".//IdCodice")) == ("IE",
                                                                               "6388047V")
    assert seller.findtext(".//RegimeFiscale") == "RF18"
    assert seller.findtext(".//CAP") == "00000"
    buyer = root.find(".//CessionarioCommittente")
    assert buyer.findtext(".//IdCodice") == "01234567890"  # the company
    assert buyer.findtext(".//Denominazione") == "Rossi Forniture S.r.l."
    assert text(root, "CodiceDestinatario") == ["0000000"]
    assert text(root, "DatiFattureCollegate/IdDocumento") == ["INV-2026-001"]
    assert text(root, "DatiFattureCollegate/Data") == ["2026-01-15"]
    assert text(root, "DatiRiepilogo/Imposta") == ["165.00"]
    assert text(root, "EsigibilitaIVA") == ["I"]
    assert root.find(".//DatiPagamento") is None
    assert text(root, "ImportoTotaleDocumento") == ["915.00"]


def test_td16_td18_td19_by_the_supplier_s_country(ctx):
    italian = supplier(ctx, "F002", "IT", "00000010215", "Torino")
    irish = supplier(ctx, "F003", "IE", "IE6388047V", "Dublin")
    american = supplier(ctx, "F004", "US", "US123456789", "New York")
    with pytest.raises(ValidationError, match="TD16 .* richiede un fornitore italiano"):
        selfinvoice.create(ctx, received(ctx, irish, "A1").id, "TD16")
    with pytest.raises(ValidationError, match="TD18 .* altro paese UE: F004 è di US"):
        selfinvoice.create(ctx, received(ctx, american, "B1").id, "TD18")
    with pytest.raises(ValidationError, match="TD19 richiede un fornitore estero"):
        selfinvoice.create(ctx, received(ctx, italian, "C1").id, "TD19")
    for party, kind, number in ((italian, "TD16", "C2"), (irish, "TD18", "A2"),
                                (american, "TD19", "B2")):
        doc = selfinvoice.create(ctx, received(ctx, party, number).id, kind, "10")
        # 500.00 at 10%: VAT 50.00.
        assert (doc.vat, doc.total) == (d("50.00"), d("550.00"))
        row = files.export(ctx, doc.id)
        assert einvoice_schema.validate(row.xml.encode("utf-8"), SCHEMA_DIR) == []
        root = tree(row)
        assert text(root, "TipoDocumento") == [kind]
        assert root.find(".//CedentePrestatore//RegimeFiscale").text == (
            "RF01" if kind == "TD16" else "RF18")


def test_one_self_invoice_per_received_invoice(ctx):
    irish = supplier(ctx, "F001", "IE", "IE6388047V", "Dublin")
    invoice = received(ctx, irish)
    first = selfinvoice.create(ctx, invoice.id, "TD17")
    with pytest.raises(GammaError, match="ha già l'autofattura: Autofattura 1 del"):
        selfinvoice.create(ctx, invoice.id, "TD17")
    with pytest.raises(ValidationError, match="uno di TD16, TD17, TD18, TD19"):
        selfinvoice.create(ctx, received(ctx, irish, "X2").id, "TD20")
    assert Document.select().where(Document.kind == "self_invoice").count() == 1
    assert first.received_invoice_id == invoice.id


def test_cli_selfinvoice(gamma, db_url):
    from gamma import companies, db
    from gamma.access import operators
    from gamma.context import Context
    from tests.conftest import make_settings
    db.connect(db_url)
    try:
        ctx = companies.open_company(
            Context(make_settings(), operator=operators.find("admin")), 1)
        invoice = received(ctx, supplier(ctx, "F001", "IE", "IE6388047V", "Dublin"))
    finally:
        db.close()
    result = gamma("einvoice", "selfinvoice", str(invoice.id), "--type", "TD17", "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    # 500.00 at 22%: 110.00.
    assert (out["type"], out["taxable"], out["vat"], out["total"], out["supplier"]) == (
        "TD17", "500.00", "110.00", "610.00", "F001")
    result = gamma("einvoice", "selfinvoice", str(invoice.id), "--type", "TD17")
    assert result.exit_code != 0 and "ha già l'autofattura" in result.output
