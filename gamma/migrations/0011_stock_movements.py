"""Manual stock movements: prices in a foreign currency (as given, with the rate), the two
halves of a transfer linked, a note; stock reasons that reprice purchase loads."""
from peewee import *


def up(migrator, db):
    class StockMovement(Model):
        class Meta:
            database = db
            table_name = 'stock_movement'

    migrator.migrate(
        migrator.add_column('stock_movement', 'currency', CharField(max_length=3, default='')),
        migrator.add_column('stock_movement', 'original_price', BigIntegerField(null=True)),
        migrator.add_column('stock_movement', 'exchange_rate', BigIntegerField(null=True)),
        migrator.add_column('stock_movement', 'paired_id', ForeignKeyField(
            StockMovement, field=StockMovement.id, null=True, on_delete='SET NULL')),
        migrator.add_column('stock_movement', 'note', CharField(max_length=60, default='')),
        migrator.add_column('stock_reason', 'reprice', BooleanField(default=False)),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_column('stock_reason', 'reprice'),
        migrator.drop_column('stock_movement', 'note'),
        migrator.drop_index('stock_movement', 'stock_movement_paired_id'),
        migrator.drop_column('stock_movement', 'paired_id'),
        migrator.drop_column('stock_movement', 'exchange_rate'),
        migrator.drop_column('stock_movement', 'original_price'),
        migrator.drop_column('stock_movement', 'currency'),
    )
