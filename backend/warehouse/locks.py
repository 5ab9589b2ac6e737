"""Every row lock in the project: the only module that calls `select_for_update()`.

Global lock order (every service that locks more than one kind of row follows it):

    checkout or order (the aggregate root)
      → its lines (sub-orders, order lines)
      → stock rows
      → allocations and reservations
      → payment records
      → producer ledger entries

Within one table rows are locked in ascending primary key, so two transactions that want the
same rows queue instead of deadlocking whatever order their lines came in. `of=("self",)` keeps
joined rows (select_related) unlocked. `no_key=True` (FOR NO KEY UPDATE) is used where the
transaction does not change key columns or delete the row: it does not block inserts that
reference the row (FOR KEY SHARE), such as a new allocation pointing at a stock row. Rows that
may be deleted in the transaction take the full FOR UPDATE lock up front, so the lock is never
upgraded midway (an upgrade is a classic deadlock).

Helpers must be called inside a transaction (the service's `atomic(durable=True)`).
"""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from django.db.models import QuerySet

from backend.checkout.models import Checkout
from backend.orders.models import Order, OrderLine, SubOrder
from backend.payments.models import Payment, ProducerLedgerEntry
from backend.warehouse.models import Allocation, Stock

CHECKOUT_RELATED = (
    "channel",
    "user",
    "delivery_method",
    "shipping_province",
    "shipping_city",
    "shipping_county",
    "pickup_point__region",
)


def lock_checkout_for_update(token: UUID) -> Checkout:
    """The checkout row, for a change of its fields or lines (not its deletion).

    Raises Checkout.DoesNotExist when it is gone (for example completed meanwhile).
    """
    return (
        Checkout.objects.select_related(*CHECKOUT_RELATED)
        .select_for_update(of=("self",), no_key=True)
        .get(pk=token)
    )


def lock_checkouts_for_delete(tokens: Iterable[UUID]) -> list[Checkout]:
    """Checkout rows that the transaction may delete (completion, merge), in token order."""
    return list(
        Checkout.objects.filter(pk__in=list(tokens))
        .select_related(*CHECKOUT_RELATED)
        .order_by("pk")
        .select_for_update(of=("self",))
    )


def lock_stocks_for_variants(variant_ids: Iterable[int]) -> list[Stock]:
    """All stock rows of these variants, in primary-key order."""
    return list(
        Stock.objects.filter(product_variant_id__in=sorted(set(variant_ids)))
        .order_by("pk")
        .select_for_update(of=("self",), no_key=True)
    )


def lock_stocks(stock_ids: Iterable[int]) -> list[Stock]:
    return list(
        Stock.objects.filter(pk__in=sorted(set(stock_ids)))
        .order_by("pk")
        .select_for_update(of=("self",), no_key=True)
    )


def lock_allocations_for_lines(order_line_ids: Iterable[int]) -> list[Allocation]:
    """Allocations of these order lines (they may be deleted), after their stock rows."""
    return list(
        Allocation.objects.filter(order_line_id__in=sorted(set(order_line_ids)))
        .order_by("pk")
        .select_for_update(of=("self",))
    )


def lock_order(order_id: int) -> Order:
    """Raises Order.DoesNotExist."""
    return (
        Order.objects.select_related("channel", "user")
        .select_for_update(of=("self",), no_key=True)
        .get(pk=order_id)
    )


def lock_sub_orders(order_id: int) -> list[SubOrder]:
    return list(
        SubOrder.objects.filter(order_id=order_id)
        .select_related("producer")
        .order_by("pk")
        .select_for_update(of=("self",), no_key=True)
    )


def lock_order_lines(sub_order_ids: Iterable[int]) -> list[OrderLine]:
    return list(
        OrderLine.objects.filter(sub_order_id__in=sorted(set(sub_order_ids)))
        .select_related("variant")
        .order_by("pk")
        .select_for_update(of=("self",), no_key=True)
    )


def lock_payments(order_id: int) -> list[Payment]:
    return list(
        Payment.objects.filter(order_id=order_id)
        .order_by("pk")
        .select_for_update(of=("self",), no_key=True)
    )


def lock_unpaid_ledger_entries(
    producer_ids: Iterable[int] | None = None,
) -> list[ProducerLedgerEntry]:
    """Ledger entries not yet in a payout (optionally of some producers), in pk order."""
    qs: QuerySet[ProducerLedgerEntry] = ProducerLedgerEntry.objects.filter(payout__isnull=True)
    if producer_ids is not None:
        qs = qs.filter(producer_id__in=sorted(set(producer_ids)))
    return list(qs.order_by("pk").select_for_update(of=("self",), no_key=True))
