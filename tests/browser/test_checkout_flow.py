"""The cart and checkout in Chromium: a purchase made with the keyboard alone, and axe-core
finding nothing on the cart, each checkout step (also with its errors shown) and the
confirmation, in Chinese and English.

Transactional tests flush the database after each test, including the official regions and
the shipping methods a migration creates: the fixture makes what it needs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

import pytest
from django.core.management import call_command
from playwright.sync_api import Page

from backend.orders.models import Order
from backend.warehouse.models import Stock
from storefront.tests.checkout_scenarios import TwoProducerShop
from tests.browser.test_storefront_accessibility import LANGUAGES, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_TABS = 80


@pytest.fixture
def shop(transactional_db) -> TwoProducerShop:  # type: ignore[no-untyped-def]
    from backend.catalog.models import Channel
    from backend.catalog.tests.factories import ChannelFactory
    from backend.regions.models import Region
    from storefront.tests.checkout_scenarios import make_two_producer_shop

    if not Region.objects.filter(code="621123").exists():
        call_command("load_regions", verbosity=0)
    return make_two_producer_shop(cast(Channel, ChannelFactory()), pickup=True)


def focused(page: Page, script: str) -> object:
    return page.evaluate(f"(() => {{ const el = document.activeElement; return {script}; }})()")


def tab_to(page: Page, selector: str) -> None:
    """Press Tab until the element matching `selector` has focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if focused(page, f"el.matches({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def arrow_to(page: Page, selector: str, value: str) -> None:
    """Tab to a select and move through its options with the arrow keys."""
    tab_to(page, selector)
    for _ in range(400):
        if focused(page, "el.value") == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{selector} never reached {value}")


def press_button(page: Page, name: str) -> None:
    """Tab to the submit button called `name` and press Enter; wait for the next page."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if focused(page, f"el.matches('button') && el.textContent.trim() === {name!r}"):
            with page.expect_navigation():
                page.keyboard.press("Enter")
            return
    raise AssertionError(f"Tab never reached the {name} button")


def test_buyer_completes_a_purchase_with_the_keyboard_alone(live_server, page, shop):
    # given
    page.goto(f"{live_server.url}/en/product/camellia-oil/")

    # when: the oil, two of them
    tab_to(page, "input[name=quantity]")
    page.keyboard.press("Control+A")
    page.keyboard.type("2")
    press_button(page, "Add to cart")
    # the apples: the only size is chosen already
    page.goto(f"{live_server.url}/en/product/aksu-apples/")
    press_button(page, "Add to cart")
    tab_to(page, "a[href='/en/checkout/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # contact: first a mistake, then the address
    press_button(page, "Continue")
    summary_has_focus = focused(page, "el.matches('[data-error-summary]')")
    tab_to(page, "#id_email")
    page.keyboard.type("keyboard@example.test")
    press_button(page, "Continue")
    # province, then the address
    arrow_to(page, "#id_province", "62")
    press_button(page, "Continue")
    tab_to(page, "#id_recipient_name")
    page.keyboard.type("张小花")
    page.keyboard.press("Tab")
    page.keyboard.type("13912345678")
    from backend.regions.models import Region

    arrow_to(page, "#id_county", str(Region.objects.get(code="621123").pk))
    page.keyboard.press("Tab")
    page.keyboard.type("幸福路 8 号 3 单元 501")
    press_button(page, "Continue")
    # delivery and payment: radios chosen with the space bar
    tab_to(page, "input[name=delivery_method]")
    page.keyboard.press("Space")
    press_button(page, "Continue")
    tab_to(page, "input[name=gateway]")
    page.keyboard.press("Space")
    press_button(page, "Continue")
    review_text = page.locator("main").inner_text()
    press_button(page, "Place order")

    # then
    assert summary_has_focus
    assert "Total to pay" in review_text
    assert "¥212.90" in review_text
    assert page.locator("h1").inner_text() == "Order placed"
    order = Order.objects.get()
    assert order.sub_orders.count() == 2
    assert page.locator(".panel__number").inner_text() == str(order.pk)
    assert "Pay by bank transfer" in page.locator("main").inner_text()
    assert Stock.objects.get(product_variant=shop.oil).quantity_allocated == 2


def test_error_summary_link_moves_focus_to_its_field(live_server, page, shop):
    # given
    page.goto(f"{live_server.url}/en/product/camellia-oil/")
    press_button(page, "Add to cart")
    page.goto(f"{live_server.url}/en/checkout/province/")
    page.goto(f"{live_server.url}/en/checkout/address/?province=62")
    press_button(page, "Continue")

    # when
    page.keyboard.press("Tab")  # from the focused summary to its first link
    page.keyboard.press("Enter")

    # then
    assert focused(page, "el.id") == "id_recipient_name"


class CheckoutWalk:
    """Each cart and checkout page, with its errors and without, in the order a buyer meets
    them; each step leaves the browser on the page it is named after."""

    def __init__(self, page: Page, base: str) -> None:
        from backend.regions.models import Region

        self.page = page
        self.base = base
        self.county_id = str(Region.objects.get(code="621123").pk)

    def submit(self) -> None:
        with self.page.expect_navigation():
            self.page.locator("main button[type=submit]").last.click()

    def steps(self) -> list[tuple[str, Callable[[], None]]]:
        return [
            ("product with errors", self.product_with_errors),
            ("cart", self.cart),
            ("cart with errors", self.cart_with_errors),
            ("contact with errors", self.contact_with_errors),
            ("province with errors", self.province_with_errors),
            ("address with errors", self.address_with_errors),
            ("delivery with errors", self.delivery_with_errors),
            ("payment with errors", self.payment_with_errors),
            ("review", self.review),
            ("confirmation", self.submit),
            ("order", self.order),
        ]

    def product_with_errors(self) -> None:
        self.page.goto(f"{self.base}/product/camellia-oil/")
        self.page.fill("#id_quantity", "0")
        self.submit()

    def cart(self) -> None:
        self.page.fill("#id_quantity", "1")
        self.submit()
        self.page.goto(f"{self.base}/product/aksu-apples/")
        self.submit()

    def cart_with_errors(self) -> None:
        self.page.locator("main form.cart-line__quantity input[inputmode]").first.fill("x")
        with self.page.expect_navigation():
            self.page.locator("main form.cart-line__quantity button").first.click()

    def contact_with_errors(self) -> None:
        self.page.goto(f"{self.base}/checkout/contact/")
        self.submit()

    def province_with_errors(self) -> None:
        self.page.fill("#id_email", "axe@example.test")
        self.submit()
        self.page.goto(f"{self.base}/checkout/province/?province=")

    def address_with_errors(self) -> None:
        self.page.goto(f"{self.base}/checkout/address/?province=62")
        self.page.fill("#id_mobile", "123")
        self.submit()

    def delivery_with_errors(self) -> None:
        self.page.fill("#id_recipient_name", "张小花")
        self.page.fill("#id_mobile", "139 1234 5678")
        self.page.select_option("#id_county", self.county_id)
        self.page.fill("#id_address_detail", "幸福路 8 号")
        self.submit()
        self.submit()

    def payment_with_errors(self) -> None:
        self.page.locator("input[name=delivery_method]").first.check()
        self.submit()
        self.submit()

    def review(self) -> None:
        self.page.locator("input[name=gateway]").first.check()
        self.submit()

    def order(self) -> None:
        with self.page.expect_navigation():
            self.page.click("main a[href*='/account/orders/']")


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_cart_and_checkout_pages_have_no_axe_violations(live_server, page, shop, language):
    # given
    base = f"{live_server.url}{LANGUAGES[language]}"
    found: dict[str, list[str]] = {}
    seen: list[str] = []

    for name, step in CheckoutWalk(page, base).steps():
        # when
        step()
        seen.append(name)
        violations = axe_violations(page)

        # then (collected, so one run reports every page)
        if violations:
            found[name] = violations
        if "errors" in name:
            assert page.locator("[data-error-summary]").count() == 1, name
    assert found == {}
    assert Order.objects.count() == 1
    assert len(seen) == 11


def test_checkout_pages_work_without_javascript(live_server, browser, shop):
    # given
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    base = f"{live_server.url}/en"

    # when
    for _name, step in CheckoutWalk(page, base).steps():
        step()

    # then
    assert page.locator("h1").first.inner_text().startswith("Order")
    assert Order.objects.count() == 1
    context.close()


def test_cart_and_checkout_pages_at_320_pixels_do_not_scroll_sideways(live_server, browser, shop):
    # given: 320 px = 640 px at 200 % zoom
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    overflowing = {}

    for name, step in CheckoutWalk(page, live_server.url).steps():
        # when
        step()
        scroll_width = page.evaluate("document.documentElement.scrollWidth")

        # then
        if scroll_width > 320:
            overflowing[name] = scroll_width
    context.close()
    assert overflowing == {}
