"""Headless Chromium (Debian's) driven by Playwright against pytest-django's live server.

Playwright's sync API keeps an event loop in the test thread; the ORM calls made by fixtures
in that same thread are safe (they never overlap with the loop), so Django's async guard is
switched off for these tests only.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import cast

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, Page, sync_playwright

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(autouse=True)
def _close_server_connections(monkeypatch: pytest.MonkeyPatch) -> None:
    """The live server answers each request in a new thread: close its connection at the end
    of the request, or the test database cannot be dropped after the run."""
    from django.db import connections

    monkeypatch.setitem(connections["default"].settings_dict, "CONN_MAX_AGE", 0)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@dataclass(frozen=True)
class ShopPaths:
    """Relative paths (no language prefix) of one page of each kind, with data behind them."""

    home: str
    category: str
    product: str
    shop: str
    search: str
    missing: str

    def all(self) -> dict[str, str]:
        return {
            "home": self.home,
            "category": self.category,
            "product": self.product,
            "shop": self.shop,
            "search": self.search,
            "404": self.missing,
        }


@pytest.fixture
def shop_paths(transactional_db) -> ShopPaths:  # type: ignore[no-untyped-def]
    """A small shop: categories, a featured cooperative with 30 products, a full product page.

    Transactional tests flush the database afterwards, regions included: load them when the
    session's copy is gone.
    """
    from backend.catalog.models import Channel
    from backend.catalog.tests.factories import ChannelFactory, list_product
    from backend.producers.models import ProducerShopLink
    from backend.regions.models import Region
    from storefront.tests.scenarios import (
        add_photos,
        describe_fully,
        make_attributes,
        make_products,
        make_tree,
        new_producer,
        new_product,
    )

    if not Region.objects.filter(code="621123").exists():
        call_command("load_regions", verbosity=0)
    channel = cast(Channel, ChannelFactory())
    tree = make_tree()
    producer = new_producer(
        name="渭源县阳光合作社",
        slug="weiyuan-sunshine",
        is_featured=True,
        story="我们是二十户人家一起种党参的合作社。\n\n党参在海拔两千米的山上长三年。",
        logo="producer-logos/weiyuan-sunshine.png",
        logo_alt="合作社的店标：一棵党参",
    )
    ProducerShopLink.objects.create(
        producer=producer, platform="淘宝", url="https://example.com/taobao/weiyuan"
    )
    make_products(channel, 30, category=tree.dangshen, producer=producer)
    product = new_product(
        producer=producer,
        category=tree.dangshen,
        name="渭源白条党参",
        slug="weiyuan-dangshen",
        description="高山党参，晒干切段。\n\n每天泡水或炖汤。",
    )
    list_product(product, channel, [Decimal("59.90"), Decimal("89.00"), Decimal("168.00")], stock=3)
    add_photos(product, 3)
    describe_fully(product, make_attributes())
    return ShopPaths(
        home="/",
        category="/category/herbs/",
        product="/product/weiyuan-dangshen/",
        shop="/shop/weiyuan-sunshine/",
        search="/search/?q=党参",
        missing="/no-such-page/",
    )
