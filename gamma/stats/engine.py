"""The statistics engine: one SQL GROUP BY over the journal per run (plus, when asked, a
query of the unmoved items and a temporary table of unit costs by a valuation method),
then the result built from the groups: labels, comparison columns, derived measures,
subtotals, funnel (gamma.stats.result).

API used by the stored statistics and the outputs:
    aggregate(ctx, spec, after_id=0, upto_id=None) -> list[Group]
    last_journal_id(ctx) -> int
    result_from_groups(ctx, spec, groups) -> StatResult
    run(ctx, spec, progress=None) -> StatResult
    to_table(result) -> StatTable;  rows_json(result) -> list[dict]
    movements(ctx, spec, keys) -> list[dict]   (drill-down)
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from peewee import fn

from gamma import db, functions
from gamma.access import permissions
from gamma.context import Context
from gamma.errors import PermissionDenied
from gamma.progress import Progress
from gamma.service import operation
from gamma.stats import elements as els
from gamma.stats import measures, query
from gamma.stats.result import StatResult, build, rows_json, to_table  # noqa: F401
from gamma.stats.spec import ARTICLE_COSTS, StatSpec
from models import Agent, Article, Depot, Party, StatMovement, TableEntry

M = StatMovement
CENT = Decimal("0.01")
ID_BATCH = 5000
_MASTERS = {"party": Party, "article": Article, "agent": Agent, "depot": Depot,
            "entry": TableEntry}


@dataclass
class Group:
    """One finest group: `keys` are the codes of the spec's elements in order (a period
    as its key: "2026-03", or "03" within the year when comparing; None where the
    movement has none), then the compared year ("2025") when compare_years > 1; `sums`
    the base measures (Decimal) by name."""

    keys: tuple[str | None, ...]
    sums: dict[str, Decimal]


def bases(spec: StatSpec) -> tuple[str, ...]:
    """The base sums a spec's groups carry: what its measures need, and the revenue (the
    share of the total), and the funnel's measure."""
    wanted = set(measures.bases_of(spec.measures)) | {"revenue"}
    if spec.funnel is not None:
        wanted.add(spec.funnel_measure)
    return tuple(b for b in measures.BASE if b in wanted)


def last_journal_id(ctx: Context) -> int:
    found = (M.select(fn.MAX(M.id)).where(M.company == ctx.require_company()).scalar())
    return int(found or 0)


def aggregate(ctx: Context, spec: StatSpec, *, after_id: int = 0,
              upto_id: int | None = None) -> list[Group]:
    """The finest groups of `spec` over the journal rows with after_id < id <= upto_id, by
    one GROUP BY. The caller checks the operator's function (run, stored statistics)."""
    spec.validate()
    joins = query.Joins(spec)
    chosen = [els.get(n) for n in spec.elements]
    keys = [query.id_expression(joins, e) for e in chosen]
    if spec.years():
        keys.append(query.year_expression(spec))
    names = bases(spec)
    with db.transaction(), _unit_costs(ctx, spec):
        sums = query.sum_expressions(joins, names)
        where = query.conditions(ctx, joins, after_id=after_id, upto_id=upto_id)
        select = joins.apply(M.select(*keys, *sums)).where(*where).group_by(*keys)
        raw = db.current().execute(select).fetchall()
    scales = [query.sum_scale(spec, n) for n in names]
    codes = _codes(ctx, chosen, [r[:len(chosen)] for r in raw])
    merged: dict[tuple, dict[str, Decimal]] = {}
    width, depth = len(keys), len(chosen)
    known: list[dict] = [{} for _ in chosen]  # ids and periods repeat: coded once each
    for record in raw:
        key = []
        for i in range(depth):
            value = record[i]
            code = known[i].get(value, known)
            if code is known:
                code = known[i][value] = _code(spec, chosen[i], value, codes)
            key.append(code)
        key = tuple(key) + tuple(record[depth:width])
        sums = {n: _decimal(v, scale) for n, scale, v in zip(names, scales, record[width:])}
        into = merged.get(key)
        if into is None:  # ids map to distinct codes: two rows meet only on a band's edge
            merged[key] = sums
        else:
            measures.add(into, sums)
    return [Group(k, v) for k, v in merged.items()]


