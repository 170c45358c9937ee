"""Which fields this operator sees, where and how: field rules and user masks applied."""

from __future__ import annotations

from gamma import masks
from gamma.access import field_rules
from gamma.access.field_rules import EffectiveRule
from gamma.context import Context
from gamma.forms import Form
from screens.mask.mask import Placed


def place(ctx: Context, form: Form) -> list[Placed]:
    rules = field_rules.resolve(ctx, form.name)
    layout = masks.resolve(ctx, form.name)
    if layout is None:
        chosen = [(f, f.label, f.width) for f in form.fields]
    else:
        chosen = [(form.field(item.name), item.label, item.width) for item in layout]
    placed = []
    for field, label, width in chosen:
        rule = rules.get(field.name) or EffectiveRule(field.name)
        if rule.hidden:
            continue  # absent, not greyed: the operator must not learn it is there
        placed.append(Placed(field, label, width, rule))
    return placed


def defaults(ctx: Context, form: Form) -> dict[str, str]:
    """Defaults of a new record as text for the inputs: the form's, then field rules'."""
    out = {f.name: f.default for f in form.fields if f.default}
    out.update({name: rule.default for name, rule in
                field_rules.resolve(ctx, form.name).items() if rule.default is not None})
    return out
