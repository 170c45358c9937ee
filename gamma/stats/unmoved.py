"""The items of a statistic's first element that have no movement: the active customers
(of an area, say) without purchases, the articles an agent did not sell. Candidates come
from the master table, limited by the filters that are attributes of the item itself
(the area of a customer, the family of an article); filters on the movements (the agent
who sold) limit only what counts as moved."""

from __future__ import annotations

from peewee import JOIN

from gamma.stats import elements as els
from gamma.stats.query import range_condition
from gamma.stats.spec import StatSpec
from models import Agent, Article, Depot, Party, TableEntry

_OWN = {"customer": "party", "supplier": "party", "article": "article", "agent": "agent",
        "depot": "depot"}


def unmoved_codes(ctx, spec: StatSpec, element: els.Element) -> set[str]:
    """The codes of all the candidate items of `element` (the caller takes away the moved)."""
    if element.entity == "entry":
        query = TableEntry.select(TableEntry.code).where(
            TableEntry.company == ctx.company, TableEntry.kind == element.table,
            TableEntry.active == True)  # noqa: E712
        if element.name in spec.filters:
            query = query.where(range_condition(TableEntry.code, spec.filters[element.name]))
        return {c for (c,) in query.tuples()}
    model = {"party": Party, "article": Article, "agent": Agent, "depot": Depot}[element.entity]
    query = model.select(model.code).where(model.company == ctx.company,
                                           model.active == True)  # noqa: E712
    if model is Party:
        query = query.where(Party.is_supplier == True if element.name == "supplier"  # noqa: E712
                            else Party.is_customer == True)  # noqa: E712
    for name, ranges in spec.filters.items():
        other = els.get(name)
        if _OWN.get(name) == element.entity or name == element.name:
            query = query.where(range_condition(model.code, ranges))
        elif other.entity == "entry" and other.owner == element.entity:
            alias = TableEntry.alias(f"u_{name}")
            query = query.join_from(model, alias, JOIN.LEFT_OUTER,
                                    on=(getattr(model, other.attr) == alias.id))
            query = query.where(range_condition(alias.code, ranges))
        elif (name == "agent" and model is Party and spec.agent_from == "customer"):
            alias = Agent.alias("u_agent")
            query = query.join_from(Party, alias, JOIN.LEFT_OUTER, on=(Party.agent == alias.id))
            query = query.where(range_condition(alias.code, ranges))
    return {c for (c,) in query.tuples()}
