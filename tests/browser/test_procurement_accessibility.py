"""Contract pages of the enterprise and seller portals in headless Chromium: axe-core (WCAG 2.2
AA) clean in zh-Hans and English, error states included, and no control under 44px."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import Page

from tests.browser.test_storefront_accessibility import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = {"zh-hans": "", "en": "/en"}
# A radio's target is its label (as in the seller portal's test).
TARGETS = (
    "main a, main button, main input:not([type=hidden]):not([type=radio]), main select, "
    "main textarea, main .radios__label"
)
SMALL_TARGETS = f"""[...document.querySelectorAll('{TARGETS}')]
  .filter(e => {{ const r = e.getBoundingClientRect(); return r.height > 0 && r.height < 44; }})
  .map(e => e.outerHTML.slice(0, 90))"""


@pytest.fixture
def world(transactional_db: Any) -> dict[str, Any]:
    from backend.catalog.tests.factories import ChannelFactory
    from backend.procurement.contracts import propose_contract
    from backend.procurement.deliveries import accept_delivery, schedule_delivery
    from backend.procurement.tests.scenarios import (
        DAY,
        active_contract,
        contracted_variant,
        draft,
        enterprise_side,
        prices,
        producer_with_owner,
        ship,
    )
    from backend.regions.models import Region

    if not Region.objects.filter(code="620102").exists():
        call_command("load_regions", verbosity=0)
    channel = ChannelFactory.create()
    side = enterprise_side()
    producer, owner = producer_with_owner()
    variant = contracted_variant(channel, producer)
    prices(variant)
    active = active_contract(side, producer, owner, variant, quantity=30)
    line = active.lines.get()
    checked = schedule_delivery(active, actor=owner, delivery_date=DAY, quantities={line.pk: 5})
    ship(checked, owner)
    dline = checked.lines.get()
    accept_delivery(checked, actor=side.buyer, accepted={dline.pk: 4}, reasons={dline.pk: "破损"})
    waiting = schedule_delivery(active, actor=owner, delivery_date=DAY, quantities={line.pk: 3})
    ship(waiting, owner)
    unshipped = schedule_delivery(active, actor=owner, delivery_date=DAY, quantities={line.pk: 2})
    proposed = draft(side, producer, contracted_variant(channel, producer))
    propose_contract(proposed, actor=side.buyer)
    return {
        "side": side,
        "owner": owner,
        "producer": producer,
        "active": active,
        "proposed": proposed,
        "waiting": waiting,
        "unshipped": unshipped,
        "line": line,
        "wline": waiting.lines.get(),
    }


def sign_in(page: Page, live_server: Any, user: Any) -> None:
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def check(page: Page, url: str, found: dict[str, list[str]], name: str) -> None:
    response = page.goto(url)
    assert response is not None
    assert response.status == 200, (name, response.status)
    violations = axe_violations(page)
    small = page.evaluate(SMALL_TARGETS)
    if violations or small:
        found[name] = violations + [f"small target: {s}" for s in small]


def submit_with_error(page: Page, selector: str, value: str) -> None:
    page.fill(selector, value)
    page.click("main form button[type=submit]")
    page.wait_for_selector("[data-error-summary]")


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_enterprise_contract_pages_have_no_axe_violations(live_server, page, world, language):
    # given
    prefix = f"{live_server.url}{LANGUAGES[language]}"
    side, active = world["side"], world["active"]
    base = f"{prefix}/enterprise/{side.enterprise.pk}/contracts/"
    found: dict[str, list[str]] = {}
    sign_in(page, live_server, side.buyer)

    # when
    check(page, base, found, "list")
    check(page, f"{base}new/?q={world['producer'].name[:2]}", found, "new (producers found)")
    check(page, f"{base}new/{world['producer'].pk}/", found, "draft")
    page.click("main form button[type=submit]")
    page.wait_for_selector("[data-error-summary]")
    check_current(page, found, "draft (error)")
    check(page, f"{base}{active.pk}/", found, "detail")
    check(page, f"{base}{world['proposed'].pk}/", found, "detail (proposed)")
    check(page, f"{base}{active.pk}/deliveries/new/", found, "schedule")
    submit_with_error(page, f"#id_line_{world['line'].pk}", "999")
    check_current(page, found, "schedule (error)")
    check(page, f"{base}{active.pk}/deliveries/{world['waiting'].pk}/", found, "check")
    submit_with_error(page, f"#id_accepted_{world['wline'].pk}", "1")
    check_current(page, found, "check (error)")
    check(page, f"{base}{active.pk}/deliveries/{world['unshipped'].pk}/", found, "cancel")
    page.click("main form button[name=cancel]")
    page.wait_for_selector("[data-error-summary]")
    check_current(page, found, "cancel (error)")
    check(page, f"{base}{active.pk}/terminate/", found, "terminate")
    page.click("main form button[type=submit]")
    page.wait_for_selector("[data-error-summary]")
    check_current(page, found, "terminate (error)")

    # then
    assert found == {}


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_seller_contract_pages_have_no_axe_violations(live_server, page, world, language):
    # given
    prefix = f"{live_server.url}{LANGUAGES[language]}"
    base = f"{prefix}/seller/shop/{world['producer'].pk}/contracts/"
    active = world["active"]
    found: dict[str, list[str]] = {}
    sign_in(page, live_server, world["owner"])

    # when
    check(page, base, found, "list")
    check(page, f"{base}{active.pk}/", found, "detail")
    check(page, f"{base}{world['proposed'].pk}/", found, "detail (to sign)")
    check(page, f"{base}{active.pk}/deliveries/new/", found, "schedule")
    submit_with_error(page, "#id_delivery_date", "not a date")
    check_current(page, found, "schedule (error)")

    # then
    assert found == {}


def check_current(page: Page, found: dict[str, list[str]], name: str) -> None:
    violations = axe_violations(page)
    small = page.evaluate(SMALL_TARGETS)
    if violations or small:
        found[name] = violations + [f"small target: {s}" for s in small]
