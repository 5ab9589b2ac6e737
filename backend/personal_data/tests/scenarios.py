"""A small marketplace built through the real services: a disabled seller's shop (with
verification evidence) that sold to a buyer, paid by bank transfer, delivered, reviewed and
paid out; and the report totals a deletion must leave unchanged."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django.db.models import Count, Sum

from backend.accounts.models import User
from backend.accounts.tests.factories import UserFactory
from backend.catalog.models import Channel
from backend.checkout.models import ShippingMethod
from backend.checkout.tests.scenarios import listed_variant, ready_checkout
from backend.orders.complete_checkout import complete_checkout
from backend.orders.fulfilment import complete_sub_order, fulfil_sub_order
from backend.orders.models import Order, OrderLine, SubOrder
from backend.payments.models import Payment, Payout, ProducerLedgerEntry
from backend.payments.offline import confirm_offline_payment
from backend.payments.payouts import reconcile_ledger, run_payouts
from backend.producers.models import Producer
from backend.producers.tests.factories import DisabledSellerFactory
from backend.reviews.creation import create_review
from backend.reviews.models import ProducerReviewSummary, ProductReview, ProductReviewSummary
from backend.verification.applications import add_evidence, start_application
from backend.verification.models import EvidenceKind, VerificationEvidence, VerificationKind
from backend.verification.tests.conftest import png_upload


@dataclass
class Marketplace:
    channel: Channel
    courier: ShippingMethod
    seller: User
    shop: Producer
    buyer: User
    order: Order
    review: ProductReview
    evidence: VerificationEvidence


def new_user(**kwargs: Any) -> User:
    return cast(User, UserFactory(**kwargs))


def place_order(
    channel: Channel, courier: ShippingMethod, buyer: User, shop: Producer, *, quantity: int = 1
) -> Order:
    variant = listed_variant(channel, producer=shop, stock=50, price="30.00")
    checkout = ready_checkout(channel, [(variant, quantity)], method=courier, user=buyer)
    return complete_checkout(checkout, actor=buyer, gateway="offline.bank_transfer")


def finish_order(order: Order) -> Order:
    """Paid (bank transfer confirmed), confirmed, shipped and received."""
    confirm_offline_payment(order, actor=None)
    for sub_order in order.sub_orders.all():
        fulfil_sub_order(sub_order, actor=None, carrier="EMS", tracking_number="E1")
        complete_sub_order(sub_order, actor=order.user)
    order.refresh_from_db()
    return order


def build_marketplace(channel: Channel, courier: ShippingMethod) -> Marketplace:
    seller = new_user(name="李店主", email="li.shop@example.test", mobile="13900001111")
    shop = cast(Producer, DisabledSellerFactory(owner=seller, name="小李的党参店"))
    application = start_application(
        shop, kind=VerificationKind.DISABLED, actor=seller, statement="持证肢体二级"
    )
    evidence = add_evidence(
        application.pk,
        png_upload(),
        evidence_kind=EvidenceKind.DISABILITY_CERTIFICATE,
        actor=seller,
    )
    buyer = new_user(name="王买家", email="wang.buyer@example.test", mobile="13900002222")
    order = finish_order(place_order(channel, courier, buyer, shop, quantity=2))
    line = order.lines.get()
    review = create_review(line.pk, actor=buyer, rating=4, text="党参很好")
    run_payouts(actor=None)
    return Marketplace(channel, courier, seller, shop, buyer, order, review, evidence)


def report_totals() -> dict[str, Any]:
    """What the programme's reports add up: sales by region, kind, category and household,
    orders, sub-orders, payments, ledger and payouts, destinations, review summaries."""
    lines = OrderLine.objects.values(
        "producer_id",
        "producer__region__code",
        "producer__kind",
        "producer__disability_category",
        "variant__product__category_id",
        "beneficiary_household_ref",
    ).annotate(sales=Sum("total_price_amount"), units=Sum("quantity"), n=Count("pk"))
    return {
        "lines": sorted(lines, key=str),
        "orders": Order.objects.aggregate(
            n=Count("pk"),
            total=Sum("total_amount"),
            subtotal=Sum("subtotal_amount"),
            shipping=Sum("shipping_amount"),
        ),
        "destinations": sorted(
            Order.objects.values("region_code", "province_name", "county_name").annotate(
                total=Sum("total_amount")
            ),
            key=str,
        ),
        "sub_orders": sorted(
            SubOrder.objects.values("producer_id", "status").annotate(
                total=Sum("total_amount"), refunded=Sum("refunded_amount"), n=Count("pk")
            ),
            key=str,
        ),
        "payments": Payment.objects.aggregate(
            amount=Sum("amount"), captured=Sum("captured_amount"), refunded=Sum("refunded_amount")
        ),
        "ledger": sorted(
            ProducerLedgerEntry.objects.values("producer_id", "kind").annotate(
                gross=Sum("gross_amount"), fee=Sum("fee_amount"), net=Sum("net_amount")
            ),
            key=str,
        ),
        "payouts": Payout.objects.aggregate(total=Sum("amount"), n=Count("pk")),
        "reconciliation": reconcile_ledger(),
        "producers": sorted(
            Producer.objects.values("region__code", "kind", "disability_category").annotate(
                n=Count("pk"), households=Sum("member_household_count")
            ),
            key=str,
        ),
        "product_reviews": sorted(
            ProductReviewSummary.objects.values("product_id", "review_count", "rating_sum"),
            key=str,
        ),
        "shop_reviews": sorted(
            ProducerReviewSummary.objects.values("producer_id", "review_count", "rating_sum"),
            key=str,
        ),
    }
