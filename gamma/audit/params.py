"""The parameters of `gamma audit list` (and of its mask, 941) turned into a query.

Dates are typed as operators type them (dd/mm/yyyy, ggmmaa, -7 …) and mean whole days in
the operators' time zone: `since` from the start of its day, `until` to the end of its day.
"""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta
from typing import Any

from gamma import dates, functions
from gamma.audit.view import AuditQuery
from gamma.context import Context
from gamma.errors import NotFound, ValidationError
from models import AuditEntry

DEFAULT_LIMIT = 200


def start_of(ctx: Context, text: str | None, field: str, label: str) -> datetime | None:
    day = dates.parse_date(text, ctx.today(), field, label) if text else None
    return datetime.combine(day, time(), ctx.tz) if day else None


def query(ctx: Context, who: str | None = None, since: str | None = None,
          until: str | None = None, function_code: str | None = None,
          action: str | None = None, table: str | None = None, key: str | None = None,
          limit: int | str | None = None) -> AuditQuery:
    end = start_of(ctx, until, "until", "Al")
    function = None
    if function_code:
        try:
            function = functions.get(function_code).code
        except NotFound:
            raise ValidationError("function_code", f"funzione {function_code} inesistente",
                                  "Funzione") from None
    if limit in (None, ""):
        limit = DEFAULT_LIMIT
    limit = int(limit)
    if not 1 <= limit <= 100000:
        raise ValidationError("limit", "da 1 a 100000", "Righe al massimo")
    return AuditQuery(operator=who or None, since=start_of(ctx, since, "since", "Dal"),
                      until=end + timedelta(days=1) if end else None, function=function,
                      action=action or None, table=table or None, key=key or None,
                      limit=limit)


def changes_text(action: str, changes: dict) -> str:
    if action == "insert":
        return ", ".join(f"{k}={n}" for k, (_, n) in changes.items())
    if action == "delete":
        return ", ".join(f"{k}={o}" for k, (o, _) in changes.items())
    return ", ".join(f"{k}: {o} → {n}" for k, (o, n) in changes.items())


def entry_row(ctx: Context, entry: AuditEntry) -> dict[str, Any]:
    """An entry as a list line: local time, who, what."""
    changes = json.loads(entry.changes) if entry.changes else {}
    return {"id": entry.id, "at": ctx.local(entry.at).strftime("%d/%m/%y %H:%M"),
            "operator": entry.operator_login, "company": entry.company_code or "",
            "function": entry.function_code or "", "action": entry.action,
            "table": entry.table_name or "", "key": entry.record_key or "",
            "what": entry.message or changes_text(entry.action, changes)}
