"""Annual purchase pledges and their progress (the 832 platform model).

Progress of a pledge for year Y =
  procurement: the accepted value of the enterprise's procurement order lines created in Y
               (`ProcurementOrderLine.accepted_amount`, 0 until the enterprise accepts a delivery)
+ staff:       its STAFF members' personal purchases placed in Y while they were staff members:
               sub-orders of paid orders (payment fully charged or partly refunded) that are not
               cancelled or refunded, each counting its goods value minus what was refunded
               (never below 0); orders that are procurement deliveries are not personal purchases.

Years run in the project's time zone (Asia/Shanghai). Everything is computed by ONE SQL
statement per year, whatever the number of pledges: two set-based aggregations grouped by
enterprise (procurement lines on their (enterprise, created_at) index; the year's counted
sub-orders joined to the staff memberships of their buyers), left-joined to the pledges'
enterprises. Its cost follows the year's rows, not the number of pledges (no per-pledge
correlated subquery): `pledge_progress(pledge)` for one, `pledges_progress(pledges)` for many.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import (
    DecimalField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Greatest
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


def _procurement_totals(year: int, enterprise_ids: list[int]) -> QuerySet[Any, Any]:
    """(enterprise_id, total): accepted procurement value per enterprise in the year."""
    start, end = year_bounds(year)
    return (
        ProcurementOrderLine.objects.filter(
            enterprise_id__in=enterprise_ids, created_at__gte=start, created_at__lt=end
        )
        .values("enterprise_id")
        .annotate(total=Sum("accepted_amount"))
        .order_by()
    )


def _staff_sub_orders(year: int, enterprise_ids: list[int]) -> QuerySet[Any, Any]:
    """(enterprise, sub_order, value): each counted sub-order once per enterprise its buyer was
    a staff member of when ordering (DISTINCT: overlapping memberships count once, as EXISTS)."""
    membership = "order__user__enterprise_memberships__"
    was_staff = Q(
        **{
            f"{membership}enterprise_id__in": enterprise_ids,
            f"{membership}role": EnterpriseRole.STAFF,
            f"{membership}added_at__lte": F("order__created_at"),
        }
    ) & (
        Q(**{f"{membership}removed_at__isnull": True})
        | Q(**{f"{membership}removed_at__gt": F("order__created_at")})
    )
    return (
        staff_purchases(year)
        .filter(was_staff)  # one filter() call: every condition on the same membership row
        .values(
            enterprise=F(f"{membership}enterprise_id"),
            sub_order=F("pk"),
            value=Greatest(F("subtotal_amount") - F("refunded_amount"), Value(ZERO)),
        )
        .order_by()
        .distinct()
    )


def _year_totals(year: int, enterprise_ids: list[int]) -> dict[int, tuple[Decimal, Decimal]]:
    """enterprise id → (procurement, staff) for the year: ONE statement joining two set-based
    aggregations (GROUP BY enterprise, each on the year's range of the indexed columns)."""
    procurement_sql, procurement_params = _procurement_totals(
        year, enterprise_ids
    ).query.sql_with_params()
    staff_sql, staff_params = _staff_sub_orders(year, enterprise_ids).query.sql_with_params()
    statement = f"""
        SELECT wanted.id, COALESCE(procurement.total, 0), COALESCE(staff.total, 0)
        FROM unnest(%s::bigint[]) AS wanted(id)
        LEFT JOIN ({procurement_sql}) AS procurement ON procurement.enterprise_id = wanted.id
        LEFT JOIN (
            SELECT counted.enterprise, SUM(counted.value) AS total
            FROM ({staff_sql}) AS counted
            GROUP BY counted.enterprise
        ) AS staff ON staff.enterprise = wanted.id
    """
    with connection.cursor() as cursor:
        cursor.execute(statement, [enterprise_ids, *procurement_params, *staff_params])
        return {
            row[0]: (Decimal(row[1]).quantize(ZERO), Decimal(row[2]).quantize(ZERO))
            for row in cursor.fetchall()
        }


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
    """Progress of many pledges, in the order given: one SQL statement per distinct year
    (usually one) whose cost follows the year's rows, not the number of pledges."""
    pledges = list(pledges)
    by_year: dict[int, set[int]] = defaultdict(set)
    for pledge in pledges:
        by_year[pledge.year].add(pledge.enterprise_id)
    totals = {
        year: _year_totals(year, sorted(enterprise_ids)) for year, enterprise_ids in by_year.items()
    }
    return [
        PledgeProgress(pledge, *totals[pledge.year].get(pledge.enterprise_id, (ZERO, ZERO)))
        for pledge in pledges
    ]


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
