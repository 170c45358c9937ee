"""The article's net weight per first unit (kg), and the weight it gives a statistics
journal row (qty × net weight), with an eleventh base-sum column for stored statistics."""
from peewee import *


def up(migrator, db):
    migrator.migrate(
        migrator.add_column('article', 'net_weight', BigIntegerField(null=True)),
        migrator.add_column('stat_movement', 'weight', BigIntegerField(default=0)),
        migrator.add_column('stored_stat_row', 's11', BigIntegerField(default=0)),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_column('stored_stat_row', 's11'),
        migrator.drop_column('stat_movement', 'weight'),
        migrator.drop_column('article', 'net_weight'),
    )
