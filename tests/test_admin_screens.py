"""The administration screens at 80x24: companies, groups, grants, field rules, presets,
audit log (presets shared with the CLI), sessions and record locks."""

from __future__ import annotations

import asyncio
import dataclasses
import json

import pytest
from click.testing import CliRunner

from gamma import companies, locks, menu, presets, sessions
from gamma.access import (field_rules, grants, grants_form, groups_form, operator_removal,
                          operators)
from gamma.access.forms import OPERATOR
from gamma.access.grants import Grantee, GrantChange
from gamma.cli.main import cli as gamma_cli
from gamma.errors import ValidationError
from models import AuditEntry, Company, Group, Operator, RecordLock
from screens.admin.audit import AuditEntries, AuditParameters
from screens.admin.grants import GrantsMask
from screens.app import GammaApp
from screens.main_menu import MainMenuScreen
from screens.mask.placement import place
from tests.tui_helpers import SIZE, fill, open_code, screen_text, started, type_text

# The terminal tests run on SQLite; the services' tests on both engines.
tui = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def run(coro):
    return asyncio.run(coro)


def app_for(settings, clock, login: str = "admin") -> GammaApp:
    """The app with the operator already authenticated (as the SSH server hands it over):
    the login screen is tested elsewhere, and typing passwords costs time here."""
    return GammaApp(settings, clock, operator_login=login)





def line_of(text: str, label: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(label))


def as_(ctx, login: str):
    return dataclasses.replace(ctx, operator=operators.find(login))


@pytest.fixture
def office(admin_ctx):
    """A group «vendite» with MARIO in it, a second company, a preset, a lock."""
    operators.add_group(admin_ctx, "vendite", "Ufficio vendite")
    operators.add(admin_ctx, "mario", "password-m", name="Mario Rossi", groups=("vendite",))
    companies.add(admin_ctx, 2, "Filiale di Bari")
    presets.save(admin_ctx, "audit list", "solo-admin", {"who": "admin"}, shared=True,
                 description="Le voci dell'amministratore")
    return admin_ctx


@tui
def test_every_admin_screen_opens_from_its_code_and_shows_its_data(office, settings, clock):
    field_rules.set_rule(office, "operator", "name", Grantee.of_group("vendite"),
                         read_only=True)
    mario = sessions.start(as_(office, "mario"), "ssh", "10.0.0.7")
    locks.acquire(mario, companies.find(2))
    expected = {
        "911": ["Filiale di Bari", "La mia azienda", "⏎ Apri"],
        "912": ["Codice ditta", "Ragione sociale", "Partita IVA"],
        "923": ["Operatore o gruppo:", "Funzioni (911,92*)", "fattura=IMS"],
        "924": ["operator", "name", "gruppo:vendite", "sola lettura", "del Elimina"],
        "925": ["Maschere personalizzate"],
        "931": ["vendite", "Ufficio vendite"],
        "932": ["Codice gruppo", "Operatori (a,b,...)"],
        "941": ["Registro attività", "Dal (gg/mm/aaaa, -N)", "f5 Memorizza", "f6 Richiama"],
        "951": ["audit list", "solo-admin", "tutti"],
        "981": ["ditta", "2", "mario"],
        "982": ["admin", "mario", "10.0.0.7"],
    }

    async def scenario():
        app = app_for(settings, clock)
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            for code, shown in expected.items():
                await open_code(pilot, code)
                text = screen_text(app)
                assert f"│ {code}" in text.splitlines()[0], code
                for item in shown:
                    assert item in text, (code, item, text)
                assert len(text.splitlines()) <= 24
                await pilot.press("escape")
                await pilot.pause()
                assert isinstance(app.screen, MainMenuScreen), code
    run(scenario())


