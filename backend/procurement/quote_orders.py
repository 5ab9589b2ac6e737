"""An accepted quote becomes a procurement order (一亩田-style matchmaking → delivery).

`create_procurement_order_for_quote(quote, actor=...)` turns the accepted part of a producer's
quote on a bulk purchase request into ONE delivery, the same kind of `ProcurementOrder` a
contract's drawdown creates, only without a contract (`contract` and the line's `contract_line`
empty; `quote.procurement_order` points at it):

- `quote.units_accepted` units of `quote.variant` at the quoted unit price, for
  `quote.available_on`, to the request's delivery site;
- refused with `BELOW_FLOOR` by the same pricing check as the quote itself
  (`pricing.check_enterprise_unit_price`): a floor raised after the quote was submitted still
  protects the producer;
- the delivery is also an ordinary order with the producer's sub-order, its stock allocated by
  checkout's `allocate_stocks` (`deliveries.create_delivery_order` / `allocate_delivery`), in
  its own durable transaction that writes the audit row (`DELIVERY_SCHEDULED`, with the quote
  and request) and links the quote;
- idempotent: the request and its quotes are locked first (`backend.sourcing.locks`, the order
  `accept_quote` uses: request → quotes by pk), so a second or concurrent call returns the order
  the first one made.

The line records the quoted price per kilogram as its settlement price (`LinePriceRule.QUOTED`)
and, as its market reference, the recorded market price of the day, or the quoted price when
none is recorded (the request's quotes ARE the market then). A unit price that passed the floor
check settles at least at the floor per kilogram (a unit price rounded to the cent can sit a
fraction of a cent per kilogram under it; the floor is recorded then).

From then on it flows like any delivery: the producer ships it from the seller portal's orders,
the enterprise checks it (`deliveries.accept_delivery`, which needs no contract), it settles at
the quoted price (accepted units × unit price) and its accepted value counts toward the
enterprise's pledge and, through the line's supplying household, its benefit-link register.

Not enough stock (`INSUFFICIENT_STOCK`, nothing written): the quote STAYS ACCEPTED with no
procurement order. The enterprise's decision stands (it was audited when made) and the producer
promised the units for `available_on`, so the order can be placed later by calling this function
again once the producer has the stock. `accept_quote` does not fail on it: the request page shows
the quote as accepted without a delivery, and the seller portal shows no order to ship yet.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.catalog.models import ProductVariant
from backend.orders.events import record_event
from backend.orders.models import OrderEventType
from backend.procurement.deliveries import (
    DeliveryItem,
    allocate_delivery,
    create_delivery_order,
)
from backend.procurement.errors import ProcurementError, ProcurementErrorCode
from backend.procurement.events import ProcurementEventType, delivery_event
from backend.procurement.models import LinePriceRule, ProcurementOrder, ProcurementOrderLine
from backend.procurement.pricing import (
    GRAMS_PER_KG,
    PurchaseRequest,
    check_enterprise_unit_price,
    market_prices_for,
    unit_weight_grams,
)
from backend.sourcing import locks as sourcing_locks
from backend.sourcing.models import Quote, QuoteStatus

CODE = ProcurementErrorCode
CENT = Decimal("0.01")


def _error(code: ProcurementErrorCode, message: object, **data: object) -> ProcurementError:
    return ProcurementError(code, str(message), field="quote", **data)


def _variant(variant_id: int) -> ProductVariant:
    return ProductVariant.objects.select_related("product", "product__product_type").get(
        pk=variant_id
    )


def quoted_per_kg(unit_price_amount: Decimal, grams: int) -> Decimal:
    """The quoted unit price per kilogram, half-up to the cent."""
    return (unit_price_amount * GRAMS_PER_KG / grams).quantize(CENT, rounding=ROUND_HALF_UP)


def create_procurement_order_for_quote(quote: Quote, *, actor: User) -> ProcurementOrder:
    """The procurement order of an accepted quote: made once, returned on every later call.

    Raises `ProcurementError`: `ILLEGAL_TRANSITION` (the quote is not accepted),
    `WEIGHT_UNKNOWN`, `BELOW_FLOOR`, or `INSUFFICIENT_STOCK` (nothing written)."""
    with transaction.atomic(durable=True):
        request = sourcing_locks.lock_request(quote.request_id)
        current = next(q for q in sourcing_locks.lock_quotes(request.pk) if q.pk == quote.pk)
        if current.procurement_order_id is not None:
            return ProcurementOrder.objects.get(pk=current.procurement_order_id)
        if current.status != QuoteStatus.ACCEPTED or current.units_accepted <= 0:
            raise _error(
                CODE.ILLEGAL_TRANSITION,
                _("Only an accepted quote becomes a procurement order."),
                status=current.status,
            )
        variant = _variant(current.variant_id)
        producer = current.producer
        grams = unit_weight_grams(variant)
        if not grams:
            raise _error(
                CODE.WEIGHT_UNKNOWN,
                _("%(product)s has no weight, so its price per kilogram cannot be recorded.")
                % {"product": variant.product.name},
            )
        floor = check_enterprise_unit_price(
            variant,
            grade=current.grade,
            region=producer.region,
            on=current.available_on,
            unit_price_amount=current.unit_price_amount,
            field="quote",
        )
        per_kg = quoted_per_kg(current.unit_price_amount, grams)
        if floor is not None:
            per_kg = max(per_kg, floor.amount_per_kg)
        market = market_prices_for(
            [PurchaseRequest(variant=variant, grade=current.grade)], on=current.available_on
        ).get(0, per_kg)
        item = DeliveryItem(variant, current.units_accepted, current.unit_price_amount, grams)
        enterprise = request.enterprise
        order, sub_order, order_lines = create_delivery_order(
            enterprise=enterprise,
            site=request.delivery_site,
            producer=producer,
            currency=current.currency,
            items=[item],
            method_name=gettext("Bulk purchase request delivery"),
        )
        allocate_delivery(order_lines, [item])
        delivery = ProcurementOrder.objects.create(
            number=f"Q-{current.pk}",
            contract=None,
            enterprise=enterprise,
            producer=producer,
            order=order,
            delivery_date=current.available_on,
            currency=current.currency,
            total_amount=order.subtotal_amount,
            created_by=actor,
        )
        (order_line,) = order_lines
        ProcurementOrderLine.objects.create(
            procurement_order=delivery,
            contract_line=None,
            order_line=order_line,
            enterprise_id=enterprise.pk,
            producer_id=producer.pk,
            variant=variant,
            beneficiary_household_ref=order_line.beneficiary_household_ref,
            product_name=order_line.product_name,
            grade=current.grade,
            unit_weight_grams=grams,
            quantity=item.quantity,
            currency=current.currency,
            price_rule=LinePriceRule.QUOTED,
            market_amount_per_kg=market,
            floor_amount_per_kg=None if floor is None else floor.amount_per_kg,
            settlement_amount_per_kg=per_kg,
            unit_price_amount=item.unit_price,
            total_price_amount=item.unit_price * item.quantity,
        )
        Quote.objects.filter(pk=current.pk).update(procurement_order=delivery)
        record_event(
            order,
            OrderEventType.PLACED,
            actor=actor,
            sub_order=sub_order,
            procurement=delivery.number,
        )
        delivery_event(
            delivery,
            ProcurementEventType.DELIVERY_SCHEDULED,
            actor=actor,
            quote=current.pk,
            request=request.pk,
            units=item.quantity,
            unit_price=str(item.unit_price),
            total=str(delivery.total_amount),
        )
    quote.procurement_order = delivery
    return delivery
