"""The programme-record admin pages a county operator uses, in a real browser: axe-core clean
(WCAG 2.2 AA) — households (list, add, change with members, incomes and
links), enrolment (attendance and certificate), subsidy claim (add, decide), target (add)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from pprint import pformat

import pytest
from playwright.sync_api import Page

from tests.browser.test_storefront_accessibility import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The admin is outside i18n_patterns, and the site's default language (no prefix) is zh-Hans,
# so the admin is always in Chinese.
LANGUAGE = "zh-hans"


@dataclass(frozen=True)
class World:
    operator_id: int
    household: int
    enrolment: int
    claim: int


@pytest.fixture
def world(transactional_db) -> World:  # type: ignore[no-untyped-def]
    from django.core.management import call_command

    from backend.programme.households import record_household_income
    from backend.programme.subsidies import submit_subsidy_claim
    from backend.programme.tests.factories import EnrolmentFactory, HouseholdMemberFactory
    from backend.regions.models import Region
    from backend.sellers.tests.factories import OperatorScopeFactory

    if not Region.objects.filter(code="621123").exists():  # flushed by an earlier test
        call_command("load_regions", verbosity=0)
    operator = OperatorScopeFactory.create(region=Region.objects.get(code="621123")).user
    member = HouseholdMemberFactory.create()
    record_household_income(
        member.household, actor=operator, year=2025, income_per_person=Decimal("4200")
    )
    enrolment = EnrolmentFactory.create(member=member, enrolled_on=datetime.date(2025, 2, 1))
    claim = submit_subsidy_claim(
        enrolment, actor=operator, amount_claimed=Decimal("500"), fee_paid_amount=Decimal("800")
    )
    return World(operator.pk, member.household_id, enrolment.pk, claim.pk)


def _sign_in(page: Page, live_server_url: str, user_id: int) -> None:
    from django.conf import settings
    from django.test import Client

    from backend.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(pk=user_id))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [
            {"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server_url},
        ]
    )


def test_programme_admin_pages_axe_clean(live_server, page, world):
    # given a county operator
    _sign_in(page, live_server.url, world.operator_id)
    base = f"{live_server.url}/admin/programme"
    paths = {
        "households": "/household/",
        "household add": "/household/add/",
        "household": f"/household/{world.household}/change/",
        "enrolment": f"/enrolment/{world.enrolment}/change/",
        "claim add": "/subsidyclaim/add/",
        "claim": f"/subsidyclaim/{world.claim}/change/",
        "target add": "/target/add/",
    }
    found: dict[str, list[str]] = {}
    for name, path in paths.items():
        # when
        response = page.goto(f"{base}{path}")
        assert response is not None
        assert response.status == 200, name
        assert page.locator("html").get_attribute("lang") == LANGUAGE
        # then (collected, so one run reports every page)
        if violations := axe_violations(page):
            found[name] = violations
    assert not found, pformat(found, width=100)
