"""Recurring order templates as JSON: the file `gamma recurring import` reads (a list
of templates, all or nothing) and what `gamma recurring show` / `list --json` give back
in the same shape, so a template exported can be imported again."""

from __future__ import annotations

from typing import Any

from gamma import functions
from gamma.context import Context
from gamma.errors import GammaError, NotFound, ValidationError
from gamma.recurring.templates import lines_of, write
from gamma.sales import values
from gamma.service import operation
from models import RecurringTemplate


@operation(functions.RECURRING_TEMPLATES)
def import_templates(ctx: Context, items: Any) -> list[tuple[RecurringTemplate, bool]]:
    """A JSON list of templates, all or nothing: the first bad one is named by its
    position (and code) and nothing is written."""
    if not isinstance(items, list) or not items:
        raise GammaError("Il file deve contenere una lista JSON di modelli")
    done = []
    for number, item in enumerate(items, start=1):
        try:
            done.append(write(ctx, item))
        except (ValidationError, NotFound) as exc:
            code = values.code(item.get("code")) if isinstance(item, dict) else ""
            named = f"Modello {number}" + (f" ({code})" if code else "")
            raise GammaError(f"{named}, {exc.message}: nessun modello importato") from None
    return done


def as_dict(template: RecurringTemplate) -> dict[str, Any]:
    """A template as the JSON import takes it back."""
    return {"code": template.code, "description": template.description,
            "customer": template.party.code, "frequency": template.frequency,
            "days": [int(n) for n in template.days.split(",") if n],
            "day": template.month_day, "start": template.start.isoformat(),
            "end": template.end.isoformat() if template.end else None,
            "skip_holidays": template.skip_holidays, "price_type": template.price_type,
            "price_list": template.price_list, "delivery_days": template.delivery_days,
            "destination": template.destination.number if template.destination_id else None,
            "contact": template.contact, "notes": template.notes, "active": template.active,
            "lines": [{"article": line.article.code, "qty": _plain(line.qty),
                       "price": None if line.price is None else _plain(line.price)}
                      for line in lines_of(template)]}


def _plain(value) -> str:
    return format(value.normalize(), "f")
