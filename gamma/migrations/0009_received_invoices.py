"""Supplier e-invoices received (FatturaPA import): invoices, lines, VAT summaries,
payments and attachments."""
from peewee import *


def up(migrator, db):
    class Article(Model):
        class Meta:
            database = db
            table_name = 'article'

    class Company(Model):
        class Meta:
            database = db
            table_name = 'company'

    class Operator(Model):
        class Meta:
            database = db
            table_name = 'operator'

    class Party(Model):
        class Meta:
            database = db
            table_name = 'party'

    class ReceivedInvoice(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        supplier = ForeignKeyField(Party, on_delete='RESTRICT')
        file_name = CharField(max_length=120)
        format = CharField(max_length=5)
        document_type = CharField(max_length=4)
        number = CharField(max_length=20)
        date = DateField()
        currency = CharField(max_length=3, default='EUR')
        total = BigIntegerField(default=0)
        taxable = BigIntegerField(default=0)
        vat = BigIntegerField(default=0)
        body_index = SmallIntegerField(default=1)
        xml = TextField()
        imported_at = DateTimeField()
        imported_by = ForeignKeyField(Operator, null=True, on_delete='SET NULL')
        class Meta:
            database = db
            table_name = 'received_invoice'
            indexes = ((('company', 'supplier', 'number', 'date'), True),)
    db.create_tables([ReceivedInvoice])

    class ReceivedAttachment(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        invoice = ForeignKeyField(ReceivedInvoice, on_delete='CASCADE')
        name = CharField(max_length=60)
        mime = CharField(max_length=20, default='')
        data = BlobField()
        class Meta:
            database = db
            table_name = 'received_attachment'
    db.create_tables([ReceivedAttachment])

    class ReceivedLine(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        invoice = ForeignKeyField(ReceivedInvoice, on_delete='CASCADE')
        number = IntegerField()
        article = ForeignKeyField(Article, null=True, on_delete='SET NULL')
        code = CharField(max_length=35, default='')
        description = TextField(default='')
        qty = BigIntegerField(null=True)
        unit = CharField(max_length=10, default='')
        price = BigIntegerField(default=0)
        price_text = CharField(max_length=30, default='')
        amount = BigIntegerField(default=0)
        vat_rate = BigIntegerField(default=0)
        nature = CharField(max_length=5, default='')
        class Meta:
            database = db
            table_name = 'received_line'
    db.create_tables([ReceivedLine])

    class ReceivedPayment(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        invoice = ForeignKeyField(ReceivedInvoice, on_delete='CASCADE')
        due_date = DateField(null=True)
        amount = BigIntegerField(default=0)
        method = CharField(max_length=4, default='')
        iban = CharField(max_length=34, default='')
        class Meta:
            database = db
            table_name = 'received_payment'
    db.create_tables([ReceivedPayment])

    class ReceivedVat(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        invoice = ForeignKeyField(ReceivedInvoice, on_delete='CASCADE')
        rate = BigIntegerField(default=0)
        nature = CharField(max_length=5, default='')
        taxable = BigIntegerField(default=0)
        vat = BigIntegerField(default=0)
        esigibilita = CharField(max_length=1, default='')
        law_reference = CharField(max_length=100, default='')
        class Meta:
            database = db
            table_name = 'received_vat'
    db.create_tables([ReceivedVat])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('received_vat'))
    migrator.migrate(migrator.drop_table('received_payment'))
    migrator.migrate(migrator.drop_table('received_line'))
    migrator.migrate(migrator.drop_table('received_attachment'))
    migrator.migrate(migrator.drop_table('received_invoice'))
