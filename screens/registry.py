"""Which screen opens for which function code.

A screen class registers itself with `@opens(function)`; it is built with the keyword
arguments the caller has (`record_key`, `texts` of a draft, ...) and must accept and
ignore the ones it does not use.
"""

from __future__ import annotations

from typing import Callable

from gamma.functions import Function

_SCREENS: dict[str, Callable] = {}


def opens(function: Function):
    def register(cls):
        _SCREENS[function.code] = cls
        cls.FUNCTION_CODE = function.code
        return cls
    return register


def screen_for(code: str) -> Callable | None:
    _load()
    return _SCREENS.get(code)


_loaded = False


def _load() -> None:
    # Imported on first use so that each screen module registers itself.
    global _loaded
    if _loaded:
        return
    _loaded = True
    import screens.admin  # noqa: F401
    from gamma.discovery import import_all
    import_all("screens.master")
