"""Orders on the documents: delivery date and priority of an order, requested delivery
date per line, and the "not to fulfil" flag on orders and on their lines."""
from peewee import *


def up(migrator, db):
    migrator.migrate(
        migrator.add_column('document', 'delivery_date', DateField(null=True)),
        migrator.add_column('document', 'priority', SmallIntegerField(default=5)),
        migrator.add_column('document', 'not_to_fulfil', BooleanField(default=False)),
        migrator.add_column('document_line', 'delivery_date', DateField(null=True)),
        migrator.add_column('document_line', 'not_to_fulfil', BooleanField(default=False)),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_column('document_line', 'not_to_fulfil'),
        migrator.drop_column('document_line', 'delivery_date'),
        migrator.drop_column('document', 'not_to_fulfil'),
        migrator.drop_column('document', 'priority'),
        migrator.drop_column('document', 'delivery_date'),
    )
