"""What a producer has earned, month by month, read from the payouts ledger (SQL aggregation)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from prices import Money

from backend.payments.models import LedgerEntryKind, ProducerLedgerEntry
from backend.producers.models import Producer


@dataclass(frozen=True)
class MonthEarnings:
    month: date
    sales: Money
    refunds: Money
    fees: Money
    net: Money
    paid_out: Money
    sale_count: int


@dataclass(frozen=True)
class EarningsSummary:
    months: list[MonthEarnings]
    owed_now: Money
    paid_out_total: Money


def earnings_for_producer(producer: Producer, *, months: int = 12) -> EarningsSummary:
    """The last `months` months with any ledger entry, newest first, plus what is owed now."""
    currency = settings.DEFAULT_CURRENCY
    zero = Decimal("0")
    sale = Q(kind=LedgerEntryKind.SALE)
    refund = Q(kind=LedgerEntryKind.REFUND)
    rows = (
        ProducerLedgerEntry.objects.filter(producer_id=producer.pk, currency=currency)
        .annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(
            sales=Sum("gross_amount", filter=sale, default=zero),
            refunds=Sum("gross_amount", filter=refund, default=zero),
            fees=Sum("fee_amount", default=zero),
            net=Sum("net_amount", default=zero),
            paid=Sum("net_amount", filter=Q(payout__isnull=False), default=zero),
            sale_count=Count("pk", filter=sale),
        )
        .order_by("-month")[:months]
    )
    totals = ProducerLedgerEntry.objects.filter(
        producer_id=producer.pk, currency=currency
    ).aggregate(
        owed=Sum("net_amount", filter=Q(payout__isnull=True), default=zero),
        paid=Sum("net_amount", filter=Q(payout__isnull=False), default=zero),
    )
    return EarningsSummary(
        months=[
            MonthEarnings(
                month=row["month"].date(),
                sales=Money(row["sales"], currency),
                refunds=Money(-row["refunds"], currency),
                fees=Money(row["fees"], currency),
                net=Money(row["net"], currency),
                paid_out=Money(row["paid"], currency),
                sale_count=row["sale_count"],
            )
            for row in rows
        ],
        owed_now=Money(totals["owed"], currency),
        paid_out_total=Money(totals["paid"], currency),
    )
