"""Operator sessions (who is connected), the record locks they hold (released when the
session ends) and each operator's last login."""
from peewee import *

def up(migrator, db):
    class Operator(Model):
        class Meta:
            database = db
            table_name = 'operator'

    class Session(Model):
        operator = ForeignKeyField(Operator, on_delete='CASCADE')
        company_code = SmallIntegerField(null=True)
        origin = CharField(max_length=10)
        host = CharField(max_length=100, default='')
        pid = IntegerField(null=True)
        remote = CharField(max_length=100, default='')
        started_at = DateTimeField()
        last_seen_at = DateTimeField()
        ended_at = DateTimeField(index=True, null=True)
        class Meta:
            database = db
            table_name = 'session'
    db.create_tables([Session])

    class RecordLock(Model):
        table_name = CharField(max_length=60)
        record_key = CharField(max_length=120)
        operator = ForeignKeyField(Operator, on_delete='CASCADE')
        session = ForeignKeyField(Session, null=True, on_delete='CASCADE')
        acquired_at = DateTimeField()
        expires_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'record_lock'
            indexes = ((('table_name', 'record_key'), True),)
    db.create_tables([RecordLock])

    migrator.migrate(migrator.add_column('operator', 'last_login_at', DateTimeField(null=True)))


def down(migrator, db):
    migrator.migrate(migrator.drop_column('operator', 'last_login_at'))
    migrator.migrate(migrator.drop_table('record_lock'))
    migrator.migrate(migrator.drop_table('session'))
