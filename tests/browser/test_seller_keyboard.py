"""The seller portal by keyboard alone, in headless Chromium.

A seller adds a product with a photo, puts it on sale and ships an order, pressing only Tab,
arrow keys, Enter and typing. The operating system's file dialog cannot be driven, so the photo
is handed to the *focused* file input with `set_input_files`; everything else is keys. A helper
with scope "all" does the same for the seller, and the seller's activity page then says
"by helper … for …".
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from PIL import Image
from playwright.sync_api import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SELLER_MOBILE = "13800001111"
HELPER_MOBILE = "13800002222"


@dataclass(frozen=True)
class PortalWorld:
    shop_id: int
    shop_slug: str
    sub_order_ids: tuple[int, ...]
    seller_name: str
    helper_name: str


def _paid_order(channel: Any, shop: Any) -> Any:
    from backend.checkout.tests.scenarios import listed_variant, make_courier, ready_checkout
    from backend.orders.complete_checkout import complete_checkout
    from backend.payments.offline import confirm_offline_payment

    order = complete_checkout(
        ready_checkout(
            channel, [(listed_variant(channel, producer=shop, price="30.00"), 2)],
            method=make_courier(),
        ),
        actor=None,
        gateway="offline.bank_transfer",
    )  # fmt: skip
    confirm_offline_payment(order, actor=None)
    return order.sub_orders.get(producer=shop)


def build_portal_world(orders: int = 2) -> PortalWorld:
    """A disabled seller's shop with a category to choose, paid orders to ship, and a helper
    allowed to do everything."""
    from backend.accounts.tests.factories import UserFactory
    from backend.catalog.tests.factories import CategoryFactory, ChannelFactory
    from backend.producers.tests.factories import DisabledSellerFactory
    from backend.regions.models import Region
    from backend.sellers.models import HelperKind, HelperScope
    from backend.sellers.tests.factories import HelperGrantFactory

    if not Region.objects.filter(code="621123").exists():
        call_command("load_regions", verbosity=0)
    channel = ChannelFactory.create()
    CategoryFactory.create(name="中药材", slug="herbs")
    seller = UserFactory.create(mobile=SELLER_MOBILE, email="seller@example.test", name="李店主")
    shop = DisabledSellerFactory.create(owner=seller, name="小李的党参店", slug="xiaoli")
    helper = UserFactory.create(mobile=HELPER_MOBILE, name="志愿者小王")
    HelperGrantFactory.create(
        seller=shop, helper=helper, scope=HelperScope.ALL, kind=HelperKind.VOLUNTEER
    )
    sub_orders = tuple(_paid_order(channel, shop).pk for _ in range(orders))
    return PortalWorld(shop.pk, shop.slug, sub_orders, seller.name, helper.name)


@pytest.fixture
def world(transactional_db) -> PortalWorld:  # type: ignore[no-untyped-def]
    return build_portal_world()


# --- keys ---------------------------------------------------------------------------------


def tab_to(page: Page, selector: str, limit: int = 120) -> None:
    """Press Tab until the element matching `selector` has focus (it must be reachable)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement?.matches(s)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key on {page.url}")


def press_enter_and_wait(page: Page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


def follow(page: Page, selector: str) -> None:
    tab_to(page, selector)
    press_enter_and_wait(page)


def sign_in(page: Page, base: str, mobile: str) -> None:
    from backend.accounts.tests.factories import PASSWORD

    page.goto(f"{base}/en/seller/login/")
    tab_to(page, "#id_login")
    page.keyboard.type(mobile)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    press_enter_and_wait(page)
    assert page.url.endswith("/en/seller/"), page.url


def sign_out(page: Page) -> None:
    follow(page, "header form button[type=submit]")


def _jpeg() -> dict[str, Any]:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 90), (180, 120, 40)).save(buffer, "JPEG")
    return {"name": "dangshen.jpg", "mimeType": "image/jpeg", "buffer": buffer.getvalue()}


