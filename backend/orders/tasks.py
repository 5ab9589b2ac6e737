"""Celery tasks of orders: load by id, call a service, nothing else."""

from __future__ import annotations

from celery import shared_task

from backend.orders.cancellation import expire_unpaid_orders
from backend.orders.events import record_event
from backend.orders.models import Order, OrderEventType
from backend.orders.notifications import send_order_confirmation


@shared_task(name="orders.send_order_confirmation_email")
def send_order_confirmation_email(order_id: int) -> bool:
    order = Order.objects.filter(pk=order_id).first()
    if order is None or not send_order_confirmation(order):
        return False
    record_event(order, OrderEventType.EMAIL_SENT, actor=None, email="order_confirmation")
    return True


@shared_task(name="orders.expire_unpaid_orders")
def expire_unpaid_orders_task() -> int:
    """Cancel orders whose payment window has passed and release their stock."""
    return len(expire_unpaid_orders())
