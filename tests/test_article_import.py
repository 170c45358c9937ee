"""Article import: all or nothing with every rejected row reported, --partial, prices
and barcodes through their services, round trips, mappings, supplier price lists."""

from __future__ import annotations

import json
import time
from decimal import Decimal

import pytest

from gamma.errors import GammaError
from gamma.interchange import csv_format, layouts
from gamma.master import (article_export, article_import, article_prices, articles,
                          import_files, parties)
from models.article import Article, ArticlePrice, Barcode, PartyArticleCode
from tests.test_article_cli import cli  # noqa: F401  (the CLI fixture with two articles)
from tests.test_articles import ctx  # noqa: F401  (company 1 with units, VAT, families)
from tests.test_cli import gamma  # noqa: F401

BAD = {  # row number in the file -> (column, the row's cells)
    9: ("barcode", {"barcode": "8001234567890"}),  # wrong EAN-13 check digit
    50: ("description", {"description": ""}),
    81: ("vat_code", {"vat_code": "99"}),
    102: ("unit", {"unit": "XX"}),
    140: ("price1", {"price1": "dodici"}),
    171: ("family", {"family": "NOPE"}),
    200: ("min_stock", {"min_stock": "-5"}),
}


def rows_with_seven_bad(count: int) -> bytes:
    header = ["code", "description", "unit", "vat_code", "price1", "price2", "cost",
              "barcode", "family", "min_stock"]
    rows = []
    for number in range(2, count + 2):
        row = {"code": f"A{number:05d}", "description": f"Articolo più bello {number}",
               "unit": "NR", "vat_code": "22", "price1": "12,50", "price2": "11,5",
               "cost": "7,123456", "barcode": f"80{number:010d}", "family": "FER",
               "min_stock": "3"}
        row.update(BAD.get(number, ("", {}))[1])
        rows.append(row)
    return csv_format.write(header, rows).encode("utf-8")


def test_a_thousand_rows_with_seven_bad_write_nothing_then_993_with_partial(ctx,  # noqa: F811
                                                                             engine):
    # The article service runs about 30 queries a row (10 ms on SQLite): 1,000 rows on
    # SQLite, 200 on PostgreSQL keep the suite quick; the rule is the same.
    count = 1000 if engine == "sqlite" else 200
    data = rows_with_seven_bad(count)
    started = time.perf_counter()
    report = article_import.import_file(ctx, data, "csv")
    assert [(r.row, r.field) for r in report.rejected] == [(n, c) for n, (c, _) in
                                                            sorted(BAD.items())]
    assert "cifra di controllo" in report.rejected[0].reason
    assert (report.read, report.written) == (count, 0)
    assert Article.select().count() == 0 and ArticlePrice.select().count() == 0
    report = article_import.import_file(ctx, data, "csv", partial=True)
    assert (report.written, len(report.rejected)) == (count - 7, 7)
    assert Article.select().count() == count - 7 and Barcode.select().count() == count - 7
    assert ArticlePrice.select().count() == (count - 7) * 2
    one = articles.get(ctx, "A00002")
    assert one.cost_last == Decimal("7.123456")
    assert article_prices.price_on(ctx, one, 1).price == Decimal("12.5")
    print(f"{2 * count} article rows imported in {time.perf_counter() - started:.1f} s")


def test_an_existing_article_changes_only_in_the_given_columns(ctx):  # noqa: F811
    articles.save_from_form(ctx, {"code": "V1", "description": "Vite", "unit": "NR",
                                  "vat_code": "22", "family": "FER",
                                  "cost_last": Decimal("1.5")})
    article_prices.set_price(ctx, "V1", 1, Decimal("3"))
    report = article_import.import_file(ctx, b"code;price1;cost\nv1;3,5;\n", "csv")
    assert report.rejected == [] and report.written == 1
    values = articles.form_values(ctx, articles.get(ctx, "V1"))
    assert (values["description"], values["family"], values["cost_last"]) == (
        "Vite", "FER", Decimal("1.5"))
    assert values["price1"] == Decimal("3.5")


def test_a_barcode_kind_column_names_weight_codes_and_a_known_code_is_kept(ctx):  # noqa: F811
    data = ("code;description;barcode;barcode_kind\nP1;Prosciutto;2123456;weight\n"
            "P2;Pane;2123457;\n").encode()
    assert article_import.import_file(ctx, data, "csv").written == 2
    kinds = {b.article.code: (b.code, b.kind) for b in Barcode.select()}
    assert kinds == {"P1": ("2123456", "weight"), "P2": ("21234576", "ean8")}
    data = b"code;barcode\nP1;2123456\n"
    assert article_import.import_file(ctx, data, "csv").written == 1
    assert Barcode.select().count() == 2


