"""Shapes of the cart, checkout and order pages: frozen dataclasses, never models.

Every amount here comes from `backend.checkout.pricing` (the cart and checkout) or from the
order's own snapshot (orders); templates only format them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from prices import Money

from storefront.pictures import Picture


@dataclass(frozen=True)
class Notice:
    """A problem in words: what is wrong, what to do next, and where to do it."""

    message: str
    advice: str
    url: str = ""
    link_text: str = ""
    line_id: int | None = None


@dataclass(frozen=True)
class CartLine:
    id: int
    product_name: str
    product_slug: str
    variant_name: str
    picture: Picture | None
    unit_price: Money
    quantity: int
    total: Money
    is_fresh: bool
    notice: Notice | None = None


@dataclass(frozen=True)
class CartParcel:
    """One producer's part of the cart: it ships as one parcel and becomes one sub-order."""

    producer_name: str
    producer_slug: str
    lines: list[CartLine]
    subtotal: Money
    shipping: Money
    total: Money
    shipping_known: bool
    needs_cold_chain: bool
    cold_chain_surcharge: Money | None = None


@dataclass(frozen=True)
class CartSummary:
    parcels: list[CartParcel]
    subtotal: Money
    shipping: Money
    total: Money
    shipping_known: bool
    item_count: int
    notices: list[Notice] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.parcels

    @property
    def line_count(self) -> int:
        return sum(len(parcel.lines) for parcel in self.parcels)


@dataclass(frozen=True)
class AddressLines:
    recipient_name: str
    mobile: str  # shown as the buyer typed it nationally: 139 1234 5678
    region: str  # 甘肃省 定西市 渭源县
    detail: str


@dataclass(frozen=True)
class ParcelQuote:
    producer_name: str
    shipping: Money
    cold_chain_surcharge: Money | None
    free_shipping: bool = False


@dataclass(frozen=True)
class DeliveryOption:
    id: int
    name: str
    description: str
    parcels: list[ParcelQuote]
    shipping: Money
    total: Money


@dataclass(frozen=True)
class UnavailableDelivery:
    name: str
    reason: str


@dataclass(frozen=True)
class PaymentOption:
    id: str
    name: str
    hint: str


@dataclass(frozen=True)
class PickupPointLines:
    name: str
    full_address: str
    opening_hours: str
    phone: str


@dataclass(frozen=True)
class CheckoutReview:
    cart: CartSummary
    email: str
    address: AddressLines | None
    delivery_method: str
    payment_method: str
    notices: list[Notice]
    pickup_point: PickupPointLines | None = None

    @property
    def is_ready(self) -> bool:
        return not self.notices


@dataclass(frozen=True)
class BankTransferDetails:
    account_name: str
    bank_name: str
    account_number: str
    reference: str


@dataclass(frozen=True)
class Shipment:
    carrier: str
    tracking_number: str
    sent_at: datetime


@dataclass(frozen=True)
class OrderLineRow:
    product_name: str
    variant_name: str
    quantity: int
    quantity_shipped: int
    unit_price: Money
    total: Money


@dataclass(frozen=True)
class DeliveryStep:
    """One status update on the order page's timeline."""

    status: str
    recorded_at: datetime
    place: str
    note: str


@dataclass(frozen=True)
class OrderParcel:
    producer_name: str
    status: str
    lines: list[OrderLineRow]
    subtotal: Money
    shipping: Money
    total: Money
    needs_cold_chain: bool
    shipments: list[Shipment]
    sub_order_id: int = 0
    timeline: list[DeliveryStep] = field(default_factory=list)
    delivered: bool = False
    awaiting_receipt: bool = False  # sent in full, not yet received


@dataclass(frozen=True)
class PaymentSummary:
    gateway_id: str
    method: str
    state: str
    is_pending: bool
    is_offline: bool
    pay_before: datetime | None
    bank_transfer: BankTransferDetails | None


@dataclass(frozen=True)
class OrderDetail:
    number: int
    token: UUID
    placed_at: datetime
    status: str
    payment_status: str
    email: str
    address: AddressLines
    delivery_method: str
    parcels: list[OrderParcel]
    subtotal: Money
    shipping: Money
    total: Money
    payment: PaymentSummary | None
    is_cancelled: bool
    address_masked: bool
    pickup_point: PickupPointLines | None = None
    viewer_is_buyer: bool = False


@dataclass(frozen=True)
class OrderRow:
    number: int
    token: UUID
    placed_at: datetime
    status: str
    total: Money
    item_count: int
    producer_names: list[str]
