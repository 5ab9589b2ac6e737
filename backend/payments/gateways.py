"""Payment gateways: one interface, one registry.

`create_payment` runs inside the order's transaction and must not touch the network. A gateway
that talks to a payment provider (Stripe, later) does that in `prepare`, before any row is
locked, and the webhook finishes the payment in its own short transaction.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import datetime, timedelta
from typing import ClassVar

from django.conf import settings
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from backend.orders.models import Order
from backend.payments.errors import PaymentError, PaymentErrorCode
from backend.payments.models import Payment, PaymentState


class PaymentGateway(ABC):
    id: ClassVar[str]
    name: ClassVar[Promise]
    is_offline: ClassVar[bool] = False

    def payment_expires_at(self, now: datetime) -> datetime | None:
        """When an unpaid order of this gateway is cancelled and its stock released."""
        return None

    @abstractmethod
    def create_payment(self, order: Order) -> Payment:
        """Record the pending payment of a new order (inside its transaction; no network)."""


class OfflineGateway(PaymentGateway):
    """Paid outside the platform and confirmed by an operator (`confirm_offline_payment`)."""

    is_offline = True

    def create_payment(self, order: Order) -> Payment:
        return Payment.objects.create(
            order=order,
            gateway=self.id,
            state=PaymentState.PENDING,
            currency=order.currency,
            amount=order.total_amount,
            expires_at=self.payment_expires_at(timezone.now()),
        )


class BankTransferGateway(OfflineGateway):
    id = "offline.bank_transfer"
    name = _("Bank transfer")

    def payment_expires_at(self, now: datetime) -> datetime | None:
        hours = int(getattr(settings, "OFFLINE_PAYMENT_EXPIRY_HOURS", 72))
        return now + timedelta(hours=hours) if hours > 0 else None


class CashOnDeliveryGateway(OfflineGateway):
    id = "offline.cash_on_delivery"
    name = _("Cash on delivery")


GATEWAYS: dict[str, PaymentGateway] = {
    gateway.id: gateway for gateway in (BankTransferGateway(), CashOnDeliveryGateway())
}


def get_gateway(gateway_id: str) -> PaymentGateway:
    try:
        return GATEWAYS[gateway_id]
    except KeyError:
        raise PaymentError(
            PaymentErrorCode.GATEWAY_NOT_AVAILABLE,
            f"unknown payment method {gateway_id!r}",
            field="gateway",
        ) from None


def available_gateways() -> list[PaymentGateway]:
    return list(GATEWAYS.values())
