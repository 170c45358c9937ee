"""Generating transitory movements (movimenti transitori) from the contracts.

A generation is a run up to a day: every active contract chosen by the filters gets one
transitory movement per period due and not yet billed (billing is in advance: a period
is due from its first day). The contract remembers the end of the last period billed,
so generating again for the same day creates nothing. A once-only item and an item in
instalments count the documents they went on; undoing the run gives those counts back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from gamma import functions, records
from gamma.context import Context
from gamma.contracts import periods
from gamma.contracts.periods import Period
from gamma.errors import GammaError
from gamma.rows import fetch_one
from gamma.sales import values
from gamma.service import operation
from models import (Contract, ContractItem, Party, PeriodicLine, PeriodicMovement,
                    PeriodicRun)

CENT = Decimal("0.01")


@dataclass
class Filters:
    customers: tuple[str, ...] = ()
    contracts: tuple[str, ...] = ()
    series: str | None = None
    date_from: date | None = None  # contract date
    date_to: date | None = None

    def as_text(self) -> str:
        return json.dumps({k: (v.isoformat() if isinstance(v, date) else v)
                           for k, v in self.__dict__.items() if v not in (None, (), "")})


@dataclass
class Generated:
    run: PeriodicRun | None
    movements: list[PeriodicMovement] = field(default_factory=list)


def chosen_contracts(ctx: Context, filters: Filters) -> list[Contract]:
    query = (Contract.select(Contract, Party).join(Party)
             .where(Contract.company == ctx.require_company(),
                    Contract.active == True)  # noqa: E712
             .order_by(Contract.code))
    if filters.customers:
        query = query.where(Party.code.in_([values.code(c) for c in filters.customers]))
    if filters.contracts:
        query = query.where(Contract.code.in_([values.code(c) for c in filters.contracts]))
    if filters.series is not None:
        query = query.where(Contract.series == values.code(filters.series))
    if filters.date_from is not None:
        query = query.where(Contract.date >= filters.date_from)
    if filters.date_to is not None:
        query = query.where(Contract.date <= filters.date_to)
    return list(query)


def instalment_amount(total: Decimal, count: int, number: int) -> Decimal:
    """Instalment `number` (from 1) of `count`: equal parts rounded to the cent, the last
    taking what is left, so the instalments add up to the total exactly."""
    part = (total / count).quantize(CENT, rounding=ROUND_HALF_UP)
    return total - part * (count - 1) if number == count else part


def item_lines(ctx: Context, item: ContractItem, period: Period) -> dict | None:
    """The line an item gives for a period (None when it gives none), its counter
    raised when it counts."""
    if item.months and not {int(m) for m in item.months.split(",")} & period.months():
        return None
    if item.repeat == "once" and item.billed_count > 0:
        return None
    if item.instalments and item.billed_count >= item.instalments:
        return None  # residual zero
    number = item.billed_count + 1
    text = periods.render(item.description, period, number if item.instalments else 0,
                          item.instalments)
    if not text and item.article_id:
        text = item.article.description
    line = {"item": item, "line_type": item.item_type, "article": item.article_id,
            "description": text, "vat_code": item.vat_code_id, "withholding": item.withholding,
            "qty": Decimal(0), "price": Decimal(0), "amount": Decimal(0), "counted": False}
    if item.item_type != "text":
        sign = -1 if item.item_type == "credit" else 1
        total = (item.qty * item.price).quantize(CENT, rounding=ROUND_HALF_UP)
        if item.instalments:
            price = instalment_amount(total, item.instalments, number)
            line.update(qty=Decimal(sign), price=price, amount=sign * price)
        else:
            line.update(qty=sign * item.qty, price=item.price, amount=sign * total)
    if item.repeat == "once" or item.instalments:
        line["counted"] = True
        records.update(ctx, item, billed_count=number)  # audited: undo gives it back
    return line


def _movement(ctx: Context, run: PeriodicRun, contract: Contract, period: Period,
              items: list[ContractItem]) -> PeriodicMovement:
    movement = PeriodicMovement.create(
        company=ctx.company, run=run, contract=contract, party=contract.party_id,
        kind=contract.kind, period_from=period.start, period_to=period.end,
        billed_before=contract.billed_to)
    position = 0
    for item in items:
        line = item_lines(ctx, item, period)
        if line is not None:
            position += 1
            PeriodicLine.create(company=ctx.company, movement=movement, position=position,
                                **line)
    contract.billed_to = period.end
    contract.save(only=[Contract.billed_to])
    return movement


@operation(functions.PERIODIC_INVOICING)
def generate(ctx: Context, up_to: date, filters: Filters | None = None,
             doc_date: date | None = None) -> Generated:
    """Transitory movements for every period due by `up_to`; no run when none is due."""
    filters = filters or Filters()
    out = Generated(None)
    for chosen in chosen_contracts(ctx, filters):
        # Read again under a row lock: two runs at once never bill one period twice.
        contract = fetch_one(Contract, for_update=True, id=chosen.id)
        contract.party = chosen.party
        due = periods.due_periods(contract.start, contract.end, contract.frequency,
                                  contract.billed_to, up_to)
        if not due:
            continue
        if out.run is None:
            out.run = records.insert(ctx, PeriodicRun, company=ctx.company, up_to=up_to,
                                     doc_date=doc_date or up_to, filters=filters.as_text(),
                                     created_by=ctx.login)
        items = list(contract.items.order_by(ContractItem.position))
        for period in due:
            out.movements.append(_movement(ctx, out.run, contract, period, items))
    return out


def find_run(ctx: Context, run_id: int, for_update: bool = False) -> PeriodicRun:
    found = fetch_one(PeriodicRun, for_update=for_update, company=ctx.require_company(),
                      id=run_id)
    if found is None:
        raise GammaError(f"Generazione {run_id} inesistente")
    return found


def movements_of(run: PeriodicRun) -> list[PeriodicMovement]:
    return list(PeriodicMovement.select(PeriodicMovement, Contract, Party)
                .join(Contract).switch(PeriodicMovement).join(Party)
                .where(PeriodicMovement.run == run)
                .order_by(Contract.code, PeriodicMovement.period_from))


def lines_of(movement: PeriodicMovement) -> list[PeriodicLine]:
    return list(movement.lines.order_by(PeriodicLine.position))


def total_of(movement: PeriodicMovement) -> Decimal:
    """The taxable of a movement: its lines' amounts."""
    return sum((line.amount for line in lines_of(movement)), Decimal("0.00"))


