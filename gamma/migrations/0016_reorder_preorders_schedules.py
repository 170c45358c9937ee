"""Reorder proposals, pre-orders and open orders' scheduled deliveries; an article's
maximum stock and preferred supplier, which the reorder works from."""
from peewee import *


def up(migrator, db):
    class Company(Model):
        class Meta:
            database = db
            table_name = 'company'

    class Party(Model):
        class Meta:
            database = db
            table_name = 'party'

    class Article(Model):
        class Meta:
            database = db
            table_name = 'article'

    class Depot(Model):
        class Meta:
            database = db
            table_name = 'depot'

    class Document(Model):
        class Meta:
            database = db
            table_name = 'document'

    class DocumentLine(Model):
        class Meta:
            database = db
            table_name = 'document_line'

    migrator.migrate(
        migrator.add_column('article', 'max_stock', BigIntegerField(null=True)),
        migrator.add_column('article', 'preferred_supplier_id', ForeignKeyField(
            Party, field=Party.id, null=True, on_delete='RESTRICT')),
    )

    class ReorderProposal(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        date = DateField()
        status = CharField(max_length=10, default='open')
        supplier = ForeignKeyField(Party, null=True, on_delete='RESTRICT')
        created_by = CharField(max_length=30, default='')
        created_at = DateTimeField()
        confirmed_at = DateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'reorder_proposal'
    db.create_tables([ReorderProposal])

    class ReorderLine(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        proposal = ForeignKeyField(ReorderProposal, on_delete='CASCADE')
        position = IntegerField()
        article = ForeignKeyField(Article, on_delete='RESTRICT')
        supplier = ForeignKeyField(Party, null=True, on_delete='RESTRICT')
        on_hand = BigIntegerField(default=0)
        committed = BigIntegerField(default=0)
        on_order = BigIntegerField(default=0)
        min_stock = BigIntegerField(default=0)
        proposed = BigIntegerField(default=0)
        qty = BigIntegerField(default=0)
        order = ForeignKeyField(Document, null=True, on_delete='SET NULL')
        class Meta:
            database = db
            table_name = 'reorder_line'
            indexes = ((('proposal', 'article'), True),)
    db.create_tables([ReorderLine])

    class PreOrder(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        date = DateField()
        article = ForeignKeyField(Article, on_delete='RESTRICT')
        qty = BigIntegerField()
        depot = ForeignKeyField(Depot, null=True, on_delete='RESTRICT')
        customer = ForeignKeyField(Party, null=True, on_delete='RESTRICT')
        supplier = ForeignKeyField(Party, null=True, on_delete='RESTRICT',
                                   backref='supplier_preorders')
        status = CharField(max_length=10, default='open')
        origin = CharField(max_length=10, default='manual')
        source = ForeignKeyField(Document, null=True, on_delete='SET NULL')
        source_line = ForeignKeyField(DocumentLine, null=True, on_delete='SET NULL')
        order = ForeignKeyField(Document, null=True, on_delete='SET NULL',
                                backref='from_preorders')
        notes = CharField(max_length=72, default='')
        created_by = CharField(max_length=30, default='')
        created_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'pre_order'
            indexes = ((('company', 'status', 'article'), False),)
    db.create_tables([PreOrder])

    class DeliverySchedule(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        document = ForeignKeyField(Document, on_delete='CASCADE')
        line = ForeignKeyField(DocumentLine, on_delete='CASCADE')
        date = DateField()
        qty = BigIntegerField()
        firm = BooleanField(default=False)
        delivered = BigIntegerField(default=0)
        class Meta:
            database = db
            table_name = 'delivery_schedule'
            indexes = ((('line', 'date'), True), (('company', 'date'), False))
    db.create_tables([DeliverySchedule])


def down(migrator, db):
    for table in ('delivery_schedule', 'pre_order', 'reorder_line', 'reorder_proposal'):
        migrator.migrate(migrator.drop_table(table))
    migrator.migrate(migrator.drop_column('article', 'preferred_supplier_id'),
                     migrator.drop_column('article', 'max_stock'))
