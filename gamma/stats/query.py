"""The SQL of a statistic: the journal (stat_movement) joined only to what the elements
and filters need, grouped by the elements' ids, periods and price bands, summing the base
measures. Engine-specific pieces (periods, numeric code ranges) are written per engine."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from peewee import JOIN, SQL, Case, NodeList, Table, fn

from gamma import db
from gamma.stats import elements as els
from gamma.stats.spec import StatSpec
from models import Agent, Article, Depot, Party, StatMovement, TableEntry

M = StatMovement
UNIT_COST = Table("stat_unit_cost", ("article_id", "unit_cost"))
CARD_COSTS = {"standard": "cost_standard", "last": "cost_last", "average": "cost_average"}
QTY_SCALE, PRICE_SCALE = 3, 6


class Joins:
    """The tables joined to the journal, each once, only when asked for."""

    def __init__(self, spec: StatSpec):
        self.spec = spec
        self.aliases: dict[str, object] = {}
        self.steps: list[tuple] = []

    def _join(self, name: str, model, source, on_of) -> object:
        if name not in self.aliases:
            alias = model.alias(f"s_{name}")
            self.aliases[name] = alias
            self.steps.append((source, alias, on_of(alias)))
        return self.aliases[name]

    def party(self):
        return self._join("party", Party, M, lambda a: M.party == a.id)

    def article(self):
        return self._join("article", Article, M, lambda a: M.article == a.id)

    def depot(self):
        return self._join("depot", Depot, M, lambda a: M.depot == a.id)

    def agent_id(self):
        return M.agent if self.spec.agent_from == "movement" else self.party().agent

    def agent(self):
        owner = M if self.spec.agent_from == "movement" else self.party()
        return self._join("agent", Agent, owner, lambda a: self.agent_id() == a.id)

    def entry(self, element: els.Element):
        owner = self.party() if element.owner == "party" else self.article()
        return self._join(element.name, TableEntry, owner,
                          lambda a: getattr(owner, element.attr) == a.id)

    def apply(self, query):
        for source, alias, on in self.steps:
            query = query.join_from(source, alias, JOIN.LEFT_OUTER, on=on)
        return query


def id_expression(joins: Joins, element: els.Element):
    """What the SQL groups an element by: an id (codes are looked up afterwards), a period
    key, a band number."""
    entity = element.entity
    if entity == "party":
        return M.party
    if entity == "article":
        return M.article
    if entity == "depot":
        return M.depot
    if entity == "agent":
        return joins.agent_id()
    if entity == "entry":
        owner = joins.party() if element.owner == "party" else joins.article()
        return getattr(owner, element.attr)
    if entity == "document":
        return M.document
    if entity == "kind":
        return M.kind
    if entity == "source":
        return M.source
    if entity == "band":
        return band_expression(joins.spec.price_bands)
    return period_expression(element.name)


def code_expression(joins: Joins, element: els.Element):
    """The element's code, for filters and drill-downs."""
    entity = element.entity
    if entity == "party":
        return joins.party().code
    if entity == "article":
        return joins.article().code
    if entity == "depot":
        return joins.depot().code
    if entity == "agent":
        return joins.agent().code
    if entity == "entry":
        return joins.entry(element).code
    return id_expression(joins, element)


def band_expression(edges: tuple[Decimal, ...]):
    """The price band of the net unit price: 0 below the first edge, n past the last."""
    # The field converts each edge to its scaled integer, as for any comparison.
    return Case(None, [(M.unit_price < e, i) for i, e in enumerate(edges)], len(edges))


def band_code(edges: tuple[Decimal, ...], index: int) -> str:
    low = Decimal(0) if index == 0 else edges[index - 1]
    if index >= len(edges):
        return f"{low.normalize():f}+"
    return f"{low.normalize():f}-{edges[index].normalize():f}"


def _sql(*parts) -> NodeList:
    return NodeList([p if not isinstance(p, str) else SQL(p) for p in parts], glue="")


def period_expression(name: str):
    d = M.date
    if db.is_sqlite():  # dates are stored as text yyyy-mm-dd
        month = _sql("CAST(substr(", d, ", 6, 2) AS INTEGER)")
        return {
            "year": fn.substr(d, 1, 4), "month": fn.substr(d, 1, 7), "day": _sql("(", d, ")"),
            "quarter": _sql("(substr(", d, ", 1, 4) || '-Q' || ((", month, " + 2) / 3))"),
            "half": _sql("(substr(", d, ", 1, 4) || '-H' || ((", month, " + 5) / 6))"),
            "week": fn.date(d, "-6 days", "weekday 1"),  # the Monday of the week
        }[name]
    # PostgreSQL groups by the period's first day (a date: far cheaper to sort and hash
    # than text); period_key turns it into the key.
    def first_day(unit: str):
        return _sql(f"CAST(date_trunc('{unit}', ", d, ") AS DATE)")

    half = _sql("make_date(CAST(EXTRACT(YEAR FROM ", d, ") AS INTEGER), CASE WHEN "
                "EXTRACT(MONTH FROM ", d, ") <= 6 THEN 1 ELSE 7 END, 1)")
    return {"year": first_day("year"), "month": first_day("month"), "day": d,
            "quarter": first_day("quarter"), "half": half, "week": first_day("week")}[name]


