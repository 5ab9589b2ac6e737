"""Payment enums with Saleor 3's names."""

from __future__ import annotations

import enum

import graphene

from backend.orders.models import PaymentStatus


class PaymentChargeStatus(enum.Enum):
    """Saleor's `PaymentChargeStatusEnum` names; the values are the order's payment status."""

    NOT_CHARGED = PaymentStatus.NOT_CHARGED.value
    FULLY_CHARGED = PaymentStatus.FULLY_CHARGED.value
    PARTIALLY_REFUNDED = PaymentStatus.PARTIALLY_REFUNDED.value
    FULLY_REFUNDED = PaymentStatus.FULLY_REFUNDED.value


PaymentChargeStatusEnum = graphene.Enum.from_enum(
    PaymentChargeStatus, name="PaymentChargeStatusEnum"
)
