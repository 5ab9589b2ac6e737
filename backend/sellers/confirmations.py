"""Services: money-affecting actions a helper prepares and the seller confirms.

`SellerPolicy.requires_seller_confirmation(actor, action, seller)` says when a confirmation is
needed (a helper, or anyone but an owner, about to refund or change the payout account). The
portal then calls `request_seller_confirmation`; the owner sees the request, and
`confirm_seller_request` / `decline_seller_request` record the answer. The portal performs the
confirmed action with the owner as the confirming actor, using the stored `payload`.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.audit.models import AuditEventType
from backend.producers.models import Producer
from backend.sellers.errors import SellerError, SellerErrorCode, not_found
from backend.sellers.events import confirmation_event
from backend.sellers.locks import lock_confirmation_request
from backend.sellers.models import ConfirmationRequest, ConfirmationStatus
from backend.sellers.permissions import SellerAction, seller_policy


def request_seller_confirmation(
    seller: Producer,
    *,
    action: SellerAction,
    actor: User,
    summary: str,
    payload: dict[str, Any] | None = None,
) -> ConfirmationRequest:
    from backend.sellers.tasks import send_confirmation_request_email

    with transaction.atomic(durable=True):
        if not seller_policy.user_has_permission_for_instance(actor, action, seller):
            raise not_found("seller")
        if not seller_policy.requires_seller_confirmation(actor, action, seller):
            raise SellerError(
                SellerErrorCode.CONFIRMATION_NOT_NEEDED,
                _("You own this shop, so you can do this yourself."),
            )
        request = ConfirmationRequest.objects.create(
            seller=seller,
            action=action,
            summary=summary,
            payload=payload or {},
            requested_by=actor,
        )
        confirmation_event(request, AuditEventType.CONFIRMATION_REQUESTED, actor=actor, old="")
        transaction.on_commit(partial(send_confirmation_request_email.delay, request.pk))
    return request


def _decide(
    request_id: int, *, seller: Producer, actor: User, status: ConfirmationStatus
) -> ConfirmationRequest:
    with transaction.atomic(durable=True):
        if not seller_policy.user_has_permission_for_instance(
            actor, SellerAction.CONFIRM_MONEY_ACTIONS, seller
        ):
            raise not_found("request")
        try:
            request = lock_confirmation_request(request_id, seller_id=seller.pk)
        except ConfirmationRequest.DoesNotExist:
            raise not_found("request") from None
        if request.status != ConfirmationStatus.PENDING:
            raise SellerError(
                SellerErrorCode.CONFIRMATION_NOT_PENDING,
                _("This request was already answered."),
                field="request",
            )
        old = request.status
        request.status = status
        request.decided_by = actor
        request.decided_at = timezone.now()
        request.save(update_fields=["status", "decided_by", "decided_at"])
        event_type = (
            AuditEventType.CONFIRMATION_GIVEN
            if status == ConfirmationStatus.CONFIRMED
            else AuditEventType.CONFIRMATION_DECLINED
        )
        confirmation_event(request, event_type, actor=actor, old=old)
    return request


def confirm_seller_request(
    request_id: int, *, seller: Producer, actor: User
) -> ConfirmationRequest:
    return _decide(request_id, seller=seller, actor=actor, status=ConfirmationStatus.CONFIRMED)


def decline_seller_request(
    request_id: int, *, seller: Producer, actor: User
) -> ConfirmationRequest:
    return _decide(request_id, seller=seller, actor=actor, status=ConfirmationStatus.DECLINED)
