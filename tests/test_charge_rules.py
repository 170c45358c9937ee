"""Charge rules (regole spese) as a standard table: saved through the tables service with
every field checked, exchanged by `gamma table export|import charge_rule`, and applied to
a document's totals by gamma.sales.document_totals.charges_for."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from gamma import lookups
from gamma.errors import ValidationError
from gamma.master import tables
from gamma.master.tables_defs import TABLES
from gamma.sales.document_totals import charges_for, totals_of
from models import ChargeRule, TableEntry, VatCode
from tests.test_cli import gamma  # noqa: F401  (the CLI fixture)

TIERS = "[[100, 10], [500, 25], [null, 40]]"


def _freight(ctx, code: str) -> TableEntry:
    return TableEntry.get(TableEntry.company == ctx.company, TableEntry.kind == "freight_term",
                          TableEntry.code == code)


def _vat(ctx, code: str) -> VatCode:
    return VatCode.get(VatCode.company == ctx.company, VatCode.code == code)


def _doc(ctx, kind="invoice", freight="A", weight="250", packages=3) -> dict:
    """A document as gamma.sales.confirm gives it to the totals."""
    return {"kind": kind, "freight_terms": _freight(ctx, freight) if freight else None,
            "payment_term": None, "gross_weight": Decimal(weight), "packages": packages,
            "discounts": "", "vat_regime": "ordinary", "withholding_rate": None}


def _rows(ctx) -> list[dict]:
    vat22 = _vat(ctx, "22")
    return [{"line_kind": "article", "amount": Decimal("800.00"), "qty": Decimal("4"),
             "gift": "", "vat_code": vat22},
            {"line_kind": "article", "amount": Decimal("200.00"), "qty": Decimal("6"),
             "gift": "", "vat_code": vat22},
            {"line_kind": "note", "amount": Decimal("0"), "qty": None, "gift": ""}]


def test_charge_rule_is_a_standard_table_with_its_lookup(admin_ctx):
    assert TABLES["charge_rule"].model is ChargeRule
    assert lookups.get("charge_rule").key == "code"
    assert "charge_rule" in {t.name for t, _ in tables.counts(admin_ctx)}


def test_a_rule_is_saved_with_its_codes_resolved_and_shown_as_codes(admin_ctx):
    rule = tables.save(admin_ctx, "charge_rule", {
        "code": "tr", "description": "Trasporto a scaglioni di peso",
        "kinds": " Invoice, delivery_note,invoice", "freight_terms": "a", "basis": "weight",
        "mode": "tiers", "tiers": TIERS, "vat_code": "22"})
    assert (rule.code, rule.kinds, rule.basis, rule.mode) == (
        "TR", "invoice,delivery_note", "weight", "tiers")
    assert rule.freight_terms == _freight(admin_ctx, "A") and rule.vat_code.code == "22"
    values = tables.form_values(TABLES["charge_rule"], rule)
    assert (values["freight_terms"], values["vat_code"], values["active"]) == ("A", "22", True)
    changed = tables.save(admin_ctx, "charge_rule", {"mode": "percent", "basis": "amount",
                                                     "rate": "3,5", "freight_terms": ""},
                          "TR")
    assert (changed.mode, changed.rate, changed.freight_terms) == ("percent",
                                                                   Decimal("3.50"), None)
    assert changed.kinds == "invoice,delivery_note" and changed.vat_code.code == "22"
    assert [r["code"] for r in lookups.search(admin_ctx, "charge_rule", "scaglioni")] == ["TR"]


@pytest.mark.parametrize("values,field,rule", [
    ({"kinds": "invoice,fattura"}, "kinds", "tipo documento 'fattura' sconosciuto"),
    ({"basis": "volume"}, "basis", "valore non ammesso"),
    ({"mode": "per_kg"}, "mode", "valore non ammesso"),
    ({"mode": "percent"}, "rate", "obbligatoria per le spese in percentuale"),
    ({"mode": "percent", "rate": "150"}, "rate", "al massimo 100"),
    ({"mode": "fixed", "value": "0"}, "value", "obbligatorio"),
    ({"value": "-5"}, "value", "non può essere negativo"),
    ({"mode": "tiers"}, "tiers", "scaglioni come [[fino_a, importo]"),
    ({"mode": "tiers", "tiers": "[[500, 25], [100, 10]]"}, "tiers", "fino_a crescente"),
    ({"mode": "tiers", "tiers": "[[null, 5], [100, 10]]"}, "tiers", "solo nell'ultimo"),
    ({"mode": "tiers", "tiers": "dieci euro"}, "tiers", "scaglioni"),
    ({"freight_terms": "ZZ"}, "freight_terms", "codice 'ZZ' inesistente in Porto"),
    ({"vat_code": "99"}, "vat_code", "codice '99' inesistente in Codici IVA"),
    ({"description": ""}, "description", "obbligatori"),
])
def test_bad_inputs_are_refused_naming_the_field(admin_ctx, values, field, rule):
    given = {"code": "X", "description": "Spese", "mode": "fixed", "value": "5", **values}
    with pytest.raises(ValidationError) as err:
        tables.save(admin_ctx, "charge_rule", given)
    assert err.value.field == field
    assert rule in err.value.rule
    label = TABLES["charge_rule"].form.field(field).label
    assert err.value.message.startswith(f"{label}: ")
    assert not ChargeRule.select().exists()


def test_a_tiers_error_is_labelled_as_the_sales_documents_label_it(admin_ctx):
    with pytest.raises(ValidationError, match="^Scaglioni: "):
        tables.save(admin_ctx, "charge_rule", {"code": "X", "description": "S",
                                                "mode": "tiers", "tiers": "[]"})


def test_a_freight_term_used_by_a_rule_cannot_be_deleted(admin_ctx):
    from gamma.errors import GammaError
    tables.save(admin_ctx, "charge_rule", {"code": "TR", "description": "Trasporto",
                                            "freight_terms": "A", "value": "12"})
    with pytest.raises(GammaError, match="il codice A è usato"):
        tables.delete(admin_ctx, "freight_term", "A")


def test_export_then_import_round_trips_through_the_cli(gamma, tmp_path):
    src = tmp_path / "spese.csv"
    src.write_text(
        "code;description;kinds;freight_terms;basis;mode;value;rate;tiers;vat_code;active\n"
        f"TR;Spese di trasporto «più» città;invoice,delivery_note;A;weight;tiers;;;{TIERS};"
        "22;S\n"
        "IMB;Imballo;;;amount;percent;;2,50;;;S\n"
        "FIS;Diritto fisso;invoice;F;amount;fixed;3,00;;;10;N\n", encoding="utf-8")
    result = gamma("table", "import", "charge_rule", str(src))
    assert result.exit_code == 0, result.output
    assert "Importate 3 righe (3 nuove, 0 modificate), scartate 0" in result.stdout
    out = tmp_path / "out.csv"
    assert gamma("table", "export", "charge_rule", "-o", str(out)).exit_code == 0
    exported = out.read_text(encoding="utf-8")
    assert exported.splitlines()[0] == (
        "code;description;kinds;freight_terms;basis;mode;value;rate;tiers;vat_code;active")
    assert ("TR;Spese di trasporto «più» città;invoice,delivery_note;A;weight;tiers;0,00;;"
            f"{TIERS};22;S") in exported
    assert "IMB;Imballo;;;amount;percent;0,00;2,50;;;S" in exported
    assert "FIS;Diritto fisso;invoice;F;amount;fixed;3,00;;;10;N" in exported
    listed = json.loads(gamma("table", "list", "charge_rule", "--json").stdout)
    assert [(r["code"], r["freight_terms"], r["vat_code"]) for r in listed] == [
        ("FIS", "F", "10"), ("IMB", None, None), ("TR", "A", "22")]
    # Imported again unchanged: every row changed in place, nothing added.
    result = gamma("table", "import", "charge_rule", str(out))
    assert result.exit_code == 0, result.output
    assert "(0 nuove, 3 modificate)" in result.stdout
    again = tmp_path / "again.csv"
    assert gamma("table", "export", "charge_rule", "-o", str(again)).exit_code == 0
    assert again.read_text(encoding="utf-8") == exported
    bad = tmp_path / "bad.csv"
    bad.write_text("code;description;mode;value;tiers;freight_terms\n"
                   "B1;Buona;fixed;5;;\nB2;Cattiva;tiers;;[[x]];\nB3;Porto;fixed;5;;ZZ\n",
                   encoding="utf-8")
    result = gamma("table", "import", "charge_rule", str(bad))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [
        "Riga 3: tiers: Scaglioni: scaglioni come [[fino_a, importo], ...] con fino_a "
        "crescente (null per «oltre», solo nell'ultimo)",
        "Riga 4: freight_terms: Porto: codice 'ZZ' inesistente in Porto"]
    assert "B1" not in gamma("table", "list", "charge_rule").stdout


def test_a_saved_rule_is_applied_to_a_document(admin_ctx):
    tables.save(admin_ctx, "charge_rule", {
        "code": "TR", "description": "Trasporto", "kinds": "invoice,delivery_note",
        "freight_terms": "A", "basis": "weight", "mode": "tiers", "tiers": TIERS,
        "vat_code": "22"})
    tables.save(admin_ctx, "charge_rule", {
        "code": "IMB", "description": "Imballo", "basis": "amount", "mode": "percent",
        "rate": "2,5"})
    tables.save(admin_ctx, "charge_rule", {
        "code": "COL", "description": "Spese per collo", "kinds": "delivery_note",
        "basis": "packages", "mode": "tiers", "tiers": "[[2, 4], [null, 9]]",
        "vat_code": "10"})
    tables.save(admin_ctx, "charge_rule", {
        "code": "OFF", "description": "Disattivata", "value": "99", "active": False})
    rows = _rows(admin_ctx)
    found = charges_for(admin_ctx, _doc(admin_ctx), rows)
    # Rules in code order: IMB (2,5% of 1.000,00), TR (250 kg: the 500 tier).
    assert sorted((c.description, c.amount, c.vat.code) for c in found) == [
        ("Imballo", Decimal("25.00"), "22"), ("Trasporto", Decimal("25.00"), "22")]
    # Other freight terms: the transport rule does not apply; a delivery note gets the
    # per-package rule (3 packages: above 2) under its own VAT code.
    found = charges_for(admin_ctx, _doc(admin_ctx, "delivery_note", freight="F"), rows)
    assert sorted((c.description, c.amount, c.vat.code) for c in found) == [
        ("Imballo", Decimal("25.00"), "22"), ("Spese per collo", Decimal("9.00"), "10")]
    heavy = charges_for(admin_ctx, _doc(admin_ctx, weight="1200", freight=None), rows)
    assert [c.description for c in heavy] == ["Imballo"]
    totals = totals_of(admin_ctx, _doc(admin_ctx), rows)
    assert totals.total == Decimal("1281.00")  # (1.000 + 25 + 25) + 22%
