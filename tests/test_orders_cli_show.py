"""gamma order list under the right function per kind (401 customer orders, 403 supplier
orders), gamma doc show of an order as text: its status and, per line, what was ordered,
fulfilled and is left, and gamma order fulfil of an open order's firm deliveries due."""

from __future__ import annotations

import json
from decimal import Decimal

from tests.test_cli import gamma  # noqa: F401  (the fixture)
from tests.test_orders_cli import cli  # noqa: F401  (the fixture)


def test_supplier_orders_are_listed_under_function_403_only(cli, tmp_path):  # noqa: F811
    path = tmp_path / "supplier.json"
    path.write_text(json.dumps([
        {"kind": "supplier_order", "date": "2026-03-04", "supplier": "F001",
         "lines": [{"article": "A22", "qty": "20", "price": "0.10"}]}]), encoding="utf-8")
    supplier = cli("doc", "import", str(path), "--confirm")
    assert supplier.exit_code == 0, supplier.output
    assert cli("operator", "add", "ugo", "--password-stdin", input="password-u\n").exit_code == 0
    assert cli("operator", "grant", "ugo", "--company", "1", "--function", "403").exit_code == 0
    listed = cli("--operator", "ugo", "order", "list", "--kind", "supplier", "--json")
    assert listed.exit_code == 0, listed.output
    assert [(x["party"], x["status"], x["residual_qty"]) for x in json.loads(listed.output)] == [
        ("F001", "open", "20")]
    refused = cli("--operator", "ugo", "order", "list", "--kind", "customer")
    assert refused.exit_code == 1 and "Funzione 401" in refused.stderr


def test_doc_show_as_text_shows_the_order_status_and_line_residuals(cli):  # noqa: F811
    # C001 ordered 6; fulfil 4 of them.
    made = cli("order", "fulfil", "--order", "1", "--mode", "manual", "--ship", "1=4",
               "--date", "10/03/2026")
    assert made.exit_code == 0, made.output
    shown = cli("doc", "show", "1")
    assert shown.exit_code == 0, shown.output
    head, *rest = shown.output.splitlines()
    assert head.endswith("— cliente C001 — Confermato — Evaso in parte"), head
    titles = next(row for row in rest if "Riga" in row)
    assert titles.split()[:6] == ["Riga", "Codice", "Descrizione", "Ordinata", "Evasa",
                                  "Residuo"]
    [goods] = [row for row in rest if row.split()[:2] == ["1", "A22"]]
    # Ordered 6, fulfilled 4, residual 6 − 4 = 2.
    cells = goods.split()
    assert cells[cells.index("6"):cells.index("6") + 3] == ["6", "4", "2"], goods


def test_order_fulfil_ships_only_the_firm_deliveries_due_of_a_scheduled_line(cli):  # noqa: F811
    # C002's order 2 (6 screws, 10 on hand): 2 firm on 9 March, 4 firm on 20 March.
    scheduled = cli("order", "schedule", "set", "2", "1", "09/03/2026:2:F, 20/03/2026:4:F")
    assert scheduled.exit_code == 0, scheduled.output
    result = cli("order", "fulfil", "--delivery-to", "10/03/2026", "--date", "10/03/2026",
                 "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    # Due by 10 March: the 2 of 9 March only (C001's order is due 20 March, not selected).
    assert [(x["party"], x["residual"], x["to_ship"]) for x in data["lines"]] == [
        ("C002", "6", "2")]
    [made] = [x["document"] for x in data["documents"]]
    note = json.loads(cli("doc", "show", str(made["id"]), "--json").output)
    assert (note["kind"], [x["qty"] for x in note["lines"] if x["kind"] == "article"]) == (
        "delivery_note", ["2"])
    shown = json.loads(cli("order", "schedule", "show", "2", "--json").output)
    assert [(x["date"], Decimal(x["delivered"]), Decimal(x["left"])) for x in shown] == [
        ("2026-03-09", 2, 0), ("2026-03-20", 0, 4)]
