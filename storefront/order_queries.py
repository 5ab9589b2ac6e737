"""Read side of the order pages: history, detail with tracking, confirmation.

Amounts come from the order's own snapshot (what the buyer agreed to pay), never recomputed.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.core.money import money
from backend.delivery.delivered import is_delivered
from backend.delivery.models import DeliveryUpdate
from backend.orders.lookups import orders_for_customer
from backend.orders.models import (
    Fulfillment,
    Order,
    OrderLine,
    OrderStatus,
    PaymentStatus,
    SubOrder,
)
from backend.payments.errors import PaymentError
from backend.payments.gateways import BankTransferGateway, gateway_of
from backend.payments.models import Payment, PaymentState
from storefront.cart_queries import display_mobile
from storefront.checkout_shapes import (
    AddressLines,
    BankTransferDetails,
    OrderDetail,
    OrderLineRow,
    OrderParcel,
    OrderRow,
    PaymentSummary,
    Shipment,
)
from storefront.delivery_queries import delivery_timeline, order_pickup_point

ORDERS_PER_PAGE = 20

# What each status means to a buyer (the operators' names are about the workflow).
BUYER_STATUS_LABELS: dict[str, Promise] = {
    OrderStatus.UNCONFIRMED: _("Waiting for confirmation"),
    OrderStatus.UNFULFILLED: _("Being prepared"),
    OrderStatus.PARTIALLY_FULFILLED: _("Partly sent"),
    OrderStatus.FULFILLED: _("Sent"),
    OrderStatus.COMPLETED: _("Received"),
    OrderStatus.CANCELLED: _("Cancelled"),
    OrderStatus.PARTIALLY_REFUNDED: _("Partly refunded"),
    OrderStatus.REFUNDED: _("Refunded"),
}


def buyer_status(status: str) -> str:
    label = BUYER_STATUS_LABELS.get(status)
    return str(label) if label is not None else str(OrderStatus(status).label)


# Invented demo account; a deployment sets its own in settings.
DEMO_BANK_ACCOUNT = {
    "BANK_TRANSFER_ACCOUNT_NAME": "阳光集市示范收款账户",
    "BANK_TRANSFER_BANK_NAME": "示范银行 北京分行",
    "BANK_TRANSFER_ACCOUNT_NUMBER": "6200 0000 0000 0000 000",
}


def bank_transfer_details(order_number: int) -> BankTransferDetails:
    def setting(name: str) -> str:
        return str(getattr(settings, name, "") or DEMO_BANK_ACCOUNT[name])

    return BankTransferDetails(
        account_name=setting("BANK_TRANSFER_ACCOUNT_NAME"),
        bank_name=setting("BANK_TRANSFER_BANK_NAME"),
        account_number=setting("BANK_TRANSFER_ACCOUNT_NUMBER"),
        reference=gettext("Order %(number)s") % {"number": order_number},
    )


# Sub-order columns the order pages read, with only the producer's public name: identity
# numbers are never selected (as `storefront.queries.PUBLIC_PRODUCER_FIELDS`).
SUB_ORDER_FIELDS = (
    "id",
    "order_id",
    "producer_id",
    "status",
    "currency",
    "subtotal_amount",
    "shipping_amount",
    "total_amount",
    "needs_cold_chain",
    "producer__id",
    "producer__name",
)


def _sub_orders() -> QuerySet[SubOrder]:
    return SubOrder.objects.select_related("producer").only(*SUB_ORDER_FIELDS).order_by("pk")


def get_order_for_page(token: UUID | str) -> Order:
    """An order by its token with what its page shows (six queries); raises
    Order.DoesNotExist, also for a malformed token."""
    sub_orders = _sub_orders().prefetch_related(
        Prefetch("lines", queryset=OrderLine.objects.order_by("pk")),
        Prefetch("fulfillments", queryset=Fulfillment.objects.order_by("created_at", "pk")),
        Prefetch("delivery_updates", queryset=DeliveryUpdate.objects.order_by("recorded_at", "pk")),
    )
    orders = Order.objects.prefetch_related(
        Prefetch("sub_orders", queryset=sub_orders),
        Prefetch("payments", queryset=Payment.objects.order_by("pk")),
    )
    try:
        return orders.get(token=token)
    except (ValueError, ValidationError) as exc:
        raise Order.DoesNotExist(str(exc)) from exc


def _masked_name(name: str) -> str:
    return f"{name[:1]}{'*' * max(len(name) - 1, 1)}" if name else ""


def _masked_mobile(mobile: str) -> str:
    shown = display_mobile(mobile).replace(" ", "")
    if len(shown) < 7:
        return "*" * len(shown)
    return f"{shown[:3]} **** {shown[-4:]}"


def _address(order: Order, *, full: bool) -> AddressLines:
    region = " ".join(n for n in (order.province_name, order.city_name, order.county_name) if n)
    if full:
        return AddressLines(
            recipient_name=order.recipient_name,
            mobile=display_mobile(order.mobile),
            region=region,
            detail=order.address_detail,
        )
    return AddressLines(
        recipient_name=_masked_name(order.recipient_name),
        mobile=_masked_mobile(order.mobile),
        region=region,
        detail="",
    )


def _payment(order: Order, payments: list[Payment]) -> PaymentSummary | None:
    if not payments:
        return None
    payment = payments[-1]
    try:
        gateway = gateway_of(payment)
    except PaymentError:
        return None
    pending = payment.state == PaymentState.PENDING
    return PaymentSummary(
        gateway_id=gateway.id,
        method=str(gateway.name),
        state=str(PaymentState(payment.state).label),
        is_pending=pending,
        is_offline=gateway.is_offline,
        pay_before=payment.expires_at if pending else None,
        bank_transfer=(
            bank_transfer_details(order.pk)
            if pending and gateway.id == BankTransferGateway.id
            else None
        ),
    )


def _parcel(sub_order: SubOrder) -> OrderParcel:
    currency = sub_order.currency
    return OrderParcel(
        producer_name=sub_order.producer.name,
        status=buyer_status(sub_order.status),
        lines=[
            OrderLineRow(
                product_name=line.product_name,
                variant_name=line.variant_name,
                quantity=line.quantity,
                quantity_shipped=line.quantity_fulfilled,
                unit_price=money(line.unit_price_amount, currency),
                total=money(line.total_price_amount, currency),
            )
            for line in sub_order.lines.all()
        ],
        subtotal=money(sub_order.subtotal_amount, currency),
        shipping=money(sub_order.shipping_amount, currency),
        total=money(sub_order.total_amount, currency),
        needs_cold_chain=sub_order.needs_cold_chain,
        shipments=[
            Shipment(carrier=f.carrier, tracking_number=f.tracking_number, sent_at=f.created_at)
            for f in sub_order.fulfillments.all()
        ],
        sub_order_id=sub_order.pk,
        timeline=delivery_timeline(sub_order),
        delivered=is_delivered(sub_order),
        awaiting_receipt=sub_order.status == OrderStatus.FULFILLED and not is_delivered(sub_order),
    )


def order_detail(order: Order, *, full_address: bool, viewer_is_buyer: bool = False) -> OrderDetail:
    """The order page; `full_address` False masks the recipient and leaves out the street (for
    someone who has only the link)."""
    currency = order.currency
    return OrderDetail(
        number=order.pk,
        token=order.token,
        placed_at=order.created_at,
        status=buyer_status(order.status),
        payment_status=str(PaymentStatus(order.payment_status).label),
        email=order.email if full_address else "",
        address=_address(order, full=full_address),
        delivery_method=order.shipping_method_name,
        parcels=[_parcel(sub_order) for sub_order in order.sub_orders.all()],
        subtotal=money(order.subtotal_amount, currency),
        shipping=money(order.shipping_amount, currency),
        total=money(order.total_amount, currency),
        payment=_payment(order, list(order.payments.all())),
        is_cancelled=order.status == OrderStatus.CANCELLED,
        address_masked=not full_address,
        pickup_point=order_pickup_point(order),
        viewer_is_buyer=viewer_is_buyer,
    )


@dataclass(frozen=True)
class OrderHistoryPage:
    page: Page
    rows: list[OrderRow]


def _order_rows(orders: QuerySet[Order] | list[Order]) -> list[OrderRow]:
    return [
        OrderRow(
            number=order.pk,
            token=order.token,
            placed_at=order.created_at,
            status=buyer_status(order.status),
            total=money(order.total_amount, order.currency),
            item_count=sum(line.quantity for line in order.lines.all()),
            producer_names=[s.producer.name for s in order.sub_orders.all()],
        )
        for order in orders
    ]


def order_history(user: User, page_number: str | int | None) -> OrderHistoryPage:
    """The buyer's orders, newest first, a page at a time (a COUNT, the page, sub-orders with
    their producers' names, lines)."""
    orders = (
        orders_for_customer(user)
        .prefetch_related(None)
        .prefetch_related(Prefetch("sub_orders", queryset=_sub_orders()), "lines")
    )
    paginator = Paginator(orders, ORDERS_PER_PAGE)
    page = paginator.get_page(page_number)
    return OrderHistoryPage(page=page, rows=_order_rows(list(page.object_list)))
