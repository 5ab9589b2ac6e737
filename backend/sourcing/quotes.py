"""Producers' quotes on purchase requests: submitting (never below the protected floor),
withdrawing; the enterprise accepting several quotes, each in full or in part, while the
accepted quantity stays within the request, and declining the rest.

An accepted quote becomes a procurement order through the procurement services
(`backend.procurement.quote_orders.create_procurement_order_for_quote`), in their own transaction
right after the acceptance's; if the order cannot be placed yet (not enough stock), the quote
stays accepted with no order (`Quote.procurement_order` empty) until it is placed again.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.audit.events import record_audit_event
from backend.audit.models import AuditEventType
from backend.catalog.models import ProductVariant
from backend.enterprises.events import record_enterprise_event
from backend.enterprises.locks import lock_enterprise
from backend.enterprises.permissions import can_sign_contracts
from backend.procurement.errors import ProcurementError, ProcurementErrorCode
from backend.procurement.pricing import check_enterprise_unit_price, unit_weight_grams
from backend.procurement.quote_orders import create_procurement_order_for_quote
from backend.producers.models import Producer
from backend.sourcing import locks
from backend.sourcing.errors import SourcingError, SourcingErrorCode
from backend.sourcing.models import (
    PurchaseRequest,
    Quote,
    QuoteInvitation,
    QuoteStatus,
    RequestStatus,
    RequestUnit,
)
from backend.sourcing.quantities import plain
from backend.sourcing.requests import not_verified_error

CODE = SourcingErrorCode
logger = logging.getLogger(__name__)
GRAMS_PER_KG = Decimal("1000")
THOUSANDTH = Decimal("0.001")


@dataclass(frozen=True)
class QuoteDraft:
    variant: ProductVariant
    units: int
    unit_price_amount: Decimal
    available_on: datetime.date
    grade: str = ""
    note: str = ""


def _not_found(field: str = "id") -> SourcingError:
    return SourcingError(CODE.NOT_FOUND, _("No such purchase request"), field=field)


def _fill_of(request: PurchaseRequest, units: int, grams: int | None) -> Decimal:
    if request.unit == RequestUnit.UNIT:
        return Decimal(units)
    assert grams is not None
    return (Decimal(units) * grams / GRAMS_PER_KG).quantize(THOUSANDTH)


def _check_floor(request: PurchaseRequest, producer: Producer, draft: QuoteDraft) -> None:
    try:
        check_enterprise_unit_price(
            draft.variant,
            grade=draft.grade or request.grade,
            region=producer.region,
            on=draft.available_on,
            unit_price_amount=draft.unit_price_amount,
            field="unitPrice",
        )
    except ProcurementError as error:
        code = {
            ProcurementErrorCode.BELOW_FLOOR: CODE.BELOW_FLOOR,
            ProcurementErrorCode.WEIGHT_UNKNOWN: CODE.WEIGHT_UNKNOWN,
        }.get(ProcurementErrorCode(error.code), CODE.INVALID)
        raise SourcingError(code, str(error.message), field="unitPrice", **error.data) from None


def _check_draft(request: PurchaseRequest, producer: Producer, draft: QuoteDraft) -> int | None:
    if draft.variant.product.producer_id != producer.pk:
        raise SourcingError(CODE.NOT_FOUND, _("Choose one of your products"), field="variant")
    if draft.units is None or draft.units <= 0:
        raise SourcingError(CODE.INVALID, _("Enter how many units you offer"), field="units")
    if draft.unit_price_amount is None or draft.unit_price_amount <= 0:
        raise SourcingError(
            CODE.INVALID, _("Enter a price per unit greater than 0"), field="unitPrice"
        )
    if draft.available_on < timezone.localdate():
        raise SourcingError(
            CODE.INVALID, _("The delivery date must be today or later"), field="availableOn"
        )
    grams = unit_weight_grams(draft.variant)
    if request.unit == RequestUnit.KG and not grams:
        raise SourcingError(
            CODE.WEIGHT_UNKNOWN,
            _("This request is in kilograms: give the product a weight first"),
            field="variant",
        )
    _check_floor(request, producer, draft)
    return grams


def submit_quote(
    request: PurchaseRequest, producer: Producer, draft: QuoteDraft, *, actor: User
) -> Quote:
    """A producer's quote on a request it was invited to (the shop already authorised)."""
    if not QuoteInvitation.objects.filter(request_id=request.pk, producer_id=producer.pk).exists():
        raise _not_found()
    grams = _check_draft(request, producer, draft)
    try:
        with transaction.atomic(durable=True):
            locked = locks.lock_request(request.pk)
            if not locked.is_open_on(timezone.localdate()):
                raise SourcingError(
                    CODE.REQUEST_NOT_OPEN, _("This request no longer takes quotes"), field="id"
                )
            quote = Quote.objects.create(
                request=locked,
                producer=producer,
                variant=draft.variant,
                grade=draft.grade.strip() or locked.grade,
                units=draft.units,
                unit_weight_grams=grams,
                fill_quantity=_fill_of(locked, draft.units, grams),
                unit_price_amount=draft.unit_price_amount,
                available_on=draft.available_on,
                note=draft.note.strip(),
                submitted_by=actor,
            )
            record_audit_event(
                AuditEventType.QUOTE_SUBMITTED,
                actor=actor,
                subject=quote,
                seller=producer,
                new={
                    "request": locked.pk,
                    "variant": draft.variant.pk,
                    "units": draft.units,
                    "unit_price": str(draft.unit_price_amount),
                    "available_on": draft.available_on.isoformat(),
                },
            )
    except IntegrityError:
        raise SourcingError(
            CODE.ALREADY_QUOTED,
            _("You already have a quote for this product on this request: withdraw it first"),
            field="variant",
        ) from None
    return quote


