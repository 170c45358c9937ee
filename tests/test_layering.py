"""The layering of DESIGN.md: the core never loads Textual; imports flow one way."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

FORBIDDEN = {
    "models": {"gamma", "screens", "printers", "devices", "textual"},
    "gamma": {"screens", "textual"},
    "printers": {"models", "gamma", "screens", "textual"},
    "devices": {"models", "gamma", "screens", "textual"},
}


def test_importing_the_core_and_the_cli_never_loads_textual():
    code = ("import sys, gamma, models, gamma.cli.main, gamma.service, gamma.backup, "
            "gamma.maintenance, gamma.menu; "
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'screens'));"
            "print(bad); sys.exit(1 if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), str(path))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_imports_flow_one_way(package):
    offences = []
    for path in sorted((ROOT / package).rglob("*.py")):
        bad = imported_roots(path) & FORBIDDEN[package]
        if bad:
            offences.append(f"{path.relative_to(ROOT)} imports {', '.join(sorted(bad))}")
    assert offences == []
