"""Login: right and wrong passwords, lockout after five failures, unlock, audit."""

from __future__ import annotations

import dataclasses

import pytest

from gamma.access import auth, operators, passwords
from gamma.context import Context
from gamma.errors import AuthenticationError, ValidationError
from models import AuditEntry, Operator


@pytest.fixture
def anonymous(admin_ctx) -> Context:
    operators.add(admin_ctx, "mario", "password-m")
    return dataclasses.replace(admin_ctx, operator=None, company=None)


def test_passwords_are_stored_as_salted_scrypt_hashes(anonymous):
    stored = Operator.get(Operator.login == "mario").password_hash
    assert stored.startswith("scrypt$1024$8$1$") and "password-m" not in stored
    assert passwords.verify_password("password-m", stored)
    assert not passwords.verify_password("password-M", stored)
    assert passwords.hash_password("x" * 8, 1024) != passwords.hash_password("x" * 8, 1024)


def test_login_with_the_right_password(anonymous, clock):
    operator = auth.login(anonymous, "MARIO", "password-m")
    assert operator.login == "mario" and operator.last_login_at == clock.now()
    assert AuditEntry.get(AuditEntry.action == "login").operator_login == "mario"


def test_wrong_and_unknown_logins_get_the_same_answer(anonymous):
    for login in ("mario", "nessuno"):
        with pytest.raises(AuthenticationError, match="^Operatore o password errati$"):
            auth.login(anonymous, login, "sbagliata")
    failed = [e.operator_login for e in AuditEntry.select().where(
        AuditEntry.action == "login_failed").order_by(AuditEntry.id)]
    assert failed == ["mario", "nessuno"]


def test_five_failures_lock_the_operator_until_unlocked(anonymous, admin_ctx, clock):
    for _ in range(4):
        with pytest.raises(AuthenticationError, match="password errati"):
            auth.login(anonymous, "mario", "sbagliata")
    with pytest.raises(AuthenticationError, match="bloccato fino alle 10:45"):
        auth.login(anonymous, "mario", "sbagliata")
    # Locked: even the right password is refused, and says why.
    with pytest.raises(AuthenticationError, match="MARIO bloccato"):
        auth.login(anonymous, "mario", "password-m")
    assert AuditEntry.select().where(AuditEntry.action == "locked").count() == 1
    operators.unlock(admin_ctx, "mario")
    assert auth.login(anonymous, "mario", "password-m").login == "mario"


def test_the_lockout_ends_by_itself(anonymous, clock):
    for _ in range(5):
        with pytest.raises(AuthenticationError):
            auth.login(anonymous, "mario", "sbagliata")
    clock.advance(minutes=anonymous.settings.security.lockout_minutes + 1)
    assert auth.login(anonymous, "mario", "password-m").failed_logins == 0


def test_a_success_resets_the_failure_count(anonymous):
    for _ in range(4):
        with pytest.raises(AuthenticationError):
            auth.login(anonymous, "mario", "sbagliata")
    auth.login(anonymous, "mario", "password-m")
    for _ in range(4):
        with pytest.raises(AuthenticationError, match="password errati"):
            auth.login(anonymous, "mario", "sbagliata")


def test_a_deactivated_operator_cannot_log_in(anonymous, admin_ctx):
    operators.set_active(admin_ctx, "mario", False)
    with pytest.raises(AuthenticationError, match="MARIO disattivato"):
        auth.login(anonymous, "mario", "password-m")


def test_short_passwords_are_refused(admin_ctx):
    with pytest.raises(ValidationError, match="Password: deve avere almeno 8 caratteri"):
        operators.add(admin_ctx, "corto", "abc")
    assert not Operator.select().where(Operator.login == "corto").exists()


def test_own_password_change_needs_no_function_another_s_does(anonymous, admin_ctx):
    mario = dataclasses.replace(admin_ctx, operator=operators.find("mario"))
    operators.change_password(mario, None, "nuova-password")
    assert auth.login(anonymous, "mario", "nuova-password")
    from gamma.errors import PermissionDenied
    with pytest.raises(PermissionDenied, match="922"):
        operators.change_password(mario, "admin", "presa-di-potere")


def test_a_weaker_hash_is_upgraded_at_login(anonymous):
    stronger = dataclasses.replace(
        anonymous, settings=anonymous.settings.replace(**{"security.scrypt_n": 2048}))
    auth.login(stronger, "mario", "password-m")
    assert Operator.get(Operator.login == "mario").password_hash.startswith("scrypt$2048$")
