"""The enterprise portal and the seller portal's quote pages in a real browser: axe-core clean
(WCAG 2.2 AA) in zh-Hans and English, every form's error state too, 44px targets and no
sideways scrolling at 640px (1280px at 200% zoom)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

import pytest
from playwright.sync_api import Page

from tests.browser.page_checks import Findings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = {"zh-hans": "", "en": "/en"}
SUBMIT = "main form button[type=submit]"


@dataclass(frozen=True)
class World:
    enterprise: int
    pending: int
    request: int
    site: int
    shop: int
    admin_email: str
    pending_email: str
    owner_email: str


def _build() -> World:
    from django.utils import timezone

    from backend.catalog.tests.factories import ChannelFactory
    from backend.checkout.tests.scenarios import new_user
    from backend.enterprises.benefit_links import (
        LinkDraft,
        decide_benefit_link,
        record_benefit_link,
    )
    from backend.enterprises.models import EnterpriseRole, EnterpriseStatus
    from backend.enterprises.pledges import declare_pledge
    from backend.enterprises.tests.factories import (
        EnterpriseFactory,
        EnterpriseMemberFactory,
        new_operator,
    )
    from backend.procurement.tests.scenarios import enterprise_side
    from backend.sourcing.matching import invite_producers
    from backend.sourcing.quotes import submit_quote
    from backend.sourcing.tests.scenarios import floor, posted_request, quote_draft, supplier

    side = enterprise_side()
    channel = ChannelFactory.create()
    a, b = supplier(channel, "a"), supplier(channel, "b")
    floor(a.variant)
    request = posted_request(side)
    invite_producers(request.pk)
    submit_quote(request, a.producer, quote_draft(a.variant, 80, "6.00"), actor=a.owner)
    submit_quote(request, b.producer, quote_draft(b.variant, 60, "6.50"), actor=b.owner)
    year = timezone.localdate().year
    declare_pledge(
        side.enterprise,
        year=year,
        kind="share",
        share_percent=Decimal("10"),
        base_amount=Decimal("1200000"),
        actor=side.admin,
    )
    first, second = new_operator(), new_operator()
    link = record_benefit_link(
        side.enterprise,
        LinkDraft(
            kind="employs", year=year, description="残疾职工名册已核对", disabled_employee_count=8
        ),
        actor=first,
    )
    decide_benefit_link(link, verified=True, actor=second)
    pending = EnterpriseFactory(status=EnterpriseStatus.PENDING, name="待审核食堂")
    pending_admin = new_user(email="pending-admin@enterprise.test")
    EnterpriseMemberFactory(enterprise=pending, user=pending_admin, role=EnterpriseRole.ADMIN)
    assert a.owner.email is not None
    return World(
        enterprise=side.enterprise.pk,
        pending=pending.pk,
        request=request.pk,
        site=side.site.pk,
        shop=a.producer.pk,
        admin_email=str(side.admin.email),
        pending_email="pending-admin@enterprise.test",
        owner_email=a.owner.email,
    )


@pytest.fixture
def world(transactional_db) -> World:  # type: ignore[no-untyped-def]
    from django.core.management import call_command

    from backend.regions.models import Region

    if not Region.objects.filter(code="621123").exists():  # flushed by an earlier test
        call_command("load_regions", verbosity=0)
    return _build()


def _sign_in(page: Page, base: str, login: str, path: str) -> None:
    from backend.accounts.tests.factories import PASSWORD

    page.goto(f"{base}{path}")
    page.fill("#id_login", login)
    page.fill("#id_password", PASSWORD)
    page.click(SUBMIT)
    page.wait_for_load_state()


def _visit(
    page: Page, findings: Findings, base: str, name: str, path: str, status: int = 200
) -> None:
    response = page.goto(f"{base}{path}")
    assert response is not None
    assert response.status == status, name
    findings.check(name)


def _with_errors(page: Page, findings: Findings, name: str, clear: tuple[str, ...] = ()) -> None:
    for selector in clear:
        page.fill(selector, "")
    page.click(SUBMIT)
    page.wait_for_selector("[data-error-summary]")
    findings.check(f"{name} with errors")


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_enterprise_pages_axe_clean_targets_and_reflow(live_server, page, world, language):
    # given 640px wide
    base = f"{live_server.url}{LANGUAGES[language]}"
    page.set_viewport_size({"width": 640, "height": 900})
    findings = Findings(page)
    e = f"/enterprise/{world.enterprise}/"
    # when: signed out
    _visit(page, findings, base, "landing", "/enterprise/")
    _visit(page, findings, base, "sign in", "/enterprise/login/")
    _with_errors(page, findings, "sign in")
    _visit(page, findings, base, "register", "/enterprise/register/")
    _with_errors(page, findings, "register")
    # signed in as the administrator: every page and every form's error state
    _sign_in(page, base, world.admin_email, "/enterprise/login/")
    pages = {
        "home": "/enterprise/",
        "overview": e,
        "members": f"{e}members/",
        "sites": f"{e}sites/",
        "site edit": f"{e}sites/{world.site}/",
        "requests": f"{e}requests/",
        "request": f"{e}requests/{world.request}/",
        "pledges": f"{e}pledges/",
        "households": f"{e}households/",
    }
    for name, path in pages.items():
        _visit(page, findings, base, name, path)
    forms = {
        "register details": ("/enterprise/register/details/", ()),
        "details": (f"{e}details/", ("#id_name",)),
        "member add": (f"{e}members/new/", ()),
        "site new": (f"{e}sites/new/", ()),
        "invoice": (f"{e}invoice/", ("#id_invoice_title",)),
        "request new": (f"{e}requests/new/", ()),
        "pledge new": (f"{e}pledges/new/", ()),
    }
    for name, (path, clear) in forms.items():
        _visit(page, findings, base, name, path)
        _with_errors(page, findings, name, clear)
    # the registration's later steps
    page.goto(f"{base}/enterprise/register/details/")
    page.fill("#id_name", "新建食堂有限公司")
    page.fill("#id_credit_code", "91110000600037341L")
    page.check("input[value=canteen]")
    page.click(SUBMIT)
    page.wait_for_url(re.compile(r".*/register/place/$"))
    findings.check("register place")
    _with_errors(page, findings, "register place")
    page.select_option("#id_province", "62")
    page.fill("#id_contact_name", "王经理")
    page.fill("#id_contact_mobile", "139 1234 5678")
    page.click(SUBMIT)
    page.wait_for_url(re.compile(r".*/register/county/$"))
    findings.check("register county")
    _with_errors(page, findings, "register county")
    page.click("header form button[type=submit]")  # sign out
    # a member of an enterprise still waiting for verification
    _sign_in(page, base, world.pending_email, "/enterprise/login/")
    _visit(page, findings, base, "pending overview", f"/enterprise/{world.pending}/")
    _visit(page, findings, base, "not verified", f"/enterprise/{world.pending}/requests/new/", 403)
    page.click("header form button[type=submit]")
    # the producer's quote pages
    _sign_in(page, base, world.owner_email, "/seller/login/")
    quotes = f"/seller/shop/{world.shop}/quotes/"
    _visit(page, findings, base, "seller quotes", quotes)
    _visit(page, findings, base, "seller request", f"{quotes}requests/{world.request}/")
    _with_errors(page, findings, "seller request", ("#id_available_on",))
    # then
    findings.assert_clean()


def test_accept_quote_by_keyboard(live_server, page, world):
    from backend.sourcing.models import Quote, QuoteStatus

    # given the buyer's administrator on the request page
    base = f"{live_server.url}/en"
    _sign_in(page, base, world.admin_email, "/enterprise/login/")
    page.goto(f"{base}/enterprise/{world.enterprise}/requests/{world.request}/")
    # when: the first "Accept" button is reached by Tab and pressed with Enter
    page.locator("main input[name=units]").first.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    # then
    assert "accepted" in page.locator(".notice").inner_text()
    assert Quote.objects.filter(status=QuoteStatus.ACCEPTED).count() == 1
