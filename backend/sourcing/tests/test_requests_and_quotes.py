"""Purchase requests and quotes: producers in the region are invited (notice + e-mail after
commit), three producers quote, the enterprise accepts from two (one in part) up to the
requested quantity and the third is declined; floors, verification and over-acceptance refused;
every step audited."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core import mail

from backend.audit.models import AuditEvent, AuditEventType
from backend.enterprises.models import EnterpriseStatus
from backend.regions.models import Region
from backend.sourcing.errors import SourcingError, SourcingErrorCode
from backend.sourcing.models import QuoteInvitation, QuoteStatus, RequestStatus
from backend.sourcing.quotes import accept_quote, submit_quote, withdraw_quote
from backend.sourcing.requests import end_request
from backend.sourcing.tests.scenarios import (
    floor,
    posted_request,
    quote_draft,
    supplier,
)

pytestmark = pytest.mark.django_db


def test_post_request_invites_region_producers_after_commit(
    channel, side, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    # given two producers in 甘肃 (渭源) and one in another province
    near = [supplier(channel, "a"), supplier(channel, "b")]
    far = supplier(channel, "c")
    far.producer.region = Region.objects.get(code="110105")
    far.producer.save(update_fields=["region"])
    # when
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        request = posted_request(side)
    # then nothing is sent before commit, and the invitations follow it
    assert QuoteInvitation.objects.count() == 0
    assert len(callbacks) == 1
    callbacks[0]()
    invited = set(QuoteInvitation.objects.values_list("producer_id", flat=True))
    assert invited == {s.producer.pk for s in near}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(str(s.owner.email) for s in near)
    assert all(i.emailed_at for i in QuoteInvitation.objects.all())
    event = AuditEvent.objects.get(event_type=AuditEventType.PURCHASE_REQUEST_POSTED)
    assert (event.actor, event.subject_id) == (side.buyer, str(request.pk))


def test_request_three_quotes_accepted_from_two_up_to_quantity(
    channel, side, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    # given a request for 90 kg and three producers with 500 g bags; floor 10.00/kg (5.00/bag)
    suppliers = [supplier(channel, tag) for tag in ("a", "b", "c")]
    for s in suppliers:
        floor(s.variant)
    with django_capture_on_commit_callbacks(execute=True):
        request = posted_request(side)
    # when three producers quote: 40 kg, 60 kg and 50 kg
    offers = [(80, "6.00"), (120, "6.50"), (100, "7.00")]
    quotes = [
        submit_quote(request, s.producer, quote_draft(s.variant, units, price), actor=s.owner)
        for s, (units, price) in zip(suppliers, offers, strict=True)
    ]
    first = accept_quote(quotes[0], actor=side.buyer)
    with pytest.raises(SourcingError) as too_much:
        accept_quote(quotes[1], actor=side.approver)
    second = accept_quote(quotes[1], actor=side.approver, units=100)
    # then 40 kg + 50 kg fill the request; the third quote is declined
    assert [q.fill_quantity for q in quotes] == [Decimal("40"), Decimal("60"), Decimal("50")]
    assert too_much.value.code == SourcingErrorCode.OVER_REQUESTED
    assert too_much.value.data["remaining"] == Decimal("50")
    assert (first.status, first.units_accepted, first.fill_accepted) == (
        QuoteStatus.ACCEPTED,
        80,
        Decimal("40"),
    )
    assert (second.units_accepted, second.fill_accepted) == (100, Decimal("50"))
    assert second.accepted_amount == Decimal("650.00")
    quotes[2].refresh_from_db()
    request.refresh_from_db()
    assert quotes[2].status == QuoteStatus.DECLINED
    assert request.status == RequestStatus.FILLED
    types = list(
        AuditEvent.objects.filter(event_type__gte=11500, event_type__lt=12000)
        .order_by("pk")
        .values_list("event_type", flat=True)
    )
    assert types == [
        AuditEventType.PURCHASE_REQUEST_POSTED,
        AuditEventType.QUOTE_SUBMITTED,
        AuditEventType.QUOTE_SUBMITTED,
        AuditEventType.QUOTE_SUBMITTED,
        AuditEventType.QUOTE_ACCEPTED,
        AuditEventType.QUOTE_ACCEPTED,
        AuditEventType.QUOTE_DECLINED,
        AuditEventType.PURCHASE_REQUEST_CLOSED,
    ]


def test_submit_quote_below_floor_refused_with_floor(
    channel, side, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    # given a floor of 10.00/kg: 5.00 per 500 g bag
    s = supplier(channel, "a")
    floor(s.variant)
    with django_capture_on_commit_callbacks(execute=True):
        request = posted_request(side)
    # when
    with pytest.raises(SourcingError) as refused:
        submit_quote(request, s.producer, quote_draft(s.variant, 10, "4.99"), actor=s.owner)
    # then
    assert refused.value.code == SourcingErrorCode.BELOW_FLOOR
    assert refused.value.field == "unitPrice"
    assert refused.value.data["floor_per_kg"] == Decimal("10.00")
    assert not request.quotes.exists()


def test_submit_quote_at_floor_accepted(channel, side, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    # given
    s = supplier(channel, "a")
    floor(s.variant)
    with django_capture_on_commit_callbacks(execute=True):
        request = posted_request(side)
    # when
    quote = submit_quote(request, s.producer, quote_draft(s.variant, 10, "5.00"), actor=s.owner)
    # then
    assert quote.status == QuoteStatus.SUBMITTED


def test_submit_quote_not_invited_not_found(channel, side, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    # given a producer outside the preferred region
    s = supplier(channel, "a")
    s.producer.region = Region.objects.get(code="110105")
    s.producer.save(update_fields=["region"])
    with django_capture_on_commit_callbacks(execute=True):
        request = posted_request(side)
    # when
    with pytest.raises(SourcingError) as refused:
        submit_quote(request, s.producer, quote_draft(s.variant, 10, "9.00"), actor=s.owner)
    # then
    assert refused.value.code == SourcingErrorCode.NOT_FOUND


def test_post_request_unverified_enterprise_refused(side):  # type: ignore[no-untyped-def]
    # given
    side.enterprise.status = EnterpriseStatus.PENDING
    side.enterprise.save(update_fields=["status"])
    # when
    with pytest.raises(SourcingError) as refused:
        posted_request(side)
    # then
    assert refused.value.code == SourcingErrorCode.NOT_VERIFIED


def test_accept_quote_enterprise_suspended_refused(
    channel, side, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    # given a quote, then the enterprise is suspended
    s = supplier(channel, "a")
    with django_capture_on_commit_callbacks(execute=True):
        request = posted_request(side)
    quote = submit_quote(request, s.producer, quote_draft(s.variant, 10, "9.00"), actor=s.owner)
    side.enterprise.status = EnterpriseStatus.SUSPENDED
    side.enterprise.save(update_fields=["status"])
    # when
    with pytest.raises(SourcingError) as refused:
        accept_quote(quote, actor=side.buyer)
    # then
    assert refused.value.code == SourcingErrorCode.NOT_VERIFIED
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.SUBMITTED


def test_withdraw_then_close_request_declines_open_quotes(
    channel, side, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    # given two quotes
    a, b = supplier(channel, "a"), supplier(channel, "b")
    with django_capture_on_commit_callbacks(execute=True):
        request = posted_request(side)
    qa = submit_quote(request, a.producer, quote_draft(a.variant, 10, "9.00"), actor=a.owner)
    qb = submit_quote(request, b.producer, quote_draft(b.variant, 10, "9.00"), actor=b.owner)
    # when
    withdrawn = withdraw_quote(qa, actor=a.owner)
    closed = end_request(request, actor=side.buyer, cancel=False)
    # then
    qb.refresh_from_db()
    assert withdrawn.status == QuoteStatus.WITHDRAWN
    assert qb.status == QuoteStatus.DECLINED
    assert closed.status == RequestStatus.CLOSED


def test_submit_quote_request_in_kg_variant_without_weight_refused(
    channel, side, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    # given a product with no weight anywhere
    s = supplier(channel, "a")
    s.variant.weight_grams = None
    s.variant.save(update_fields=["weight_grams"])
    product = s.variant.product
    product.weight_grams = None
    product.save(update_fields=["weight_grams"])
    product.product_type.weight_grams = 0
    product.product_type.save(update_fields=["weight_grams"])
    with django_capture_on_commit_callbacks(execute=True):
        request = posted_request(side)
    # when
    with pytest.raises(SourcingError) as refused:
        submit_quote(request, s.producer, quote_draft(s.variant, 10, "9.00"), actor=s.owner)
    # then
    assert refused.value.code == SourcingErrorCode.WEIGHT_UNKNOWN