def period_of(name: str, day: date, within_year: bool) -> str:
    """The key of the period `name` holding `day`: "2026", "2026-03", "2026-Q1",
    "2026-H1", "2026-W11", "2026-03-10"; within the year (year comparison) without the
    year: "03", "Q1", "W11", "03-10"."""
    if name == "week":
        iso = day.isocalendar()
        raw = f"{iso[0]}-W{iso[1]:02d}"
    else:
        raw = {"year": f"{day:%Y}", "month": f"{day:%Y-%m}", "day": day.isoformat(),
               "quarter": f"{day:%Y}-Q{(day.month + 2) // 3}",
               "half": f"{day:%Y}-H{(day.month + 5) // 6}"}[name]
    return raw[5:] if within_year else raw


def period_key(name: str, raw, within_year: bool) -> str:
    """The period key of what the SQL grouped by: a date (PostgreSQL: the period's first
    day), or SQLite's text ("2026-03", "2026-Q1"; a week as its Monday)."""
    if isinstance(raw, date):
        return period_of(name, raw, within_year)
    if name == "week":
        return period_of(name, date.fromisoformat(str(raw)[:10]), within_year)
    raw = str(raw)
    return raw[5:] if within_year else raw


def _digits(expr):
    if db.is_sqlite():
        return _sql("(", expr, " <> '' AND ", expr, " NOT GLOB '*[^0-9]*')")
    return _sql("(", expr, " ~ '^[0-9]+$')")


def _number(expr):
    kind = "INTEGER" if db.is_sqlite() else "NUMERIC"
    return _sql("(CASE WHEN ", _digits(expr), " THEN CAST(", expr, f" AS {kind}) END)")


def range_condition(expr, ranges):
    """Any of `ranges` (low, high): numerically when both bounds are digits (a code that is
    not all digits is then out), else as text."""
    parts = []
    for low, high in ranges:
        if low.isdigit() and high.isdigit():
            parts.append(_number(expr).between(int(low), int(high)))
        else:
            parts.append(expr.between(low, high))
    condition = parts[0]
    for part in parts[1:]:
        condition = condition | part
    return condition


def sum_expressions(joins: Joins, bases: tuple[str, ...]) -> list:
    """SUMs of the base measures, in order (cost by the spec's method)."""
    out = []
    for name in bases:
        if name in ("qty", "qty2", "packages", "weight", "revenue", "gross"):
            out.append(fn.SUM(getattr(M, name)))
        elif name == "cost":
            out.append(cost_expression(joins))
        else:
            field = M.qty if name.startswith("qty") else M.revenue
            if name.endswith("_returned"):
                out.append(fn.SUM(Case(None, [(M.returned == True, 0 - field)], 0)))  # noqa: E712
            else:
                out.append(fn.SUM(Case(None, [(M.returned == True, 0)], field)))  # noqa: E712
    return out


def cost_expression(joins: Joins):
    method = joins.spec.cost
    if method == "line":
        return fn.SUM(M.cost)
    if method in CARD_COSTS:
        return fn.SUM(M.qty * getattr(joins.article(), CARD_COSTS[method]))
    if "unit_cost" not in joins.aliases:
        joins.aliases["unit_cost"] = UNIT_COST
        joins.steps.append((M, UNIT_COST, M.article == UNIT_COST.article_id))
    return fn.SUM(M.qty * UNIT_COST.unit_cost)


def sum_scale(spec: StatSpec, name: str) -> int:
    if name == "cost" and spec.cost != "line":
        return QTY_SCALE + PRICE_SCALE
    return getattr(M, name if name in M._meta.fields else
                   ("qty" if name.startswith("qty") else "revenue")).places


def conditions(ctx, joins: Joins, *, after_id: int = 0, upto_id: int | None = None) -> list:
    spec = joins.spec
    where = [M.company == ctx.require_company(), M.source.in_(list(spec.sources))]
    years = spec.years()
    if years:
        span = [M.date.between(f, t) for _, f, t in years]
        either = span[0]
        for part in span[1:]:
            either = either | part
        where.append(either)
    else:
        if spec.date_from:
            where.append(M.date >= spec.date_from)
        if spec.date_to:
            where.append(M.date <= spec.date_to)
    if after_id:
        where.append(M.id > after_id)
    if upto_id is not None:
        where.append(M.id <= upto_id)
    if not spec.gifts:
        where.append(M.gift == False)  # noqa: E712
    if not spec.campaigns:
        where.append(M.campaign == False)  # noqa: E712
    for name, ranges in spec.filters.items():
        where.append(range_condition(code_expression(joins, els.get(name)), ranges))
    return where


def year_expression(spec: StatSpec):
    return Case(None, [(M.date.between(f, t), str(y)) for y, f, t in spec.years()])
