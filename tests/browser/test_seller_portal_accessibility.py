"""The seller portal in a real browser: axe-core clean, usable by keyboard alone, big targets."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from playwright.sync_api import Page

from tests.browser.test_storefront_accessibility import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seller(transactional_db):  # type: ignore[no-untyped-def]
    from backend.accounts.tests.factories import UserFactory
    from backend.catalog.tests.factories import ChannelFactory, ProductFactory, list_product
    from backend.producers.tests.factories import ProducerFactory
    from backend.regions.models import Region

    if not Region.objects.filter(code="621123").exists():
        call_command("load_regions", verbosity=0)
    user = UserFactory(mobile="13800001111", email="seller@example.test")
    shop = ProducerFactory(owner=user, name="渭源县阳光合作社", slug="weiyuan-sunshine")
    channel = ChannelFactory.create()
    list_product(ProductFactory.create(producer=shop, name="渭源党参"), channel, stock=2)
    list_product(
        ProductFactory.create(producer=shop, name="黄芪"), channel, [Decimal("30.00")], stock=40
    )
    return user


def _sign_in_by_keyboard(page: Page, base: str, login: str, password: str) -> None:
    page.goto(f"{base}/seller/login/")
    page.keyboard.press("Tab")  # skip link
    for _ in range(8):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_login":
            break
    page.keyboard.type(login)
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    page.keyboard.press("Enter")
    page.wait_for_load_state()


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_portal_pages_have_no_axe_violations(live_server, page, seller, prefix):
    from backend.accounts.tests.factories import PASSWORD

    found: dict[str, list[str]] = {}
    page.goto(f"{live_server.url}{prefix}/seller/login/")
    found["sign in"] = axe_violations(page)
    page.click("button[type=submit]")  # empty form: the error summary
    found["sign in with errors"] = axe_violations(page)
    page.fill("#id_login", seller.email)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}{prefix}/seller/")
    found["home"] = axe_violations(page)
    assert {name: v for name, v in found.items() if v} == {}


def test_portal_sign_in_by_keyboard_alone_with_a_mistake_first(live_server, page, seller):
    from backend.accounts.tests.factories import PASSWORD

    # given a wrong password typed by keyboard
    _sign_in_by_keyboard(page, live_server.url, seller.mobile, "wrong")
    page.wait_for_selector("[data-error-summary]")
    page.wait_for_function("document.activeElement.hasAttribute('data-error-summary')")
    # then the error summary has focus, and the answer typed is kept
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert page.input_value("#id_login") == seller.mobile
    # when the seller follows the error link and corrects the password
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # the link points at the first field; the password is next
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    # (the browser keeps the #id_login fragment across the redirect)
    page.wait_for_url(re.compile(r".*/seller/(#id_login)?$"))
    # then the shop and its low stock are announced in words
    assert page.locator("h1").inner_text() == "我的店铺"
    assert "库存不多" in page.locator("main").inner_text()


def test_portal_targets_are_at_least_44px_and_page_reflows_at_640(live_server, page, seller):
    page.set_viewport_size({"width": 640, "height": 900})
    page.goto(f"{live_server.url}/seller/login/")
    small = page.evaluate(
        """[...document.querySelectorAll(
            'main a, main button, main input:not([type=hidden]), header a, header button')]
        .filter(e => { const r = e.getBoundingClientRect(); return r.height < 44; })
        .map(e => e.outerHTML.slice(0, 80))"""
    )
    assert small == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
