"""Annual purchase pledges and their progress (the 832 platform model).

Progress of a pledge for year Y =
  procurement: the accepted value of the enterprise's procurement order lines created in Y
               (`ProcurementOrderLine.accepted_amount`, 0 until the enterprise accepts a delivery)
+ staff:       its STAFF members' personal purchases placed in Y while they were staff members:
               sub-orders of paid orders (payment fully charged or partly refunded) that are not
               cancelled or refunded, each counting its goods value minus what was refunded
               (never below 0); orders that are procurement deliveries are not personal purchases.

Years run in the project's time zone (Asia/Shanghai). Everything is computed by one SQL
statement per year (two correlated aggregates per pledge, each on an indexed range of
(enterprise, created_at) / (user, created_at)), whatever the number of pledges:
`pledge_progress(pledge)` for one, `pledges_progress(pledges)` for many.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import (
    DecimalField,
    Exists,
    F,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.audit.models import AuditEventType
from backend.enterprises.errors import EnterpriseError, EnterpriseErrorCode
from backend.enterprises.events import record_enterprise_event
from backend.enterprises.locks import lock_enterprise
from backend.enterprises.models import (
    Enterprise,
    EnterpriseMember,
    EnterpriseRole,
    Pledge,
    PledgeKind,
)
from backend.orders.models import OrderStatus, PaymentStatus, SubOrder
from backend.procurement.models import ProcurementOrderLine

ZERO = Decimal("0.00")
MONEY = DecimalField(max_digits=16, decimal_places=2)
PAID = (PaymentStatus.FULLY_CHARGED, PaymentStatus.PARTIALLY_REFUNDED)
NOT_COUNTED = (OrderStatus.CANCELLED, OrderStatus.REFUNDED)


def year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    zone = timezone.get_default_timezone()
    start = datetime.datetime(year, 1, 1, tzinfo=zone)
    end = datetime.datetime(year + 1, 1, 1, tzinfo=zone)
    return start, end


def _sum(expression: object) -> Func:
    """SUM over the whole correlated subquery (a plain function, so no GROUP BY is added)."""
    return Func(expression, function="SUM", output_field=MONEY)


def procurement_value(year: int, enterprise_ref: str = "enterprise_id") -> Coalesce:
    start, end = year_bounds(year)
    rows = (
        ProcurementOrderLine.objects.filter(
            enterprise_id=OuterRef(enterprise_ref), created_at__gte=start, created_at__lt=end
        )
        .order_by()
        .annotate(total=_sum(F("accepted_amount")))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=MONEY), Value(ZERO), output_field=MONEY)


def staff_purchases(year: int) -> QuerySet[SubOrder]:
    """Counted sub-orders placed in the year (before the staff condition)."""
    start, end = year_bounds(year)
    return SubOrder.objects.filter(
        order__created_at__gte=start,
        order__created_at__lt=end,
        order__payment_status__in=PAID,
        order__procurement_order__isnull=True,
    ).exclude(status__in=NOT_COUNTED)


def was_staff_q(enterprise: int | OuterRef) -> Q:
    """On SubOrder: its buyer was a staff member of `enterprise` (an id, or a reference to the
    outer query's enterprise) when the order was placed."""
    staff = EnterpriseMember.objects.filter(
        enterprise_id=enterprise,  # type: ignore[misc]
        user_id=OuterRef("order__user_id"),
        role=EnterpriseRole.STAFF,
        added_at__lte=OuterRef("order__created_at"),
    ).filter(Q(removed_at__isnull=True) | Q(removed_at__gt=OuterRef("order__created_at")))
    return Q(Exists(staff))


def staff_value(year: int, enterprise_ref: str = "enterprise_id") -> Coalesce:
    value = Greatest(F("subtotal_amount") - F("refunded_amount"), Value(ZERO))
    rows = (
        staff_purchases(year)
        .filter(was_staff_q(OuterRef(OuterRef(enterprise_ref))))
        .order_by()
        .annotate(total=_sum(value))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=MONEY), Value(ZERO), output_field=MONEY)