@tui
def test_a_group_made_in_its_mask_gets_a_function_its_member_then_sees(office, settings,
                                                                        clock):
    operators.add(office, "lucia", "password-l")

    async def administrator():
        app = app_for(settings, clock)
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "932")
            await fill(pilot, "banco", "Vendita al banco", None, None, None)
            await type_text(pilot, "mario,luc")
            await pilot.press("f2")  # completes the member being typed
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert line_of(screen_text(app), "Operatori (a,b,...)").split()[-1] == \
                "mario,lucia"
            await pilot.press("f10")
            await pilot.pause()
            assert "Gruppo banco registrato" in screen_text(app)
            await open_code(pilot, "923")
            assert isinstance(app.screen, GrantsMask)
            await fill(pilot, "banco")  # a bare group code is understood as gruppo:banco
            text = screen_text(app)
            assert "Permessi del gruppo banco" in text
            assert line_of(text, "Operatore o gruppo:").split()[-1] == "gruppo:banco"
            await fill(pilot, "1", "911,DITTEM")
            await pilot.press("f10")
            await pilot.pause()
            assert "Permessi registrati per il gruppo banco" in screen_text(app)
            # Read back: compressed, as the mask shows it.
            await open_code(pilot, "923")
            await fill(pilot, "gruppo:banco")
            assert line_of(screen_text(app), "Funzioni (911,92*)").split()[-1] == "91*"
            await pilot.press("escape")
            await pilot.pause()

    async def member():
        app = app_for(settings, clock, "lucia")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            text = screen_text(app)
            assert "911  DITTE" in text and "912  DITTEM" in text and "921" not in text

    run(administrator())
    group = Group.get(Group.code == "banco")
    assert (group.description, group.see_prices, group.see_costs) == (
        "Vendita al banco", True, False)
    assert [o.login for o in operators.members(group)] == ["lucia", "mario"]
    assert grants.summary(office, Grantee(group=group)).functions == {"911": True,
                                                                      "912": True}
    run(member())


def test_the_grants_mask_round_trips_companies_functions_documents_and_flags(office):
    mario = Grantee.of_operator("mario")
    values = {"grantee": "MARIO", "companies": "1,2", "functions": "92*,DITTE",
              "functions_more": "941", "denied": "951", "see_costs": "S", "see_margins": "",
              "see_prices": "N", "doc_1": "fattura=IMS", "doc_2": "ddt=*",
              "doc_3": "ordine=insert,view_others"}
    grants_form.save_from_form(office, values)
    got = grants.summary(office, mario)
    assert got.companies == [1, 2]
    assert got.functions == {"911": True, "921": True, "922": True, "923": True,
                             "924": True, "925": True, "926": True, "941": True,
                             "951": False}
    assert got.document_rights == {
        "ddt": ["insert", "modify", "print", "history", "view_others", "modify_others"],
        "fattura": ["insert", "modify", "print"], "ordine": ["insert", "view_others"]}
    shown = grants_form.form_values(office, "mario")
    assert shown["functions"] == "911,92*,941" and shown["denied"] == "951"
    assert (shown["doc_1"], shown["doc_2"], shown["doc_3"]) == (
        "ddt=*", "fattura=IMS", "ordine=IV")
    assert (shown["see_costs"], shown["see_margins"], shown["see_prices"]) == ("S", "", "N")
    # Taking away a line the mask showed removes that document type; the rest stays.
    grants_form.save_from_form(office, {**shown, "doc_2": "", "companies": "2"}, shown)
    got = grants.summary(office, mario)
    assert set(got.document_rights) == {"ddt", "ordine"} and got.companies == [2]
    with pytest.raises(ValidationError, match="Funzioni negate: i divieti si danno ai "
                       "singoli operatori"):
        grants_form.save_from_form(office, {"grantee": "gruppo:vendite", "denied": "911",
                                            "see_costs": "N", "see_margins": "N",
                                            "see_prices": "S"})
    with pytest.raises(ValidationError, match="Documento 1: diritto X sconosciuto"):
        grants_form.save_from_form(office, {**shown, "doc_1": "fattura=IX"})
    with pytest.raises(ValidationError, match="Funzioni.*: funzione 999 inesistente"):
        grants_form.save_from_form(office, {**shown, "functions": "999"})


