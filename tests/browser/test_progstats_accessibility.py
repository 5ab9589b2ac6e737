"""The programme portal's statistics pages in a real browser: axe-core clean (WCAG 2.2 AA) in
zh-Hans and English — sign-in, the operator's regions, a region's years, a county's figures
(charts with tables), a township's figures, the annual summary — with 44px targets and no
sideways scrolling at 640px."""

from __future__ import annotations

from dataclasses import dataclass
from pprint import pformat

import pytest
from playwright.sync_api import Page

from tests.browser.test_storefront_accessibility import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = {"zh-hans": "", "en": "/en"}
TARGETS = "main a, main button, main input:not([type=hidden]), header a, header button"
SMALL_TARGETS = f"""[...document.querySelectorAll('{TARGETS}')]
  .filter(e => {{ const r = e.getBoundingClientRect(); return r.height > 0 && r.height < 44; }})
  .map(e => e.outerHTML.slice(0, 90))"""
SCROLLS_SIDEWAYS = "document.documentElement.scrollWidth > window.innerWidth"


@dataclass(frozen=True)
class World:
    township_key: str
    operator_email: str


@pytest.fixture
def world(transactional_db) -> World:  # type: ignore[no-untyped-def]
    from django.core.management import call_command

    from backend.regions.models import Region
    from backend.sellers.tests.factories import OperatorScopeFactory
    from backend.statistics.tests.scenarios import build_records, build_sales

    if not Region.objects.filter(code="621123").exists():  # flushed by an earlier test
        call_command("load_regions", verbosity=0)
    fixture = build_sales()
    build_records(fixture)
    operator = OperatorScopeFactory.create(region=Region.objects.get(code="6211")).user
    return World(f"r{fixture.regions['township'].pk}", str(operator.email))


class Findings:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.axe: dict[str, list[str]] = {}
        self.sideways: list[str] = []
        self.small: dict[str, list[str]] = {}

    def check(self, name: str) -> None:
        if violations := axe_violations(self.page):
            self.axe[name] = violations
        if self.page.evaluate(SCROLLS_SIDEWAYS):
            self.sideways.append(name)
        if small := self.page.evaluate(SMALL_TARGETS):
            self.small[name] = small

    def assert_clean(self) -> None:
        assert not self.axe, pformat(self.axe, width=100)
        assert not self.sideways, self.sideways
        assert not self.small, pformat(self.small, width=100)


def _visit(page: Page, findings: Findings, base: str, name: str, path: str) -> None:
    response = page.goto(f"{base}{path}")
    assert response is not None
    assert response.status == 200, name
    findings.check(name)


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_statistics_pages_axe_clean_targets_and_reflow(live_server, page, world, language):
    from backend.accounts.tests.factories import PASSWORD

    # given a 定西市 federation operator, 640px wide
    base = f"{live_server.url}{LANGUAGES[language]}"
    page.set_viewport_size({"width": 640, "height": 900})
    findings = Findings(page)
    _visit(page, findings, base, "sign in", "/programme/login/")
    page.fill("#id_login", world.operator_email)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    # when
    _visit(page, findings, base, "regions", "/programme/")
    _visit(page, findings, base, "years", "/programme/6211/")
    _visit(page, findings, base, "city", "/programme/6211/2025/")
    _visit(page, findings, base, "county", "/programme/621123/2025/")
    _visit(page, findings, base, "township", f"/programme/{world.township_key}/2025/")
    _visit(page, findings, base, "summary", "/programme/621123/2025/summary/")
    # then
    findings.assert_clean()
