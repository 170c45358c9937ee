"""The party screens at 80x24: 112 creates a party, F2 on a coded field, a field hidden
for a group is absent from the mask and takes its default; 111 lists and deletes."""

from __future__ import annotations

import asyncio

import pytest

from gamma.access import field_rules, grants, operators
from gamma.access.grants import GrantChange, Grantee
from gamma.master import parties, party_destinations
from models import Agent, Party
from screens.app import GammaApp
from screens.master.parties import PartyList, PartyMask
from screens.master.party_destinations import DestinationList, DestinationMask
from tests.tui_helpers import SIZE, fill, open_code, screen_text, started, type_text

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)

IVA = "00743110157"


def run(coro):
    return asyncio.run(coro)





def test_a_party_created_through_112_with_f2_on_a_coded_field(admin_ctx, settings, clock):
    Agent.create(company=admin_ctx.company, code="AG7", name="Paolo Neri")
    parties.save_from_form(admin_ctx, {"code": "C900", "name": "Verdi Nuova"})

    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "112")
            assert isinstance(app.screen, PartyMask)
            await fill(pilot, "c001", "Rossi Forniture", "", "Via Roma 1", "20100",
                       "Milano", "MI", "", IVA)
            app.screen.mask.focus_field("replaced_by")
            await type_text(pilot, "verdi")
            await pilot.press("f2")  # the party lookup, by a substring of the name
            await pilot.pause()
            text = screen_text(app)
            assert "C900" in text and "Verdi Nuova" in text
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, PartyMask)
            assert app.screen.mask.input("replaced_by").value == "C900"
            app.screen.mask.focus_field("agent")
            await pilot.press("f2")  # the agents, from the tables' own lookup source
            await pilot.pause()
            assert "Paolo Neri" in screen_text(app)
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen.mask.input("agent").value == "AG7"
            await pilot.press("f10")
            await pilot.pause()
            assert "Anagrafica C001 «Rossi Forniture» registrata" in screen_text(app)

    run(scenario())
    party = parties.get(admin_ctx, "C001")
    assert (party.city, party.vat_number, party.agent.code) == ("Milano", IVA, "AG7")
    assert party.replaced_by.code == "C900"


def test_an_invalid_vat_number_is_refused_in_the_mask(admin_ctx, settings, clock):
    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "112")
            await fill(pilot, "C001", "Rossi")
            app.screen.mask.focus_field("vat_number")
            await type_text(pilot, "12345678901")
            await pilot.press("f10")
            await pilot.pause()
            assert "Partita IVA: partita IVA italiana non valida" in screen_text(app)
            assert isinstance(app.screen, PartyMask)

    run(scenario())
    assert not Party.select().exists()


def test_a_field_hidden_for_a_group_is_absent_from_the_mask_and_takes_its_default(
        admin_ctx, settings, clock):
    operators.add_group(admin_ctx, "banco")
    operators.add(admin_ctx, "lucia", "password-l", groups=("banco",))
    grants.grant(admin_ctx, Grantee.of_group("banco"),
                 GrantChange(functions=("111", "112"), companies=(1,)))
    field_rules.set_rule(admin_ctx, "party", "price_list", Grantee.of_group("banco"),
                         hidden=True, default="4")

    async def mask_text(login: str, create: bool) -> str:
        app = GammaApp(settings, clock, operator_login=login)
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "112")
            text = screen_text(app)
            # the field may be on a later page: look at every page
            labels = [i.field.name for i in app.screen.mask.inputs]
            if create:
                await fill(pilot, "C001", "Bianchi")
                await pilot.press("f10")
                await pilot.pause()
                text += screen_text(app)
            return text + "\n" + ",".join(labels)

    lucia_text = run(mask_text("lucia", True))
    assert "price_list" not in lucia_text.splitlines()[-1].split(",")
    assert "Anagrafica C001 «Bianchi» registrata" in lucia_text
    assert parties.get(admin_ctx, "C001").price_list == 4
    assert "price_list" in run(mask_text("admin", False)).splitlines()[-1].split(",")


def test_the_list_finds_by_name_opens_and_deletes(admin_ctx, settings, clock):
    parties.save_from_form(admin_ctx, {"code": "C001", "name": "Rossi"})
    parties.save_from_form(admin_ctx, {"code": "C002", "name": "Verdi"})

    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "111")
            assert isinstance(app.screen, PartyList)
            text = screen_text(app)
            assert "C001" in text and "Verdi" in text
            await type_text(pilot, "verd")
            await pilot.pause()
            text = screen_text(app)
            assert "C002" in text and "C001" not in text
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, PartyMask)
            assert app.screen.mask.input("name").value == "Verdi"
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, PartyList)
            await pilot.press("delete")
            await pilot.pause()
            await pilot.press("s")
            await pilot.pause()
            assert "Anagrafica C002 eliminata" in screen_text(app)

    run(scenario())
    assert [p.code for p in Party.select()] == ["C001"]


def test_f6_on_a_party_lists_its_destinations_to_add_change_and_remove(
        admin_ctx, settings, clock):
    parties.save_from_form(admin_ctx, {"code": "C001", "name": "Rossi"})
    party_destinations.add_destination(admin_ctx, "C001", {"name": "Magazzino"})

    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "112")
            await fill(pilot, "C001")
            assert app.screen.mask.input("name").value == "Rossi"
            await pilot.press("f6")
            await pilot.pause()
            assert isinstance(app.screen, DestinationList)
            text = screen_text(app)
            assert "Destinazioni di C001" in text and "Magazzino" in text
            await pilot.press("insert")
            await pilot.pause()
            assert isinstance(app.screen, DestinationMask)
            await fill(pilot, "Negozio", "Corso Italia 3", "26900", "Lodi", "lo")
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, DestinationList)
            text = screen_text(app)
            assert "Negozio" in text and "Lodi" in text
            await pilot.press("delete")  # the first row: Magazzino
            await pilot.pause()
            await pilot.press("s")
            await pilot.pause()
            assert "Destinazione 1 eliminata" in screen_text(app)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, PartyMask)

    run(scenario())
    assert [(d.number, d.name, d.province) for d in
            party_destinations.list_destinations(admin_ctx, "C001")] == [(2, "Negozio", "LO")]
