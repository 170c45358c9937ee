"""Operators and groups: creation, passwords, lockout, membership."""

from __future__ import annotations

from datetime import timedelta

from gamma import functions, records, validation
from gamma.access import passwords, permissions
from gamma.audit import log
from gamma.context import Context
from gamma.errors import NotFound, PermissionDenied, ValidationError
from gamma.service import operation
from models import Group, Membership, Operator


def find(login: str) -> Operator:
    operator = Operator.get_or_none(Operator.login == (login or "").strip().lower())
    if operator is None:
        raise NotFound(f"Operatore {login!r} inesistente")
    return operator


def find_group(code: str) -> Group:
    group = Group.get_or_none(Group.code == (code or "").strip().lower())
    if group is None:
        raise NotFound(f"Gruppo {code!r} inesistente")
    return group


def _hash(ctx: Context, password: str) -> str:
    passwords.check_password_rules(password, ctx.settings.security.password_min_length)
    return passwords.hash_password(password, ctx.settings.security.scrypt_n)


@operation(functions.OPERATOR_EDIT)
def add(ctx: Context, login: str, password: str, *, name: str = "", is_admin: bool = False,
        groups: tuple[str, ...] = ()) -> Operator:
    login = validation.code(login, "login", "Codice operatore")
    if Operator.select().where(Operator.login == login).exists():
        raise ValidationError("login", f"l'operatore {login} esiste già", "Codice operatore")
    if is_admin and ctx.operator is not None and not ctx.operator.is_admin:
        raise PermissionDenied("Solo un amministratore può creare un amministratore",
                               functions.OPERATOR_EDIT.code)
    operator = records.insert(
        ctx, Operator, login=login, name=validation.text(name, "name", "Nome", 60, False),
        password_hash=_hash(ctx, password), is_admin=is_admin,
        password_changed_at=ctx.now())
    for code in groups:
        join(ctx, code, [login])
    return operator


@operation(functions.OPERATOR_LIST, write=False)
def list_operators(ctx: Context) -> list[Operator]:
    return list(Operator.select().order_by(Operator.login))


@operation(functions.OPERATOR_LIST, write=False)
def get(ctx: Context, login: str) -> Operator:
    return find(login)


def groups_of(operator: Operator) -> list[Group]:
    return list(Group.select().join(Membership).where(Membership.operator == operator)
                .order_by(Group.code))


@operation(None)
def change_password(ctx: Context, login: str | None, new_password: str) -> Operator:
    """Change a password: one's own freely, another's with the operators function."""
    target = find(login) if login else ctx.operator
    if target is None:
        raise NotFound("Operatore non indicato")
    if ctx.operator is None or target.id != ctx.operator.id:
        permissions.require(ctx, functions.OPERATOR_EDIT)
        ctx = ctx.with_function(functions.OPERATOR_EDIT.code)
    return records.update(ctx, target, password_hash=_hash(ctx, new_password),
                          password_changed_at=ctx.now())


@operation(functions.OPERATOR_EDIT)
def lock(ctx: Context, login: str, minutes: int | None = None) -> Operator:
    """Lock an operator out, for `minutes` or (None) until unlocked."""
    target = find(login)
    if ctx.operator is not None and target.id == ctx.operator.id:
        raise ValidationError("login", "non si può bloccare il proprio operatore",
                              "Codice operatore")
    until = ctx.now() + timedelta(minutes=minutes) if minutes else ctx.now() + timedelta(
        days=365 * 100)
    return records.update(ctx, target, locked_until=until)


@operation(functions.OPERATOR_EDIT)
def unlock(ctx: Context, login: str) -> Operator:
    target = find(login)
    return records.update(ctx, target, locked_until=None, failed_logins=0)


@operation(functions.OPERATOR_EDIT)
def set_active(ctx: Context, login: str, active: bool) -> Operator:
    return records.update(ctx, find(login), active=active)


@operation(functions.OPERATOR_EDIT)
def set_audit(ctx: Context, login: str, enabled: bool) -> Operator:
    """Switch the logging of an operator's writes (denials and logins are always logged)."""
    target = find(login)
    log.record_event(ctx, "audit_switch",
                     f"Registro attività {'attivato' if enabled else 'disattivato'}",
                     "operator", target.login)
    return records.update(ctx, target, audit_enabled=enabled)


@operation(functions.GROUP_EDIT)
def add_group(ctx: Context, code: str, description: str = "") -> Group:
    code = validation.code(code, "code", "Codice gruppo")
    if Group.select().where(Group.code == code).exists():
        raise ValidationError("code", f"il gruppo {code} esiste già", "Codice gruppo")
    return records.insert(ctx, Group, code=code,
                          description=validation.text(description, "description",
                                                      "Descrizione", 60, False))


@operation(functions.GROUP_LIST, write=False)
def list_groups(ctx: Context) -> list[Group]:
    return list(Group.select().order_by(Group.code))


def members(group: Group) -> list[Operator]:
    return list(Operator.select().join(Membership).where(Membership.group == group)
                .order_by(Operator.login))


@operation(functions.GROUP_EDIT)
def join(ctx: Context, group_code: str, logins: list[str]) -> None:
    """Put operators into a group (those already in it stay)."""
    group = find_group(group_code)
    for login in logins:
        operator = find(login)
        if not Membership.select().where(Membership.operator == operator,
                                         Membership.group == group).exists():
            records.insert(ctx, Membership, operator=operator, group=group)


@operation(functions.GROUP_EDIT)
def leave(ctx: Context, group_code: str, logins: list[str]) -> None:
    group = find_group(group_code)
    for login in logins:
        operator = find(login)
        membership = Membership.get_or_none(operator=operator, group=group)
        if membership is None:
            raise NotFound(f"L'operatore {operator.display} non è nel gruppo {group.code}")
        records.delete(ctx, membership)