def test_the_barcode_kind_is_exported_and_a_round_trip_keeps_it(ctx):  # noqa: F811
    from gamma.cli.article_cmd import _csv
    data = ("code;description;barcode;barcode_kind\nP1;Prosciutto;2123456;weight\n"
            "P2;Pane;8001234567897;\nP3;Sale;;\n").encode()
    assert article_import.import_file(ctx, data, "csv").written == 3
    exported = {r["code"]: (r["barcode"], r["barcode_kind"]) for r in article_export.rows(ctx)}
    assert exported == {"P1": ("2123456", "weight"), "P2": ("8001234567897", "ean13"),
                        "P3": ("", "")}
    text = _csv(list(article_export.rows(ctx)))
    assert ";long_text;barcode_kind;location;" in text.splitlines()[0]
    for code in exported:
        articles.delete(ctx, code)
    assert article_import.import_file(ctx, text.encode("utf-8"), "csv").written == 3
    assert {b.article.code: (b.code, b.kind) for b in Barcode.select()} == {
        "P1": ("2123456", "weight"), "P2": ("8001234567897", "ean13")}


def _two_articles(ctx) -> None:  # noqa: F811
    articles.save_from_form(ctx, {
        "code": "CAFFÈ1", "description": "Caffè «Più» macinato; 250 g, \"forte\"",
        "long_text": "Miscela àèìòù\n" + "y" * 300, "unit": "CF", "unit2": "KG",
        "conversion": Decimal("0.25"), "pieces_per_package": Decimal("12"),
        "vat_code": "10", "family": "ALI", "subfamily": "VIT",
        "cost_last": Decimal("2.123456"), "cost_average": Decimal("2.1"),
        "cost_standard": Decimal("2"), "min_stock": Decimal("10.5"),
        "reorder_lot": Decimal("100"), "lot_tracked": True, "barcode": "800123456789",
        "price1": Decimal("4.99"), "price8": Decimal("3.123456")})
    articles.save_from_form(ctx, {"code": "V2", "description": "Vite M6", "unit": "NR",
                                  "vat_code": "22", "obsolete": True, "is_kit": True})


def _round_trip(ctx, data: bytes, fmt: str, layout: str | None = None,  # noqa: F811
                columns=article_export.COLUMNS) -> None:
    before = [{c: r[c] for c in columns} for r in article_export.rows(ctx)]
    for article in Article.select():
        articles.delete(ctx, article.code)
    report = article_import.import_file(ctx, data, fmt, layout)
    assert report.rejected == [] and report.written == 2
    after = [{c: r[c] for c in columns} for r in article_export.rows(ctx)]
    assert after == before


def test_export_then_import_round_trips_in_csv_and_xlsx(ctx):  # noqa: F811
    from gamma.cli.article_cmd import _csv
    _two_articles(ctx)
    _round_trip(ctx, _csv(list(article_export.rows(ctx))).encode("utf-8"), "csv")
    data = import_files.write(ctx, "xlsx", article_export.COLUMNS, article_export.rows(ctx))
    _round_trip(ctx, data, "xlsx")


FIXED = [{"name": "code", "start": 1, "length": 20},
         {"name": "description", "start": 21, "length": 72},
         {"name": "unit", "start": 93, "length": 3},
         {"name": "vat_code", "start": 96, "length": 4},
         {"name": "price1", "start": 100, "length": 14, "type": "number", "decimals": 6},
         {"name": "cost", "start": 114, "length": 14, "type": "number", "decimals": 6},
         {"name": "barcode", "start": 128, "length": 13},
         {"name": "family", "start": 141, "length": 5},
         {"name": "obsolete", "start": 146, "length": 1},
         {"name": "long_text", "start": 147, "length": 40}]


