"""E-invoices, per engine (a fresh SQLite file; PostgreSQL in a schema of its own):

- export: FILES confirmed invoices (3 lines, 22 %, RiBa 30/60/90) written as FatturaPA
  files through gamma.einvoice.files.export, each built, validated against the official
  schema and written to the outbox; baseline in the same run: validating the same files
  as the export does (gamma.einvoice.export.validate: libxml2, xmlschema for what it
  refuses) and writing them, what no export can avoid; for reference, the same files
  validated by xmlschema alone, as the export did before;
- import: FILES supplier files (the official two-body sample FPR03, renumbered) through
  gamma.einvoice.receive.import_files, each in its own transaction; baseline: parsing the
  same files with lxml.

The official schemas are read from GAMMA_FATTURAPA_SCHEMA (default: ../shared/data/
fatturapa/schema next to the project, where the test data lives).
"""

import os
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from lxml import etree  # noqa: E402

from gamma import bootstrap, companies, companies_form, db  # noqa: E402
from gamma.access import operators  # noqa: E402
from gamma.context import Context  # noqa: E402
from gamma.einvoice import receive  # noqa: E402
from gamma.master import article_prices, articles, parties  # noqa: E402
from gamma.sales import documents  # noqa: E402
from gamma.sales.confirm import confirm  # noqa: E402
from gamma.settings import load  # noqa: E402
from scripts.benchmarks.engines import on_both  # noqa: E402

FILES = int(os.environ.get("GAMMA_BENCH_EINVOICES", "1000"))
DATA = Path(os.environ.get("GAMMA_TEST_DATA", ROOT.parent / "shared" / "data")) / "fatturapa"
SCHEMA_DIR = Path(os.environ.get("GAMMA_FATTURAPA_SCHEMA", DATA / "schema"))
SAMPLE = DATA / "samples" / "IT01234567890_FPR03.xml"


def setup(url):
    settings = load(env={"HOME": "/nonexistent"}).replace(**{
        "security.scrypt_n": 1024, "einvoice.schema_dir": str(SCHEMA_DIR)})
    database = db.connect(url)
    bootstrap.init(settings, database, "bench-password")
    ctx = companies.open_company(Context(settings, operators.find("admin")), 1)
    companies_form.save_from_form(ctx, {
        "name": "Gamma Bench S.r.l.", "vat_number": "12345670017",
        "address": "Via Roma 1", "zip": "10121", "city": "Torino", "province": "TO",
        "country": "IT", "tax_regime": "RF01"}, 1)
    parties.save_from_form(ctx, {"code": "C001", "name": "Cliente prova S.r.l.",
                                 "vat_number": "IT00743110157", "address": "Via Po 2",
                                 "zip": "20121", "city": "Milano", "province": "MI",
                                 "sdi_code": "ABC1234", "payment_term": "RB306090"})
    for n in range(3):
        articles.save_from_form(ctx, {"code": f"ART{n}", "description": f"Articolo {n}",
                                      "unit": "NR", "vat_code": "22"})
        article_prices.set_price(ctx, f"ART{n}", 1, Decimal("10.00"), date(2026, 1, 1))
    return database, ctx


def export_bench(ctx, label, tmp: Path) -> None:
    from gamma.einvoice import schema as einvoice_schema
    from gamma.einvoice import files
    ids = []
    for _ in range(FILES):
        saved = documents.save_draft(ctx, {
            "kind": "invoice", "date": date(2026, 3, 10), "customer": "C001",
            "lines": [{"article": f"ART{n}", "qty": "2"} for n in range(3)]})
        ids.append(confirm(ctx, saved.document.id).document.id)
    outbox = tmp / "outbox"
    started = time.perf_counter()
    made = [files.export(ctx, i, outbox) for i in ids]
    service = time.perf_counter() - started
    again = tmp / "again"
    again.mkdir()
    started = time.perf_counter()
    for f in made:
        errors = einvoice_schema.validate(f.xml.encode("utf-8"), SCHEMA_DIR)
        assert not errors, errors[:3]
        (again / f.file_name).write_text(f.xml, encoding="utf-8")
    raw = time.perf_counter() - started
    schema = einvoice_schema.load_schema(SCHEMA_DIR)  # the xmlschema object, compiled once
    started = time.perf_counter()
    for f in made:
        schema.validate(f.xml)
    alone = time.perf_counter() - started
    print(f"  export: {FILES / service:7.1f} files/s (built, validated, written)   "
          f"validate+write only: {FILES / raw:7.1f} files/s   export/baseline = "
          f"{service / raw:.1f}x   (xmlschema alone validates {FILES / alone:.1f} files/s)")


def import_bench(ctx, label, tmp: Path) -> None:
    template = SAMPLE.read_text(encoding="utf-8")
    folder = tmp / "in"
    folder.mkdir()
    paths = []
    for n in range(FILES):
        text = (template.replace("<Numero>123</Numero>", f"<Numero>B{n}-1</Numero>")
                .replace("<Numero>456</Numero>", f"<Numero>B{n}-2</Numero>"))
        path = folder / f"IT01234567890_{n:05d}.xml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    started = time.perf_counter()
    results = receive.import_files(ctx, paths, any_recipient=True)
    service = time.perf_counter() - started
    assert all(r.ok for r in results), [r.message for r in results if not r.ok][:3]
    started = time.perf_counter()
    for path in paths:
        etree.parse(str(path))
    raw = time.perf_counter() - started
    print(f"  import: {FILES / service:7.1f} files/s (2 invoices each, one transaction per "
          f"file)   lxml parse only: {FILES / raw:7.1f} files/s   import/parse = "
          f"{service / raw:.1f}x")


def measure(url, label):
    database, ctx = setup(url)
    print(f"einvoice [{label}]: {FILES:,} files each way")
    with tempfile.TemporaryDirectory() as tmp:
        export_bench(ctx, label, Path(tmp))
        import_bench(ctx, label, Path(tmp))
    db.close()


def main():
    on_both("einvoice", measure)


if __name__ == "__main__":
    main()