@operation(functions.PERIODIC_INVOICING, write=False)
def runs(ctx: Context, limit: int = 50) -> list[PeriodicRun]:
    return list(PeriodicRun.select().where(PeriodicRun.company == ctx.require_company())
                .order_by(PeriodicRun.id.desc()).limit(limit))


@operation(functions.PERIODIC_INVOICING)
def undo(ctx: Context, run_id: int) -> str:
    """Delete a run's transitory movements not yet invoiced; give the contracts back their
    last billed period and the items their counts. Refused once invoiced, or when a later
    run of the same contracts is still there (undo that first)."""
    run = find_run(ctx, run_id, for_update=True)
    if run.status == "invoiced":
        raise GammaError(f"Generazione {run.id}: già trasformata in documenti, non si annulla")
    if run.status == "undone":
        return f"Generazione {run.id}: già annullata"
    movements = movements_of(run)
    contract_ids = {m.contract_id for m in movements}
    later = (PeriodicMovement.select(PeriodicMovement.run).join(PeriodicRun)
             .where(PeriodicMovement.contract.in_(contract_ids), PeriodicRun.id > run.id,
                    PeriodicRun.status != "undone").order_by(PeriodicRun.id).first())
    if later is not None:
        raise GammaError(f"Generazione {run.id}: i suoi contratti sono anche nella generazione "
                         f"{later.run_id}, da annullare prima")
    restored: dict[int, date | None] = {}
    for movement in movements:  # by period: the first one's billed_before is the old value
        restored.setdefault(movement.contract_id, movement.billed_before)
        for line in lines_of(movement):
            give_back(line)
        movement.delete_instance(recursive=True)
    for contract_id, billed_to in restored.items():
        Contract.update(billed_to=billed_to).where(Contract.id == contract_id).execute()
    records.update(ctx, run, status="undone")
    return (f"Generazione {run.id} annullata: {len(movements)} movimenti eliminati, "
            f"{len(restored)} contratti riportati al periodo precedente")


def give_back(line: PeriodicLine) -> None:
    if line.counted and line.item_id is not None:
        ContractItem.update(billed_count=ContractItem.billed_count - 1).where(
            ContractItem.id == line.item_id, ContractItem.billed_count > 0).execute()


@operation(functions.PERIODIC_INVOICING)
def restore_instalments(ctx: Context, contract_code: str, position: int, count: int) -> str:
    """Set the documents (instalments) an item has gone on back to `count`."""
    from gamma.contracts.contracts import find
    contract = find(ctx, contract_code)
    item = ContractItem.get_or_none(ContractItem.contract == contract,
                                    ContractItem.position == position)
    if item is None:
        raise GammaError(f"Contratto {contract.code}: voce {position} inesistente")
    limit = item.instalments or (1 if item.repeat == "once" else 0)
    if limit == 0:
        raise GammaError(f"Contratto {contract.code}, voce {position}: non è a rate né una "
                         "tantum, non ha un contatore")
    if not 0 <= count <= limit:
        raise GammaError(f"Contratto {contract.code}, voce {position}: il numero di rate va "
                         f"da 0 a {limit}")
    before = item.billed_count
    records.update(ctx, item, billed_count=count)
    return (f"Contratto {contract.code}, voce {position}: rate fatturate riportate da "
            f"{before} a {count}, residuo {limit - count} rate")
