"""The privacy pages in a real browser: axe-core finds nothing on "your personal data", the
deletion page (with its password error, and when an order is in flight), the deleted page, and
the forgotten-password pages (request with its error, link sent, new password with its errors,
a dead link, done), in zh-Hans and English, at 640px (a 1280px screen at 200% zoom)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core.management import call_command
from playwright.sync_api import Page

from tests.browser.page_checks import Findings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = {"zh-hans": "", "en": "/en"}
BUYER_MOBILE = "13900004444"
BUSY_MOBILE = "13900005555"


@dataclass(frozen=True)
class PrivacyWorld:
    reset_path: str  # the e-mailed link's path, without language prefix


@pytest.fixture
def world(transactional_db, settings, tmp_path) -> PrivacyWorld:  # type: ignore[no-untyped-def]
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from backend.catalog.tests.factories import ChannelFactory
    from backend.checkout.tests.scenarios import make_courier
    from backend.personal_data.tests.scenarios import build_marketplace, new_user, place_order
    from backend.regions.models import Region

    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.VERIFICATION_EVIDENCE_ROOT = tmp_path / "private-evidence"
    if not Region.objects.filter(code="621123").exists():
        call_command("load_regions", verbosity=0)
    market = build_marketplace(ChannelFactory.create(), make_courier())
    market.buyer.mobile = BUYER_MOBILE
    market.buyer.save(update_fields=["mobile"])
    busy = new_user(name="忙碌的买家", mobile=BUSY_MOBILE)
    place_order(market.channel, market.courier, busy, market.shop)
    uid = urlsafe_base64_encode(force_bytes(market.seller.pk))
    token = default_token_generator.make_token(market.seller)
    return PrivacyWorld(reset_path=f"/account/password-reset/{uid}/{token}/")


def _sign_in(page: Page, base: str, mobile: str) -> None:
    from backend.accounts.tests.factories import PASSWORD

    page.goto(f"{base}/account/login/")
    page.fill("#id_login", mobile)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


def _go(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None
    assert response.status == 200, url


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_privacy_and_deletion_pages_are_axe_clean(live_server, page, world, language):
    # given
    from backend.accounts.tests.factories import PASSWORD

    base = f"{live_server.url}{LANGUAGES[language]}"
    page.set_viewport_size({"width": 640, "height": 900})
    findings = Findings(page, targets=None)

    # when: someone with an order in flight sees what to finish first
    _sign_in(page, base, BUSY_MOBILE)
    _go(page, f"{base}/account/privacy/delete/")
    findings.check("deletion refused")
    page.click("form[action$='/account/logout/'] button")

    # and the buyer: the privacy page, the deletion page, a wrong password, then deleted
    _sign_in(page, base, BUYER_MOBILE)
    _go(page, f"{base}/account/privacy/")
    findings.check("your personal data")
    _go(page, f"{base}/account/privacy/delete/")
    findings.check("delete your account")
    page.fill("#id_password", "not my password")
    page.click("main form button[type=submit]")
    page.wait_for_selector("[data-error-summary]")
    findings.check("delete with a wrong password")
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/account/deleted/")
    findings.check("account deleted")

    # then
    findings.assert_clean()


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_password_reset_pages_are_axe_clean(live_server, page, world, language):
    # given
    base = f"{live_server.url}{LANGUAGES[language]}"
    page.set_viewport_size({"width": 640, "height": 900})
    findings = Findings(page, targets=None)

    # when: asking for a link (first with nothing typed)
    _go(page, f"{base}/account/password-reset/")
    findings.check("reset request")
    page.click("main form button[type=submit]")
    page.wait_for_selector("[data-error-summary]")
    findings.check("reset request with an error")
    page.fill("#id_login", "nobody@example.test")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/account/password-reset/sent/")
    findings.check("link sent")

    # and following the e-mailed link: errors, then a new password
    _go(page, f"{base}{world.reset_path}")
    findings.check("new password")
    page.fill("#id_new_password1", "12345678")
    page.click("main form button[type=submit]")
    page.wait_for_selector("[data-error-summary]")
    findings.check("new password with errors")
    page.fill("#id_new_password1", "sunny terraces of yuanyang")
    page.fill("#id_new_password2", "sunny terraces of yuanyang")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/account/password-reset/done/")
    findings.check("password changed")
    _go(page, f"{base}{world.reset_path}")
    findings.check("dead link")

    # then
    findings.assert_clean()
