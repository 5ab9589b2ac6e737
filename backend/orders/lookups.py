"""Read-side querysets for orders, with the tenant filter in the query.

- A customer sees their own orders; an order placed without an account is reached only by its
  token (`get_order_by_token`), never by its number.
- A producer sees only its own sub-orders (and their lines), never another producer's part of
  the same customer order.
"""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet

from backend.accounts.models import User
from backend.orders.models import Order, OrderLine, SubOrder
from backend.producers.models import Producer


def orders_for_customer(user: User) -> QuerySet[Order]:
    """The customer's order history, newest first, with sub-orders and lines prefetched."""
    if not user.is_authenticated or user.pk is None:
        return Order.objects.none()
    return (
        Order.objects.filter(user_id=user.pk)
        .prefetch_related("sub_orders__producer", "lines")
        .order_by("-created_at", "-pk")
    )


def get_order_by_token(token: UUID | str) -> Order:
    """Raises Order.DoesNotExist (also for a malformed token)."""
    try:
        return Order.objects.get(token=token)
    except (ValueError, ValidationError) as exc:
        raise Order.DoesNotExist(str(exc)) from exc


def sub_orders_for_producer(producer: Producer) -> QuerySet[SubOrder]:
    return (
        SubOrder.objects.filter(producer_id=producer.pk)
        .select_related("order")
        .prefetch_related(
            Prefetch("lines", queryset=OrderLine.objects.filter(producer_id=producer.pk))
        )
        .order_by("-created_at", "-pk")
    )


def get_sub_order_for_producer(sub_order_id: int, producer: Producer) -> SubOrder:
    """Raises SubOrder.DoesNotExist for a missing id and for another producer's sub-order."""
    return sub_orders_for_producer(producer).get(pk=sub_order_id)
