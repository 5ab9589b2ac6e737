"""A buyer's orders (with lines and payments) and the addresses of their carts.

Erasure keeps every order, line, payment and amount — the reports, the producers' ledger and
the campaign figures read them — and removes only who the buyer was: name, mobile number,
e-mail and street address. The county (region code and names) stays: it is a statistics input
and names no one. Open carts are deleted (their stock reservations go with them).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import ngettext_lazy

from backend.accounts.models import User
from backend.checkout.models import Checkout
from backend.orders.models import Order, OrderLine, OrderStatus
from backend.payments.models import Payment, PaymentState
from backend.personal_data.registry import (
    ERASED_NAME,
    Erasure,
    ErasureBlocker,
    ErasureBlockerCode,
    PersonalDataSection,
)

# Not yet with the buyer: the seller may still need the address and the mobile number.
UNDELIVERED = (
    OrderStatus.UNCONFIRMED,
    OrderStatus.UNFULFILLED,
    OrderStatus.PARTIALLY_FULFILLED,
    OrderStatus.FULFILLED,
)


def orders_of(user: User) -> QuerySet[Order]:
    """The person's orders: placed signed in, or as a guest with the account's e-mail."""
    mine = Q(user=user)
    if user.email:
        mine |= Q(user__isnull=True, email__iexact=user.email)
    return Order.objects.filter(mine)


def orders_in_flight(user: User) -> QuerySet[Order]:
    unpaid = Q(payments__state=PaymentState.PENDING) & ~Q(status=OrderStatus.CANCELLED)
    return orders_of(user).filter(Q(status__in=UNDELIVERED) | unpaid).distinct()


def _money(amount: Any, currency: str) -> dict[str, str]:
    return {"amount": str(amount), "currency": currency}


class AddressesSection(PersonalDataSection):
    """Delivery details typed into carts that have not become orders."""

    key = "addresses"

    def export(self, user: User) -> list[dict[str, Any]]:
        carts = (
            Checkout.objects.filter(user=user)
            .exclude(recipient_name="", mobile="", address_detail="")
            .select_related("shipping_province", "shipping_city", "shipping_county")
            .order_by("-last_change")
        )
        return [
            {
                "recipient": cart.recipient_name,
                "mobile": cart.mobile,
                "email": cart.email,
                "province": cart.shipping_province.name if cart.shipping_province else "",
                "city": cart.shipping_city.name if cart.shipping_city else "",
                "county": cart.shipping_county.name if cart.shipping_county else "",
                "street_address": cart.address_detail,
                "last_changed": cart.last_change,
            }
            for cart in carts
        ]

    def erase(self, user: User, erasure: Erasure) -> None:
        deleted = Checkout.objects.filter(user=user).delete()[1]
        erasure.count("carts", deleted.get("checkout.Checkout", 0))


class OrdersSection(PersonalDataSection):
    key = "orders"

    def export(self, user: User) -> list[dict[str, Any]]:
        lines = OrderLine.objects.select_related("producer").only(
            "order_id",
            "product_name",
            "variant_name",
            "product_sku",
            "quantity",
            "quantity_fulfilled",
            "currency",
            "unit_price_amount",
            "total_price_amount",
            "producer__name",
        )
        orders = (
            orders_of(user)
            .prefetch_related(
                Prefetch("lines", queryset=lines.order_by("pk")),
                Prefetch("payments", queryset=Payment.objects.order_by("pk")),
            )
            .order_by("-created_at", "-pk")
        )
        return [self._order(order) for order in orders]

    def _order(self, order: Order) -> dict[str, Any]:
        return {
            "number": order.pk,
            "placed_at": order.created_at,
            "status": order.status,
            "payment_status": order.payment_status,
            "email": order.email,
            "recipient": order.recipient_name,
            "mobile": order.mobile,
            "address": {
                "province": order.province_name,
                "city": order.city_name,
                "county": order.county_name,
                "street_address": order.address_detail,
            },
            "pickup_point": order.pickup_point_name,
            "delivery_method": order.shipping_method_name,
            "subtotal": _money(order.subtotal_amount, order.currency),
            "shipping": _money(order.shipping_amount, order.currency),
            "total": _money(order.total_amount, order.currency),
            "lines": [
                {
                    "product": line.product_name,
                    "variant": line.variant_name,
                    "sku": line.product_sku,
                    "shop": line.producer.name,
                    "quantity": line.quantity,
                    "quantity_shipped": line.quantity_fulfilled,
                    "unit_price": _money(line.unit_price_amount, line.currency),
                    "total": _money(line.total_price_amount, line.currency),
                }
                for line in order.lines.all()
            ],
            "payments": [
                {
                    "method": payment.gateway,
                    "state": payment.state,
                    "amount": _money(payment.amount, payment.currency),
                    "received": _money(payment.captured_amount, payment.currency),
                    "refunded": _money(payment.refunded_amount, payment.currency),
                    "created_at": payment.created_at,
                }
                for payment in order.payments.all()
            ],
        }

    def blockers(self, user: User) -> list[ErasureBlocker]:
        count = orders_in_flight(user).count()
        if not count:
            return []
        message = ngettext_lazy(
            "You have %(count)d order that is not finished: it is not paid yet, or it has not "
            "reached you yet. Pay for it, wait until you have received it, or cancel it; then "
            "you can delete your account.",
            "You have %(count)d orders that are not finished: they are not paid yet, or they "
            "have not reached you yet. Pay for them, wait until you have received them, or "
            "cancel them; then you can delete your account.",
            "count",
        ) % {"count": count}
        return [ErasureBlocker(ErasureBlockerCode.ORDER_IN_PROGRESS, message, count)]

    def erase(self, user: User, erasure: Erasure) -> None:
        changed = orders_of(user).update(
            email="", recipient_name=ERASED_NAME, mobile="", address_detail=""
        )
        erasure.count("orders", changed)
