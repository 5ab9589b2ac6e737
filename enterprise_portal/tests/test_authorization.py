"""Authorization matrix over every enterprise-portal and seller-quote URL: enterprise A never
reaches enterprise B's requests, quotes, pledges, members, sites or statements (404 alike with
a missing id); roles open only their sections; a producer sees only requests it was invited to
and only its own quotes; signed-out people are sent to sign in."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from backend.checkout.tests.scenarios import new_user
from backend.enterprises.pledges import declare_pledge
from backend.sourcing.models import QuoteStatus
from backend.sourcing.quotes import submit_quote
from backend.sourcing.tests.scenarios import posted_request, quote_draft, supplier

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year
MISSING = 999999


@pytest.fixture
def world(channel, side, other_side, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    a, b = supplier(channel, "a"), supplier(channel, "b")
    with django_capture_on_commit_callbacks(execute=True):
        request_a = posted_request(side)
        request_b = posted_request(other_side)
    quote_a = submit_quote(request_a, a.producer, quote_draft(a.variant, 10, "9.00"), actor=a.owner)
    quote_b = submit_quote(request_a, b.producer, quote_draft(b.variant, 20, "8.50"), actor=b.owner)
    for s in (side, other_side):
        declare_pledge(s.enterprise, year=YEAR, kind="amount", amount=Decimal("100"), actor=s.admin)
    return {
        "side": side,
        "other": other_side,
        "a": a,
        "b": b,
        "request_a": request_a,
        "request_b": request_b,
        "quote_a": quote_a,
        "quote_b": quote_b,
    }


def enterprise_paths(e: int, request_id: int, site_id: int, quote_id: int) -> list[str]:
    return [
        f"/en/enterprise/{e}/",
        f"/en/enterprise/{e}/members/",
        f"/en/enterprise/{e}/members/new/",
        f"/en/enterprise/{e}/sites/",
        f"/en/enterprise/{e}/sites/{site_id}/",
        f"/en/enterprise/{e}/invoice/",
        f"/en/enterprise/{e}/requests/",
        f"/en/enterprise/{e}/requests/new/",
        f"/en/enterprise/{e}/requests/{request_id}/",
        f"/en/enterprise/{e}/pledges/",
        f"/en/enterprise/{e}/pledges/new/",
        f"/en/enterprise/{e}/pledges/{YEAR}/statement.pdf",
        f"/en/enterprise/{e}/pledges/{YEAR}/statement.csv",
        f"/en/enterprise/{e}/households/",
    ]


def enterprise_posts(e: int, request_id: int, quote_id: int, member_id: int) -> list[str]:
    return [
        f"/en/enterprise/{e}/requests/{request_id}/quotes/{quote_id}/accept/",
        f"/en/enterprise/{e}/requests/{request_id}/quotes/{quote_id}/decline/",
        f"/en/enterprise/{e}/requests/{request_id}/end/",
        f"/en/enterprise/{e}/members/{member_id}/remove/",
    ]


def test_other_enterprise_every_url_404_like_missing(world):  # type: ignore[no-untyped-def]
    # given the other enterprise's administrator
    client = Client()
    client.force_login(world["other"].admin)
    side = world["side"]
    member = side.enterprise.members.first()
    # when / then: A's ids and missing ids answer the same 404
    for paths in (
        enterprise_paths(
            side.enterprise.pk, world["request_a"].pk, side.site.pk, world["quote_a"].pk
        ),
        enterprise_paths(MISSING, MISSING, MISSING, MISSING),
    ):
        for path in paths:
            assert client.get(path).status_code == 404, path
    for path in enterprise_posts(
        side.enterprise.pk, world["request_a"].pk, world["quote_a"].pk, member.pk
    ):
        assert client.post(path, {"units": "1"}).status_code == 404, path
    # and B's own request ids under A's enterprise are not found either
    own = f"/en/enterprise/{side.enterprise.pk}/requests/{world['request_b'].pk}/"
    assert client.get(own).status_code == 404
    cross = f"/en/enterprise/{world['other'].enterprise.pk}/requests/{world['request_a'].pk}/"
    assert client.get(cross).status_code == 404
    # nothing changed
    world["quote_a"].refresh_from_db()
    assert world["quote_a"].status == QuoteStatus.SUBMITTED


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("admin", {"", "members/", "sites/", "invoice/", "requests/", "pledges/", "households/"}),
        ("buyer", {"", "sites/", "requests/", "pledges/", "households/"}),
        ("approver", {"", "requests/", "pledges/", "households/"}),
        ("finance", {"", "invoice/", "requests/", "pledges/", "households/"}),
        ("staff", {""}),
    ],
)
def test_roles_open_only_their_sections(world, role, allowed):  # type: ignore[no-untyped-def]
    # given
    side = world["side"]
    if role == "staff":
        from backend.enterprises.tests.factories import EnterpriseMemberFactory

        user = new_user(email="staff@enterprise.test")
        EnterpriseMemberFactory(enterprise=side.enterprise, user=user, role="staff")
    else:
        user = getattr(side, role)
    client = Client()
    client.force_login(user)
    # when / then
    for section in ("", "members/", "sites/", "invoice/", "requests/", "pledges/", "households/"):
        status = client.get(f"/en/enterprise/{side.enterprise.pk}/{section}").status_code
        assert status == (200 if section in allowed else 404), (role, section)


def test_producer_sees_only_invited_requests_and_own_quotes(world):  # type: ignore[no-untyped-def]
    # given producer a's owner
    a, b = world["a"], world["b"]
    client = Client()
    client.force_login(a.owner)
    shop = a.producer.pk
    # when
    page = client.get(f"/en/seller/shop/{shop}/quotes/").content.decode()
    detail = client.get(f"/en/seller/shop/{shop}/quotes/requests/{world['request_a'].pk}/")
    # then: its own quote, never b's price or quantity
    assert "¥9.00" in page
    assert "8.50" not in page
    assert "8.50" not in detail.content.decode()
    # b's shop, b's quote and the other enterprise's request (a was invited to it too) stay apart
    assert client.get(f"/en/seller/shop/{b.producer.pk}/quotes/").status_code == 404
    assert (
        client.post(f"/en/seller/shop/{shop}/quotes/{world['quote_b'].pk}/withdraw/").status_code
        == 404
    )
    assert client.post(f"/en/seller/shop/{shop}/quotes/{MISSING}/withdraw/").status_code == 404
    world["quote_b"].refresh_from_db()
    assert world["quote_b"].status == QuoteStatus.SUBMITTED


def test_producer_not_invited_request_404(world, channel):  # type: ignore[no-untyped-def]
    # given a producer outside 甘肃, never invited
    from backend.regions.models import Region

    far = supplier(channel, "far")
    far.producer.region = Region.objects.get(code="110105")
    far.producer.save(update_fields=["region"])
    client = Client()
    client.force_login(far.owner)
    # when
    response = client.get(
        f"/en/seller/shop/{far.producer.pk}/quotes/requests/{world['request_a'].pk}/"
    )
    # then
    assert response.status_code == 404


def test_enterprise_member_cannot_open_seller_quotes(world):  # type: ignore[no-untyped-def]
    # given the enterprise's buyer
    client = Client()
    client.force_login(world["side"].buyer)
    # when / then
    assert client.get(f"/en/seller/shop/{world['a'].producer.pk}/quotes/").status_code == 404


def test_signed_out_redirected_to_sign_in(world):  # type: ignore[no-untyped-def]
    # given
    side = world["side"]
    client = Client()
    # when / then
    for path in enterprise_paths(side.enterprise.pk, world["request_a"].pk, side.site.pk, 0):
        response = client.get(path)
        assert response.status_code == 302, path
        assert "/enterprise/login/" in response["Location"], path
