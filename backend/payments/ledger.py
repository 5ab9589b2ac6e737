"""The producer payouts ledger: what each producer is owed, entry by entry.

A sale entry per paid sub-order: gross = the sub-order's total (goods and shipping, since the
producer ships), fee = gross × the platform fee rate at that moment (rounded half-up to the
cent, frozen on the entry), net = gross − fee. A refund writes a reversal with negative amounts
at the sale's frozen rate. A producer's balance is the sum of its unpaid entries' net amounts.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.db.models import Sum
from prices import Money

from backend.core.money import money, quantize
from backend.orders.models import SubOrder
from backend.payments.models import LedgerEntryKind, ProducerLedgerEntry
from backend.producers.models import Producer


def platform_fee_rate() -> Decimal:
    rate = Decimal(str(getattr(settings, "PLATFORM_FEE_RATE", Decimal("0"))))
    if not Decimal("0") <= rate <= Decimal("1"):
        raise ValueError("PLATFORM_FEE_RATE must be between 0 and 1")
    return rate


def record_sale_entries(sub_orders: Iterable[SubOrder]) -> list[ProducerLedgerEntry]:
    """One sale entry per sub-order that has none yet (idempotent)."""
    sub_orders = list(sub_orders)
    done = set(
        ProducerLedgerEntry.objects.filter(
            sub_order__in=sub_orders, kind=LedgerEntryKind.SALE
        ).values_list("sub_order_id", flat=True)
    )
    rate = platform_fee_rate()
    entries = []
    for sub_order in sub_orders:
        if sub_order.pk in done:
            continue
        fee = quantize(sub_order.total_amount * rate)
        entries.append(
            ProducerLedgerEntry(
                producer_id=sub_order.producer_id,
                sub_order=sub_order,
                kind=LedgerEntryKind.SALE,
                currency=sub_order.currency,
                gross_amount=sub_order.total_amount,
                fee_rate=rate,
                fee_amount=fee,
                net_amount=sub_order.total_amount - fee,
            )
        )
    return ProducerLedgerEntry.objects.bulk_create(entries)


def record_refund_reversal(sub_order: SubOrder, amount: Decimal) -> ProducerLedgerEntry:
    """Take back a refunded amount from the producer, at the sale's frozen fee rate."""
    sale = ProducerLedgerEntry.objects.get(sub_order=sub_order, kind=LedgerEntryKind.SALE)
    fee = quantize(amount * sale.fee_rate)
    return ProducerLedgerEntry.objects.create(
        producer_id=sub_order.producer_id,
        sub_order=sub_order,
        kind=LedgerEntryKind.REFUND,
        currency=sub_order.currency,
        gross_amount=-amount,
        fee_rate=sale.fee_rate,
        fee_amount=-fee,
        net_amount=-(amount - fee),
    )


def producer_balance(producer: Producer, currency: str | None = None) -> Money:
    """What the platform owes the producer now (unpaid entries)."""
    currency = currency or settings.DEFAULT_CURRENCY
    total = ProducerLedgerEntry.objects.filter(
        producer=producer, payout__isnull=True, currency=currency
    ).aggregate(total=Sum("net_amount"))["total"]
    return money(total or 0, currency)
