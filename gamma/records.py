"""Audited writes: every service inserts, updates and deletes records through these.

Updates of versioned records are optimistic: the row is written only if its version is
still the one that was read, else the save is refused and nothing is overwritten.
"""

from __future__ import annotations

from typing import Any, TypeVar

from peewee import Model

from gamma.audit import log
from gamma.context import Context
from gamma.errors import StaleRecord
from models import VersionedModel

M = TypeVar("M", bound=Model)

_SKIP = {"id", "version"}


def label(instance_or_model) -> str:
    """The Italian name of the record kind and the record, for messages."""
    kind = instance_or_model.LABEL or instance_or_model._meta.table_name
    if isinstance(instance_or_model, Model):
        return f"{kind} {log.record_key(instance_or_model)}"
    return kind


def insert(ctx: Context, model: type[M], **values: Any) -> M:
    if "created_at" in model._meta.fields:
        values.setdefault("created_at", ctx.now())  # the context's clock, not the wall's
    instance = model.create(**values)
    stored = {name: log.field_value(instance, name)
              for name in instance._meta.sorted_field_names if name not in _SKIP}
    changes = {name: (None, value) for name, value in stored.items() if value not in (None, "")}
    log.record_change(ctx, "insert", instance, changes)
    return instance


def _same(field, old: Any, new: Any) -> bool:
    return field.db_value(old) == field.db_value(new)


def update(ctx: Context, instance: M, **values: Any) -> M:
    """Set the given fields; audit what really changed; refuse a stale write."""
    meta = instance._meta
    changes = {}
    for name, new in values.items():
        old = log.field_value(instance, name)
        new_plain = new.get_id() if isinstance(new, Model) else new
        if not _same(meta.fields[name], old, new_plain):
            changes[name] = (old, new_plain)
    if not changes:
        return instance
    model = type(instance)
    query_values = {meta.fields[name]: new for name, (_, new) in changes.items()}
    where = [meta.primary_key == instance.get_id()]
    if isinstance(instance, VersionedModel):
        query_values[model.version] = model.version + 1
        where.append(model.version == instance.version)
    if model.update(query_values).where(*where).execute() == 0:
        raise stale(ctx, instance)
    for name, (_, new) in changes.items():
        setattr(instance, name, values[name])
    if isinstance(instance, VersionedModel):
        instance.version += 1
    log.record_change(ctx, "update", instance, changes)
    return instance


def delete(ctx: Context, instance: Model) -> None:
    model = type(instance)
    where = [model._meta.primary_key == instance.get_id()]
    if isinstance(instance, VersionedModel):
        where.append(model.version == instance.version)
    changes = {name: (log.field_value(instance, name), None)
               for name in instance._meta.sorted_field_names if name not in _SKIP}
    if model.delete().where(*where).execute() == 0:
        raise stale(ctx, instance)
    log.record_change(ctx, "delete", instance, changes)


def stale(ctx: Context, instance: Model) -> StaleRecord:
    """The error for a write that lost the race, naming who changed the record and when."""
    last = log.last_change(instance._meta.table_name, log.record_key(instance))
    who = ""
    if last is not None:
        when = ctx.local(last.at).strftime("%d/%m/%Y %H:%M")
        who = f" da {last.operator_login.upper()} il {when}"
    return StaleRecord(
        f"{label(instance).capitalize()}: modificato{who} dopo la lettura; la modifica non è "
        "stata salvata. Rileggere il record e ripetere la modifica.")
