"""The zone, a pavilion, a brand, a campaign, the search results (with results, without, and
with a "did you mean") and the home page in a real browser: axe-core finds nothing in either
language, "why is this here?" opens from the keyboard, facets work without JavaScript, and the
pages do not scroll sideways at 320 px."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser

from tests.browser.test_storefront_accessibility import LANGUAGES, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = {
    "zone": "/zone/",
    "zone filtered": "/zone/?county=621221&sort=price_desc",
    "pavilion": "/zone/weiyuan/",
    "brand": "/brands/longshang/",
    "campaign": "/campaigns/walnut-festival/",
    "search": "/search/?q=党参",
    "search without results": "/search/?q=durian",
    "search did you mean": "/search/?q=hetao&tag=poor_household",
    "home": "/",
}


@pytest.fixture
def zone(transactional_db):  # type: ignore[no-untyped-def]
    """The storefront zone scenario (regions reloaded: transactional tests flush them)."""
    from backend.catalog.tests.factories import ChannelFactory
    from backend.regions.models import Region
    from storefront.tests.scenarios import make_tree
    from storefront.tests.zone_scenarios import make_zone

    if not Region.objects.filter(code="621123").exists():
        call_command("load_regions", verbosity=0)
    return make_zone(ChannelFactory(), make_tree())


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_zone_pages_have_no_axe_violations(live_server, page, zone, language):
    # given
    prefix = LANGUAGES[language]
    found: dict[str, list[str]] = {}

    for name, path in PAGES.items():
        # when
        response = page.goto(f"{live_server.url}{prefix}{path}")
        assert response is not None
        assert response.status == 200, name
        if name == "search":
            page.locator("summary.why__summary").first.click()  # an open disclosure too
        violations = axe_violations(page)

        # then (collected, so one run reports every page)
        if violations:
            found[name] = violations
    assert found == {}


def test_why_is_this_here_opens_and_closes_from_the_keyboard(live_server, page, zone):
    # given
    page.goto(f"{live_server.url}/en/search/?q=党参")
    summary = page.locator("summary.why__summary").first
    details = page.locator("details.why").first

    # when: focused like a Tab stop, then Enter, then Space
    summary.focus()
    page.keyboard.press("Enter")
    opened = details.evaluate("d => d.open")
    shown = page.locator(".why__body").first.is_visible()
    page.keyboard.press("Space")

    # then
    assert opened is True
    assert shown
    assert details.evaluate("d => d.open") is False
    assert summary.evaluate("s => document.activeElement === s")


def test_zone_facets_and_sorting_work_without_javascript(live_server, browser: Browser, zone):
    # given
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/zone/")

    # when
    page.get_by_role("checkbox", name="成县").check()
    page.get_by_label("Sort by").select_option("price_desc")
    page.get_by_role("button", name="Show products").click()
    page.wait_for_url("**county=621221**")

    # then
    names = page.locator(".zone-listing .product-card__name").all_inner_texts()
    assert names == ["成县核桃"]
    assert page.get_by_role("status").inner_text().startswith("Showing 1 to 1 of 1 product")
    context.close()


@pytest.mark.parametrize("width", [640, 320])
def test_zone_pages_at_narrow_widths_do_not_scroll_sideways(
    live_server, browser: Browser, zone, width
):
    # given: 320 px = 640 px at 200 % zoom
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    overflowing = {}

    for name, path in PAGES.items():
        # when
        page.goto(f"{live_server.url}/en{path}")
        scroll_width = page.evaluate("document.documentElement.scrollWidth")

        # then
        if scroll_width > width:
            overflowing[name] = scroll_width
    context.close()
    assert overflowing == {}
