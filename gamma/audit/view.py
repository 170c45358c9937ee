"""Reading the audit log, for those granted the function."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from gamma import functions
from gamma.context import Context
from gamma.service import operation
from models import AuditEntry


@dataclass(frozen=True)
class AuditQuery:
    operator: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    function: str | None = None
    action: str | None = None
    table: str | None = None
    key: str | None = None
    limit: int = 200


@operation(functions.AUDIT_VIEW, write=False)
def search(ctx: Context, query: AuditQuery) -> list[AuditEntry]:
    """Entries matching the query, newest first."""
    q = AuditEntry.select()
    if query.operator:
        q = q.where(AuditEntry.operator_login == query.operator.lower())
    if query.since:
        q = q.where(AuditEntry.at >= query.since)
    if query.until:
        q = q.where(AuditEntry.at < query.until)
    if query.function:
        q = q.where(AuditEntry.function_code == query.function)
    if query.action:
        q = q.where(AuditEntry.action == query.action)
    if query.table:
        q = q.where(AuditEntry.table_name == query.table)
    if query.key:
        q = q.where(AuditEntry.record_key == query.key)
    return list(q.order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(query.limit))


