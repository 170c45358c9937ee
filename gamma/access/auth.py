"""Login: password check, lockout after repeated failures, audit of every attempt."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from gamma import db
from gamma.access import passwords
from gamma.audit import log
from gamma.context import Context
from gamma.errors import AuthenticationError
from models import Operator

GENERIC = "Operatore o password errati"
# Verified when the login is unknown, so that the answer takes as long as for a known one.
_DUMMY_HASH = passwords.hash_password("gamma-dummy-password", 2 ** 10)


def _locked_message(ctx: Context, operator: Operator) -> str:
    until = ctx.local(operator.locked_until)
    if until.year > ctx.today().year + 50:
        return f"Operatore {operator.display} bloccato: rivolgersi all'amministratore"
    when = until.strftime("%H:%M") if until.date() == ctx.today() else until.strftime(
        "%d/%m/%Y %H:%M")
    return (f"Operatore {operator.display} bloccato fino alle {when} per troppi tentativi "
            "errati: rivolgersi all'amministratore")


def login(ctx: Context, login_name: str, password: str) -> Operator:
    """Check the credentials; return the operator or raise AuthenticationError.

    `ctx` carries settings and clock (its operator is ignored). Failures are counted
    and committed even though the call raises.
    """
    security = ctx.settings.security
    typed = (login_name or "").strip().lower()
    failure: str | None = None
    with db.transaction():
        operator = Operator.get_or_none(Operator.login == typed)
        if operator is None:
            passwords.verify_password(password, _DUMMY_HASH)
            log.record_event(ctx, "login_failed", "Operatore inesistente", login=typed or "?")
            failure = GENERIC
        else:
            as_operator = dataclasses.replace(ctx, operator=operator)
            if operator.locked_until is not None and operator.locked_until > ctx.now():
                log.record_event(as_operator, "login_failed", "Operatore bloccato")
                failure = _locked_message(ctx, operator)
            elif not passwords.verify_password(password, operator.password_hash):
                failure = _count_failure(as_operator, operator, security)
            elif not operator.active:
                log.record_event(as_operator, "login_failed", "Operatore disattivato")
                failure = f"Operatore {operator.display} disattivato"
            else:
                _succeed(as_operator, operator, password)
    if failure:
        raise AuthenticationError(failure)
    return Operator.get_by_id(operator.id)


def _count_failure(ctx: Context, operator: Operator, security) -> str:
    Operator.update(failed_logins=Operator.failed_logins + 1).where(
        Operator.id == operator.id).execute()
    failed = Operator.get_by_id(operator.id).failed_logins
    if failed >= security.max_failed_logins:
        until = ctx.now() + timedelta(minutes=security.lockout_minutes)
        Operator.update(locked_until=until, failed_logins=0).where(
            Operator.id == operator.id).execute()
        log.record_event(ctx, "locked", f"Bloccato dopo {failed} tentativi errati fino alle "
                         f"{ctx.local(until).strftime('%H:%M')}", "operator", operator.login)
        operator.locked_until = until
        return _locked_message(ctx, operator)
    log.record_event(ctx, "login_failed", f"Password errata ({failed}º tentativo)")
    return GENERIC


def _succeed(ctx: Context, operator: Operator, password: str) -> None:
    values = {Operator.failed_logins: 0, Operator.locked_until: None,
              Operator.last_login_at: ctx.now()}
    if passwords.needs_rehash(operator.password_hash, ctx.settings.security.scrypt_n):
        values[Operator.password_hash] = passwords.hash_password(
            password, ctx.settings.security.scrypt_n)
    Operator.update(values).where(Operator.id == operator.id).execute()
    log.record_event(ctx, "login", "Accesso")


def admit(ctx: Context, login_name: str, via: str) -> Operator:
    """Let in an operator already authenticated elsewhere (the SSH server, OpenSSH's
    forced command); still refused when locked or deactivated, and audited.

    `via` names the authenticator in the audit log ("ssh password", "ssh key").
    """
    typed = (login_name or "").strip().lower()
    with db.transaction():
        operator = Operator.get_or_none(Operator.login == typed)
        if operator is None:
            raise AuthenticationError(f"Operatore {typed.upper()!s} inesistente")
        as_operator = dataclasses.replace(ctx, operator=operator)
        if operator.locked_until is not None and operator.locked_until > ctx.now():
            log.record_event(as_operator, "login_failed", f"Operatore bloccato ({via})")
            failure = _locked_message(ctx, operator)
        elif not operator.active:
            log.record_event(as_operator, "login_failed", f"Operatore disattivato ({via})")
            failure = f"Operatore {operator.display} disattivato"
        else:
            failure = None
            Operator.update({Operator.last_login_at: ctx.now()}).where(
                Operator.id == operator.id).execute()
            log.record_event(as_operator, "login", f"Accesso ({via})")
    if failure:
        raise AuthenticationError(failure)
    return Operator.get_by_id(operator.id)
