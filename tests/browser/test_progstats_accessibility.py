"""The programme portal's statistics pages in a real browser: axe-core clean (WCAG 2.2 AA) in
zh-Hans and English — sign-in, the operator's regions, a region's years, a county's figures
(charts with tables), a township's figures, the annual summary — with 44px targets and no
sideways scrolling at 640px."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from playwright.sync_api import Page

from tests.browser.page_checks import Findings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = {"zh-hans": "", "en": "/en"}
TARGETS = "main a, main button, main input:not([type=hidden]), header a, header button"


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
    findings = Findings(page, targets=TARGETS)
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
