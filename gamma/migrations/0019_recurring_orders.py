"""Recurring customer orders: templates per customer, their lines, and the (template,
day) → order each generation made (unique, so a day is generated once)."""
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

    class Destination(Model):
        class Meta:
            database = db
            table_name = 'destination'

    class Document(Model):
        class Meta:
            database = db
            table_name = 'document'

    class Party(Model):
        class Meta:
            database = db
            table_name = 'party'

    class RecurringTemplate(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        code = CharField(max_length=20)
        description = CharField(max_length=60, default='')
        party = ForeignKeyField(Party, on_delete='RESTRICT')
        frequency = CharField(max_length=8)
        days = CharField(max_length=20, default='')
        month_day = SmallIntegerField(null=True)
        skip_holidays = BooleanField(default=True)
        start = DateField()
        end = DateField(null=True)
        price_type = CharField(max_length=6, default='list')
        price_list = SmallIntegerField(null=True)
        delivery_days = SmallIntegerField(default=0)
        destination = ForeignKeyField(Destination, null=True, on_delete='RESTRICT')
        contact = CharField(max_length=60, default='')
        notes = TextField(default='')
        active = BooleanField(default=True)
        class Meta:
            database = db
            table_name = 'recurring_template'
            indexes = ((('company', 'code'), True), (('company', 'party'), False))
    db.create_tables([RecurringTemplate])

    class RecurringLine(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        template = ForeignKeyField(RecurringTemplate, on_delete='CASCADE')
        position = IntegerField()
        article = ForeignKeyField(Article, on_delete='RESTRICT')
        qty = BigIntegerField()
        price = BigIntegerField(null=True)
        class Meta:
            database = db
            table_name = 'recurring_line'
            indexes = ((('template', 'position'), True),)
    db.create_tables([RecurringLine])

    class RecurringRun(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        template = ForeignKeyField(RecurringTemplate, on_delete='RESTRICT')
        day = DateField()
        document = ForeignKeyField(Document, null=True, on_delete='SET NULL')
        created_by = CharField(max_length=30, default='')
        created_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'recurring_run'
            indexes = ((('template', 'day'), True), (('company', 'day'), False))
    db.create_tables([RecurringRun])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('recurring_run'))
    migrator.migrate(migrator.drop_table('recurring_line'))
    migrator.migrate(migrator.drop_table('recurring_template'))
