"""The database proxy and the base classes every table derives from."""

from __future__ import annotations

from peewee import DatabaseProxy, IntegerField, Model

# The one allowed global: bound to a real database by gamma.db.connect().
database = DatabaseProxy()


class BaseModel(Model):
    # Italian name of the record kind, for messages ("ditta", "operatore").
    LABEL: str = ""
    # The field that names a record in the audit log and in locks.
    AUDIT_KEY: str = "id"
    # Fields whose values never reach the audit log in clear.
    AUDIT_MASKED: frozenset[str] = frozenset()

    class Meta:
        database = database
        legacy_table_names = False


class VersionedModel(BaseModel):
    """A record edited by operators: `version` catches lost updates at save."""

    version = IntegerField(default=1)