def withdraw_quote(quote: Quote, *, actor: User) -> Quote:
    with transaction.atomic(durable=True):
        locks.lock_request(quote.request_id)
        current = next(q for q in locks.lock_quotes(quote.request_id) if q.pk == quote.pk)
        if current.status != QuoteStatus.SUBMITTED:
            raise SourcingError(CODE.QUOTE_NOT_OPEN, _("This quote is already decided"))
        current.status = QuoteStatus.WITHDRAWN
        current.decided_at = timezone.now()
        current.decided_by = actor
        current.save(update_fields=["status", "decided_at", "decided_by"])
        record_audit_event(
            AuditEventType.QUOTE_WITHDRAWN,
            actor=actor,
            subject=current,
            seller=current.producer,
            old=QuoteStatus.SUBMITTED,
            new=QuoteStatus.WITHDRAWN,
        )
    return current


def decline_open_quotes(quotes: Iterable[Quote], *, actor: User, now: datetime.datetime) -> None:
    """Decline every still-open quote of a request that stopped taking them (locked rows)."""
    for quote in quotes:
        if quote.status != QuoteStatus.SUBMITTED:
            continue
        quote.status = QuoteStatus.DECLINED
        quote.decided_at = now
        quote.decided_by = actor
        quote.save(update_fields=["status", "decided_at", "decided_by"])
        record_enterprise_event(
            AuditEventType.QUOTE_DECLINED,
            actor=actor,
            subject=quote,
            old=QuoteStatus.SUBMITTED,
            new=QuoteStatus.DECLINED,
        )


def accepted_fill(quotes: Iterable[Quote]) -> Decimal:
    return sum((q.fill_accepted for q in quotes if q.status == QuoteStatus.ACCEPTED), Decimal(0))


def accept_quote(quote: Quote, *, actor: User, units: int | None = None) -> Quote:
    """Accept `units` of the quote (all by default) if the request still needs them; a request
    whose accepted quantity reaches the requested one is filled and its other quotes declined.
    Then the accepted quote becomes a procurement order (`_order_for_accepted`)."""
    with transaction.atomic(durable=True):
        enterprise = lock_enterprise(quote.request.enterprise_id)
        if not can_sign_contracts(enterprise):
            raise not_verified_error()
        request = locks.lock_request(quote.request_id)
        quotes = locks.lock_quotes(request.pk)
        current = next(q for q in quotes if q.pk == quote.pk)
        if request.status != RequestStatus.OPEN:
            raise SourcingError(CODE.REQUEST_NOT_OPEN, _("This request is no longer open"))
        if current.status != QuoteStatus.SUBMITTED:
            raise SourcingError(CODE.QUOTE_NOT_OPEN, _("This quote is not open any more"))
        taking = current.units if units is None else units
        if not 1 <= taking <= current.units:
            raise SourcingError(
                CODE.INVALID,
                _("Accept from 1 to %(units)s units") % {"units": current.units},
                field="units",
            )
        fill = _fill_of(request, taking, current.unit_weight_grams)
        already = accepted_fill(quotes)
        remaining = request.quantity - already
        if fill > remaining:
            raise SourcingError(
                CODE.OVER_REQUESTED,
                _(
                    "That is more than the request still needs: %(remaining)s %(unit)s are left "
                    "of %(quantity)s."
                )
                % {
                    "remaining": plain(remaining),
                    "unit": request.get_unit_display(),
                    "quantity": plain(request.quantity),
                },
                field="units",
                remaining=remaining,
            )
        now = timezone.now()
        current.status = QuoteStatus.ACCEPTED
        current.units_accepted = taking
        current.fill_accepted = fill
        current.decided_at = now
        current.decided_by = actor
        current.save(
            update_fields=["status", "units_accepted", "fill_accepted", "decided_at", "decided_by"]
        )
        record_enterprise_event(
            AuditEventType.QUOTE_ACCEPTED,
            actor=actor,
            subject=current,
            old=QuoteStatus.SUBMITTED,
            new=QuoteStatus.ACCEPTED,
            extra={"units": taking, "fill": str(fill), "request": request.pk},
        )
        if already + fill == request.quantity:
            request.status = RequestStatus.FILLED
            request.closed_at = now
            request.save(update_fields=["status", "closed_at"])
            decline_open_quotes(quotes, actor=actor, now=now)
            record_enterprise_event(
                AuditEventType.PURCHASE_REQUEST_CLOSED,
                actor=actor,
                subject=request,
                old=RequestStatus.OPEN,
                new=RequestStatus.FILLED,
            )
    _order_for_accepted(current, actor)
    return current


def _order_for_accepted(quote: Quote, actor: User) -> None:
    """Hand the accepted quote to procurement, which owns the order's transaction, stock
    allocation and floor pricing, and links `quote.procurement_order`.

    When it cannot place the order (not enough stock now, a floor raised above the quoted price
    since), the acceptance stands and the quote stays accepted with no procurement order; the
    order is placed by calling the procurement service again (it is idempotent)."""
    try:
        create_procurement_order_for_quote(quote, actor=actor)
    except ProcurementError as error:
        logger.warning("quote %s accepted without a procurement order: %s", quote.pk, error.code)


def decline_quote(quote: Quote, *, actor: User) -> Quote:
    with transaction.atomic(durable=True):
        lock_enterprise(quote.request.enterprise_id)
        locks.lock_request(quote.request_id)
        current = next(q for q in locks.lock_quotes(quote.request_id) if q.pk == quote.pk)
        if current.status != QuoteStatus.SUBMITTED:
            raise SourcingError(CODE.QUOTE_NOT_OPEN, _("This quote is not open any more"))
        decline_open_quotes([current], actor=actor, now=timezone.now())
    return current
