"""The programme portal's designation pages in a real browser: axe-core clean (WCAG 2.2 AA) in
zh-Hans and English — the eligibility list, a candidate's evidence (a producer's and an
enterprise's), the confirm form and its error state, a confirmed designation and the revoke
form with its error state — with 44px targets and no sideways scrolling at 640px."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from playwright.sync_api import Page

from tests.browser.page_checks import Findings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = {"zh-hans": "", "en": "/en"}
SUBMIT = "main form button[type=submit]"


@dataclass(frozen=True)
class World:
    year: int
    waiting: int
    confirmed: int
    enterprise: int
    designation: int
    operator_email: str


def _build() -> World:
    import datetime
    from decimal import Decimal

    from backend.designations.confirmation import ConfirmationDraft, confirm_designation
    from backend.designations.tests.ledger_rows import moment, procurement_sale, shop_sale
    from backend.enterprises.tests.factories import EnterpriseFactory
    from backend.producers.models import ProducerKind
    from backend.producers.tests.factories import DisabledSellerFactory, ProducerFactory
    from backend.regions.models import Region
    from backend.sellers.tests.factories import OperatorScopeFactory

    county = Region.objects.get(code="621123")
    operator = OperatorScopeFactory.create(region=county).user
    waiting = DisabledSellerFactory.create(name="何家蜂蜜", region=county)
    done = DisabledSellerFactory.create(name="马家粉条", region=county)
    for seller in (waiting, done):
        shop_sale(seller, "60000.00", when=moment(2025, 3), household_ref="HH-1")
        shop_sale(seller, "40000.00", when=moment(2025, 10))
    buyer = EnterpriseFactory.create(name="渭源食堂", region=county)
    for index in range(10):
        base = ProducerFactory.create(kind=ProducerKind.COOPERATIVE, name=f"合作社{index}")
        procurement_sale(buyer, base, "1000.00", when=moment(2025))
    designation = confirm_designation(
        2025,
        "county_demonstration_household",
        "producer",
        done.pk,
        ConfirmationDraft("county", datetime.date(2026, 3, 1), Decimal("10000")),
        actor=operator,
    )
    return World(2025, waiting.pk, done.pk, buyer.pk, designation.pk, str(operator.email))


@pytest.fixture
def world(transactional_db) -> World:  # type: ignore[no-untyped-def]
    from django.core.management import call_command

    from backend.regions.models import Region

    if not Region.objects.filter(code="621123").exists():  # flushed by an earlier test
        call_command("load_regions", verbosity=0)
    return _build()


def _visit(page: Page, findings: Findings, base: str, name: str, path: str) -> None:
    response = page.goto(f"{base}{path}")
    assert response is not None
    assert response.status == 200, name
    findings.check(name)


def _with_errors(page: Page, findings: Findings, name: str, clear: tuple[str, ...]) -> None:
    for selector in clear:
        page.fill(selector, "")
    page.click(SUBMIT)
    page.wait_for_selector("[data-error-summary]")
    findings.check(f"{name} with errors")


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_designation_pages_axe_clean_targets_and_reflow(live_server, page, world, language):
    from backend.accounts.tests.factories import PASSWORD

    # given an operator of 渭源县 signed in, 640px wide
    base = f"{live_server.url}{LANGUAGES[language]}"
    page.set_viewport_size({"width": 640, "height": 900})
    findings = Findings(page)
    page.goto(f"{base}/programme/login/")
    page.fill("#id_login", world.operator_email)
    page.fill("#id_password", PASSWORD)
    page.click(SUBMIT)
    page.wait_for_load_state()
    d = f"/programme/621123/{world.year}/designations/"
    # when
    _visit(page, findings, base, "list", d)
    _visit(
        page,
        findings,
        base,
        "candidate",
        f"{d}county_demonstration_household/producer/{world.waiting}/",
    )
    _visit(
        page, findings, base, "enterprise", f"{d}sourcing_enterprise/enterprise/{world.enterprise}/"
    )
    _visit(
        page,
        findings,
        base,
        "confirmed",
        f"{d}county_demonstration_household/producer/{world.confirmed}/",
    )
    _visit(
        page,
        findings,
        base,
        "confirm",
        f"{d}county_demonstration_household/producer/{world.waiting}/confirm/",
    )
    _with_errors(page, findings, "confirm", ("#id_awarded_on", "#id_award_amount"))
    _visit(page, findings, base, "revoke", f"{d}confirmed/{world.designation}/revoke/")
    _with_errors(page, findings, "revoke", ())
    # then
    findings.assert_clean()
