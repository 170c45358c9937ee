"""User-built masks (925): chosen fields, order, widths and labels, for an operator, a group
or everybody; through the screen, the service and `gamma mask`."""

from __future__ import annotations

import asyncio
import dataclasses
import json

import pytest
from click.testing import CliRunner

from gamma import masks, masks_form
from gamma.access import operators
from gamma.access.forms import OPERATOR
from gamma.access.grants import Grantee, GrantChange, grant
from gamma.cli.main import cli as gamma_cli
from gamma.errors import ValidationError
from screens.admin.mask_layouts import MaskLayoutMask
from screens.admin.operators import OperatorMask
from screens.app import GammaApp
from screens.main_menu import MainMenuScreen
from screens.mask.placement import place
from tests.tui_helpers import SIZE, fill, open_code, screen_text

# The terminal tests run on SQLite; the services' tests on both engines.
tui = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def run(coro):
    return asyncio.run(coro)




def mask_lines(text: str) -> list[str]:
    """The label column of the mask: the lines between the title and the footer."""
    return [line[:22].rstrip() for line in text.splitlines()[2:-1] if line[:22].strip()]


@pytest.fixture
def mario(admin_ctx):
    operators.add_group(admin_ctx, "vendite")
    operators.add(admin_ctx, "mario", "password-m", name="Mario Rossi", groups=("vendite",))
    grant(admin_ctx, Grantee.of_operator("mario"),
          GrantChange(functions=("922",), companies=(1,)))
    return dataclasses.replace(admin_ctx, operator=operators.find("mario"))


@tui
def test_a_user_mask_made_in_925_is_what_its_operator_sees(admin_ctx, mario, settings, clock):
    async def administrator():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await open_code(pilot, "925")
            await pilot.press("insert")
            await pilot.pause()
            assert isinstance(app.screen, MaskLayoutMask)
            assert "nome[:larghezza[:etichetta]]" in screen_text(app)
            # Without the required login the layout is refused, naming it.
            await fill(pilot, "operator", "MARIO", "name", "is_admin")
            await pilot.press("f10")
            await pilot.pause()
            assert "Campi: mancano campi obbligatori: Codice operatore" in screen_text(app)
            assert app.focused.id == "f-field_1"  # the field is selected: typing replaces
            await fill(pilot, "login:12:Utente", "name:30:Nominativo", "active")
            await pilot.press("f10")
            await pilot.pause()
            text = screen_text(app)
            assert "Maschera personalizzata di operator per mario registrata" in text
            assert "login,name,active" in text
            # Typing the mask and the operator again opens the stored layout.
            await pilot.press("insert")
            await pilot.pause()
            await fill(pilot, "operator", "mario")
            text = screen_text(app)
            assert "Maschera personalizzata operator per mario" in text
            assert "login:12:Utente" in text and "name:30:Nominativo" in text
            await pilot.press("escape")
            await pilot.pause()

    async def operator():
        app = GammaApp(settings, clock, operator_login="mario")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, MainMenuScreen)
            await open_code(pilot, "922")
            assert isinstance(app.screen, OperatorMask)
            assert mask_lines(screen_text(app)) == ["Utente", "Nominativo", "Attivo S/N"]

    run(administrator())
    assert [p.label for p in place(mario, OPERATOR)] == ["Utente", "Nominativo", "Attivo S/N"]
    assert [p.width for p in place(mario, OPERATOR)] == [12, 30, 1]
    assert len(place(admin_ctx, OPERATOR)) == len(OPERATOR.fields)
    run(operator())


def test_the_layout_mask_service_names_the_wrong_line(admin_ctx, mario):
    with pytest.raises(ValidationError, match="Campo 2: campo nome inesistente nella "
                       "maschera operator"):
        masks_form.save_from_form(admin_ctx, {"form": "operator", "field_1": "login",
                                              "field_2": "nome"})
    with pytest.raises(ValidationError, match="Campo 1: larghezza 'x' non numerica"):
        masks_form.save_from_form(admin_ctx, {"form": "operator", "field_1": "login:x"})
    with pytest.raises(ValidationError) as err:
        masks_form.save_from_form(admin_ctx, {"form": "operator", "field_3": "name"})
    assert err.value.field == "field_3"
    assert err.value.message == "Campi: mancano campi obbligatori: Codice operatore"
    layout = masks_form.save_from_form(admin_ctx, {"form": "operator", "grantee": "vendite",
                                                   "field_1": "login", "field_2": "groups:20"})
    assert masks_form.form_values(layout) == {"form": "operator", "grantee": "gruppo:vendite",
                                              "field_1": "login", "field_2": "groups:20"}
    assert [f.name for f in masks.resolve(mario, "operator")] == ["login", "groups"]


@pytest.fixture
def gamma(db_url, admin_ctx, tmp_path):
    env = {"GAMMA_DB": db_url, "GAMMA_SECURITY_SCRYPT_N": "1024", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "GAMMA_OPERATOR": "admin",
           "GAMMA_COMPANY": None, "GAMMA_CONFIG": None}
    runner = CliRunner(env=env)

    def run_cli(*args):
        return runner.invoke(gamma_cli, list(args), prog_name="gamma")

    return run_cli


def test_gamma_mask_set_list_delete(gamma, mario):
    result = gamma("mask", "set", "operator", "--fields", "login,name:30:Nominativo",
                   "--group", "vendite")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Maschera personalizzata di operator per gruppo:vendite " \
                            "registrata\n"
    assert gamma("mask", "set", "operator", "--fields", "login:10,active",
                 "--operator", "mario").exit_code == 0
    listed = json.loads(gamma("mask", "list", "--json").stdout)
    assert [(r["form"], r["for"]) for r in listed] == [("operator", "gruppo:vendite"),
                                                       ("operator", "mario")]
    assert listed[0]["fields"] == [{"name": "login", "width": 20, "label": "Codice operatore"},
                                   {"name": "name", "width": 30, "label": "Nominativo"}]
    table = gamma("mask", "list").stdout
    assert "login:10:Codice operatore,active:1:Attivo S/N" in table
    # The operator's own layout wins over the group's.
    assert [f.name for f in masks.resolve(mario, "operator")] == ["login", "active"]

    refused = gamma("mask", "set", "operator", "--fields", "name")
    assert refused.exit_code == 1
    assert refused.stderr == ("Errore: Campi: mancano campi obbligatori: Codice operatore\n")
    assert gamma("mask", "set", "operator", "--fields", "login", "--operator", "mario",
                 "--group", "vendite").exit_code == 2

    assert gamma("mask", "delete", "operator", "--operator", "mario").stdout == \
        "Maschera personalizzata di operator per mario eliminata\n"
    assert [f.name for f in masks.resolve(mario, "operator")] == ["login", "name"]
    missing = gamma("mask", "delete", "operator")
    assert missing.exit_code == 1 and "Nessuna maschera personalizzata" in missing.stderr
    denied = gamma("--operator", "mario", "mask", "list")
    assert denied.exit_code == 1 and "925" in denied.stderr