def test_export_then_import_round_trips_in_a_fixed_width_layout(ctx):  # noqa: F811
    _two_articles(ctx)
    for code in ("CAFFÈ1", "V2"):  # a fixed-width number has no "empty": zero is written
        article_import.save(ctx, {"code": code, "price1": Decimal("4.99"),
                                  "cost_last": Decimal("2"), "long_text": "Miscela àèìòù"})
    layouts.save(ctx, "articoli", FIXED)
    article_import.save(ctx, {"code": "V2", "long_text": "due\nrighe"})
    with pytest.raises(GammaError, match="Codice V2: long_text: a capo non ammesso"):
        import_files.write(ctx, "fixed", article_export.COLUMNS, article_export.rows(ctx),
                           "articoli")
    article_import.save(ctx, {"code": "V2", "long_text": ""})
    data = import_files.write(ctx, "fixed", article_export.COLUMNS, article_export.rows(ctx),
                              "articoli")
    assert data.decode("cp1252").startswith("CAFFÈ1              Caffè «Più»")
    _round_trip(ctx, data, "fixed", "articoli", [f["name"] for f in FIXED])


def test_supplier_price_list_updates_costs_and_creates_missing_articles(ctx):  # noqa: F811
    parties.save_from_form(ctx, {"code": "F1", "name": "Ferramenta Srl", "is_customer": False,
                                 "is_supplier": True})
    articles.save_from_form(ctx, {"code": "V1", "description": "Vite", "unit": "NR",
                                  "vat_code": "22", "cost_last": Decimal("1")})
    from gamma.master import article_relations
    article_relations.set_party_code(ctx, "V1", "F1", "X-100")
    data = ("Cod. fornitore;Prezzo;Descrizione;unit;vat_code\n"
            "X-100;1,25;;;\nX-200;0,50;Dado M6 zincato;NR;22\nX-300;abc;Rondella;NR;22\n"
            ).encode("cp1252")
    mapping = {"Cod. fornitore": "supplier_code", "Prezzo": "cost", "Descrizione":
               "description"}
    report = article_import.import_pricelist(ctx, "F1", data, "csv", mapping=mapping)
    assert [(r.row, r.field) for r in report.rejected] == [(4, "Prezzo")]
    assert Article.get(Article.code == "V1").cost_last == Decimal("1")
    report = article_import.import_pricelist(ctx, "F1", data, "csv", mapping=mapping,
                                             partial=True)
    assert report.written == 2
    assert Article.get(Article.code == "V1").cost_last == Decimal("1.25")
    created = Article.get(Article.code == "X-200")
    assert (created.description, created.cost_last) == ("Dado M6 zincato", Decimal("0.5"))
    assert PartyArticleCode.get(PartyArticleCode.code == "X-200").article_id == created.id


def test_cli_import_mapping_saved_reused_and_windows_1252(cli, tmp_path):  # noqa: F811
    path = tmp_path / "listino.csv"
    path.write_bytes("Articolo,Descrizione,UM,IVA,Listino 1\nB1,Bullone è,NR,22,\"1,5\"\n"
                     "B2,,NR,22,2\n".encode("cp1252"))
    args = ["--map", "Articolo=code", "--map", "Descrizione=description", "--map",
            "UM=unit", "--map", "IVA=vat_code", "--map", "Listino 1=price1"]
    result = cli("article", "import", str(path), *args, "--save-map", "listino")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[1] == "riga 3: Descrizione: campo obbligatorio"
    result = cli("article", "import", str(path), "--use-map", "listino", "--partial")
    assert result.exit_code == 0, result.output
    assert "Importate 1 righe su 2; 1 scartate" in result.stdout
    shown = json.loads(cli("article", "show", "B1", "--json").stdout)
    assert shown["description"] == "Bullone è"
    assert shown["prices"][0]["price"] == "1.500000"


def _delete(db_url, code: str) -> None:
    """No `gamma article delete` yet: through the service."""
    from gamma import companies, db
    from gamma.access import operators
    from gamma.context import Context
    from tests.conftest import make_settings
    db.connect(db_url)
    try:
        admin = companies.open_company(
            Context(make_settings(), operator=operators.find("admin")), 1)
        articles.delete(admin, code)
    finally:
        db.close()


def test_cli_export_xlsx_and_fixed_round_trip(cli, db_url, tmp_path):  # noqa: F811
    from openpyxl import load_workbook
    before = cli("article", "export").stdout
    xlsx = tmp_path / "a.xlsx"
    assert cli("article", "export", "-o", str(xlsx)).exit_code == 0
    sheet = load_workbook(xlsx).active
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.b and sheet.auto_filter.ref
    # Both created again: PROSC's weight code 2123456 by the exported barcode_kind (its
    # 7 digits alone would make an EAN-8)
    _delete(db_url, "VITE6")
    _delete(db_url, "PROSC")
    assert "VITE6" not in cli("article", "export").stdout
    result = cli("article", "import", str(xlsx))
    assert result.exit_code == 0, result.output
    assert cli("article", "export").stdout == before
    layout = tmp_path / "l.json"
    layout.write_text(json.dumps({"name": "art", "fields": FIXED[:4]}), encoding="utf-8")
    assert cli("layout", "import", str(layout)).exit_code == 0
    fixed = tmp_path / "a.dat"
    result = cli("article", "export", "--format", "fixed", "--layout", "art", "-o", str(fixed))
    assert result.exit_code == 0, result.output
    result = cli("article", "import", str(fixed), "--layout", "art")
    assert result.exit_code == 0, result.output
    assert cli("article", "export").stdout == before