@tui
def test_a_rule_hidden_for_a_group_set_in_the_rules_screen(office, settings, clock):
    operators.add(office, "lucia", "password-l")
    grants.grant(office, Grantee.of_group("vendite"),
                 GrantChange(functions=("922",), companies=(1,)))

    async def administrator():
        app = app_for(settings, clock)
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "924")
            await pilot.press("insert")
            await pilot.pause()
            await fill(pilot, "operator", "nome")
            assert "Campo: campo nome inesistente nella maschera operator" in screen_text(app)
            await pilot.press("ctrl+u")
            await fill(pilot, "name", "vendite", "S")
            await pilot.press("f10")
            await pilot.pause()
            text = screen_text(app)
            assert "impostata su operator.name" in text
            assert "gruppo:vendite" in text and "nascosto" in text  # back on the list

    async def member():
        app = app_for(settings, clock, "mario")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "922")
            text = screen_text(app)
            assert "Codice operatore" in text and "Password (nuovo)" in text
            assert "Nome" not in text

    run(administrator())
    assert field_rules.resolve(as_(office, "mario"), "operator")["name"].hidden
    assert "name" in [p.field.name for p in place(office, OPERATOR)]
    assert "name" in [p.field.name for p in place(as_(office, "lucia"), OPERATOR)]
    assert "name" not in [p.field.name for p in place(as_(office, "mario"), OPERATOR)]
    run(member())


@tui
def test_del_deletes_a_rule_and_a_group_after_asking(office, settings, clock):
    rule = field_rules.set_rule(office, "operator", "name", None, read_only=True)

    async def scenario():
        app = app_for(settings, clock)
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "924")
            await pilot.press("delete")
            await pilot.pause()
            assert f"Eliminare la regola {rule.id} su operator.name (tutti)?" in \
                screen_text(app)
            await pilot.press("s")
            await pilot.pause()
            assert f"Regola {rule.id} eliminata" in screen_text(app)
            await pilot.press("escape")
            await open_code(pilot, "931")
            await pilot.press("delete")
            await pilot.pause()
            await pilot.press("n")  # no: nothing happens
            await pilot.press("delete")
            await pilot.pause()
            await pilot.press("s")
            await pilot.pause()
            assert "Gruppo vendite eliminato" in screen_text(app)
            await pilot.press("escape")
            await open_code(pilot, "921")
            await type_text(pilot, "mario")
            await pilot.press("delete")
            await pilot.pause()
            assert "Eliminare l'operatore MARIO con i suoi permessi?" in screen_text(app)
            await pilot.press("s")
            await pilot.pause()
            assert "Operatore MARIO eliminato" in screen_text(app)
    run(scenario())
    assert field_rules.list_rules(office) == []
    assert not Group.select().exists()
    assert [o.login for o in Operator.select()] == ["admin"]
    deleted = {e.table_name for e in AuditEntry.select().where(AuditEntry.action == "delete")}
    assert {"field_rule", "membership", "operator_group", "operator"} <= deleted


@tui
def test_a_company_is_added_and_changed_through_its_mask(office, settings, clock):
    async def scenario():
        app = app_for(settings, clock)
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "912")
            await fill(pilot, "3", "Deposito di Lecce", "12345678901")
            assert "Partita IVA: partita IVA italiana non valida" in screen_text(app)
            await pilot.press("ctrl+u")
            await fill(pilot, "", "", "")
            await pilot.press("f10")
            await pilot.pause()
            assert "Ditta 3 «Deposito di Lecce» registrata" in screen_text(app)
            await open_code(pilot, "911")
            await type_text(pilot, "lecce")
            await pilot.press("enter")
            await pilot.pause()
            text = screen_text(app)
            assert "Ditta 3" in text and line_of(text, "Attiva S/N").split()[-1] == "S"
            await pilot.press("f10")  # nothing changed: saved as is
            await pilot.pause()
    run(scenario())
    assert Company.get(Company.code == 3).active


