"""Presets: personal and shared parameter sets, found by name."""

from __future__ import annotations

import dataclasses

import pytest

from gamma import presets
from gamma.access import operators
from gamma.errors import NotFound, PermissionDenied, ValidationError


@pytest.fixture
def mario(admin_ctx):
    operators.add(admin_ctx, "mario", "password-m")
    return dataclasses.replace(admin_ctx, operator=operators.find("mario"))


def test_a_personal_preset_is_seen_only_by_its_owner(admin_ctx, mario):
    presets.save(mario, "stats run", "mensile", {"by": ["customer", "month"], "top": 10})
    assert presets.load(mario, "stats run", "mensile").params == {
        "by": ["customer", "month"], "top": 10}
    with pytest.raises(NotFound, match="«mensile» inesistenti"):
        presets.load(admin_ctx, "stats run", "mensile")


def test_own_preset_wins_over_a_shared_one_of_the_same_name(admin_ctx, mario):
    presets.save(admin_ctx, "stats run", "mensile", {"top": 5}, shared=True)
    assert presets.load(mario, "stats run", "mensile").params == {"top": 5}
    presets.save(mario, "stats run", "mensile", {"top": 20})
    assert presets.load(mario, "stats run", "mensile").params == {"top": 20}
    names = [(p.name, p.shared) for p in presets.list_presets(mario, "stats run")]
    assert names == [("mensile", False), ("mensile", True)]


def test_saving_again_replaces_and_deleting_removes(mario):
    presets.save(mario, "audit list", "ieri", {"since": "-1"})
    presets.save(mario, "audit list", "ieri", {"since": "-2"})
    assert presets.load(mario, "audit list", "ieri").params == {"since": "-2"}
    presets.delete(mario, "audit list", "ieri")
    assert presets.list_presets(mario) == []


def test_shared_presets_need_the_function(mario):
    with pytest.raises(PermissionDenied, match="951"):
        presets.save(mario, "stats run", "di tutti", {}, shared=True)


def test_bad_names_and_values_are_refused(mario):
    with pytest.raises(ValidationError, match="Nome dei parametri"):
        presets.save(mario, "stats run", "", {})
    with pytest.raises(ValidationError, match="Parametri: valori non memorizzabili"):
        presets.save(mario, "stats run", "x", {"f": object()})