@dataclass(frozen=True)
class PledgeProgress:
    pledge: Pledge
    procurement_amount: Decimal
    staff_amount: Decimal

    @property
    def target_amount(self) -> Decimal:
        return self.pledge.target_amount

    @property
    def total_amount(self) -> Decimal:
        return self.procurement_amount + self.staff_amount

    @property
    def remaining_amount(self) -> Decimal:
        return max(self.target_amount - self.total_amount, ZERO)

    @property
    def percent(self) -> Decimal:
        target = self.target_amount
        if not target:
            return ZERO
        return min(self.total_amount * 100 / target, Decimal(100)).quantize(Decimal("0.1"))


def pledges_progress(pledges: Iterable[Pledge]) -> list[PledgeProgress]:
    """Progress of many pledges: one SQL statement per distinct year (usually one)."""
    by_year: dict[int, list[int]] = defaultdict(list)
    for pledge in pledges:
        by_year[pledge.year].append(pledge.pk)
    found: dict[int, PledgeProgress] = {}
    for year, ids in by_year.items():
        rows = Pledge.objects.filter(pk__in=ids).annotate(
            procurement_amount=procurement_value(year), staff_amount=staff_value(year)
        )
        for row in rows.select_related("enterprise"):
            found[row.pk] = PledgeProgress(
                row,
                row.procurement_amount,  # type: ignore[attr-defined]
                row.staff_amount,  # type: ignore[attr-defined]
            )
    order = [pk for ids in by_year.values() for pk in ids]
    return [found[pk] for pk in order if pk in found]


def pledge_progress(pledge: Pledge) -> PledgeProgress:
    return pledges_progress([pledge])[0]


def _clean_money(value: Decimal | None, field: str, message: object) -> Decimal:
    if value is None or value <= 0:
        raise EnterpriseError(EnterpriseErrorCode.INVALID, str(message), field=field)
    return value.quantize(Decimal("0.01"))


def declare_pledge(
    enterprise: Enterprise,
    *,
    year: int,
    kind: str,
    actor: User,
    amount: Decimal | None = None,
    share_percent: Decimal | None = None,
    base_amount: Decimal | None = None,
    note: str = "",
) -> Pledge:
    """Declare (or change) the enterprise's pledge for a year; audited either way."""
    if kind == PledgeKind.AMOUNT:
        amount = _clean_money(amount, "amount", _("Enter the amount you pledge, in yuan"))
        share_percent = base_amount = None
    elif kind == PledgeKind.SHARE:
        if share_percent is None or not Decimal(0) < share_percent <= 100:
            raise EnterpriseError(
                EnterpriseErrorCode.INVALID,
                _("Enter a share from 0.01 to 100 percent"),
                field="sharePercent",
            )
        base_amount = _clean_money(
            base_amount, "baseAmount", _("Enter the year's food purchasing, in yuan")
        )
        amount = None
    else:
        raise EnterpriseError(
            EnterpriseErrorCode.INVALID, _("Choose an amount or a share"), field="kind"
        )
    this_year = timezone.localdate().year
    if not this_year - 1 <= year <= this_year + 1:
        raise EnterpriseError(
            EnterpriseErrorCode.INVALID,
            _("Pledge for last year, this year or next year"),
            field="year",
        )
    values = {
        "kind": kind,
        "amount": amount,
        "share_percent": share_percent,
        "base_amount": base_amount,
        "note": note.strip(),
    }
    with transaction.atomic(durable=True):
        lock_enterprise(enterprise.pk)
        pledge = Pledge.objects.filter(enterprise_id=enterprise.pk, year=year).first()
        if pledge is None:
            pledge = Pledge.objects.create(
                enterprise=enterprise, year=year, declared_by=actor, **values
            )
            record_enterprise_event(
                AuditEventType.PLEDGE_DECLARED,
                actor=actor,
                subject=pledge,
                new={"year": year, **{k: str(v) for k, v in values.items() if v is not None}},
            )
            return pledge
        old = {k: getattr(pledge, k) for k in values}
        for key, value in values.items():
            setattr(pledge, key, value)
        pledge.declared_by = actor
        pledge.save(update_fields=[*values, "declared_by"])
        record_enterprise_event(
            AuditEventType.PLEDGE_CHANGED,
            actor=actor,
            subject=pledge,
            old={k: str(v) for k, v in old.items() if v is not None},
            new={k: str(v) for k, v in values.items() if v is not None},
        )
    return pledge
