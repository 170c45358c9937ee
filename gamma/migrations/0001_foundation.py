"""Foundation: companies, operators, groups, grants, field rules, audit log, presets,
numbering series."""
from peewee import *

ONE_GRANTEE = Check('(operator_id IS NULL) <> (group_id IS NULL)')

def up(migrator, db):
    class AuditEntry(Model):
        at = DateTimeField(index=True)
        operator_login = CharField(max_length=20)
        company_code = IntegerField(null=True)
        function_code = CharField(null=True, max_length=20)
        action = CharField(max_length=20)
        table_name = CharField(null=True, max_length=60)
        record_key = CharField(null=True, max_length=120)
        changes = TextField(null=True)
        message = TextField(null=True)
        class Meta:
            database = db
            table_name = 'audit_entry'
            indexes = ((('operator_login', 'at'), False), (('table_name', 'record_key'), False))
    db.create_tables([AuditEntry])

    class Company(Model):
        version = IntegerField(default=1)
        code = SmallIntegerField(unique=True, constraints=[Check('code BETWEEN 1 AND 9999')])
        name = CharField(max_length=80)
        vat_number = CharField(max_length=20, default='')
        tax_code = CharField(max_length=16, default='')
        active = BooleanField(default=True)
        created_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'company'
    db.create_tables([Company])

    class Operator(Model):
        version = IntegerField(default=1)
        login = CharField(unique=True, max_length=20)
        name = CharField(max_length=60, default='')
        password_hash = CharField(default='')
        is_admin = BooleanField(default=False)
        active = BooleanField(default=True)
        audit_enabled = BooleanField(default=True)
        failed_logins = IntegerField(default=0)
        locked_until = DateTimeField(null=True)
        see_costs = BooleanField(null=True)
        see_margins = BooleanField(null=True)
        see_prices = BooleanField(null=True)
        created_at = DateTimeField()
        password_changed_at = DateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'operator'
    db.create_tables([Operator])

    class Group(Model):
        version = IntegerField(default=1)
        code = CharField(unique=True, max_length=20)
        description = CharField(max_length=60, default='')
        see_costs = BooleanField(default=False)
        see_margins = BooleanField(default=False)
        see_prices = BooleanField(default=True)
        class Meta:
            database = db
            table_name = 'operator_group'
    db.create_tables([Group])

    class CompanyAccess(Model):
        company = ForeignKeyField(Company, on_delete='CASCADE')
        operator = ForeignKeyField(Operator, null=True, on_delete='CASCADE')
        group = ForeignKeyField(Group, null=True, on_delete='CASCADE')
        class Meta:
            database = db
            table_name = 'company_access'
            constraints = [ONE_GRANTEE]
    db.create_tables([CompanyAccess])

    class DocumentRight(Model):
        doc_type = CharField(index=True, max_length=30)
        operator = ForeignKeyField(Operator, null=True, on_delete='CASCADE')
        group = ForeignKeyField(Group, null=True, on_delete='CASCADE')
        can_insert = BooleanField(default=False)
        can_modify = BooleanField(default=False)
        can_print = BooleanField(default=False)
        can_history = BooleanField(default=False)
        can_view_others = BooleanField(default=False)
        can_modify_others = BooleanField(default=False)
        class Meta:
            database = db
            table_name = 'document_right'
            constraints = [ONE_GRANTEE]
    db.create_tables([DocumentRight])

    class FieldRule(Model):
        version = IntegerField(default=1)
        form = CharField(max_length=40)
        field = CharField(max_length=40)
        operator = ForeignKeyField(Operator, null=True, on_delete='CASCADE')
        group = ForeignKeyField(Group, null=True, on_delete='CASCADE')
        hidden = BooleanField(null=True)
        read_only = BooleanField(null=True)
        default_value = TextField(null=True)
        min_value = TextField(null=True)
        max_value = TextField(null=True)
        allowed_values = TextField(null=True)
        class Meta:
            database = db
            table_name = 'field_rule'
            constraints = [Check('operator_id IS NULL OR group_id IS NULL')]
            indexes = ((('form', 'field'), False),)
    db.create_tables([FieldRule])

    class FunctionGrant(Model):
        function_code = CharField(index=True, max_length=20)
        operator = ForeignKeyField(Operator, null=True, on_delete='CASCADE')
        group = ForeignKeyField(Group, null=True, on_delete='CASCADE')
        allowed = BooleanField(default=True)
        class Meta:
            database = db
            table_name = 'function_grant'
            constraints = [ONE_GRANTEE]
    db.create_tables([FunctionGrant])

    class Membership(Model):
        operator = ForeignKeyField(Operator, on_delete='CASCADE')
        group = ForeignKeyField(Group, on_delete='CASCADE')
        class Meta:
            database = db
            table_name = 'membership'
            indexes = ((('operator', 'group'), True),)
    db.create_tables([Membership])

    class NumberCounter(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        kind = CharField(max_length=30)
        series = CharField(max_length=10, default='')
        year = SmallIntegerField()
        last_number = IntegerField(default=0)
        class Meta:
            database = db
            table_name = 'number_counter'
            indexes = ((('company', 'kind', 'series', 'year'), True),)
    db.create_tables([NumberCounter])

    class Preset(Model):
        version = IntegerField(default=1)
        command = CharField(max_length=60)
        name = CharField(max_length=40)
        owner = ForeignKeyField(Operator, null=True, on_delete='CASCADE')
        description = CharField(max_length=80, default='')
        params = TextField()
        updated_at = DateTimeField()
        updated_by = CharField(max_length=20, default='')
        class Meta:
            database = db
            table_name = 'preset'
            indexes = ((('command', 'name', 'owner'), True),)
    db.create_tables([Preset])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('preset'))
    migrator.migrate(migrator.drop_table('number_counter'))
    migrator.migrate(migrator.drop_table('membership'))
    migrator.migrate(migrator.drop_table('function_grant'))
    migrator.migrate(migrator.drop_table('field_rule'))
    migrator.migrate(migrator.drop_table('document_right'))
    migrator.migrate(migrator.drop_table('company_access'))
    migrator.migrate(migrator.drop_table('operator_group'))
    migrator.migrate(migrator.drop_table('operator'))
    migrator.migrate(migrator.drop_table('company'))
    migrator.migrate(migrator.drop_table('audit_entry'))
