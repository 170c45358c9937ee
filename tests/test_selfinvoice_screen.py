"""232 received invoices: F5 asks the self-invoice's type and VAT code and creates it."""

from __future__ import annotations

import asyncio

import pytest

from models import Document
from tests.sales_fixtures import d
from tests.test_einvoice_export import ctx  # noqa: F401  (the fixture)
from tests.test_selfinvoice import received, supplier

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def test_f5_in_232_makes_the_self_invoice_or_says_why_not(ctx, settings,  # noqa: F811
                                                          clock):
    from screens.app import GammaApp
    from screens.mask_dialog import MaskDialog
    from screens.sales.received import ReceivedList
    from tests.tui_helpers import SIZE, open_code, screen_text, started, type_text

    irish = supplier(ctx, "F001", "IE", "IE6388047V", "Dublin")
    received(ctx, irish, lines=(("Servizi pubblicitari gennaio", "500.00"),
                                ("Servizi cloud", "250.00")))

    async def scenario():
        app = GammaApp(settings, clock, operator_login="admin")
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await open_code(pilot, "232")
            assert isinstance(app.screen, ReceivedList), screen_text(app)
            assert "f5 Autofattura" in screen_text(app)
            await pilot.press("f5")
            await pilot.pause()
            assert isinstance(app.screen, MaskDialog), screen_text(app)
            assert "Autofattura della fattura ricevuta n. INV-2026-001" in screen_text(app)
            await type_text(pilot, "TD16")  # internal reverse charge: an Irish supplier
            await pilot.press("f10")
            await pilot.pause()
            text = screen_text(app)
            assert isinstance(app.screen, MaskDialog), text
            assert "TD16 (reverse charge interno) richiede un fornitore" in text, text
            assert "italiano: F001 è di IE" in text, text
            app.screen.mask.input("type").value = ""
            app.screen.mask.focus_field("type")
            await type_text(pilot, "TD17")
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, ReceivedList), screen_text(app)
            # 500.00 + 250.00 = 750.00 at 22%: VAT 165.00, total 915.00
            assert "totale 915,00" in screen_text(app), screen_text(app)
            assert "Creata " in screen_text(app) and " 1 del " in screen_text(app)
            await pilot.press("f5")  # a second one for the same invoice: refused
            await pilot.pause()
            await type_text(pilot, "TD17")
            await pilot.press("f10")
            await pilot.pause()
            assert "ha già l'autofattura" in screen_text(app), screen_text(app)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, ReceivedList)
    asyncio.run(scenario())
    made = list(Document.select().where(Document.kind == "self_invoice"))
    assert [(m.subkind, m.number, m.total) for m in made] == [("TD17", 1, d("915.00"))]
