"""The operator terminal's own tables: SSH keys of operators, drafts of masks being
filled in, favourite commands, user-built masks."""
from peewee import *

def up(migrator, db):
    class Company(Model):
        class Meta:
            database = db
            table_name = 'company'

    class Group(Model):
        class Meta:
            database = db
            table_name = 'operator_group'

    class Operator(Model):
        class Meta:
            database = db
            table_name = 'operator'

    class Draft(Model):
        operator = ForeignKeyField(Operator, on_delete='CASCADE')
        company = ForeignKeyField(Company, on_delete='CASCADE')
        form = CharField(max_length=40)
        record_key = CharField(max_length=120, default='')
        function_code = CharField(max_length=20, default='')
        title = CharField(max_length=80, default='')
        values = TextField()
        updated_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'draft'
            indexes = ((('operator', 'company', 'form', 'record_key'), True),)
    db.create_tables([Draft])

    class Favourite(Model):
        operator = ForeignKeyField(Operator, on_delete='CASCADE')
        position = SmallIntegerField(constraints=[Check('position BETWEEN 1 AND 9')])
        function_code = CharField(max_length=20)
        class Meta:
            database = db
            table_name = 'favourite'
            indexes = ((('operator', 'position'), True),)
    db.create_tables([Favourite])

    class MaskLayout(Model):
        version = IntegerField(default=1)
        form = CharField(index=True, max_length=40)
        operator = ForeignKeyField(Operator, null=True, on_delete='CASCADE')
        group = ForeignKeyField(Group, null=True, on_delete='CASCADE')
        fields = TextField()
        updated_at = DateTimeField()
        updated_by = CharField(max_length=20, default='')
        class Meta:
            database = db
            table_name = 'mask_layout'
            constraints = [Check('operator_id IS NULL OR group_id IS NULL')]
    db.create_tables([MaskLayout])

    class OperatorKey(Model):
        operator = ForeignKeyField(Operator, on_delete='CASCADE')
        key_type = CharField(max_length=40)
        key_data = TextField()
        fingerprint = CharField(unique=True, max_length=80)
        comment = CharField(max_length=80, default='')
        created_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'operator_key'
    db.create_tables([OperatorKey])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('operator_key'))
    migrator.migrate(migrator.drop_table('mask_layout'))
    migrator.migrate(migrator.drop_table('favourite'))
    migrator.migrate(migrator.drop_table('draft'))
