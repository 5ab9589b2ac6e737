"""Reviews in a real browser: axe-core finds nothing on the review form (empty and with
errors), the order page's review links, the product, shop and all-reviews pages with reviews,
photos and the shop's answer, and the portal's review pages (list, answer and report, with
errors), in both languages; portal targets are 44px high and pages reflow at 640px."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from PIL import Image
from playwright.sync_api import Page

from tests.browser.page_checks import PORTAL_TARGETS, Findings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = {"zh-hans": "", "en": "/en"}
SELLER_MOBILE = "13800002222"
BUYER_MOBILE = "13900003333"


@dataclass(frozen=True)
class ReviewWorld:
    shop_id: int
    shop_slug: str
    product_slug: str
    order_token: str
    line_id: int
    review_id: int


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 90), (180, 120, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def world(transactional_db, settings, tmp_path) -> ReviewWorld:  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    from backend.accounts.tests.factories import UserFactory
    from backend.catalog.tests.factories import ChannelFactory
    from backend.checkout.tests.scenarios import listed_variant, make_courier
    from backend.producers.tests.factories import DisabledSellerFactory
    from backend.regions.models import Region
    from backend.reviews.answers import answer_review
    from backend.reviews.creation import create_review
    from backend.reviews.photos import PhotoInput
    from backend.reviews.tests.scenarios import delivered_purchase

    settings.MEDIA_ROOT = str(tmp_path / "media")
    if not Region.objects.filter(code="621123").exists():
        call_command("load_regions", verbosity=0)
    channel = ChannelFactory.create()
    courier = make_courier()
    owner = UserFactory(mobile=SELLER_MOBILE, name="柳春生")
    shop = DisabledSellerFactory(owner=owner, name="春生药材小铺", slug="chunsheng")
    dangshen = listed_variant(channel, producer=shop, stock=20)
    huangqi = listed_variant(channel, producer=shop, stock=20)
    reviewer = UserFactory(name="吴小燕")
    reviewed = delivered_purchase(channel, courier, reviewer, variants=[dangshen])
    review = create_review(
        reviewed.line.pk,
        actor=reviewer,
        rating=4,
        text="党参很粗，炖汤很香。",
        photos=[PhotoInput(SimpleUploadedFile("a.jpg", _jpeg(), "image/jpeg"), "党参切面")],
    )
    answer_review(review.pk, actor=owner, text="谢谢您的支持！")
    other = UserFactory(name="郑海涛")
    second = create_review(
        delivered_purchase(channel, courier, other, variants=[dangshen]).line.pk,
        actor=other,
        rating=2,
        text="发货慢了两天。",
    )
    buyer = UserFactory(mobile=BUYER_MOBILE, name="顾客小周")
    purchase = delivered_purchase(channel, courier, buyer, variants=[dangshen, huangqi])
    return ReviewWorld(
        shop_id=shop.pk,
        shop_slug=shop.slug,
        product_slug=dangshen.product.slug,
        order_token=str(purchase.order.token),
        line_id=purchase.lines[1].pk,
        review_id=second.pk,
    )


def _sign_in(page: Page, url: str, mobile: str) -> None:
    from backend.accounts.tests.factories import PASSWORD

    page.goto(url)
    page.fill("#id_login", mobile)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


def _go(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None
    assert response.status == 200, url


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_storefront_review_pages_are_axe_clean(live_server, page, world, language):
    # given
    base = f"{live_server.url}{LANGUAGES[language]}"
    page.set_viewport_size({"width": 640, "height": 900})
    findings = Findings(page, targets=None)
    _sign_in(page, f"{base}/account/login/", BUYER_MOBILE)

    # when: the public pages with reviews, the order page, the form and its error state
    for name, path in {
        "product with reviews": f"/product/{world.product_slug}/",
        "shop with reviews": f"/shop/{world.shop_slug}/",
        "all reviews": f"/product/{world.product_slug}/reviews/",
        "order with review links": f"/account/orders/{world.order_token}/",
        "review form": f"/account/orders/{world.order_token}/lines/{world.line_id}/review/",
    }.items():
        _go(page, f"{base}{path}")
        findings.check(name)
    page.fill("#id_text", "<b>还没想好</b>")
    page.click("main form button[type=submit]")
    page.wait_for_selector("[data-error-summary]")
    findings.check("review form with errors")
    assert page.input_value("#id_text") == "<b>还没想好</b>"
    page.check("#id_rating_0")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/account/orders/{world.order_token}/")
    findings.check("order after reviewing")

    # then
    findings.assert_clean()


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_portal_review_pages_are_axe_clean_with_44px_targets(live_server, page, world, language):
    # given: 640px wide, the width of a 1280px screen at 200% zoom
    base = f"{live_server.url}{LANGUAGES[language]}"
    page.set_viewport_size({"width": 640, "height": 900})
    findings = Findings(page, targets=PORTAL_TARGETS)
    _sign_in(page, f"{base}/seller/login/", SELLER_MOBILE)
    shop = f"{base}/seller/shop/{world.shop_id}/reviews/"

    # when
    _go(page, shop)
    findings.check("reviews")
    _go(page, f"{shop}{world.review_id}/answer/")
    findings.check("answer")
    page.click("main form button[type=submit]")
    findings.check("answer with errors")
    _go(page, f"{shop}{world.review_id}/report/")
    findings.check("report")
    page.click("main form button[type=submit]")
    findings.check("report with errors")

    # then
    findings.assert_clean()
