"""StatTables written by hand for the output and screen tests: what the engine would hand
over for a statistic by agent → customer with agent subtotals and the grand total."""

from __future__ import annotations

from decimal import Decimal as D

from gamma.stats.table import Column, StatTable, TableRow

COLUMNS = [
    Column("agent", "Agente", "element", "text", 20),
    Column("customer", "Cliente", "element", "text", 30),
    Column("qty", "Quantità", "measure", "qty", 10),
    Column("revenue", "Ricavo", "measure", "money", 14),
    Column("margin_pct", "Margine %", "measure", "pct", 9),
]


def detail(agent: str, customer: str, qty: str, revenue: str, pct: str, **kw) -> TableRow:
    return TableRow("detail", 1, {"agent": agent, "customer": customer, "qty": D(qty),
                                  "revenue": D(revenue), "margin_pct": D(pct)},
                    keys={"agent": agent.split()[0], "customer": customer.split()[0]}, **kw)


def subtotal(agent: str, qty: str, revenue: str, pct: str) -> TableRow:
    return TableRow("subtotal", 0, {"agent": agent, "customer": None, "qty": D(qty),
                                    "revenue": D(revenue), "margin_pct": D(pct)},
                    keys={"agent": agent.split()[0]})


def agent_table() -> StatTable:
    """A01 Rossi sold 10 + 2,5 pieces for 1.234,56 + 100,00 = 1.334,56; A02 Bianchi had
    a return of 50,10 (page break before its block); the total is 1.284,46 for 13,5."""
    rows = [
        detail("A01 Rossi", "C001 Alfa Srl", "10", "1234.56", "12.50"),
        detail("A01 Rossi", "C002 Beta Spa", "2.5", "100.00", "-3.25"),
        subtotal("A01 Rossi", "12.5", "1334.56", "11.26"),
        detail("A02 Bianchi", "C003 Gamma Snc", "1", "-50.10", "0", page_break_before=True),
        subtotal("A02 Bianchi", "1", "-50.10", "0"),
        TableRow("total", -1, {"agent": "Totale generale", "customer": None, "qty": D("13.5"),
                               "revenue": D("1284.46"), "margin_pct": D("10.43")}),
    ]
    return StatTable("Statistica vendite per agente, cliente",
                     "Dal 01/01/2026 al 31/12/2026; costo: ultimo costo", list(COLUMNS), rows,
                     chart_category="agent", chart_measure="revenue")
