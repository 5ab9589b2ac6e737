"""The storefront in a real browser: axe-core finds nothing, keyboard and small screens work."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
LANGUAGES = {"zh-hans": "", "en": "/en"}


def axe_violations(page: Page) -> list[str]:
    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_22_AA}, "resultTypes": ["violations"]},
    )
    return [
        f"{violation['id']} ({violation['impact']}): "
        + "; ".join(node["target"][0] for node in violation["nodes"][:5])
        for violation in results.response["violations"]
    ]


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_storefront_pages_have_no_axe_violations(live_server, page, shop_paths, language):
    # given
    prefix = LANGUAGES[language]
    found: dict[str, list[str]] = {}

    for name, path in shop_paths.all().items():
        # when
        response = page.goto(f"{live_server.url}{prefix}{path}")
        assert response is not None
        assert response.status == (404 if name == "404" else 200), name
        violations = axe_violations(page)

        # then (collected, so one run reports every page)
        if violations:
            found[name] = violations
    assert found == {}


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(live_server, page, shop_paths):
    # given
    page.goto(f"{live_server.url}{shop_paths.product}")

    # when
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.textContent.trim()")
    visible = page.locator(".skip-link").bounding_box()
    page.keyboard.press("Enter")

    # then
    assert first == "跳到主要内容"
    assert visible is not None
    assert visible["y"] >= 0
    assert page.evaluate("document.activeElement.id") == "main-content"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_focus_is_visible_on_links(live_server, page, shop_paths):
    # given
    page.goto(f"{live_server.url}{shop_paths.home}")

    # when
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [document.activeElement.className, s.backgroundColor, s.boxShadow]; })()"
    )

    # then
    assert focused[0] == "site-name"
    assert focused[1] == "rgb(255, 221, 0)"
    assert focused[2] != "none"


@pytest.mark.parametrize("width", [640, 320])
def test_storefront_pages_at_narrow_widths_do_not_scroll_sideways(
    live_server, browser: Browser, shop_paths, width
):
    # given: 640 px, and 320 px = 640 px at 200 % zoom
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    overflowing = {}

    for language, prefix in LANGUAGES.items():
        for name, path in shop_paths.all().items():
            # when
            page.goto(f"{live_server.url}{prefix}{path}")
            scroll_width = page.evaluate("document.documentElement.scrollWidth")

            # then
            if scroll_width > width:
                overflowing[f"{language} {name}"] = scroll_width
    context.close()
    assert overflowing == {}


def test_sorting_and_paging_work_without_javascript(live_server, browser: Browser, shop_paths):
    # given
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/en{shop_paths.category}")

    # when
    page.get_by_label("Sort by").select_option("-price")
    page.get_by_role("button", name="Sort").click()
    page.wait_for_url("**sort=-price")
    prices = page.locator(".product-card__price").all_inner_texts()
    page.get_by_role("link", name="Next page").click()
    page.wait_for_url("**page=2")

    # then
    assert prices[0].endswith("¥59.90 – ¥168.00")
    assert page.locator("[aria-current=page]", has_text="2").count() == 1
    assert page.locator(".product-card").count() == 7
    context.close()


def test_language_switcher_opens_the_same_page_in_english(live_server, page, shop_paths):
    # given
    page.goto(f"{live_server.url}{shop_paths.product}")

    # when
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/product/weiyuan-dangshen/")

    # then
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "渭源白条党参"
    assert page.get_by_role("table", name="Sizes and prices").is_visible()
