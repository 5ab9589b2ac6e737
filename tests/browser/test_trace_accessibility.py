"""Batch traceability and stories in a real browser: axe-core finds nothing on the public batch
page, a product's batches, the story list and a story, the shop page with its story; nor on the
portal's batch pages (list, record with errors, batch, certificate with errors, parcel batches)
and story consent pages, in both languages; portal targets are 44px high; no page scrolls
sideways at 640px (1280px at 200% zoom)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core.management import call_command
from playwright.sync_api import Page

from tests.browser.page_checks import PORTAL_TARGETS, Findings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = {"zh-hans": "", "en": "/en"}
SELLER_MOBILE = "13800004444"


@dataclass(frozen=True)
class TraceWorld:
    shop_id: int
    shop_slug: str
    product_slug: str
    batch_id: int
    batch_code: str
    sub_order_id: int
    story_id: int
    story_slug: str


@pytest.fixture
def world(transactional_db, settings, tmp_path) -> TraceWorld:  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    from backend.accounts.tests.factories import UserFactory
    from backend.catalog.tests.factories import ChannelFactory
    from backend.checkout.tests.scenarios import listed_variant, make_courier
    from backend.producers.tests.factories import DisabledSellerFactory
    from backend.regions.models import Region
    from backend.stories.tests.scenarios import online_story
    from backend.traceability.allocation import assign_batches_oldest_first
    from backend.traceability.certificates import add_batch_certificate
    from backend.traceability.tests.scenarios import PDF_BYTES, new_batch, paid_order, village

    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.TRACE_CERTIFICATE_ROOT = tmp_path / "certificates"
    if not Region.objects.filter(code="621123").exists():
        call_command("load_regions", verbosity=0)
    channel = ChannelFactory.create()
    owner = UserFactory(mobile=SELLER_MOBILE, name="柳春生")
    shop = DisabledSellerFactory(
        owner=owner,
        name="春生药材小铺",
        slug="chunsheng",
        region=village(),
        story="我在床上开网店，卖乡亲们种的党参。",
    )
    variant = listed_variant(channel, producer=shop, stock=50)
    batch = new_batch(shop, variant, quantity=30)
    add_batch_certificate(
        batch,
        upload=SimpleUploadedFile("hgz.pdf", PDF_BYTES, content_type="application/pdf"),
        kind="compliance",
        issued_by="会川镇农技站",
        no_personal_data_confirmed=True,
        actor=owner,
    )
    order = paid_order(channel, make_courier(), [(variant, 2)])
    sub_order = order.sub_orders.select_related("producer").get()
    assign_batches_oldest_first(sub_order, actor=None)
    story = online_story(shop, owner)
    return TraceWorld(
        shop_id=shop.pk,
        shop_slug=shop.slug,
        product_slug=variant.product.slug,
        batch_id=batch.pk,
        batch_code=batch.code,
        sub_order_id=sub_order.pk,
        story_id=story.pk,
        story_slug=story.slug,
    )


def _go(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None
    assert response.status == 200, url


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_storefront_trace_and_story_pages_are_axe_clean(live_server, page, world, language):
    # given
    base = f"{live_server.url}{LANGUAGES[language]}"
    page.set_viewport_size({"width": 640, "height": 900})
    findings = Findings(page, targets=None)
    # when
    for name, path in {
        "batch page": f"/trace/{world.batch_code}/",
        "product batches": f"/product/{world.product_slug}/batches/",
        "stories": "/stories/",
        "story": f"/stories/{world.story_slug}/",
        "shop with a story": f"/shop/{world.shop_slug}/",
    }.items():
        _go(page, f"{base}{path}")
        findings.check(name)
    # then
    findings.assert_clean()


def _sign_in(page: Page, url: str) -> None:
    from backend.accounts.tests.factories import PASSWORD

    page.goto(url)
    page.fill("#id_login", SELLER_MOBILE)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_portal_batch_and_story_pages_are_axe_clean_with_44px_targets(
    live_server, page, world, language
):
    # given: 640px wide
    base = f"{live_server.url}{LANGUAGES[language]}"
    page.set_viewport_size({"width": 640, "height": 900})
    findings = Findings(page, targets=PORTAL_TARGETS)
    _sign_in(page, f"{base}/seller/login/")
    shop = f"{base}/seller/shop/{world.shop_id}/"

    # when: every page, and the forms' error states
    _go(page, f"{shop}batches/")
    findings.check("batches")
    _go(page, f"{shop}batches/new/")
    findings.check("record batch")
    page.fill("#id_grade", "一级")
    page.fill("#id_quantity", "abc")
    page.click("main form button[type=submit]")
    page.wait_for_selector("[data-error-summary]")
    findings.check("record batch with errors")
    assert page.input_value("#id_grade") == "一级"
    _go(page, f"{shop}batches/{world.batch_id}/")
    findings.check("batch")
    _go(page, f"{shop}batches/{world.batch_id}/certificates/new/")
    findings.check("add certificate")
    page.click("main form button[type=submit]")
    page.wait_for_selector("[data-error-summary]")
    findings.check("add certificate with errors")
    _go(page, f"{shop}batches/orders/{world.sub_order_id}/")
    findings.check("parcel batches")
    _go(page, f"{shop}stories/")
    findings.check("stories about you")
    _go(page, f"{shop}stories/{world.story_id}/")
    findings.check("story consent")

    # then
    findings.assert_clean()
