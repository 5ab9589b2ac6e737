"""Payment gateways: one interface, one registry.

`create_payment` runs inside the order's transaction and must not touch the network. Methods
that talk to a payment provider (`refund`, `cancel`, and the Stripe session in
`stripe_gateway`) are called outside any transaction that holds row locks; the provider's
webhook finishes a payment in its own short transaction.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import datetime, timedelta
from decimal import Decimal
from functools import cache
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

    def is_configured(self) -> bool:
        return True

    @abstractmethod
    def create_payment(self, order: Order) -> Payment:
        """Record the pending payment of a new order (inside its transaction; no network)."""

    def refund(self, payment: Payment, amount: Decimal, *, idempotency_key: str) -> str:
        """Return money through the provider (outside transactions); returns its reference.
        Offline gateways: the operator has paid it back by hand, nothing to call."""
        return ""

    def cancel(self, payment: Payment) -> None:
        """Tell the provider an unpaid payment will not be completed (outside transactions).
        Offline gateways: nothing to tell."""
        return None


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


@cache
def _registry() -> dict[str, PaymentGateway]:
    from backend.payments.stripe_gateway import StripeGateway

    gateways = (BankTransferGateway(), CashOnDeliveryGateway(), StripeGateway())
    return {gateway.id: gateway for gateway in gateways}


def get_gateway(gateway_id: str) -> PaymentGateway:
    """The gateway with this id when it is configured; `gateway_not_available` otherwise."""
    gateway = _registry().get(gateway_id)
    if gateway is None or not gateway.is_configured():
        raise PaymentError(
            PaymentErrorCode.GATEWAY_NOT_AVAILABLE,
            f"payment method {gateway_id!r} is not available",
            field="gateway",
        )
    return gateway


def available_gateways() -> list[PaymentGateway]:
    return [gateway for gateway in _registry().values() if gateway.is_configured()]


def gateway_of(payment: Payment) -> PaymentGateway:
    """The gateway a payment was made through, configured or not (for refunds, cancellation)."""
    try:
        return _registry()[payment.gateway]
    except KeyError:
        raise PaymentError(
            PaymentErrorCode.GATEWAY_NOT_AVAILABLE, f"unknown payment method {payment.gateway!r}"
        ) from None
