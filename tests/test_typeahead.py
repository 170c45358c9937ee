"""Type-ahead in a real terminal: keys arriving in one burst, and keys arriving while a
screen opens, all reach the right field in order (Pilot.press cannot show this race)."""

from __future__ import annotations

import pytest

from gamma.access import operators
from models import Operator
from tests.conftest import ADMIN_PASSWORD
from tests.pty_terminal import PtyTerminal, gamma_env

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture
def terminal(admin_ctx, db_url, tmp_path):
    term = PtyTerminal(["tui"], gamma_env(db_url, str(tmp_path)))
    term.wait_for("GAMMA — accesso")
    yield term
    term.close()


def test_one_burst_fills_three_fields_in_order(terminal):
    terminal.send("admin", "enter", ADMIN_PASSWORD, "enter")
    terminal.wait_for("Codice o sigla della funzione")
    # One write: the code that opens the mask, then three fields separated by Tab.
    terminal.send("922", "enter", "mario", "tab", "Mario Rossi", "tab", "password-m", "tab",
                  "N")
    terminal.wait_for("Mario Rossi")
    terminal.settle()
    text = terminal.text()
    assert "Codice operatore      mario" in text
    assert "Nome                  Mario Rossi" in text
    assert "Amministratore S/N    N" in text
    terminal.send("f10")
    terminal.wait_for("Operatore MARIO registrato")
    operator = Operator.get(Operator.login == "mario")
    assert operator.name == "Mario Rossi" and not operator.is_admin


def test_login_and_a_whole_mask_typed_ahead_in_one_burst(terminal):
    # Everything at once, before the menu has even been painted.
    terminal.send("admin", "enter", ADMIN_PASSWORD, "enter", "922", "enter", "lucia", "enter",
                  "Lucia Bianchi", "enter", "password-l", "f10")
    terminal.wait_for("Operatore LUCIA registrato")
    assert operators.find("lucia").name == "Lucia Bianchi"
