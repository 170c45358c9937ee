"""Drafts: a mask being filled in, kept as the operator types.

A dropped line loses nothing: the draft stays until the mask is confirmed or abandoned
on purpose, and is offered again at the next login in that company. Drafts are private
scratch, never audited: the confirmed record is.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from gamma import db
from gamma.context import Context
from models import Draft


@dataclass(frozen=True)
class PendingDraft:
    form: str
    record_key: str
    function_code: str
    title: str
    values: dict[str, Any]
    updated_at: datetime


def _mine(ctx: Context):
    ctx.require_company()
    return Draft.select().where(Draft.operator == ctx.operator, Draft.company == ctx.company)


def save(ctx: Context, form: str, values: dict[str, Any], record_key: str = "",
         function_code: str = "", title: str = "") -> None:
    """Keep what has been typed so far (replacing the previous draft of the same mask)."""
    ctx.require_company()
    text = json.dumps(values, ensure_ascii=False, sort_keys=True, default=str)
    with db.transaction():
        updated = Draft.update(values=text, updated_at=ctx.now(), title=title[:80],
                               function_code=function_code).where(
            Draft.operator == ctx.operator, Draft.company == ctx.company, Draft.form == form,
            Draft.record_key == record_key).execute()
        if not updated:
            Draft.create(operator=ctx.operator, company=ctx.company, form=form,
                         record_key=record_key, function_code=function_code,
                         title=title[:80], values=text, updated_at=ctx.now())


def load(ctx: Context, form: str, record_key: str = "") -> dict[str, Any] | None:
    draft = _mine(ctx).where(Draft.form == form, Draft.record_key == record_key).first()
    return json.loads(draft.values) if draft else None


def discard(ctx: Context, form: str, record_key: str = "") -> None:
    """Forget the draft: the mask was confirmed, or the operator chose to abandon it."""
    ctx.require_company()
    with db.transaction():
        Draft.delete().where(Draft.operator == ctx.operator, Draft.company == ctx.company,
                             Draft.form == form, Draft.record_key == record_key).execute()


def pending(ctx: Context) -> list[PendingDraft]:
    """The operator's drafts in the current company, most recent first."""
    return [PendingDraft(d.form, d.record_key, d.function_code, d.title,
                         json.loads(d.values), d.updated_at)
            for d in _mine(ctx).order_by(Draft.updated_at.desc())]
