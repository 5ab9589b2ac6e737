"""Celery tasks of payments: load by id, call a service, nothing else."""

from __future__ import annotations

from celery import shared_task

from backend.payments.gateways import gateway_of
from backend.payments.models import Payment


@shared_task(name="payments.cancel_gateway_payment")
def cancel_gateway_payment(payment_id: int) -> bool:
    """Tell the provider that a cancelled order's payment will not be made."""
    payment = Payment.objects.filter(pk=payment_id).first()
    if payment is None:
        return False
    gateway_of(payment).cancel(payment)
    return True
