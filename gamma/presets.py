"""Presets (memorizzazione parametri): named parameter sets of a command.

A preset is personal (only its owner sees it) or shared (everybody sees it; saving or
deleting a shared one needs the presets function). Looking a name up finds the operator's
own preset first, then the shared one.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from gamma import functions, records
from gamma.access import permissions
from gamma.audit import log
from gamma.context import Context
from gamma.errors import NotFound, PermissionDenied, ValidationError
from gamma.service import operation
from models import Preset

NAME_RULE = re.compile(r"^[\w][\w .\-]{0,39}$")


@dataclass(frozen=True)
class StoredPreset:
    command: str
    name: str
    shared: bool
    owner: str | None
    description: str
    params: dict[str, Any]
    updated_at: Any
    updated_by: str


def _view(p: Preset) -> StoredPreset:
    return StoredPreset(p.command, p.name, p.owner_id is None,
                        p.owner.login if p.owner_id else None, p.description,
                        json.loads(p.params), p.updated_at, p.updated_by)


def _find(ctx: Context, command: str, name: str, shared: bool | None) -> Preset | None:
    q = Preset.select().where(Preset.command == command, Preset.name == name)
    own = None if shared else q.where(Preset.owner == ctx.operator).first()
    if own is not None:
        return own
    return None if shared is False else q.where(Preset.owner.is_null()).first()


def _require_shared(ctx: Context) -> None:
    if not permissions.function_allowed(ctx.operator, functions.PRESETS.code):
        raise PermissionDenied(
            f"Parametri condivisi: funzione {functions.PRESETS.label()} non consentita "
            f"all'operatore {ctx.operator.display}", functions.PRESETS.code)


@operation(None)
def save(ctx: Context, command: str, name: str, params: dict[str, Any], *,
         shared: bool = False, description: str = "") -> StoredPreset:
    """Create or replace a preset; params must be a JSON object."""
    if not NAME_RULE.match(name or ""):
        raise ValidationError("name", "da 1 a 40 caratteri: lettere, cifre, spazio, . _ -",
                              "Nome dei parametri")
    if not isinstance(params, dict):
        raise ValidationError("params", "devono essere un insieme di nome = valore", "Parametri")
    try:
        encoded = json.dumps(params, sort_keys=True, ensure_ascii=False, default=log.jsonable)
    except (TypeError, ValueError) as exc:
        raise ValidationError("params", f"valori non memorizzabili ({exc})", "Parametri") from None
    if shared:
        _require_shared(ctx)
    existing = _find(ctx, command, name, shared)
    values = dict(params=encoded, description=description, updated_at=ctx.now(),
                  updated_by=ctx.login)
    if existing is None:
        preset = records.insert(ctx, Preset, command=command, name=name,
                                owner=None if shared else ctx.operator, **values)
    else:
        preset = records.update(ctx, existing, **values)
    return _view(preset)


@operation(None, write=False)
def load(ctx: Context, command: str, name: str) -> StoredPreset:
    preset = _find(ctx, command, name, None)
    if preset is None:
        raise NotFound(f"Parametri memorizzati «{name}» inesistenti per il comando {command}")
    return _view(preset)


@operation(None, write=False)
def list_presets(ctx: Context, command: str | None = None) -> list[StoredPreset]:
    """The operator's own presets and the shared ones."""
    q = Preset.select().where((Preset.owner == ctx.operator) | Preset.owner.is_null())
    if command:
        q = q.where(Preset.command == command)
    return [_view(p) for p in q.order_by(Preset.command, Preset.name,
                                         Preset.owner.asc(nulls="LAST"))]


@operation(None)
def delete(ctx: Context, command: str, name: str, *, shared: bool | None = None) -> None:
    preset = _find(ctx, command, name, shared)
    if preset is None:
        raise NotFound(f"Parametri memorizzati «{name}» inesistenti per il comando {command}")
    if preset.owner_id is None:
        _require_shared(ctx)
    records.delete(ctx, preset)
