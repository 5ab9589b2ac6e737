"""Verified tags in a real browser: axe-core finds nothing on pages that show them (both
languages), the hidden prefix is there for screen readers, the filter works without JavaScript,
and the pages still reflow at 320 px."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest
from playwright.sync_api import Browser, Page

from storefront.tests.tag_scenarios import evidence_root  # noqa: F401 (a fixture)
from tests.browser.conftest import ShopPaths
from tests.browser.test_storefront_accessibility import LANGUAGES, axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("evidence_root"),
]


@dataclass(frozen=True)
class TagPaths:
    product: str  # a disabled seller's product: tags near the price and explained
    cooperative_product: str  # the shop of `shop_paths`, verified as a cooperative and a base
    category: str
    filtered: str
    shop: str

    def all(self) -> dict[str, str]:
        return {
            "product": self.product,
            "cooperative product": self.cooperative_product,
            "category": self.category,
            "filtered category": self.filtered,
            "shop": self.shop,
        }


@pytest.fixture
def tag_paths(shop_paths: ShopPaths) -> TagPaths:
    from backend.catalog.models import Category, Channel
    from backend.catalog.tests.factories import list_product
    from backend.producers.models import Producer
    from backend.verification.models import VerificationKind
    from storefront.tests.scenarios import add_photos, new_disabled_seller, new_product
    from storefront.tests.tag_scenarios import verify

    cooperative = Producer.objects.get(slug="weiyuan-sunshine")
    verify(cooperative, VerificationKind.COOPERATIVE)
    verify(cooperative, VerificationKind.POVERTY_BASE)
    seller = new_disabled_seller(
        name="小李的党参店", slug="xiaoli", poor_household_number="621123000012345"
    )
    verify(seller, VerificationKind.DISABLED)
    verify(seller, VerificationKind.POOR_HOUSEHOLD)
    product = new_product(
        producer=seller,
        category=Category.objects.get(slug="dangshen"),
        name="小李家的党参",
        slug="xiaoli-dangshen",
        description="自家种的党参。",
    )
    list_product(product, Channel.objects.get(), [Decimal("39.90")], stock=5)
    add_photos(product, 1)
    return TagPaths(
        product="/product/xiaoli-dangshen/",
        cooperative_product=shop_paths.product,
        category=shop_paths.category,
        filtered=f"{shop_paths.category}?verified=1",
        shop="/shop/xiaoli/",
    )


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_pages_with_tags_have_no_axe_violations(live_server, page: Page, tag_paths, language):
    # given
    prefix = LANGUAGES[language]
    found: dict[str, list[str]] = {}

    for name, path in tag_paths.all().items():
        # when
        response = page.goto(f"{live_server.url}{prefix}{path}")
        assert response is not None
        assert response.status == 200, name
        assert page.locator(".tag").count() > 0, name
        violations = axe_violations(page)

        # then (collected, so one run reports every page)
        if violations:
            found[name] = violations
    assert found == {}


def test_tags_are_text_with_a_prefix_for_screen_readers(live_server, page: Page, tag_paths):
    # when
    page.goto(f"{live_server.url}/en{tag_paths.product}")
    summary = page.locator(".product__summary .tag").all_text_contents()
    explained = page.locator(".verified").inner_text()
    hidden_box = page.locator(".product__summary .tag .visually-hidden").first.bounding_box()

    # then
    assert summary == ["Verified: Registered poor household", "Verified: Disabled seller"]
    assert hidden_box is not None
    assert hidden_box["width"] <= 1  # read out, not shown
    assert hidden_box["height"] <= 1
    assert "Checked by the platform" in explained
    assert "Valid until" in explained


def test_verified_filter_works_without_javascript(live_server, browser: Browser, tag_paths):
    # given
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/en{tag_paths.category}")

    # when
    page.get_by_label("Only products from verified poor households and disabled sellers").check()
    page.get_by_role("button", name="Apply filter").click()
    page.wait_for_url("**verified=1")
    names = page.locator(".product-card__name").all_inner_texts()
    page.get_by_label("Sort by").select_option("name")
    page.get_by_role("button", name="Sort", exact=True).click()
    page.wait_for_url("**sort=name")

    # then: only the disabled seller's product, and sorting keeps the filter
    assert names == ["小李家的党参"]
    assert "verified=1" in page.url
    assert page.locator(".product-card__name").all_inner_texts() == ["小李家的党参"]
    context.close()


def test_pages_with_tags_at_320px_do_not_scroll_sideways(live_server, browser: Browser, tag_paths):
    # given: 320 px = 640 px at 200 % zoom
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    overflowing = {}

    for language, prefix in LANGUAGES.items():
        for name, path in tag_paths.all().items():
            # when
            page.goto(f"{live_server.url}{prefix}{path}")
            width = page.evaluate("document.documentElement.scrollWidth")

            # then
            if width > 320:
                overflowing[f"{language} {name}"] = width
    context.close()
    assert overflowing == {}
