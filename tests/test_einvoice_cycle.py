"""The life of an e-invoice file: exported, rejected by SDI (NS), corrected and regenerated
with a new progressive; the document keeps its number and shows both files and outcomes."""

from __future__ import annotations

import json

from gamma.einvoice import files, outcomes
from models import Document, EInvoiceFile
from tests.sales_fixtures import issue
from tests.test_einvoice_export import ctx  # noqa: F401  (the fixture)
from tests.test_sdi_messages import NS


def rejection_of(name: str) -> bytes:
    return NS.replace(b"IT01234567890_00001.xml", name.encode())


def test_a_rejected_file_is_regenerated_and_both_stay_with_their_history(ctx, tmp_path):  # noqa: F811
    doc = issue(ctx, {"kind": "invoice", "customer": "C001",
                      "lines": [{"article": "A22", "qty": "2"}]}).document
    first = files.export(ctx, doc.id)
    receipt = tmp_path / first.file_name.replace(".xml", "_NS_001.xml")
    receipt.write_bytes(rejection_of(first.file_name))
    [applied] = outcomes.apply_files(ctx, [receipt])
    assert applied.state == "rejected"

    second = files.regenerate(ctx, doc.id)
    assert second.progressive > first.progressive and second.file_name != first.file_name
    assert Document.get_by_id(doc.id).number == doc.number
    shown = files.list_files(ctx, doc.id)
    assert [(f.file_name, f.state) for f in shown] == [(first.file_name, "rejected"),
                                                       (second.file_name, "ready")]
    history = [e.code for e in files.events_of(EInvoiceFile.get_by_id(first.id))]
    assert "NS" in history


def test_gamma_einvoice_receipts_reads_a_folder(ctx, tmp_path, db_url):  # noqa: F811
    from click.testing import CliRunner

    from gamma.cli.main import cli
    doc = issue(ctx, {"kind": "invoice", "customer": "C001",
                      "lines": [{"article": "A22", "qty": "1"}]}).document
    made = files.export(ctx, doc.id)
    folder = tmp_path / "pec"
    folder.mkdir()
    (folder / made.file_name.replace(".xml", "_NS_001.xml")).write_bytes(
        rejection_of(made.file_name))
    env = {"GAMMA_DB": db_url, "HOME": str(tmp_path), "GAMMA_OPERATOR": "admin",
           "GAMMA_COMPANY": "1", "GAMMA_CONFIG": None}
    result = CliRunner(env=env).invoke(cli, ["einvoice", "receipts", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.output)
    assert (row["file"], row["message"], row["state"]) == (made.file_name, "NS", "rejected")
    assert row["errors"][0]["code"] == "00305"
    assert EInvoiceFile.get_by_id(made.id).state == "rejected"

    # The document's history, with SDI's error code and text, and the file readable.
    runner = CliRunner(env=env)
    result = runner.invoke(cli, ["einvoice", "history", str(doc.id)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"{made.file_name}  FPR12  Scartato  Id SdI 111"
    assert "Pronto" in lines[1] and lines[1].endswith("Generato")
    assert "Scartato" in lines[2] and "NS " in lines[2] and "00305" in lines[2]
    [entry] = json.loads(runner.invoke(cli, ["einvoice", "history", str(doc.id),
                                             "--json"]).output)
    assert [(e["state"], e["code"]) for e in entry["events"]] == [("ready", ""),
                                                                 ("rejected", "NS")]
    result = runner.invoke(cli, ["einvoice", "show", made.file_name])
    assert result.exit_code == 0, result.output
    assert "Cedente:   Rossi Forniture S.r.l." in result.output
    assert "Cliente:   Bar Sport S.r.l." in result.output
    # 1 × 10,00 at 22 %: 10,00 + 2,20 = 12,20.
    assert "Totale documento" in result.output and "12,20" in result.output
    # The same readable invoice as a PDF, with the customer and the total on it.
    pdf_path = tmp_path / "fattura.pdf"
    result = runner.invoke(cli, ["einvoice", "show", made.file_name, "--pdf", str(pdf_path)])
    assert result.exit_code == 0, result.output
    from pypdf import PdfReader
    page = PdfReader(str(pdf_path)).pages[0].extract_text()
    assert "Cliente: Bar Sport S.r.l." in " ".join(page.split())
    assert "12,20" in page
    missing = runner.invoke(cli, ["einvoice", "show", "999"])
    assert missing.exit_code == 1 and "Fattura elettronica 999 inesistente" in missing.output


def test_validation_follows_the_standard_where_libxml2_is_stricter():
    from gamma.einvoice import schema as einvoice_schema
    from tests.shared_data import SAMPLES, SCHEMA_DIR
    # FPR04 has '2019-02-15 ' (a blank after a date): xs:date collapses blanks, so it is
    # valid; libxml2 alone would refuse it.
    sample = (SAMPLES / "IT01234567890_FPR04.xml").read_bytes()
    assert b"<Data>2019-02-15 </Data>" in sample
    assert einvoice_schema.validate(sample, SCHEMA_DIR) == []
    broken = sample.replace(b"<TipoDocumento>TD01", b"<TipoDocumento>TD99", 1)
    [error] = einvoice_schema.validate(broken, SCHEMA_DIR)
    assert "TipoDocumento" in error
