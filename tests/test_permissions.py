"""Who may do what: functions, companies, document rights, sensitive data."""

from __future__ import annotations

import dataclasses

import pytest

from gamma import companies, functions, menu
from gamma.access import grants, operators, permissions
from gamma.access.grants import Grantee, GrantChange
from gamma.errors import PermissionDenied
from models import AuditEntry


@pytest.fixture
def clerk(admin_ctx):
    """LUCIA, in group `banco`, with no right of her own."""
    operators.add_group(admin_ctx, "banco", "Operatori al banco")
    operators.add(admin_ctx, "lucia", "password-l", groups=("banco",))
    return dataclasses.replace(admin_ctx, operator=operators.find("lucia"))


def test_a_new_operator_may_do_nothing(clerk):
    assert permissions.allowed_functions(clerk.operator) == set()
    with pytest.raises(PermissionDenied, match="Funzione 911 «Elenco ditte» non consentita "
                                               "all'operatore LUCIA"):
        companies.list_companies(clerk)


def test_a_group_grant_reaches_its_members_and_an_operator_denial_wins(admin_ctx, clerk):
    grants.grant(admin_ctx, Grantee.of_group("banco"), GrantChange(functions=("911", "DITTEM")))
    assert permissions.allowed_functions(clerk.operator) == {"911", "912"}
    grants.grant(admin_ctx, Grantee.of_operator("lucia"), GrantChange(functions=("912",)),
                 deny=True)
    assert permissions.allowed_functions(clerk.operator) == {"911"}
    grants.revoke(admin_ctx, Grantee.of_operator("lucia"), GrantChange(functions=("912",)))
    assert permissions.allowed_functions(clerk.operator) == {"911", "912"}


def test_a_denial_is_written_to_the_audit_log_even_though_the_operation_rolled_back(clerk):
    with pytest.raises(PermissionDenied):
        companies.add(clerk, 50, "Non deve esistere")
    entry = AuditEntry.select().where(AuditEntry.action == "denied").get()
    assert (entry.operator_login, entry.function_code) == ("lucia", "912")
    assert "non consentita all'operatore LUCIA" in entry.message
    assert not companies.Company.select().where(companies.Company.code == 50).exists()


def test_companies_are_reachable_only_when_granted(admin_ctx, clerk):
    companies.add(admin_ctx, 2, "Filiale")
    grants.grant(admin_ctx, Grantee.of_group("banco"), GrantChange(functions=("911",)))
    assert companies.list_companies(clerk) == []
    grants.grant(admin_ctx, Grantee.of_operator("lucia"), GrantChange(companies=(2,)))
    assert [c.code for c in companies.list_companies(clerk)] == [2]
    with pytest.raises(PermissionDenied, match="Ditta 1 non accessibile all'operatore LUCIA"):
        companies.open_company(clerk, 1)
    assert companies.open_company(clerk, 2).company.code == 2


def test_document_rights_per_type(admin_ctx, clerk):
    grants.grant(admin_ctx, Grantee.of_group("banco"),
                 GrantChange(documents=(("invoice", frozenset({"insert", "print"})),)))
    rights = permissions.document_rights(clerk.operator, "invoice")
    assert rights.names() == ["insert", "print"]
    assert permissions.document_rights(clerk.operator, "quote").names() == []
    with pytest.raises(PermissionDenied, match="Fattura: modifica non consentita"):
        permissions.require_document_right(clerk, "invoice", "modify", "Fattura")
    # An operator's own row replaces the group's for that document type.
    grants.grant(admin_ctx, Grantee.of_operator("lucia"),
                 GrantChange(documents=(("invoice", frozenset({"view_others"})),)))
    assert permissions.document_rights(clerk.operator, "invoice").names() == ["view_others"]


def test_sensitive_data_flags(admin_ctx, clerk):
    see = permissions.sensitive_data(clerk.operator)
    assert (see.costs, see.margins, see.prices) == (False, False, True)
    grants.grant(admin_ctx, Grantee.of_group("banco"), GrantChange(sensitive=("costs",)))
    assert permissions.sensitive_data(clerk.operator).costs is True
    grants.revoke(admin_ctx, Grantee.of_operator("lucia"), GrantChange(sensitive=("costs",)))
    assert permissions.sensitive_data(clerk.operator).costs is False  # her own "no" wins


def test_the_menu_lists_only_granted_functions_and_refuses_a_typed_denied_code(admin_ctx,
                                                                               clerk):
    grants.grant(admin_ctx, Grantee.of_group("banco"), GrantChange(functions=("911",)))
    areas = menu.menu(clerk)
    assert [f.code for a in areas for f in a.entries] == ["911"]
    assert menu.open_function(clerk, "ditte").code == "911"
    with pytest.raises(PermissionDenied):
        menu.open_function(clerk, "922")
    assert AuditEntry.select().where(AuditEntry.action == "denied",
                                     AuditEntry.function_code == "922").exists()


def test_every_function_is_allowed_to_an_administrator(admin_ctx):
    assert permissions.allowed_functions(admin_ctx.operator) == {
        f.code for f in functions.all_functions()}


def test_only_an_administrator_creates_administrators(admin_ctx, clerk):
    grants.grant(admin_ctx, Grantee.of_operator("lucia"), GrantChange(functions=("922",)))
    with pytest.raises(PermissionDenied, match="Solo un amministratore"):
        operators.add(clerk, "capo", "password-c", is_admin=True)


def test_rights_follow_the_stored_operator_not_the_one_loaded_at_login(admin_ctx, clerk):
    grants.grant(admin_ctx, Grantee.of_operator("lucia"), GrantChange(functions=("911",)))
    assert companies.list_companies(clerk) is not None
    operators.set_active(admin_ctx, "lucia", False)
    with pytest.raises(PermissionDenied):
        companies.list_companies(clerk)  # same context as before the deactivation


def test_granting_document_rights_needs_the_grants_function_only(admin_ctx, clerk):
    # An operator with 923 and not the operator list (921) still grants and revokes.
    operators.add(admin_ctx, "mario", "password-m")
    grants.grant(admin_ctx, Grantee.of_operator("mario"), GrantChange(functions=("923",)))
    mario = dataclasses.replace(admin_ctx, operator=operators.find("mario"))
    grants.grant(mario, Grantee.of_operator("lucia"),
                 GrantChange(documents=(("invoice", ("insert", "print")),)))
    lucia = operators.find("lucia")
    assert permissions.document_rights(lucia, "invoice").names() == ["insert", "print"]
    grants.revoke(mario, Grantee.of_operator("lucia"),
                  GrantChange(documents=(("invoice", ("print",)),)))
    assert permissions.document_rights(lucia, "invoice").names() == ["insert"]
