"""502 F4: a stored statistic's last result read back as its last run left it (nothing
new read), refused before any run and once its parameters changed; on both databases."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from gamma.errors import GammaError
from gamma.stats import stored
from gamma.stats.spec import StatSpec
from gamma.stats.stored_result import last_result
from tests.sales_fixtures import issue, prepare


def invoice(ctx, day: date, qty: str) -> None:
    issue(ctx, {"kind": "invoice", "date": day, "customer": "C001",
                "lines": [{"article": "A22", "qty": qty, "price": "10.00"}]})


def spec(elements: list[str]) -> StatSpec:
    return StatSpec.from_params({"elements": elements, "measures": ["qty", "revenue"]})


def totals(result) -> tuple[D, D]:
    total = result.total()
    return total.values["qty"], total.values["revenue"]


def test_last_result_is_the_last_run_until_the_next(admin_ctx):
    ctx = admin_ctx
    prepare(ctx)
    invoice(ctx, date(2026, 3, 2), "3")  # 30,00
    stored.save(ctx, "per-mese", spec(["customer", "month"]))
    with pytest.raises(GammaError, match="mai eseguita in questa ditta"):
        last_result(ctx, "per-mese")
    stored.run_named(ctx, "per-mese")
    invoice(ctx, date(2026, 3, 4), "2")  # 20,00 more, not yet run
    result, ran = last_result(ctx, "per-mese")
    assert totals(result) == (D("3"), D("30.00"))
    assert ran is not None
    assert [r.kind for r in result.rows] == ["detail", "subtotal", "total"]
    assert totals(stored.run_named(ctx, "per-mese")) == (D("5"), D("50.00"))
    assert totals(last_result(ctx, "per-mese")[0]) == (D("5"), D("50.00"))
    stored.save(ctx, "per-mese", spec(["customer"]))  # changed: the stored sums mean else
    with pytest.raises(GammaError, match="parametri o periodo cambiati"):
        last_result(ctx, "per-mese")
