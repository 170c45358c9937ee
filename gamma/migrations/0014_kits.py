"""Kits (bills of materials): components with quantities, scrap and alternatives; how a
kit explodes in documents (on the article); mix-and-match gifts."""
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

    migrator.migrate(
        migrator.add_column('article', 'kit_explosion',
                            CharField(max_length=10, default='never')),
        migrator.add_column('article', 'kit_pricing', CharField(max_length=10, default='parent')),
    )

    class KitComponent(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        parent = ForeignKeyField(Article, field=Article.id, on_delete='CASCADE')
        component = ForeignKeyField(Article, field=Article.id, on_delete='RESTRICT',
                                    backref='kit_parents')
        qty = BigIntegerField()
        qty2 = BigIntegerField(null=True)
        scrap = BigIntegerField(default=0)
        position = SmallIntegerField(default=0)
        alt_group = SmallIntegerField(default=0)
        priority = SmallIntegerField(default=0)

        class Meta:
            database = db
            table_name = 'kit_component'
            indexes = ((('parent', 'component'), True), (('company', 'component'), False))
    db.create_tables([KitComponent])

    class MixMatch(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        article = ForeignKeyField(Article, field=Article.id, on_delete='CASCADE')
        buy_qty = BigIntegerField()
        gift = ForeignKeyField(Article, field=Article.id, on_delete='CASCADE',
                               backref='mix_match_gifts')
        gift_qty = BigIntegerField(default=1000)
        discount = BigIntegerField(default=10000)
        description = CharField(max_length=60, default='')
        valid_from = DateField(null=True)
        valid_to = DateField(null=True)
        active = BooleanField(default=True)

        class Meta:
            database = db
            table_name = 'mix_match'
            indexes = ((('company', 'article'), False),)
    db.create_tables([MixMatch])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('mix_match'))
    migrator.migrate(migrator.drop_table('kit_component'))
    migrator.migrate(
        migrator.drop_column('article', 'kit_pricing'),
        migrator.drop_column('article', 'kit_explosion'),
    )
