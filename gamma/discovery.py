"""Importing every module of a package, so that each registers what it defines (forms,
lookup sources, screens, commands) without a shared list to edit."""

from __future__ import annotations

import importlib
import pkgutil


def import_all(package_name: str, suffix: str = "") -> list:
    """Import the package's modules (names ending with `suffix`), sorted by name."""
    package = importlib.import_module(package_name)
    names = sorted(m.name for m in pkgutil.iter_modules(package.__path__)
                   if m.name.endswith(suffix))
    return [importlib.import_module(f"{package_name}.{name}") for name in names]