def _decimal(value, scale: int) -> Decimal:
    number = Decimal(int(value or 0)).scaleb(-scale)
    if scale > 3:  # a cost by valuation: qty × unit cost, to the cent
        return number.quantize(CENT, rounding=ROUND_HALF_UP)
    return number


def _codes(ctx: Context, chosen: list[els.Element], rows: list[tuple]) -> dict:
    """Per element index, its ids → codes (one query per element with a master table)."""
    out: dict[int, dict] = {}
    for i, element in enumerate(chosen):
        model = _MASTERS.get(element.entity)
        if model is None:
            continue
        ids = sorted({r[i] for r in rows if r[i] is not None})
        found: dict = {}
        for start in range(0, len(ids), ID_BATCH):
            part = ids[start:start + ID_BATCH]
            found.update(model.select(model.id, model.code).where(model.id.in_(part)).tuples())
        out[i] = found
    return {chosen[i].name: v for i, v in out.items()}


def _code(spec: StatSpec, element: els.Element, value, codes: dict) -> str | None:
    if value is None:
        return None
    if element.name in codes:
        return codes[element.name].get(value)
    if element.entity == "band":
        return query.band_code(spec.price_bands, int(value))
    if element.entity == "period":
        return query.period_key(element.name, value, bool(spec.years()))
    return str(value)


@contextmanager
def _unit_costs(ctx: Context, spec: StatSpec):
    """For a cost by a stock valuation method: per article its unit cost at the end of the
    period (millionths), in a temporary table the aggregation joins. An article with
    nothing on hand then takes its card's cost."""
    if spec.cost in ARTICLE_COSTS:
        yield
        return
    from gamma.stock import valuation, valuation_methods, valuation_read
    at = spec.date_to or ctx.today()
    fallbacks = valuation_read.fallbacks(ctx)
    costs = dict(fallbacks)
    for article, (qty, value) in valuation.compute(ctx, spec.cost, at).items():
        if qty > 0:
            costs[article] = valuation_methods.unit_cost(value, qty)
    database = db.current()
    database.execute_sql("CREATE TEMPORARY TABLE stat_unit_cost "
                         "(article_id BIGINT PRIMARY KEY, unit_cost BIGINT NOT NULL)")
    items = sorted(costs.items())
    for start in range(0, len(items), 500):
        part = items[start:start + 500]
        marks = ", ".join([f"({database.param}, {database.param})"] * len(part))
        database.execute_sql(f"INSERT INTO stat_unit_cost VALUES {marks}",
                             [v for pair in part for v in pair])
    yield
    database.execute_sql("DROP TABLE stat_unit_cost")


def require_sight(ctx: Context, spec: StatSpec) -> None:
    """Costs and margins are sensitive data (DESIGN: permissions)."""
    names = set(spec.measures)
    rights = permissions.sensitive_data(ctx.operator)
    if names & {"cost"} and not rights.costs:
        raise PermissionDenied(f"Costi non visibili all'operatore {ctx.operator.display}")
    if names & {"margin", "margin_pct", "markup"} and not (rights.costs and rights.margins):
        raise PermissionDenied(f"Margini non visibili all'operatore {ctx.operator.display}")


def result_from_groups(ctx: Context, spec: StatSpec, groups: list[Group]) -> StatResult:
    """The table of a statistic from its finest groups (aggregate's, or consolidated)."""
    return build(ctx, spec, groups)


@operation(functions.STATISTICS, write=False)
def run(ctx: Context, spec: StatSpec, progress: Progress | None = None) -> StatResult:
    """Run a statistic ad hoc: the aggregation, then the result."""
    progress = progress or Progress()
    spec.validate()
    require_sight(ctx, spec)
    progress.start(2, "Statistica: aggregazione dei movimenti")
    groups = aggregate(ctx, spec)
    progress.step(1, "Statistica: totali e subtotali")
    result = build(ctx, spec, groups)
    progress.step(1)
    return result


def movements(ctx: Context, spec: StatSpec, keys: dict[str, str]) -> list[dict]:
    """The journal rows behind one row of the result (its element codes in `keys`, the
    compared year under "year"), with their documents: the drill-down."""
    from gamma.stats.drill import movements as drill
    return drill(ctx, spec, keys)
