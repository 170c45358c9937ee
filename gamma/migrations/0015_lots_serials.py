"""Lots and serial numbers: lots with expiry, supplier and the customer they are reserved
to, serials per unit; the lot and serial a stock movement moved, the lot and serials a
document line carries."""
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

    class Party(Model):
        class Meta:
            database = db
            table_name = 'party'

    class Lot(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        article = ForeignKeyField(Article, on_delete='RESTRICT')
        code = CharField(max_length=30)
        expiry = DateField(null=True)
        produced = DateField(null=True)
        supplier = ForeignKeyField(Party, null=True, on_delete='RESTRICT',
                                   backref='lots_supplied')
        reserved_to = ForeignKeyField(Party, null=True, on_delete='RESTRICT',
                                      backref='lots_reserved')
        notes = TextField(default='')
        class Meta:
            database = db
            table_name = 'lot'
            indexes = ((('article', 'code'), True), (('company', 'expiry'), False))
    db.create_tables([Lot])

    class Serial(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        article = ForeignKeyField(Article, on_delete='RESTRICT')
        code = CharField(max_length=40)
        lot = ForeignKeyField(Lot, null=True, on_delete='RESTRICT')
        status = CharField(max_length=10, default='in_stock')
        class Meta:
            database = db
            table_name = 'serial'
            indexes = ((('article', 'code'), True), (('company', 'code'), False))
    db.create_tables([Serial])

    migrator.migrate(
        migrator.add_column('stock_movement', 'lot_id', ForeignKeyField(
            Lot, field=Lot.id, null=True, on_delete='RESTRICT')),
        migrator.add_column('stock_movement', 'serial_id', ForeignKeyField(
            Serial, field=Serial.id, null=True, on_delete='RESTRICT')),
        migrator.add_column('document_line', 'lot_id', ForeignKeyField(
            Lot, field=Lot.id, null=True, on_delete='RESTRICT')),
        migrator.add_column('document_line', 'serials', TextField(default='')),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_column('document_line', 'serials'),
        migrator.drop_column('document_line', 'lot_id'),
        migrator.drop_column('stock_movement', 'serial_id'),
        migrator.drop_column('stock_movement', 'lot_id'),
    )
    migrator.migrate(migrator.drop_table('serial'))
    migrator.migrate(migrator.drop_table('lot'))
