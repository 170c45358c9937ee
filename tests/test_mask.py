"""The mask engine at 80x24: moving, checking, confirming, leaving, lookups, drafts, locks."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from gamma import drafts, forms, locks, sessions
from gamma.access import field_rules, grants, operators
from gamma.access.grants import Grantee, GrantChange
from gamma.context import Context
from gamma.forms import FieldDef, Form
from models import Operator, RecordLock
from screens.admin.operators import OperatorMask
from screens.app import GammaApp
from screens.main_menu import MainMenuScreen
from screens.mask_screen import MaskScreen
from tests.tui_helpers import SIZE, login, open_code, screen_text, type_text

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)

SAMPLE = Form("test_sample", "Prova", (
    FieldDef("code", "Codice", "code", 10, required=True, upper=True),
    FieldDef("day", "Data", "date", 10),
    FieldDef("amount", "Importo", "decimal", 14),
) + tuple(FieldDef(f"note{n}", f"Nota {n}", "text", 20) for n in range(1, 28)))
forms.register(SAMPLE)


class SampleMask(MaskScreen):
    FORM = SAMPLE
    FUNCTION_CODE = "991"
    saved: list[dict[str, Any]] = []

    def save(self, values):
        SampleMask.saved.append(values)
        return "Registrato"




def run(coro):
    return asyncio.run(coro)


def line_of(text: str, label: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(label))


def test_enter_tab_and_shift_tab_move_between_fields_and_f10_saves(admin_ctx, settings,
                                                                    clock):
    async def scenario():
        app = GammaApp(settings, clock)
        async with app.run_test(size=SIZE) as pilot:
            await login(pilot)
            await open_code(pilot, "922")
            assert isinstance(app.screen, OperatorMask)
            await type_text(pilot, "mario")
            await pilot.press("enter")
            await type_text(pilot, "Mario Ross")
            await pilot.press("tab")
            await type_text(pilot, "password-m")
            await pilot.press("shift+tab")  # back to the name, which is all selected
            await pilot.press("end")
            await type_text(pilot, "i")
            await pilot.press("tab", "tab")
            await type_text(pilot, "N")
            await pilot.pause()
            text = screen_text(app)
            assert "Codice operatore      mario" in text
            assert "Nome                  Mario Rossi" in text
            assert "Amministratore S/N    N" in text
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, MainMenuScreen)
            assert "Operatore MARIO registrato" in screen_text(app)
        mario = Operator.get(Operator.login == "mario")
        assert mario.name == "Mario Rossi" and not mario.is_admin
        # Left as proposed for a new operator: active, with the audit log on.
        assert mario.active and mario.audit_enabled
    run(scenario())


def test_dates_and_amounts_are_shown_as_stored_and_long_masks_have_pages(admin_ctx, settings,
                                                                         clock):
    SampleMask.saved.clear()

    async def scenario():
        app = GammaApp(settings, clock)
        async with app.run_test(size=SIZE) as pilot:
            await login(pilot)
            await app.open_screen(SampleMask())
            await type_text(pilot, "ab1")
            await pilot.press("enter")
            await type_text(pilot, "010326")
            await pilot.press("enter")
            await type_text(pilot, "1234,5")
            await pilot.press("enter")
            await pilot.pause()
            text = screen_text(app)
            assert "Codice                AB1" in text
            assert "Data                  01/03/2026" in text
            assert "Importo               1.234,50" in text
            assert "Nota 27" not in text  # on the second page
            await pilot.press("pagedown")
            await pilot.pause()
            text = screen_text(app)
            assert "Nota 27" in text and "Importo" not in text
            await type_text(pilot, "seconda pagina")
            await pilot.press("pageup")
            await pilot.pause()
            assert "Importo               1.234,50" in screen_text(app)
            await pilot.press("f10")
            await pilot.pause()
        values = SampleMask.saved[-1]
        assert str(values["amount"]) == "1234.50" and values["day"].isoformat() == "2026-03-01"
        assert values["code"] == "AB1" and "seconda pagina" in values.values()
    run(scenario())


def test_a_date_typed_as_words_shows_the_day_and_is_kept_as_typed_for_presets(
        admin_ctx, settings, clock):
    # NOW is 10/03/2026 (tests/conftest.py): "fine mese scorso" is 28/02/2026 today, and
    # what a preset stores stays the words, to mean another day next month.
    async def scenario():
        app = GammaApp(settings, clock)
        async with app.run_test(size=SIZE) as pilot:
            await login(pilot)
            await app.open_screen(SampleMask())
            await type_text(pilot, "ab1")
            await pilot.press("enter")
            await type_text(pilot, "fine mese scorso")
            await pilot.press("enter", "up", "enter")  # over the day again: still the words
            await pilot.pause()
            mask = app.screen.mask
            assert mask.texts()["day"] == "28/02/2026"
            assert mask.typed_texts()["day"] == "fine mese scorso"
            mask.input("day").value = ""
            await pilot.press("up")
            await type_text(pilot, "15/02/2026")
            await pilot.press("enter")
            await pilot.pause()
            assert mask.typed_texts()["day"] == "15/02/2026"
    run(scenario())


def test_a_wrong_field_is_named_and_keeps_the_operator_there(admin_ctx, settings, clock):
    async def scenario():
        app = GammaApp(settings, clock)
        async with app.run_test(size=SIZE) as pilot:
            await login(pilot)
            await app.open_screen(SampleMask())
            await type_text(pilot, "x")
            await pilot.press("enter")
            await type_text(pilot, "310226")
            await pilot.press("enter", "enter")
            await pilot.pause()
            assert "Data: data inesistente: 310226" in screen_text(app)
            assert app.screen.mask.current().field.name == "day"
    run(scenario())


def test_f10_with_a_failing_field_rule_names_the_field_and_the_rule(admin_ctx, settings, clock):
    field_rules.set_rule(admin_ctx, "operator", "see_costs", allowed=["N"])

    async def scenario():
        app = GammaApp(settings, clock)
        async with app.run_test(size=SIZE) as pilot:
            await login(pilot)
            await open_code(pilot, "922")
            await type_text(pilot, "mario")
            await pilot.press("enter")
            await type_text(pilot, "Mario")
            await pilot.press("enter")
            await type_text(pilot, "password-m")
            app.screen.mask.input("see_costs").value = "S"
            await pilot.press("f10")
            await pilot.pause()
            text = screen_text(app)
            assert ("Vede i costi: valore S non ammesso dalla regola del campo "
                    "(valori consentiti: N)") in text
            assert app.screen.mask.current().field.name == "see_costs"
        assert not Operator.select().where(Operator.login == "mario").exists()
    run(scenario())


def test_esc_with_unsaved_changes_asks_before_leaving(admin_ctx, settings, clock):
    async def scenario():
        app = GammaApp(settings, clock)
        async with app.run_test(size=SIZE) as pilot:
            await login(pilot)
            await open_code(pilot, "922")
            await type_text(pilot, "mario")
            await pilot.press("escape")
            await pilot.pause()
            assert "Ci sono modifiche non confermate: abbandonarle?" in screen_text(app)
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, OperatorMask)
            await pilot.press("escape", "s")
            await pilot.pause()
            assert isinstance(app.screen, MainMenuScreen)
            # Nothing typed: Esc leaves at once.
            await open_code(pilot, "922")
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, MainMenuScreen)
        assert drafts.pending(admin_ctx) == []
    run(scenario())


def test_f2_opens_the_lookup_and_returns_the_choice(admin_ctx, settings, clock):
    operators.add_group(admin_ctx, "magazzino", "Magazzinieri")
    operators.add_group(admin_ctx, "vendite", "Ufficio vendite")

    async def scenario():
        app = GammaApp(settings, clock)
        async with app.run_test(size=SIZE) as pilot:
            await login(pilot)
            await open_code(pilot, "922")
            app.screen.mask.focus_field("groups")
            await type_text(pilot, "magazzino,")
            await pilot.press("f2")
            await pilot.pause()
            text = screen_text(app)
            assert "Ricerca Gruppi" in text and "magazzino" in text and "vendite" in text
            await type_text(pilot, "uffic")  # a substring of the description
            await pilot.pause()
            text = screen_text(app)
            assert "vendite" in text and "magazzino" not in text
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, OperatorMask)
            # The list field keeps what was there: the choice completes the last item.
            assert app.screen.mask.input("groups").value == "magazzino,vendite"
    run(scenario())


def test_a_field_hidden_for_a_group_is_absent_for_its_members_only(admin_ctx, settings, clock):
    operators.add_group(admin_ctx, "filiali")
    operators.add(admin_ctx, "lucia", "password-l", groups=("filiali",))
    operators.add(admin_ctx, "piero", "password-p")
    for who in (Grantee.of_group("filiali"), Grantee.of_operator("piero")):
        grants.grant(admin_ctx, who, GrantChange(functions=("922",), companies=(1,)))
    field_rules.set_rule(admin_ctx, "operator", "see_costs", Grantee.of_group("filiali"),
                         hidden=True)

    async def mask_text(user, password):
        app = GammaApp(settings, clock)
        async with app.run_test(size=SIZE) as pilot:
            await login(pilot, user, password)
            await open_code(pilot, "922")
            return screen_text(app)

    assert "Vede i costi" not in run(mask_text("lucia", "password-l"))
    assert "Vede i margini" in run(mask_text("lucia", "password-l"))
    assert "Vede i costi" in run(mask_text("piero", "password-p"))


def test_a_record_held_by_another_operator_is_offered_read_only(admin_ctx, settings, clock):
    operators.add(admin_ctx, "mario", "password-m", name="Mario Rossi")
    operators.add(admin_ctx, "lucia", "password-l", is_admin=True)
    lucia = Context(settings, operator=operators.find("lucia"), clock=clock)
    lucia = sessions.start(lucia, "tui")
    locks.acquire(lucia, operators.find("mario"))

    async def scenario():
        app = GammaApp(settings, clock)
        async with app.run_test(size=SIZE) as pilot:
            await login(pilot)
            await open_code(pilot, "922")
            await type_text(pilot, "mario")
            await pilot.press("enter")
            await pilot.pause()
            text = screen_text(app)
            assert "Operatore mario in uso da LUCIA dalle 10:30. Aprire in sola lettura?" in text
            await pilot.press("s")
            await pilot.pause()
            text = screen_text(app)
            assert "Operatore mario — sola lettura" in text and "Mario Rossi" in text
            await type_text(pilot, "xyz")
            await pilot.press("f10")
            await pilot.pause()
            assert "Sola lettura" in screen_text(app)
            assert "xyz" not in screen_text(app)
    run(scenario())
    assert RecordLock.select().count() == 1  # still LUCIA's


def test_a_lock_is_taken_while_editing_and_released_on_leaving(admin_ctx, settings, clock):
    operators.add(admin_ctx, "mario", "password-m", name="Mario Rossi")

    async def scenario():
        app = GammaApp(settings, clock)
        async with app.run_test(size=SIZE) as pilot:
            await login(pilot)
            await open_code(pilot, "922")
            await type_text(pilot, "mario")
            await pilot.press("enter")
            await pilot.pause()
            assert RecordLock.select().count() == 1
            assert "Mario Rossi" in screen_text(app)
            await pilot.press("escape")
            await pilot.pause()
            assert RecordLock.select().count() == 0
    run(scenario())


def test_a_half_entered_mask_is_offered_again_at_next_login(admin_ctx, settings, clock):
    async def first_session():
        app = GammaApp(settings, clock)
        async with app.run_test(size=SIZE) as pilot:
            await login(pilot)
            await open_code(pilot, "922")
            await type_text(pilot, "mario")
            await pilot.press("enter")
            await type_text(pilot, "Mario Rossi")
            # The line drops: what SIGHUP does, without leaving the test process.
            app.save_drafts()
            app.end_session()

    async def second_session():
        app = GammaApp(settings, clock)
        async with app.run_test(size=SIZE) as pilot:
            await login(pilot)
            text = screen_text(app)
            assert "Bozze non confermate" in text and "922" in text
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, OperatorMask)
            text = screen_text(app)
            assert "Codice operatore      mario" in text
            assert "Nome                  Mario Rossi" in text
            assert "Ripresa la bozza" in text

    run(first_session())
    run(second_session())


def test_a_denied_function_is_absent_from_the_menu_and_refused_if_typed(admin_ctx, settings,
                                                                         clock):
    operators.add(admin_ctx, "lucia", "password-l")
    grants.grant(admin_ctx, Grantee.of_operator("lucia"),
                 GrantChange(functions=("921",), companies=(1,)))

    async def scenario():
        app = GammaApp(settings, clock)
        async with app.run_test(size=SIZE) as pilot:
            await login(pilot, "lucia", "password-l")
            text = screen_text(app)
            assert "921  OPER" in text and "922" not in text
            await open_code(pilot, "operm")
            assert isinstance(app.screen, MainMenuScreen)
            assert ("Funzione 922 «Gestione operatori» non consentita all'operatore LUCIA"
                    in screen_text(app))
            await open_code(pilot, "921")
            assert "Ditta 1 La mia azienda │ LUCIA │ 10/03/2026 │ 921" in screen_text(app)
    run(scenario())
