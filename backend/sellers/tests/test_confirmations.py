"""Money-affecting actions a helper prepares need the seller's own confirmation."""

from __future__ import annotations

import pytest

from backend.audit.models import AuditEvent, AuditEventType
from backend.sellers.confirmations import (
    confirm_seller_request,
    decline_seller_request,
    request_seller_confirmation,
)
from backend.sellers.errors import SellerError, SellerErrorCode
from backend.sellers.lookups import pending_confirmations
from backend.sellers.models import ConfirmationStatus
from backend.sellers.permissions import SellerAction
from backend.sellers.tests.scenarios import People

pytestmark = pytest.mark.django_db


def _refund_request(people: People, django_capture_on_commit_callbacks, role="helper_orders"):  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        return request_seller_confirmation(
            people.shop,
            action=SellerAction.REFUND_ORDERS,
            actor=people.user(role),
            summary="退款 39.90 元：订单 1024",
            payload={"order": 1024, "amount": "39.90", "currency": "CNY"},
        )


def test_request_confirmation_by_helper_waits_and_emails_owner_after_commit(
    people: People, django_capture_on_commit_callbacks, mailoutbox
):
    # given / when
    request = _refund_request(people, django_capture_on_commit_callbacks)
    # then
    assert request.status == ConfirmationStatus.PENDING
    assert list(pending_confirmations(people.shop)) == [request]
    event = AuditEvent.objects.get(event_type=AuditEventType.CONFIRMATION_REQUESTED)
    assert event.actor == people["helper_orders"]
    assert event.on_behalf_of == people["owner"]
    assert event.new == {"status": "pending", "action": "refund_orders"}
    owners = sorted([str(people.user("owner").email), str(people.user("co_owner").email)])
    assert [sorted(m.to) for m in mailoutbox] == [owners]
    assert "39.90" in mailoutbox[0].subject


def test_request_confirmation_by_owner_is_not_needed(
    people: People, django_capture_on_commit_callbacks
):
    # given / when
    with pytest.raises(SellerError) as error:
        _refund_request(people, django_capture_on_commit_callbacks, role="owner")
    # then
    assert error.value.code == SellerErrorCode.CONFIRMATION_NOT_NEEDED


def test_request_confirmation_outside_scope_is_not_found(
    people: People, django_capture_on_commit_callbacks
):
    # given / when
    with pytest.raises(SellerError) as error:
        _refund_request(people, django_capture_on_commit_callbacks, role="helper_products")
    # then
    assert error.value.code == SellerErrorCode.NOT_FOUND


def test_confirm_by_owner_records_the_answer(people: People, django_capture_on_commit_callbacks):
    # given
    request = _refund_request(people, django_capture_on_commit_callbacks)
    # when
    confirmed = confirm_seller_request(request.pk, seller=people.shop, actor=people.user("owner"))
    # then
    assert confirmed.status == ConfirmationStatus.CONFIRMED
    assert confirmed.decided_by == people["owner"]
    event = AuditEvent.objects.get(event_type=AuditEventType.CONFIRMATION_GIVEN)
    assert event.actor == people["owner"]
    assert (event.old, event.new) == (
        {"status": "pending"},
        {"status": "confirmed", "action": "refund_orders"},
    )


@pytest.mark.parametrize("role", ["helper_orders", "helper_all", "county_operator", "other_seller"])
def test_confirm_by_anyone_but_an_owner_is_not_found(
    people: People, django_capture_on_commit_callbacks, role
):
    # given
    request = _refund_request(people, django_capture_on_commit_callbacks)
    # when
    with pytest.raises(SellerError) as error:
        confirm_seller_request(request.pk, seller=people.shop, actor=people.user(role))
    # then
    assert error.value.code == SellerErrorCode.NOT_FOUND


def test_decline_then_confirm_says_already_answered(
    people: People, django_capture_on_commit_callbacks
):
    # given
    request = _refund_request(people, django_capture_on_commit_callbacks)
    decline_seller_request(request.pk, seller=people.shop, actor=people.user("co_owner"))
    # when
    with pytest.raises(SellerError) as error:
        confirm_seller_request(request.pk, seller=people.shop, actor=people.user("owner"))
    # then
    assert error.value.code == SellerErrorCode.CONFIRMATION_NOT_PENDING
