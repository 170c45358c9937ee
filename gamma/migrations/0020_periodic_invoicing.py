"""Periodic invoicing: contracts and their billing items, the generation runs, their
transitory movements and lines."""
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

    class Document(Model):
        class Meta:
            database = db
            table_name = 'document'

    class Party(Model):
        class Meta:
            database = db
            table_name = 'party'

    class PaymentTerm(Model):
        class Meta:
            database = db
            table_name = 'payment_term'

    class VatCode(Model):
        class Meta:
            database = db
            table_name = 'vat_code'

    class Contract(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        code = CharField(max_length=20)
        party = ForeignKeyField(Party, on_delete='RESTRICT')
        series = CharField(max_length=10, default='')
        date = DateField()
        start = DateField()
        end = DateField(null=True)
        frequency = CharField(max_length=12, default='monthly')
        kind = CharField(max_length=20, default='invoice')
        payment_term = ForeignKeyField(PaymentTerm, null=True, on_delete='RESTRICT')
        notes = TextField(default='')
        active = BooleanField(default=True)
        billed_to = DateField(null=True)
        class Meta:
            database = db
            table_name = 'contract'
            indexes = ((('company', 'code'), True),)
    db.create_tables([Contract])

    class ContractItem(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        contract = ForeignKeyField(Contract, on_delete='CASCADE')
        position = IntegerField()
        item_type = CharField(max_length=8, default='charge')
        article = ForeignKeyField(Article, null=True, on_delete='RESTRICT')
        description = CharField(max_length=200, default='')
        vat_code = ForeignKeyField(VatCode, null=True, on_delete='RESTRICT')
        qty = BigIntegerField(default=1)
        price = BigIntegerField(default=0)
        repeat = CharField(max_length=6, default='every')
        months = CharField(max_length=40, default='')
        instalments = IntegerField(default=0)
        billed_count = IntegerField(default=0)
        withholding = BooleanField(default=False)
        class Meta:
            database = db
            table_name = 'contract_item'
            indexes = ((('contract', 'position'), True),)
    db.create_tables([ContractItem])

    class PeriodicRun(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        up_to = DateField()
        doc_date = DateField()
        status = CharField(max_length=10, default='open')
        filters = TextField(default='')
        created_by = CharField(max_length=30, default='')
        created_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'periodic_run'
    db.create_tables([PeriodicRun])

    class PeriodicMovement(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        run = ForeignKeyField(PeriodicRun, on_delete='CASCADE')
        contract = ForeignKeyField(Contract, on_delete='RESTRICT')
        party = ForeignKeyField(Party, on_delete='RESTRICT')
        kind = CharField(max_length=20)
        period_from = DateField()
        period_to = DateField()
        billed_before = DateField(null=True)
        document = ForeignKeyField(Document, null=True, on_delete='SET NULL')
        class Meta:
            database = db
            table_name = 'periodic_movement'
    db.create_tables([PeriodicMovement])

    class PeriodicLine(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        movement = ForeignKeyField(PeriodicMovement, on_delete='CASCADE')
        position = IntegerField()
        item = ForeignKeyField(ContractItem, null=True, on_delete='SET NULL')
        line_type = CharField(max_length=8, default='charge')
        article = ForeignKeyField(Article, null=True, on_delete='RESTRICT')
        description = CharField(max_length=200, default='')
        vat_code = ForeignKeyField(VatCode, null=True, on_delete='RESTRICT')
        qty = BigIntegerField(default=1)
        price = BigIntegerField(default=0)
        amount = BigIntegerField(default=0)
        withholding = BooleanField(default=False)
        counted = BooleanField(default=False)
        class Meta:
            database = db
            table_name = 'periodic_line'
    db.create_tables([PeriodicLine])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('periodic_line'))
    migrator.migrate(migrator.drop_table('periodic_movement'))
    migrator.migrate(migrator.drop_table('periodic_run'))
    migrator.migrate(migrator.drop_table('contract_item'))
    migrator.migrate(migrator.drop_table('contract'))
