"""Low-bandwidth mode: bytes the app writes at 80x24, counted in a real terminal.

Byte counts are deterministic (not timings). They guard the figures `scripts/bench ssh`
reports: a keystroke in a mask field, moving to the next field, and an idle screen.
"""

from __future__ import annotations

import random

import pyte
import pytest
import textual

from gamma.access import operators
from screens import bandwidth
from screens.lean_output import LeanOutput
from tests.conftest import ADMIN_PASSWORD
from tests.pty_terminal import PtyTerminal, gamma_env

KEYSTROKE_MAX = 100
NEXT_FIELD_MAX = 400
LIST_MOVE_MAX = 300


def cells(data: str, width: int = 80, height: int = 24):
    screen = pyte.Screen(width, height)
    pyte.Stream(screen).feed(data)
    return [[(c.data, c.fg, c.bg, c.bold, c.italics, c.underscore, c.reverse)
             for c in (screen.buffer[y][x] for x in range(width))] for y in range(height)], \
        (screen.cursor.x, screen.cursor.y)


def test_textual_is_the_version_the_figures_were_measured_on():
    # Low-bandwidth mode relies on Screen.focused and LinuxDriver.write: re-measure
    # (scripts/bench ssh) and re-check tests/test_bandwidth.py before moving on.
    assert textual.__version__.startswith(bandwidth.TEXTUAL_VERSION + "."), \
        textual.__version__


def test_lean_output_paints_the_same_cells_with_fewer_bytes():
    raw = ("\x1b[1;1H\x1b[39;44mDitta 1 │ ADMIN\x1b[0m\x1b[44m" + " " * 65 + "\x1b[0m\n"
           "\x1b[2;1H\x1b[1;39;49mOperatore\x1b[0m\x1b[49m" + " " * 71 + "\x1b[0m\n"
           "\x1b[3;1H\x1b[39;49mCodice\x1b[0m\x1b[49m   \x1b[0m\x1b[30;47m \x1b[0m\x1b[42m"
           + " " * 20 + "\x1b[0m\x1b[49m" + " " * 50 + "\x1b[0m\n"
           "\x1b[4;1H\x1b[7mREV\x1b[0m\x1b[7m" + " " * 77 + "\x1b[0m\x1b[4;5H")
    lean = LeanOutput(80)
    out = lean.feed(raw) + lean.finish()
    assert cells(out) == cells(raw)
    assert len(out) < len(raw) * 0.6


def test_lean_output_is_exact_on_random_frames():
    rng = random.Random(7)
    styles = ["\x1b[0m", "\x1b[1m", "\x1b[39;49m", "\x1b[30;47m", "\x1b[42m", "\x1b[7m",
              "\x1b[33;49m", "\x1b[1;39;44m", "\x1b[22m", "\x1b[27m"]
    for _ in range(200):
        parts = []
        for row in range(1, 6):
            parts.append(f"\x1b[{row};{rng.randint(1, 4)}H")
            width = 0
            while width < 70:
                parts.append(rng.choice(styles))
                text = rng.choice(["ab", " ", "   ", "Nome", "è", "  x  "])
                parts.append(text)
                width += len(text)
            parts.append(rng.choice(["\n", "", "\x1b[0m\n"]))
        raw = "".join(parts)
        lean = LeanOutput(80)
        assert cells(lean.feed(raw) + lean.finish()) == cells(raw), repr(raw)


@pytest.fixture
def terminal(admin_ctx, db_url, tmp_path):
    for n in range(30):
        operators.add_group(admin_ctx, f"gruppo{n:02d}", f"Gruppo numero {n}")
    term = PtyTerminal(["tui", "--low-bandwidth"], gamma_env(db_url, str(tmp_path)))
    term.wait_for("GAMMA — accesso")
    term.settle()
    yield term
    term.close()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_keystroke_next_field_list_move_and_idle_stay_within_budget(terminal):
    terminal.send("admin", "enter", ADMIN_PASSWORD, "enter")
    terminal.wait_for("Codice o sigla della funzione")
    terminal.settle()
    terminal.send("922", "enter")
    terminal.wait_for("Codice operatore")
    terminal.settle()
    terminal.send("m")
    keystroke = terminal.settle()
    terminal.send("tab")
    next_field = terminal.settle()
    terminal.send("\t" * 8, "f2")
    terminal.wait_for("Ricerca Gruppi")
    terminal.settle(quiet=0.8)
    terminal.send("down")
    list_move = terminal.settle()
    idle = terminal.pump(2.0)
    assert 0 < keystroke <= KEYSTROKE_MAX
    assert 0 < next_field <= NEXT_FIELD_MAX
    assert 0 < list_move <= LIST_MOVE_MAX
    assert idle == 0
