"""Fixed-width record layouts (tracciati record) defined by the user."""
from peewee import *

def up(migrator, db):
    class Company(Model):
        class Meta:
            database = db
            table_name = 'company'

    class RecordLayout(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        name = CharField(max_length=40)
        description = CharField(max_length=80, default='')
        fields = TextField()
        class Meta:
            database = db
            table_name = 'record_layout'
            indexes = ((('company', 'name'), True),)
    db.create_tables([RecordLayout])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('record_layout'))
