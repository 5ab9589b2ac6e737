"""Posting, closing and cancelling purchase requests. Only a verified enterprise posts (its
buyers and administrators); producers are invited after the transaction commits."""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.audit.models import AuditEventType
from backend.catalog.models import Category
from backend.enterprises.events import record_enterprise_event
from backend.enterprises.locks import lock_enterprise
from backend.enterprises.models import DeliverySite, Enterprise
from backend.enterprises.permissions import can_sign_contracts
from backend.regions.models import Region
from backend.sourcing import locks
from backend.sourcing.errors import SourcingError, SourcingErrorCode
from backend.sourcing.models import PurchaseRequest, QuoteStatus, RequestStatus, RequestUnit

CODE = SourcingErrorCode


@dataclass(frozen=True)
class RequestDraft:
    product_name: str
    quantity: Decimal
    unit: str
    deadline: datetime.date
    delivery_site: DeliverySite
    grade: str = ""
    category: Category | None = None
    region: Region | None = None
    notes: str = ""


def _check(enterprise: Enterprise, draft: RequestDraft) -> RequestDraft:
    if not draft.product_name.strip():
        raise SourcingError(
            CODE.REQUIRED, _("Enter the product you want to buy"), field="productName"
        )
    if draft.unit not in RequestUnit.values:
        raise SourcingError(CODE.INVALID, _("Choose kilograms or units"), field="unit")
    if draft.quantity is None or draft.quantity <= 0:
        raise SourcingError(CODE.INVALID, _("Enter a quantity greater than 0"), field="quantity")
    if draft.unit == RequestUnit.UNIT and draft.quantity != draft.quantity.to_integral_value():
        raise SourcingError(CODE.INVALID, _("Enter a whole number of units"), field="quantity")
    if draft.deadline < timezone.localdate():
        raise SourcingError(
            CODE.DEADLINE_PASSED,
            _("The deadline for quotes must be today or later"),
            field="deadline",
        )
    site = draft.delivery_site
    if site.enterprise_id != enterprise.pk or not site.is_active:
        raise SourcingError(
            CODE.NOT_FOUND, _("Choose one of your delivery sites"), field="deliverySite"
        )
    return RequestDraft(
        product_name=" ".join(draft.product_name.split()),
        quantity=draft.quantity,
        unit=draft.unit,
        deadline=draft.deadline,
        delivery_site=site,
        grade=draft.grade.strip(),
        category=draft.category,
        region=draft.region,
        notes=draft.notes.strip(),
    )


def not_verified_error() -> SourcingError:
    return SourcingError(
        CODE.NOT_VERIFIED,
        _("Only an enterprise verified by the platform can post requests and accept quotes"),
    )


def post_request(enterprise: Enterprise, draft: RequestDraft, *, actor: User) -> PurchaseRequest:
    """Post the request; producers in the region are invited after commit (Celery)."""
    from backend.sourcing.tasks import invite_producers_task

    draft = _check(enterprise, draft)
    with transaction.atomic(durable=True):
        locked = lock_enterprise(enterprise.pk)
        if not can_sign_contracts(locked):
            raise not_verified_error()
        request = PurchaseRequest.objects.create(
            enterprise=locked,
            product_name=draft.product_name,
            category=draft.category,
            grade=draft.grade,
            quantity=draft.quantity,
            unit=draft.unit,
            region=draft.region,
            deadline=draft.deadline,
            delivery_site=draft.delivery_site,
            notes=draft.notes,
            created_by=actor,
        )
        record_enterprise_event(
            AuditEventType.PURCHASE_REQUEST_POSTED,
            actor=actor,
            subject=request,
            new={
                "enterprise": locked.pk,
                "product": request.product_name,
                "grade": request.grade,
                "quantity": str(request.quantity),
                "unit": request.unit,
                "region": request.region_id,
                "deadline": request.deadline.isoformat(),
            },
        )
        transaction.on_commit(functools.partial(invite_producers_task.delay, request.pk))
    return request


def end_request(request: PurchaseRequest, *, actor: User, cancel: bool) -> PurchaseRequest:
    """Close (keep what was accepted) or cancel the request; open quotes are declined."""
    with transaction.atomic(durable=True):
        lock_enterprise(request.enterprise_id)
        locked = locks.lock_request(request.pk)
        if locked.status != RequestStatus.OPEN:
            raise SourcingError(
                CODE.REQUEST_NOT_OPEN, _("This request is no longer open"), field="id"
            )
        quotes = locks.lock_quotes(locked.pk)
        if cancel and any(q.status == QuoteStatus.ACCEPTED for q in quotes):
            raise SourcingError(
                CODE.INVALID,
                _("Quotes of this request are already accepted: close it instead of cancelling"),
                field="id",
            )
        now = timezone.now()
        locked.status = RequestStatus.CANCELLED if cancel else RequestStatus.CLOSED
        locked.closed_at = now
        locked.save(update_fields=["status", "closed_at"])
        from backend.sourcing.quotes import decline_open_quotes

        decline_open_quotes(quotes, actor=actor, now=now)
        record_enterprise_event(
            AuditEventType.PURCHASE_REQUEST_CANCELLED
            if cancel
            else AuditEventType.PURCHASE_REQUEST_CLOSED,
            actor=actor,
            subject=locked,
            old=RequestStatus.OPEN,
            new=locked.status,
        )
    return locked