@tui
def test_the_audit_viewer_shares_its_presets_with_the_cli(office, settings, clock,
                                                          db_url, tmp_path, monkeypatch):
    clock.advance(days=-10)
    operators.add(office, "vecchio", "password-v")  # ten days ago: outside "-7"
    clock.advance(days=10)
    found: list[int] = []

    async def scenario():
        app = app_for(settings, clock)
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "941")
            assert isinstance(app.screen, AuditParameters)
            await fill(pilot, "admin", "-7", None, None, "insert")
            assert line_of(screen_text(app), "Dal (gg/mm/aaaa, -N)").split()[-1] == "-7"
            await pilot.press("f5")
            await pilot.pause()
            await type_text(pilot, "ultimi7")
            await pilot.press("f10")
            await pilot.pause()
            assert "Parametri memorizzati come «ultimi7»" in screen_text(app)
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, AuditEntries)
            text = screen_text(app)
            assert "Registro attività:" in text
            assert "vecchio" not in text
            found.extend(row["id"] for row in app.screen.rows)
            await pilot.press("enter")  # the newest entry in full
            await pilot.pause()
            assert "Registro attività: voce" in screen_text(app)
            await pilot.press("escape")
            await pilot.press("escape")
            await pilot.press("escape")
            await pilot.pause()
            # F6 fills an empty mask with the stored parameters, as typed.
            await open_code(pilot, "941")
            await pilot.press("f6")
            await pilot.pause()
            assert "ultimi7" in screen_text(app) and "solo-admin" in screen_text(app)
            await pilot.press("down", "enter")
            await pilot.pause()
            text = screen_text(app)
            assert line_of(text, "Dal (gg/mm/aaaa, -N)").split()[-1] == "-7"
            assert line_of(text, "Operatore").split()[-1] == "admin"
            assert line_of(text, "Azione").split()[-1] == "insert"
            assert "Richiamati i parametri «ultimi7»" in text
    run(scenario())
    assert found and presets.load(office, "audit list", "ultimi7").params == {
        "who": "admin", "since": "-7", "action": "insert"}

    # The CLI reads the same preset, on the same day.
    monkeypatch.setattr("gamma.cli.state.Clock", lambda: clock)
    env = {"GAMMA_DB": db_url, "GAMMA_SECURITY_SCRYPT_N": "1024", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "GAMMA_OPERATOR": "admin",
           "GAMMA_COMPANY": None, "GAMMA_CONFIG": None}
    result = CliRunner(env=env).invoke(gamma_cli, ["audit", "list", "--preset", "ultimi7",
                                                   "--json"], prog_name="gamma")
    assert result.exit_code == 0, result.output
    assert [e["id"] for e in json.loads(result.stdout)] == found


@tui
def test_del_in_982_ends_another_session_and_its_terminal_returns_to_the_login(
        office, settings, clock):
    from screens.login import LoginScreen
    mario = sessions.start(as_(office, "mario"), "ssh", "10.0.0.7")
    locks.acquire(mario, companies.find(2))

    async def admin_ends_it():
        app = app_for(settings, clock)
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "982")
            rows = app.screen.rows
            own = next(r for r in rows if r["id"] == app.ctx.session_id)
            await pilot.press("delete")  # on the first row: refused if it is our own
            await pilot.pause()
            if rows[0] is own:
                await pilot.press("s")
                await pilot.pause()
                assert "è la propria" in screen_text(app)
                await pilot.press("down", "delete")
                await pilot.pause()
            assert "Chiudere la sessione" in screen_text(app)
            assert "di MARIO?" in screen_text(app)
            await pilot.press("s")
            await pilot.pause()
            assert f"Sessione {mario.session_id} di MARIO chiusa" in screen_text(app)

    run(admin_ends_it())
    assert RecordLock.select().count() == 0
    ended = AuditEntry.get(AuditEntry.action == "end_session")
    assert (ended.operator_login, ended.record_key) == ("admin", str(mario.session_id))

    async def the_terminal_finds_it_ended():
        app = app_for(settings, clock)
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            session_id = app.ctx.session_id
            sessions.terminate(office, session_id)
            await open_code(pilot, "111")
            await pilot.pause()
            assert isinstance(app.screen, LoginScreen)
            assert app.ctx is None
    run(the_terminal_finds_it_ended())


