"""Stored statistics (statistiche memorizzate): a statistic preset with its results kept
and consolidated incrementally from the statistics journal, and the lock that keeps two
batch runs apart (gamma.stats.stored, gamma.stats.batch_lock)."""

from __future__ import annotations

from peewee import (BigIntegerField, BooleanField, CharField, ForeignKeyField, IntegerField,
                    TextField)

from models.base import BaseModel
from models.company import CompanyModel
from models.fields import TimestampField
from models.preset import Preset

# Base sums a statistic may keep per group, s1 … s11: as many as gamma.stats.measures.BASE.
SUM_COLUMNS = 11
SUM_PLACES = 6  # at most: each sum is an integer at its own places (gamma.stats.consolidate)


class StoredStatistic(CompanyModel):
    """A "stats" preset's consolidated state in one company: up to `watermark` (the last
    StatMovement id added in) the journal is summed into its StoredStatRow rows."""

    LABEL = "statistica memorizzata"
    AUDIT_KEY = "preset"

    preset = ForeignKeyField(Preset, on_delete="CASCADE", backref="stored_statistics")
    automatic = BooleanField(default=False)  # run by `gamma stats run --stored` (cron)
    spec_hash = CharField(max_length=64, default="")  # of the resolved spec: changed → full run
    sums = TextField(default="[]")  # JSON: the base sums' names, in the order of s1, s2, …
    watermark = BigIntegerField(default=0)
    outputs = TextField(default="{}")  # JSON: {"xlsx": "/srv/stat/vendite-{data}.xlsx", …}
    last_run_at = TimestampField(null=True)
    last_full = BooleanField(default=False)  # the last run recomputed from zero
    last_read = IntegerField(default=0)  # journal rows read by the last run
    last_rows = IntegerField(default=0)  # detail rows of the last result
    last_ms = IntegerField(default=0)  # duration of the last run
    last_error = CharField(max_length=200, default="")  # "" when the last run succeeded

    class Meta:
        indexes = ((("preset", "company"), True),)


class StoredStatRow(BaseModel):
    """One group at the statistic's finest level: its keys and base sums so far."""

    stored = ForeignKeyField(StoredStatistic, on_delete="CASCADE", backref="rows")
    group_key = TextField()  # the group's keys in one text (gamma.stats.consolidate)
    s1 = BigIntegerField(default=0)
    s2 = BigIntegerField(default=0)
    s3 = BigIntegerField(default=0)
    s4 = BigIntegerField(default=0)
    s5 = BigIntegerField(default=0)
    s6 = BigIntegerField(default=0)
    s7 = BigIntegerField(default=0)
    s8 = BigIntegerField(default=0)
    s9 = BigIntegerField(default=0)
    s10 = BigIntegerField(default=0)
    s11 = BigIntegerField(default=0)

    class Meta:
        indexes = ((("stored", "group_key"), True),)


class BatchLock(BaseModel):
    """A named lock of batch work, taken by a conditional UPDATE so that it holds across
    processes and hosts; a holder that stopped beating is taken over (stale)."""

    name = CharField(max_length=40, unique=True)
    holder = CharField(max_length=30, default="")  # operator login; "" when free
    host = CharField(max_length=100, default="")
    pid = IntegerField(default=0)
    acquired_at = TimestampField(null=True)
    heartbeat_at = TimestampField(null=True)
