"""Delivered purchases made through the real services (checkout → order → confirm → ship →
received), and reviews written through `create_review`, for the review tests."""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from backend.accounts.models import User
from backend.catalog.models import Channel, ProductVariant
from backend.checkout.models import ShippingMethod
from backend.checkout.tests.scenarios import listed_variant, ready_checkout
from backend.orders.complete_checkout import complete_checkout
from backend.orders.confirmation import confirm_order
from backend.orders.fulfilment import complete_sub_order, fulfil_sub_order
from backend.orders.models import Order, OrderLine
from backend.producers.models import Producer
from backend.reviews.creation import create_review
from backend.reviews.models import ProductReview


@dataclass
class Purchase:
    order: Order
    lines: list[OrderLine]

    @property
    def line(self) -> OrderLine:
        return self.lines[0]


def placed_purchase(
    channel: Channel,
    courier: ShippingMethod,
    buyer: User,
    *,
    variants: list[ProductVariant] | None = None,
    producer: Producer | None = None,
) -> Purchase:
    """An order of one unit of each variant (one new variant of `producer` by default)."""
    chosen = variants or [listed_variant(channel, producer=producer, stock=20)]
    checkout = ready_checkout(channel, [(v, 1) for v in chosen], method=courier, user=buyer)
    order = complete_checkout(checkout, actor=buyer, gateway="offline.cash_on_delivery")
    return Purchase(order, list(OrderLine.objects.filter(order=order).order_by("pk")))


def deliver(purchase: Purchase, *, received: bool = True) -> Purchase:
    """Confirm, ship every sub-order, and (by default) mark it received by the buyer."""
    confirm_order(purchase.order, actor=None)
    for sub_order in purchase.order.sub_orders.all():
        fulfil_sub_order(sub_order, actor=None, carrier="EMS", tracking_number="E1")
        if received:
            complete_sub_order(sub_order, actor=purchase.order.user)
    purchase.lines = list(OrderLine.objects.filter(order=purchase.order).order_by("pk"))
    return purchase


def delivered_purchase(
    channel: Channel,
    courier: ShippingMethod,
    buyer: User,
    *,
    variants: list[ProductVariant] | None = None,
    producer: Producer | None = None,
) -> Purchase:
    return deliver(placed_purchase(channel, courier, buyer, variants=variants, producer=producer))


def review_of(
    purchase: Purchase, *, rating: int = 5, text: str = "很好", index: int = 0
) -> ProductReview:
    line = purchase.lines[index]
    assert purchase.order.user is not None
    return create_review(line.pk, actor=purchase.order.user, rating=rating, text=text)


def jpeg_bytes(size: tuple[int, int] = (64, 48)) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, (200, 60, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


def jpeg_upload(name: str = "photo.jpg", content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg_bytes(), content_type=content_type)
