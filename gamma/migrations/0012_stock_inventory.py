"""Physical inventory counts (sessions and their lines) and the record of each year-end
stock close."""
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

    class Depot(Model):
        class Meta:
            database = db
            table_name = 'depot'

    class StockClose(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        year = SmallIntegerField()
        method = CharField(max_length=20)
        articles = IntegerField(default=0)
        value = BigIntegerField(default=0)
        closed_at = DateTimeField()
        closed_by = CharField(max_length=20, default='')
        class Meta:
            database = db
            table_name = 'stock_close'
            indexes = ((('company', 'year'), True),)
    db.create_tables([StockClose])

    class StockCount(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        depot = ForeignKeyField(Depot, on_delete='RESTRICT')
        date = DateField()
        description = CharField(max_length=60, default='')
        status = CharField(max_length=8, default='open')
        created_at = DateTimeField()
        applied_at = DateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'stock_count'
    db.create_tables([StockCount])

    class StockCountLine(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        count = ForeignKeyField(StockCount, on_delete='CASCADE')
        article = ForeignKeyField(Article, on_delete='RESTRICT')
        qty = BigIntegerField(default=0)
        expected = BigIntegerField(null=True)
        source = CharField(max_length=8, default='hand')
        class Meta:
            database = db
            table_name = 'stock_count_line'
            indexes = ((('count', 'article'), True),)
    db.create_tables([StockCountLine])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('stock_count_line'))
    migrator.migrate(migrator.drop_table('stock_count'))
    migrator.migrate(migrator.drop_table('stock_close'))
