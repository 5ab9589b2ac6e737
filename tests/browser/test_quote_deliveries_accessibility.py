"""Quote order pages of the enterprise portal in headless Chromium: the purchase request page with
its accepted quotes (a delivery link, and "no order yet" for a producer short of stock) and the
quote order page before shipping, ready for the quality check, with the check's error state, and
checked — axe-core (WCAG 2.2 AA) clean in zh-Hans and English, no control under 44px."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from tests.browser.test_procurement_accessibility import (
    LANGUAGES,
    check,
    check_current,
    sign_in,
    submit_with_error,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(transactional_db: Any) -> dict[str, Any]:
    from backend.catalog.tests.factories import ChannelFactory
    from backend.procurement.deliveries import accept_delivery
    from backend.procurement.tests.scenarios import enterprise_side, ship
    from backend.regions.models import Region
    from enterprise_portal.tests.quote_scenarios import Offer, answered_request

    if not Region.objects.filter(code="620102").exists():
        call_command("load_regions", verbosity=0)
    channel = ChannelFactory.create()
    side = enterprise_side()
    request, (shipped, waiting, checked, _short) = answered_request(
        channel,
        side,
        [
            Offer("a", units=40),
            Offer("b", units=20),
            Offer("c", units=20),
            Offer("d", units=20, in_stock=False),
        ],
    )
    for order in (shipped, checked):
        assert order.delivery is not None
        ship(order.delivery, order.supplier.owner)
    assert checked.delivery is not None
    line = checked.delivery.lines.get()
    accept_delivery(
        checked.delivery, actor=side.buyer, accepted={line.pk: 18}, reasons={line.pk: "两袋受潮"}
    )
    assert shipped.delivery is not None
    return {
        "side": side,
        "request": request,
        "shipped": shipped.delivery,
        "shipped_line": shipped.delivery.lines.get(),
        "waiting": waiting.delivery,
        "checked": checked.delivery,
    }


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_quote_delivery_pages_have_no_axe_violations(live_server, page, world, language):
    # given
    side = world["side"]
    base = f"{live_server.url}{LANGUAGES[language]}/enterprise/{side.enterprise.pk}/"
    found: dict[str, list[str]] = {}
    sign_in(page, live_server, side.buyer)

    # when
    check(page, f"{base}requests/{world['request'].pk}/", found, "request")
    check(page, f"{base}quote-deliveries/{world['waiting'].pk}/", found, "waiting")
    check(page, f"{base}quote-deliveries/{world['checked'].pk}/", found, "checked")
    check(page, f"{base}quote-deliveries/{world['shipped'].pk}/", found, "check")
    submit_with_error(page, f"#id_accepted_{world['shipped_line'].pk}", "30")
    check_current(page, found, "check (error)")

    # then
    assert found == {}
    assert page.input_value(f"#id_accepted_{world['shipped_line'].pk}") == "30"
