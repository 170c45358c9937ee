"""The statistics journal (stat_movement): one row per statistic-relevant document line,
appended at confirmation (gamma.stats.journal)."""
from peewee import *

def up(migrator, db):
    class Agent(Model):
        class Meta:
            database = db
            table_name = 'agent'

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

    class Document(Model):
        class Meta:
            database = db
            table_name = 'document'

    class Party(Model):
        class Meta:
            database = db
            table_name = 'party'

    class StatMovement(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        source = CharField(max_length=16)
        document = ForeignKeyField(Document, on_delete='CASCADE')
        line = IntegerField(null=True)
        position = IntegerField(default=0)
        kind = CharField(max_length=20)
        date = DateField()
        party = ForeignKeyField(Party, null=True, on_delete='RESTRICT')
        agent = ForeignKeyField(Agent, null=True, on_delete='RESTRICT')
        article = ForeignKeyField(Article, null=True, on_delete='RESTRICT')
        depot = ForeignKeyField(Depot, null=True, on_delete='RESTRICT')
        qty = BigIntegerField(default=0)
        qty2 = BigIntegerField(default=0)
        packages = BigIntegerField(default=0)
        revenue = BigIntegerField(default=0)
        gross = BigIntegerField(default=0)
        cost = BigIntegerField(default=0)
        unit_price = BigIntegerField(default=0)
        returned = BooleanField(default=False)
        gift = BooleanField(default=False)
        campaign = BooleanField(default=False)
        reversal = BooleanField(default=False)
        class Meta:
            database = db
            table_name = 'stat_movement'
            indexes = ((('company', 'date'), False), (('company', 'document'), False))
    db.create_tables([StatMovement])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('stat_movement'))
