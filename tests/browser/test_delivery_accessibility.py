"""Delivery pages in headless Chromium: axe-core (WCAG 2.2 AA) clean in zh-Hans and English —
the delivery step with pickup points and with parcels that cannot be delivered, the buyer's
order page with a parcel's timeline, the seller's drop-off form (and its error state), the
seller's order page with the steps, and the pickup point staff pages; portal controls ≥ 44px."""

from __future__ import annotations

from typing import Any, cast

import pytest
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import Page

from tests.browser.test_storefront_accessibility import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = {"zh-hans": "", "en": "/en"}
PORTAL_TARGETS = "main a, main button, main input:not([type=hidden]):not([type=radio]), main select"
SMALL_TARGETS = f"""[...document.querySelectorAll('{PORTAL_TARGETS}')]
  .filter(e => {{ const r = e.getBoundingClientRect(); return r.height > 0 && r.height < 44; }})
  .map(e => e.outerHTML.slice(0, 90))"""


def _walk_to_delivery(client: Client, shop: Any, *, fresh: bool) -> None:
    from storefront.tests.checkout_scenarios import add_to_cart, county

    add_to_cart(client, shop.oil, 1)
    if fresh:
        add_to_cart(client, shop.apples, 1)
    client.post("/en/checkout/contact/", {"email": "buyer@example.test"})
    region = county()
    client.post(
        f"/en/checkout/address/?province={region.province_code}",
        {
            "recipient_name": "张小花",
            "mobile": "139 1234 5678",
            "county": region.pk,
            "address_detail": "幸福路 8 号",
        },
    )


@pytest.fixture
def world(transactional_db: Any) -> dict[str, Any]:
    from backend.accounts.models import User
    from backend.accounts.tests.factories import UserFactory
    from backend.catalog.tests.factories import ChannelFactory
    from backend.delivery.models import DeliveryStatus
    from backend.delivery.tests.factories import PickupPointStaffFactory
    from backend.delivery.tests.scenarios import checkout_to_point, new_point, paid_order, shipped
    from backend.delivery.tracking import record_delivery_update
    from backend.regions.models import Region
    from storefront.tests.checkout_scenarios import make_two_producer_shop

    if not Region.objects.filter(code="621123").exists():
        call_command("load_regions", verbosity=0)
    channel = ChannelFactory.create(slug="default-channel")
    shop = make_two_producer_shop(channel)
    seller = cast(User, UserFactory(name="合作社社长", email="seller@example.test"))
    shop.cooperative.owner = seller
    shop.cooperative.save(update_fields=["owner"])
    station = new_point(name="田家河村服务站", couriers=[shop.courier])
    new_point(name="渭源县电子商务公共服务中心", kind="county_centre", couriers=[shop.courier])
    staff = PickupPointStaffFactory(pickup_point=station).user
    buyer = UserFactory(name="买家", email="buyer@example.test")
    order = paid_order(checkout_to_point(channel, [(shop.oil, 1)], station, user=buyer), user=buyer)
    sub_order = shipped(order.sub_orders.get())
    record_delivery_update(
        sub_order, actor=seller, status=DeliveryStatus.DROPPED_AT_PICKUP_POINT, pickup_point=station
    )
    record_delivery_update(sub_order, actor=staff, status=DeliveryStatus.AT_PICKUP_POINT)
    waiting = paid_order(
        checkout_to_point(channel, [(shop.oil, 1)], station, user=buyer), user=buyer
    )
    waiting_sub = shipped(waiting.sub_orders.get())
    return {
        "shop": shop,
        "seller": seller,
        "station": station,
        "staff": staff,
        "buyer": buyer,
        "order": order,
        "sub_order": sub_order,
        "waiting_sub": waiting_sub,
    }


def _use_session(page: Page, live_server: Any, client: Client) -> None:
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def _signed_in(page: Page, live_server: Any, user: Any) -> None:
    client = Client()
    client.force_login(user)
    _use_session(page, live_server, client)


def _check(page: Page, found: dict[str, list[str]], name: str, *, portal: bool) -> None:
    violations = axe_violations(page)
    small = page.evaluate(SMALL_TARGETS) if portal else []
    if violations or small:
        found[name] = violations + [f"small target: {s}" for s in small]


def _visit(page: Page, url: str, found: dict[str, list[str]], name: str, *, portal: bool) -> None:
    response = page.goto(url)
    assert response is not None
    assert response.status == 200, (name, response.status)
    _check(page, found, name, portal=portal)


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_storefront_delivery_pages_have_no_axe_violations(live_server, page, world, language):
    # given
    prefix = f"{live_server.url}{LANGUAGES[language]}"
    found: dict[str, list[str]] = {}
    shop = world["shop"]

    # when: the delivery step with pickup points
    client = Client()
    _walk_to_delivery(client, shop, fresh=False)
    _use_session(page, live_server, client)
    _visit(page, f"{prefix}/checkout/delivery/", found, "delivery step", portal=False)
    assert page.locator(f"#id_delivery_method_point-{world['station'].pk}").count() == 1

    # ... and with a parcel no courier can keep cold
    shop.courier.supports_cold_chain = False
    shop.courier.save(update_fields=["supports_cold_chain"])
    cold = Client()
    _walk_to_delivery(cold, shop, fresh=True)
    _use_session(page, live_server, cold)
    _visit(
        page, f"{prefix}/checkout/delivery/", found, "delivery step (cannot deliver)", portal=False
    )
    assert page.locator("#undeliverable-title").count() == 1

    # ... the buyer's order page with the timeline
    _signed_in(page, live_server, world["buyer"])
    _visit(
        page, f"{prefix}/account/orders/{world['order'].token}/", found, "order page", portal=False
    )
    assert page.locator("ol.timeline li").count() == 2

    # then
    assert found == {}


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_portal_delivery_pages_have_no_axe_violations(live_server, page, world, language):
    # given
    prefix = f"{live_server.url}{LANGUAGES[language]}"
    found: dict[str, list[str]] = {}
    shop = world["shop"].cooperative
    waiting = world["waiting_sub"]
    _signed_in(page, live_server, world["seller"])

    # when: the seller's order page with steps, the drop-off form and its error state
    base = f"{prefix}/seller/shop/{shop.pk}/"
    _visit(page, f"{base}orders/{world['sub_order'].pk}/", found, "seller order", portal=True)
    _visit(page, f"{base}parcels/{waiting.pk}/step/", found, "drop-off form", portal=True)
    page.check("input[value=dropped_off]")
    page.click("main form button[type=submit]")
    page.wait_for_selector("[data-error-summary]")
    _check(page, found, "drop-off form (error)", portal=True)

    # ... the pickup point staff pages
    _signed_in(page, live_server, world["staff"])
    _visit(page, f"{prefix}/seller/pickup-points/", found, "staff points", portal=True)
    station = world["station"]
    _visit(
        page, f"{prefix}/seller/pickup-points/{station.pk}/", found, "staff parcels", portal=True
    )

    # then
    assert found == {}
