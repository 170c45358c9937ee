"""E-invoice files made from sales documents (FatturaPA export) and the history of their
SDI outcomes."""
from peewee import *


def up(migrator, db):
    class Company(Model):
        class Meta:
            database = db
            table_name = 'company'

    class Document(Model):
        class Meta:
            database = db
            table_name = 'document'

    class EInvoiceFile(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        document = ForeignKeyField(Document, on_delete='RESTRICT')
        progressive = IntegerField()
        file_name = CharField(max_length=50)
        format = CharField(max_length=5)
        state = CharField(max_length=16, default='ready')
        created_at = DateTimeField()
        xml = TextField()
        path = CharField(max_length=255, default='')
        sdi_id = CharField(max_length=20, default='')
        notes = TextField(default='')
        class Meta:
            database = db
            table_name = 'einvoice_file'
            indexes = ((('company', 'progressive'), True), (('company', 'file_name'), True))
    db.create_tables([EInvoiceFile])

    class EInvoiceEvent(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        file = ForeignKeyField(EInvoiceFile, on_delete='CASCADE')
        at = DateTimeField()
        state = CharField(max_length=16)
        code = CharField(max_length=10, default='')
        message = TextField(default='')
        class Meta:
            database = db
            table_name = 'einvoice_event'
    db.create_tables([EInvoiceEvent])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('einvoice_event'))
    migrator.migrate(migrator.drop_table('einvoice_file'))