@tui
def test_sessions_list_the_own_session_and_del_frees_a_lock(office, settings, clock):
    mario = sessions.start(as_(office, "mario"), "ssh", "10.0.0.7")
    locks.acquire(mario, companies.find(2))

    async def scenario():
        app = app_for(settings, clock)
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "982")
            rows = app.screen.rows
            own = next(r for r in rows if r["id"] == app.ctx.session_id)
            assert own["operator"] == "admin" and {r["operator"] for r in rows} == {
                "admin", "mario"}
            for _ in range(rows.index(own)):
                await pilot.press("down")
            await pilot.press("enter")
            await pilot.pause()
            assert "(questa sessione)" in screen_text(app)
            await pilot.press("escape")
            await open_code(pilot, "981")
            assert "ditta" in screen_text(app)
            await pilot.press("delete")
            await pilot.pause()
            assert "Liberare ditta 2 in uso da MARIO?" in screen_text(app)
            await pilot.press("s")
            await pilot.pause()
            text = screen_text(app)
            assert "Blocco su ditta 2 rimosso" in text
            assert "mario" not in text
    run(scenario())
    assert RecordLock.select().count() == 0
    unlock = AuditEntry.get(AuditEntry.action == "unlock")
    assert (unlock.operator_login, unlock.table_name, unlock.record_key) == (
        "admin", "company", "2")


@tui
def test_presets_are_listed_and_deleted(office, settings, clock):
    presets.save(office, "audit list", "mio", {"since": "-1"})

    async def scenario():
        app = app_for(settings, clock)
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "951")
            await type_text(pilot, "mio")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert "audit list «mio»: since=-1" in screen_text(app)
            await pilot.press("delete")
            await pilot.pause()
            await pilot.press("s")
            await pilot.pause()
            assert "Parametri «mio» eliminati" in screen_text(app)
    run(scenario())
    assert [p.name for p in presets.list_presets(office)] == ["solo-admin"]


def test_menu_of_a_member_follows_group_grants_given_in_the_service(office):
    grants_form.save_from_form(office, {"grantee": "gruppo:vendite", "functions": "98*",
                                        "see_costs": "N", "see_margins": "N",
                                        "see_prices": "S"})
    codes = [f.code for area in menu.menu(as_(office, "mario")) for f in area.entries]
    assert codes == ["981", "982"]
    groups_form.delete_group(office, "vendite")
    assert menu.menu(as_(office, "mario")) == []


def test_an_operator_is_deleted_with_what_was_granted_but_not_oneself(office):
    grants_form.save_from_form(office, {"grantee": "mario", "functions": "911",
                                        "companies": "1", "doc_1": "fattura=*"})
    presets.save(as_(office, "mario"), "audit list", "mio", {"since": "-1"})
    operators.add(office, "lucia", "password-l")
    sessions.start(as_(office, "lucia"), "ssh")
    with pytest.raises(ValidationError, match="non si può eliminare il proprio operatore"):
        operator_removal.delete_operator(office, "admin")
    with pytest.raises(ValidationError, match="LUCIA è collegato ora"):
        operator_removal.delete_operator(office, "lucia")
    operator_removal.delete_operator(office, "mario")
    assert Operator.get_or_none(Operator.login == "mario") is None
    assert [p.name for p in presets.list_presets(office, "audit list")] == ["solo-admin"]
    deleted = [(e.table_name, e.record_key) for e in AuditEntry.select().where(
        AuditEntry.action == "delete").order_by(AuditEntry.id)]
    assert deleted[-1] == ("operator", "mario")
    assert {t for t, _ in deleted} == {"membership", "function_grant", "company_access",
                                       "document_right", "preset", "operator"}
