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


def _tristate(value) -> bool | None:
    return None if value in (None, "") else value in (True, "S")


@operation(functions.OPERATOR_EDIT)
def save_from_form(ctx: Context, values: dict, login: str | None = None) -> Operator:
    """Create (login None) or change an operator from the operator mask's values.

    Field rules of the form "operator" are enforced here, so the CLI and the mask agree.
    """
    from gamma.access import field_rules
    from gamma.access.forms import OPERATOR
    current = None
    target = None
    if login is not None:
        target = find(login)
        current = {"login": target.login, "name": target.name, "is_admin": target.is_admin,
                   "active": target.active, "audit_enabled": target.audit_enabled,
                   "see_costs": _shown(target.see_costs), "see_margins":
                   _shown(target.see_margins), "see_prices": _shown(target.see_prices)}
    values = field_rules.apply(ctx, OPERATOR.name, values, OPERATOR.labels, current)
    groups = [g.strip() for g in (values.get("groups") or "").split(",") if g.strip()]
    for code in groups:
        find_group(code)
    fields = dict(
        name=validation.text(values.get("name") or "", "name", "Nome", 60, False),
        is_admin=bool(values.get("is_admin")), active=values.get("active", True) is not False,
        audit_enabled=values.get("audit_enabled", True) is not False,
        see_costs=_tristate(values.get("see_costs")),
        see_margins=_tristate(values.get("see_margins")),
        see_prices=_tristate(values.get("see_prices")))
    if fields["is_admin"] and not ctx.operator.is_admin and not (
            target is not None and target.is_admin):
        raise PermissionDenied("Solo un amministratore può creare un amministratore",
                               functions.OPERATOR_EDIT.code)
    if target is None:
        if not values.get("password"):
            raise ValidationError("password", "obbligatoria per un nuovo operatore",
                                  "Password")
        target = add(ctx, values.get("login") or "", values["password"], name=fields["name"],
                     is_admin=fields["is_admin"])
    elif values.get("password"):
        records.update(ctx, target, password_hash=_hash(ctx, values["password"]),
                       password_changed_at=ctx.now())
    target = records.update(ctx, target, **fields)
    wanted = set(groups)
    have = {g.code for g in groups_of(target)}
    if values.get("groups") is not None or login is None:
        for code in wanted - have:
            join(ctx, code, [target.login])
        for code in have - wanted:
            leave(ctx, code, [target.login])
    return target


def _shown(value: bool | None) -> str:
    return "" if value is None else ("S" if value else "N")


def form_values(operator: Operator) -> dict:
    """The operator as the operator mask shows it."""
    return {"login": operator.login, "name": operator.name, "is_admin": operator.is_admin,
            "active": operator.active, "audit_enabled": operator.audit_enabled,
            "see_costs": _shown(operator.see_costs), "see_margins": _shown(
                operator.see_margins), "see_prices": _shown(operator.see_prices),
            "groups": ",".join(g.code for g in groups_of(operator))}
