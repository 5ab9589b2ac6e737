"""Every enterprise page: renders for the roles that may open it, posts through the services,
keeps what was typed on errors, refuses posts without CSRF; lists cost the same queries for 1
and N rows."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from backend.enterprises.models import EnterpriseMember, EnterpriseStatus, Pledge
from backend.enterprises.pledges import declare_pledge
from backend.sourcing.models import PurchaseRequest, QuoteStatus
from backend.sourcing.quotes import submit_quote
from backend.sourcing.tests.scenarios import posted_request, quote_draft, supplier

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def _signed_in(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_every_page_renders_for_admin(side, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    # given a request and a pledge
    with django_capture_on_commit_callbacks(execute=True):
        request = posted_request(side)
    declare_pledge(
        side.enterprise, year=YEAR, kind="amount", amount=Decimal("100"), actor=side.admin
    )
    client = _signed_in(side.admin)
    e = side.enterprise.pk
    site = side.site.pk
    # when / then
    for path in (
        f"/en/enterprise/{e}/",
        f"/en/enterprise/{e}/members/",
        f"/en/enterprise/{e}/members/new/",
        f"/en/enterprise/{e}/sites/",
        f"/en/enterprise/{e}/sites/new/",
        f"/en/enterprise/{e}/sites/{site}/",
        f"/en/enterprise/{e}/invoice/",
        f"/en/enterprise/{e}/requests/",
        f"/en/enterprise/{e}/requests/new/",
        f"/en/enterprise/{e}/requests/{request.pk}/",
        f"/en/enterprise/{e}/pledges/",
        f"/en/enterprise/{e}/pledges/new/",
        f"/en/enterprise/{e}/households/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert 'id="main"' in response.content.decode(), path


def test_post_request_form_then_accept_quote(channel, side, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    # given a producer in 甘肃
    s = supplier(channel, "a")
    client = _signed_in(side.buyer)
    deadline = (timezone.localdate() + datetime.timedelta(days=7)).isoformat()
    # when the buyer posts through the form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/enterprise/{side.enterprise.pk}/requests/new/",
            {
                "product_name": "党参",
                "grade": "一级",
                "quantity": "50",
                "unit": "kg",
                "province": "62",
                "deadline": deadline,
                "delivery_site": side.site.pk,
            },
        )
    request = PurchaseRequest.objects.get()
    quote = submit_quote(request, s.producer, quote_draft(s.variant, 100, "9.00"), actor=s.owner)
    accepted = client.post(
        f"/en/enterprise/{side.enterprise.pk}/requests/{request.pk}/quotes/{quote.pk}/accept/",
        {"units": "60"},
    )
    # then
    assert response.status_code == 302
    assert request.region is not None
    assert request.region.code == "62"
    assert accepted.status_code == 302
    quote.refresh_from_db()
    assert (quote.status, quote.units_accepted) == (QuoteStatus.ACCEPTED, 60)


def test_post_request_form_errors_keep_answers(side):  # type: ignore[no-untyped-def]
    # given
    client = _signed_in(side.buyer)
    # when
    response = client.post(
        f"/en/enterprise/{side.enterprise.pk}/requests/new/",
        {"product_name": "小米", "quantity": "abc", "unit": "kg", "deadline": "2000-01-01"},
    )
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert 'value="小米"' in html
    assert "Enter the quantity as a number" in html
    assert not PurchaseRequest.objects.exists()


def test_pending_enterprise_new_request_explains_not_verified(side):  # type: ignore[no-untyped-def]
    # given
    side.enterprise.status = EnterpriseStatus.PENDING
    side.enterprise.save(update_fields=["status"])
    # when
    response = _signed_in(side.buyer).get(f"/en/enterprise/{side.enterprise.pk}/requests/new/")
    # then
    assert response.status_code == 403
    assert "not verified yet" in response.content.decode()


def test_accept_quote_over_quantity_error_shown(channel, side, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    # given a 10 kg request and a quote of 40 bags (20 kg)
    s = supplier(channel, "a")
    with django_capture_on_commit_callbacks(execute=True):
        request = posted_request(side, quantity=Decimal("10"))
    quote = submit_quote(request, s.producer, quote_draft(s.variant, 40, "9.00"), actor=s.owner)
    client = _signed_in(side.buyer)
    url = f"/en/enterprise/{side.enterprise.pk}/requests/{request.pk}/"
    # when
    client.post(url + f"quotes/{quote.pk}/accept/", {"units": "40"})
    page = client.get(url)
    # then
    assert "more than the request still needs" in page.content.decode()
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.SUBMITTED


def test_member_add_form_unknown_login_error(side):  # type: ignore[no-untyped-def]
    # when
    response = _signed_in(side.admin).post(
        f"/en/enterprise/{side.enterprise.pk}/members/new/",
        {"login": "nobody@example.test", "role": "staff"},
    )
    # then
    html = response.content.decode()
    assert "No account uses this mobile number or email address" in html
    assert 'value="nobody@example.test"' in html


def test_pledge_declare_form_and_statements(side):  # type: ignore[no-untyped-def]
    # given
    client = _signed_in(side.finance)
    e = side.enterprise.pk
    # when
    client.post(
        f"/en/enterprise/{e}/pledges/new/",
        {"year": YEAR, "kind": "share", "share_percent": "10", "base_amount": "500000"},
    )
    pdf = client.get(f"/en/enterprise/{e}/pledges/{YEAR}/statement.pdf")
    csv = client.get(f"/en/enterprise/{e}/pledges/{YEAR}/statement.csv")
    # then
    pledge = Pledge.objects.get()
    assert pledge.target_amount == Decimal("50000.00")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    text = csv.content.decode("utf-8-sig")
    assert "Target (yuan),50000.00" in text
    assert client.get(f"/en/enterprise/{e}/pledges/{YEAR}/statement.doc").status_code == 404


def test_request_list_same_queries_one_and_many(side, django_assert_max_num_queries):  # type: ignore[no-untyped-def]
    # given
    client = _signed_in(side.buyer)
    url = f"/en/enterprise/{side.enterprise.pk}/requests/"
    posted_request(side)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(3):
        posted_request(side)
    # when
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    # then
    assert len(one) == len(many)


def test_posts_without_csrf_refused(side):  # type: ignore[no-untyped-def]
    # given
    client = Client(enforce_csrf_checks=True)
    client.force_login(side.admin)
    # when
    response = client.post(
        f"/en/enterprise/{side.enterprise.pk}/members/new/", {"login": "x", "role": "staff"}
    )
    # then
    assert response.status_code == 403
    assert EnterpriseMember.objects.filter(enterprise=side.enterprise).count() == 4


def test_profile_edit_saves_and_audits(side):  # type: ignore[no-untyped-def]
    from backend.audit.models import AuditEvent, AuditEventType

    # given
    client = _signed_in(side.admin)
    url = f"/en/enterprise/{side.enterprise.pk}/details/"
    # when
    page = client.get(url)
    response = client.post(
        url,
        {
            "name": "陇原团餐有限公司",
            "address_detail": "城关区1号",
            "contact_name": "王经理",
            "contact_mobile": "13912345678",
        },
    )
    # then
    side.enterprise.refresh_from_db()
    assert page.status_code == 200
    assert response.status_code == 302
    assert side.enterprise.name == "陇原团餐有限公司"
    event = AuditEvent.objects.get(event_type=AuditEventType.ENTERPRISE_PROFILE_UPDATED)
    assert event.new["name"] == "陇原团餐有限公司"
    assert _signed_in(side.buyer).get(url).status_code == 404