def add_product_with_photo(page: Page, shop_id: int, name: str) -> None:
    """From the portal home, by keys: the questions, check answers, a photo, on sale."""
    follow(page, f'a[href="/en/seller/shop/{shop_id}/products/new/name/"]')
    tab_to(page, "#id_name")
    page.keyboard.type(name)
    press_enter_and_wait(page)
    tab_to(page, "#id_category")
    page.keyboard.press("ArrowDown")
    assert page.input_value("#id_category") != ""
    follow(page, "main form button[type=submit]")
    tab_to(page, "#id_variant_name")
    page.keyboard.type("500克")
    page.keyboard.press("Tab")
    page.keyboard.type("39.9")
    page.keyboard.press("Tab")
    page.keyboard.type("550")
    press_enter_and_wait(page)
    tab_to(page, "#id_stock")
    page.keyboard.type("20")
    press_enter_and_wait(page)
    tab_to(page, "#id_description")
    page.keyboard.type("高山党参，晒干切段。")
    follow(page, "main form button[type=submit]")
    assert "/products/new/check/" in page.url
    follow(page, "main form button[type=submit]")
    assert re.search(r"/products/\d+/$", page.url), page.url
    # the photo: keys up to the file input, the file handed to the focused input
    follow(page, 'main a[href$="/photos/new/"]')
    tab_to(page, "#id_photo")
    page.locator(":focus").set_input_files(_jpeg())  # type: ignore[arg-type]
    tab_to(page, "#id_alt")
    page.keyboard.type("三根晒干的党参放在竹筛上")
    press_enter_and_wait(page)
    assert re.search(r"/products/\d+/$", page.url), page.url
    follow(page, 'form[action$="/publish/"] button')
    assert "On sale" in page.locator("main .panel").inner_text()


def ship_order(page: Page, shop_id: int, sub_order_id: int) -> None:
    """From anywhere in the portal, by keys: home, orders, the order, carrier and number."""
    follow(page, "header a.portal-brand")
    follow(page, f'a[href="/en/seller/shop/{shop_id}/orders/"]')
    follow(page, f'a[href="/en/seller/shop/{shop_id}/orders/{sub_order_id}/"]')
    tab_to(page, "#id_carrier")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.type("SF1234567890")
    press_enter_and_wait(page)
    assert "Marked as shipped" in page.locator("main .notice").inner_text()


def _shop_state(
    shop_id: int, sub_order_id: int, name: str
) -> tuple[list[tuple[str, int]], str, str]:
    from backend.catalog.models import Product
    from backend.orders.models import SubOrder

    products = [
        (p.name, p.media.count()) for p in Product.objects.filter(producer_id=shop_id, name=name)
    ]
    sub_order = SubOrder.objects.get(pk=sub_order_id)
    fulfillment = sub_order.fulfillments.get()
    return products, sub_order.status, fulfillment.tracking_number


def test_seller_adds_a_product_with_a_photo_and_ships_an_order_by_keyboard(
    live_server, page, world
):
    from backend.catalog.models import Product
    from backend.orders.models import OrderStatus

    # given
    sign_in(page, live_server.url, SELLER_MOBILE)
    # when
    add_product_with_photo(page, world.shop_id, "渭源白条党参")
    ship_order(page, world.shop_id, world.sub_order_ids[0])
    # then
    products, status, tracking = _shop_state(world.shop_id, world.sub_order_ids[0], "渭源白条党参")
    assert products == [("渭源白条党参", 1)]
    assert status == OrderStatus.FULFILLED
    assert tracking == "SF1234567890"
    product = Product.objects.get(name="渭源白条党参")
    assert product.default_variant is not None
    assert product.default_variant.channel_listings.get().price_amount == Decimal("39.90")


def test_helper_does_the_same_for_the_seller_and_the_seller_sees_it_in_activity(
    live_server, page, world
):
    from backend.audit.models import AuditEvent, AuditEventType
    from backend.orders.models import OrderStatus

    # given
    sign_in(page, live_server.url, HELPER_MOBILE)
    # when the helper works for the seller
    add_product_with_photo(page, world.shop_id, "渭源党参段")
    ship_order(page, world.shop_id, world.sub_order_ids[1])
    sign_out(page)
    # and the seller then reads the activity list, by keys
    sign_in(page, live_server.url, SELLER_MOBILE)
    follow(page, f'a[href="/en/seller/shop/{world.shop_id}/activity/"]')
    # then
    products, status, _tracking = _shop_state(world.shop_id, world.sub_order_ids[1], "渭源党参段")
    assert products == [("渭源党参段", 1)]
    assert status == OrderStatus.FULFILLED
    text = page.locator("main").inner_text()
    by_helper = f"by helper {world.helper_name} for {world.seller_name}"
    assert by_helper in text
    assert "Shipped" in text
    assert "Product created" in text
    created = AuditEvent.objects.get(event_type=AuditEventType.PRODUCT_CREATED)
    assert (created.actor.name, created.on_behalf_of.name) == (  # type: ignore[union-attr]
        world.helper_name,
        world.seller_name,
    )
