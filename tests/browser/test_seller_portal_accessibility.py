"""The seller portal in a real browser: axe-core clean on every page, usable by keyboard alone,
44px targets, and no horizontal scrolling at 640px wide (1280px at 200% zoom)."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.management import call_command
from PIL import Image
from playwright.sync_api import Page

from tests.browser.page_checks import Findings
from tests.browser.test_seller_keyboard import (
    HELPER_MOBILE,
    SELLER_MOBILE,
    PortalWorld,
    build_portal_world,
    sign_in,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = {"zh-hans": "", "en": "/en"}


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


# --- every page ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SweepIds:
    world: PortalWorld
    product: int
    variant: int
    application: int
    grant: int


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (80, 60), (30, 90, 160)).save(buffer, "PNG")
    return buffer.getvalue()


def _build_sweep_world() -> SweepIds:
    """Something on every page: a product with a photo, a logo and a link, an application
    sent back for more information, a helper, a pending confirmation, activity."""
    from django.core.files.base import ContentFile

    from backend.accounts.models import User
    from backend.catalog.media import add_product_media
    from backend.catalog.product_editing import ProductDraft, create_product, default_channel
    from backend.producers.models import Producer
    from backend.producers.shop_logo import set_shop_logo
    from backend.producers.shop_profile import add_shop_link
    from backend.sellers.confirmations import request_seller_confirmation
    from backend.sellers.models import HelperGrant
    from backend.sellers.permissions import SellerAction
    from backend.sellers.tests.factories import OperatorScopeFactory
    from backend.verification.applications import (
        add_evidence,
        start_application,
        submit_application,
    )
    from backend.verification.models import EvidenceKind
    from backend.verification.review import request_more_information

    world = build_portal_world(orders=1)
    shop = Producer.objects.get(pk=world.shop_id)
    seller = User.objects.get(mobile=SELLER_MOBILE)
    helper = User.objects.get(mobile=HELPER_MOBILE)
    product = create_product(
        shop,
        ProductDraft("渭源白条党参", None, "高山党参。", "500克", Decimal("39.90"), 550, 3),
        channel=default_channel(),
        actor=helper,
    )
    add_product_media(
        product, upload=ContentFile(_png(), name="p.png"), alt="晒干的党参", actor=seller
    )
    set_shop_logo(shop, upload=ContentFile(_png(), name="logo.png"), alt="店标：党参", actor=seller)
    add_shop_link(shop, platform="淘宝", url="https://example.com/xiaoli", actor=seller)
    application = start_application(shop, kind="disabled", actor=seller, statement="持证肢体二级")
    add_evidence(
        application.pk,
        ContentFile(_png(), name="certificate.png"),
        evidence_kind=EvidenceKind.DISABILITY_CERTIFICATE,
        actor=seller,
        content_type="image/png",
    )
    submit_application(application.pk, actor=seller)
    operator = OperatorScopeFactory.create().user
    request_more_information(
        application.pk, actor=operator, reason="证件照片看不清，请重新拍一张。"
    )
    request_seller_confirmation(
        shop,
        action=SellerAction.REFUND_ORDERS,
        actor=helper,
        summary="退款 30.00 元：订单 1",
        payload={},
    )
    grant = HelperGrant.objects.get(seller=shop)
    assert product.default_variant_id is not None
    return SweepIds(world, product.pk, product.default_variant_id, application.pk, grant.pk)


@pytest.fixture
def sweep(transactional_db, settings, tmp_path) -> SweepIds:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VERIFICATION_EVIDENCE_ROOT = tmp_path / "evidence"
    return _build_sweep_world()


def _shop_pages(ids: SweepIds) -> dict[str, str]:
    shop = f"/seller/shop/{ids.world.shop_id}/"
    product = f"{shop}products/{ids.product}/"
    application = f"{shop}verification/{ids.application}/"
    sub_order = ids.world.sub_order_ids[0]
    return {
        "home": "/seller/",
        "products": f"{shop}products/",
        "new product": f"{shop}products/new/name/",
        "product": product,
        "product name": f"{product}name/",
        "product category": f"{product}category/",
        "variant price": f"{product}variants/{ids.variant}/price/",
        "add variant": f"{product}variants/new/",
        "add photo": f"{product}photos/new/",
        "orders": f"{shop}orders/",
        "order": f"{shop}orders/{sub_order}/",
        "packing slip": f"{shop}orders/{sub_order}/packing-slip/",
        "refund": f"{shop}orders/{sub_order}/refund/",
        "earnings": f"{shop}earnings/",
        "profile": f"{shop}profile/",
        "profile name": f"{shop}profile/name/",
        "profile story": f"{shop}profile/story/",
        "profile certificate": f"{shop}profile/certificate/",
        "logo": f"{shop}profile/logo/",
        "logo description": f"{shop}profile/logo/describe/",
        "add link": f"{shop}profile/links/new/",
        "verification": f"{shop}verification/",
        "start application": f"{shop}verification/new/",
        "application": application,
        "resubmit": f"{application}resubmit/",
        "withdraw": f"{application}withdraw/",
        "helpers": f"{shop}helpers/",
        "add helper": f"{shop}helpers/new/",
        "helper scope": f"{shop}helpers/{ids.grant}/scope/",
        "revoke helper": f"{shop}helpers/{ids.grant}/revoke/",
        "confirmations": f"{shop}confirmations/",
        "activity": f"{shop}activity/",
    }


# (page, submit button of the form whose empty answer shows the error summary)
ERROR_STATES = {
    "new product": "main form button[type=submit]",
    "add photo": "main form button[type=submit]",
    "order": "main form button[type=submit]",
    "refund": "main form button[type=submit]",
    "logo": "main form button[type=submit]",
    "add link": "main form button[type=submit]",
    "application": "#add-document ~ form button[type=submit]",
    "add helper": "main form button[type=submit]",
}
# fields filled in beforehand that must be emptied to see the error
CLEARED = {"refund": ("#id_amount",)}


def _sign_up_pages(page: Page, base: str, findings: Findings) -> None:
    """The sign-up page, with and without errors, then every question of opening a shop."""
    from backend.producers.tests.factories import make_certificate

    page.goto(f"{base}/seller/signup/")
    findings.check("sign up")
    page.click("main form button[type=submit]")
    findings.check("sign up with errors")
    page.fill("#id_name", "刘小红")
    page.fill("#id_login", "139 1234 5678")
    page.fill("#id_password", "sunny hills of gansu 2024")
    page.fill("#id_password_again", "sunny hills of gansu 2024")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*/signup/shop/name/$"))
    findings.check("shop name")
    page.fill("#id_name", "小红的核桃店")
    page.click("main form button[type=submit]")
    findings.check("shop kind")
    page.click("main form button[type=submit]")
    findings.check("shop kind with errors")
    page.check("input[value=disabled_individual]")
    page.click("main form button[type=submit]")
    findings.check("certificate")
    page.fill("#id_disability_certificate_number", make_certificate(5))
    page.click("main form button[type=submit]")
    findings.check("province")
    page.select_option("#id_province", "62")
    page.click("main form button[type=submit]")
    findings.check("county")
    page.select_option("#id_county", label="成县")
    page.click("main form button[type=submit]")
    findings.check("township and village")
    page.click("main form button[type=submit]")
    findings.check("story")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*/signup/shop/check/$"))
    findings.check("check answers")
    page.click("main form button[type=submit]")
    findings.check("home after opening")


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_every_portal_page_is_axe_clean_and_reflows_at_640(live_server, page, sweep, language):
    # given: 640px wide, the width of a 1280px screen at 200% zoom
    prefix = LANGUAGES[language]
    base = f"{live_server.url}{prefix}"
    page.set_viewport_size({"width": 640, "height": 900})
    findings = Findings(page)
    page.goto(f"{base}/seller/login/")
    findings.check("sign in")
    page.click("main form button[type=submit]")
    findings.check("sign in with errors")
    # when: every page of the shop, as its owner, and the error state of each form
    sign_in(page, live_server.url, SELLER_MOBILE)
    for name, path in _shop_pages(sweep).items():
        response = page.goto(f"{base}{path}")
        assert response is not None
        assert response.status == 200, name
        findings.check(name)
        if name in ERROR_STATES:
            for field in CLEARED.get(name, ()):
                page.fill(field, "")
            page.click(ERROR_STATES[name])
            page.wait_for_selector("[data-error-summary]")
            findings.check(f"{name} with errors")
    page.click("header form button[type=submit]")  # sign out
    _sign_up_pages(page, base, findings)
    # then
    findings.assert_clean()
