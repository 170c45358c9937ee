"""Stored statistics: a statistic preset's consolidated results per company, and the lock
that keeps two batch runs apart (models/stored_stats.py)."""
from peewee import *

def up(migrator, db):
    class Company(Model):
        class Meta:
            database = db
            table_name = 'company'

    class Preset(Model):
        class Meta:
            database = db
            table_name = 'preset'

    class BatchLock(Model):
        name = CharField(unique=True, max_length=40)
        holder = CharField(max_length=30, default='')
        host = CharField(max_length=100, default='')
        pid = IntegerField(default=0)
        acquired_at = DateTimeField(null=True)
        heartbeat_at = DateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'batch_lock'
    db.create_tables([BatchLock])

    class StoredStatistic(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        preset = ForeignKeyField(Preset, on_delete='CASCADE')
        automatic = BooleanField(default=False)
        spec_hash = CharField(max_length=64, default='')
        sums = TextField(default='[]')
        watermark = BigIntegerField(default=0)
        outputs = TextField(default='{}')
        last_run_at = DateTimeField(null=True)
        last_full = BooleanField(default=False)
        last_read = IntegerField(default=0)
        last_rows = IntegerField(default=0)
        last_ms = IntegerField(default=0)
        last_error = CharField(max_length=200, default='')
        class Meta:
            database = db
            table_name = 'stored_statistic'
            indexes = ((('preset', 'company'), True),)
    db.create_tables([StoredStatistic])

    class StoredStatRow(Model):
        stored = ForeignKeyField(StoredStatistic, on_delete='CASCADE')
        group_key = TextField()
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
        class Meta:
            database = db
            table_name = 'stored_stat_row'
            indexes = ((('stored', 'group_key'), True),)
    db.create_tables([StoredStatRow])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('stored_stat_row'))
    migrator.migrate(migrator.drop_table('stored_statistic'))
    migrator.migrate(migrator.drop_table('batch_lock'))