def test_cli_import_pricelist(cli, tmp_path):  # noqa: F811
    assert cli("party", "add", "F1", "Ferramenta Srl", "-s", "roles=F").exit_code == 0
    path = tmp_path / "f1.csv"
    path.write_text("supplier_code;cost;description;unit;vat_code\n"
                    "Z-1;0,75;Dado M8;NR;22\nZ-2;;Rondella;NR;22\n", encoding="utf-8")
    result = cli("article", "import-pricelist", "F1", str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "riga 3: cost: obbligatorio"
    result = cli("article", "import-pricelist", "F1", str(path), "--partial")
    assert result.exit_code == 0, result.output
    shown = json.loads(cli("article", "show", "Z-1", "--json").stdout)
    assert shown["cost_last"] == "0.750000" or Decimal(shown["cost_last"]) == Decimal("0.75")
    assert shown["party_codes"] == [{"party": "F1", "code": "Z-1", "description": "Dado M8"}]
    result = cli("article", "import-pricelist", "C404", str(path))
    assert result.exit_code == 1 and "C404 inesistente" in result.stderr


def test_maximum_stock_supplier_and_kit_modes_round_trip_and_old_files_still_import(
        ctx):  # noqa: F811
    from gamma.cli.article_cmd import _csv
    parties.save_from_form(ctx, {"code": "F001", "name": "Viteria Lombarda S.p.A.",
                                 "is_customer": "N", "is_supplier": "S"})
    parties.save_from_form(ctx, {"code": "C001", "name": "Bar Sport"})
    articles.save_from_form(ctx, {
        "code": "KIT1", "description": "Kit viti", "min_stock": Decimal("10"),
        "max_stock": Decimal("50"), "preferred_supplier": "F001", "is_kit": True,
        "kit_explosion": "automatic", "kit_pricing": "components"})
    text = _csv(list(article_export.rows(ctx)))
    header = text.splitlines()[0]
    # appended after location: an old file's columns keep their places
    assert header.endswith(
        ";location;max_stock;preferred_supplier;kit_explosion;kit_pricing;net_weight")
    before = list(article_export.rows(ctx))
    articles.delete(ctx, "KIT1")
    assert article_import.import_file(ctx, text.encode("utf-8"), "csv").written == 1
    assert list(article_export.rows(ctx)) == before
    article = articles.get(ctx, "KIT1")
    assert (article.max_stock, article.preferred_supplier.code) == (Decimal("50"), "F001")
    assert (article.kit_explosion, article.kit_pricing) == ("automatic", "components")
    data = import_files.write(ctx, "xlsx", article_export.COLUMNS, article_export.rows(ctx))
    articles.delete(ctx, "KIT1")
    assert article_import.import_file(ctx, data, "xlsx").written == 1
    assert list(article_export.rows(ctx)) == before
    # A file of before, without the new columns, changes the description and keeps them.
    old = "code;description\nKIT1;Kit viti zincate\n"
    assert article_import.import_file(ctx, old.encode("utf-8"), "csv").written == 1
    article = articles.get(ctx, "KIT1")
    assert article.description == "Kit viti zincate"
    assert (article.max_stock, article.preferred_supplier.code) == (Decimal("50"), "F001")
    assert article.kit_explosion == "automatic"
    # A customer is no preferred supplier; a maximum below the minimum (10) is refused.
    bad = ("code;preferred_supplier;max_stock\nKIT1;C001;\nKIT1;;5\n").encode("utf-8")
    report = article_import.import_file(ctx, bad, "csv")
    assert [(r.row, r.field) for r in report.rejected] == [
        (2, "preferred_supplier"), (3, "max_stock")]
    assert "C001 non è un fornitore" in report.rejected[0].reason
    assert "inferiore alla scorta minima" in report.rejected[1].reason
