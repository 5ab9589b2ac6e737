"""Deliveries drawn down against an active contract, and their quality check.

`schedule_delivery` turns part of a contract into a procurement order: the units of each line
(no more than the line still has outstanding), priced by the contract's settlement rule on the
delivery day (`pricing.price_purchases`, which refuses anything below the floor), and stock
allocated through the SAME code as a consumer's checkout: the delivery is also an ordinary order
(`orders.Order`, one sub-order for the producer, confirmed because the enterprise pays by bank
transfer against an invoice after acceptance), its order lines get their stock from
`backend.warehouse.allocation.allocate_stocks` under the same row locks, and the producer ships it
from the seller portal's "orders to ship" like any other order (`fulfil_sub_order`, which takes
the units off hand).

`accept_delivery` records the enterprise's quality check once everything has shipped: units
accepted per line (the rest rejected, with a reason). The amount due is accepted units × unit
price, exact to the cent. Rejected units do NOT go back into stock: they left the warehouse when
the parcel shipped, failed the contract's quality terms, and are perishable farm goods; the
producer decides what to do with them and, if they come back sellable, adds them with the
ordinary stock form (which writes its own audit row). A rejected unit also stays outstanding on
the contract, so the producer may deliver it again.

`cancel_delivery` takes back a delivery that has not shipped (either side that may schedule):
its stock allocation is released through the same allocation code and its order cancelled.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.catalog.models import ProductVariant
from backend.catalog.product_editing import default_channel
from backend.checkout.variant_facts import beneficiary_household_ref, variant_facts
from backend.enterprises.models import DeliverySite, Enterprise
from backend.orders.events import record_event
from backend.orders.models import Order, OrderEventType, OrderLine, OrderStatus, SubOrder
from backend.orders.status import change_sub_order_status, refresh_order_status
from backend.procurement import locks
from backend.procurement.errors import ProcurementError, ProcurementErrorCode
from backend.procurement.events import ProcurementEventType, delivery_event
from backend.procurement.models import (
    Contract,
    ContractLine,
    ContractStatus,
    ProcurementOrder,
    ProcurementOrderLine,
    ProcurementOrderStatus,
)
from backend.procurement.permissions import ContractAction, contract_policy, delivery_policy
from backend.procurement.pricing import (
    PurchaseRequest,
    price_purchases,
    settlement_rule,
)
from backend.producers.models import Producer
from backend.regions.models import Region
from backend.warehouse import locks as stock_locks
from backend.warehouse.allocation import allocate_stocks, deallocate_stock
from backend.warehouse.availability import StockRequest
from backend.warehouse.errors import InsufficientStock

CODE = ProcurementErrorCode


def _error(
    code: ProcurementErrorCode, message: object, field: str | None = None, **data: object
) -> ProcurementError:
    return ProcurementError(code, str(message), field=field, **data)


def committed_quantities(contract_line_ids: list[int]) -> dict[int, int]:
    """Units of each contract line already drawn down: accepted units of checked deliveries and
    every unit of deliveries still waiting for their check (cancelled ones count for nothing)."""
    rows = (
        ProcurementOrderLine.objects.filter(contract_line_id__in=contract_line_ids)
        .exclude(procurement_order__status=ProcurementOrderStatus.CANCELLED)
        .values("contract_line_id")
        .annotate(units=Sum(Coalesce("quantity_accepted", "quantity")))
        .order_by()
    )
    return {row["contract_line_id"]: int(row["units"] or 0) for row in rows}


def _locked_contract(contract_id: int, actor: User) -> Contract:
    try:
        contract = locks.lock_contract(contract_id)
    except Contract.DoesNotExist:
        raise _error(CODE.NOT_FOUND, _("This contract does not exist."), "contract") from None
    if not contract_policy.user_has_permission_for_instance(
        actor, ContractAction.SCHEDULE_DELIVERY, contract
    ):
        if contract_policy.user_has_permission_for_instance(actor, ContractAction.VIEW, contract):
            raise _error(CODE.NOT_ALLOWED, _("Your role does not allow scheduling deliveries."))
        raise _error(CODE.NOT_FOUND, _("This contract does not exist."), "contract")
    if contract.status != ContractStatus.ACTIVE:
        raise _error(
            CODE.ILLEGAL_TRANSITION,
            _("Deliveries can be scheduled only while the contract is active."),
            "contract",
            status=contract.status,
        )
    return contract


def _requested_lines(
    lines: list[ContractLine], quantities: Mapping[int, int]
) -> list[tuple[ContractLine, int]]:
    by_id = {line.pk: line for line in lines}
    wanted = {pk: q for pk, q in quantities.items() if q}
    if not wanted:
        raise _error(CODE.REQUIRED, _("Enter how many units of at least one product."), "lines")
    for pk, quantity in wanted.items():
        if pk not in by_id:
            raise _error(CODE.NOT_FOUND, _("This product is not in the contract."), f"lines.{pk}")
        if quantity < 0:
            raise _error(
                CODE.INVALID, _("Enter a whole number of units, 0 or more."), f"lines.{pk}"
            )
    committed = committed_quantities(sorted(wanted))
    for pk, quantity in wanted.items():
        left = by_id[pk].quantity - committed.get(pk, 0)
        if quantity > left:
            raise _error(
                CODE.OVER_CONTRACT,
                _("Only %(left)s units of this product are still outstanding on the contract.")
                % {"left": left},
                f"lines.{pk}",
                outstanding=left,
            )
    return [(by_id[pk], wanted[pk]) for pk in sorted(wanted)]


def delivery_address(enterprise: Enterprise, site: DeliverySite | None) -> dict[str, str]:
    """The order's address: the delivery site's, else the enterprise's own."""
    region = site.region if site is not None else enterprise.region
    names = dict(
        Region.objects.filter(code__in=[region.province_code, region.city_code]).values_list(
            "code", "name"
        )
    )
    return {
        "recipient_name": (site.contact_name if site else enterprise.contact_name)
        or enterprise.name,
        "mobile": (site.contact_mobile if site else enterprise.contact_mobile) or "",
        "region_code": region.code or "",
        "province_name": names.get(region.province_code, region.name),
        "city_name": names.get(region.city_code, ""),
        "county_name": region.name,
        "address_detail": (site.address_detail if site else enterprise.address_detail)
        or enterprise.name,
    }


@dataclass(frozen=True)
class DeliveryItem:
    """One line of a delivery's order: units of a variant at a unit price."""

    variant: ProductVariant  # with product loaded
    quantity: int
    unit_price: Decimal
    unit_weight_grams: int


def create_delivery_order(
    *,
    enterprise: Enterprise,
    site: DeliverySite | None,
    producer: Producer,
    currency: str,
    items: Sequence[DeliveryItem],
    method_name: str,
) -> tuple[Order, SubOrder, list[OrderLine]]:
    """The ordinary order of a delivery (one sub-order for the producer, confirmed: the
    enterprise pays by bank transfer after its quality check), stock not yet allocated."""
    variants = [item.variant for item in items]
    facts = variant_facts((v.pk, v.product_id) for v in variants)
    subtotal = sum((item.unit_price * item.quantity for item in items), Decimal("0"))
    order = Order.objects.create(
        user=None,
        email="",
        channel=default_channel(),
        status=OrderStatus.UNFULFILLED,
        shipping_method_name=method_name,
        currency=currency,
        subtotal_amount=subtotal,
        shipping_amount=Decimal("0"),
        total_amount=subtotal,
        **delivery_address(enterprise, site),
    )
    sub_order = SubOrder.objects.create(
        order=order,
        producer=producer,
        status=OrderStatus.UNFULFILLED,
        currency=currency,
        subtotal_amount=subtotal,
        shipping_amount=Decimal("0"),
        total_amount=subtotal,
        weight_grams=sum(item.unit_weight_grams * item.quantity for item in items),
        needs_cold_chain=any(facts[v.pk].is_fresh for v in variants),
    )
    lines = OrderLine.objects.bulk_create(
        [
            OrderLine(
                order=order,
                sub_order=sub_order,
                variant=item.variant,
                producer=producer,
                beneficiary_household_ref=beneficiary_household_ref(
                    producer.kind, facts[item.variant.pk]
                ),
                product_name=item.variant.product.name,
                variant_name=item.variant.name,
                product_sku=item.variant.sku or "",
                quantity=item.quantity,
                currency=currency,
                unit_price_amount=item.unit_price,
                total_price_amount=item.unit_price * item.quantity,
                weight_grams=item.unit_weight_grams,
                is_fresh=facts[item.variant.pk].is_fresh,
            )
            for item in items
        ]
    )
    return order, sub_order, lines


def allocate_delivery(order_lines: Sequence[OrderLine], items: Sequence[DeliveryItem]) -> None:
    """Set the stock aside through checkout's allocation code, or raise `INSUFFICIENT_STOCK`
    (the caller's transaction then rolls back: nothing written)."""
    try:
        allocate_stocks(
            [
                StockRequest(line_id=ol.pk, variant_id=item.variant.pk, quantity=item.quantity)
                for ol, item in zip(order_lines, items, strict=True)
                if item.variant.track_inventory
            ]
        )
    except InsufficientStock as error:
        short = error.shortfalls[0]
        raise _error(
            CODE.INSUFFICIENT_STOCK,
            _("The producer has only %(available)s of %(requested)s units in stock.")
            % {"available": short.available, "requested": short.requested},
            "lines",
            shortfalls=[(s.variant_id, s.requested, s.available) for s in error.shortfalls],
        ) from error


def schedule_delivery(
    contract: Contract,
    *,
    actor: User,
    delivery_date: datetime.date,
    quantities: Mapping[int, int],
) -> ProcurementOrder:
    """Draw `quantities` (contract line id → units) down against an active contract for
    `delivery_date`; allocates the stock or raises `INSUFFICIENT_STOCK` (nothing written)."""
    with transaction.atomic(durable=True):
        locked = _locked_contract(contract.pk, actor)
        if not locked.period_start <= delivery_date <= locked.period_end:
            raise _error(
                CODE.OUTSIDE_PERIOD,
                _("Choose a delivery date from %(start)s to %(end)s.")
                % {"start": locked.period_start, "end": locked.period_end},
                "deliveryDate",
            )
        lines = locks.lock_contract_lines(locked.pk)
        requested = _requested_lines(lines, quantities)
        rule = settlement_rule(locked.price_rule, locked.price_rule_percent)
        prices = price_purchases(
            [
                PurchaseRequest(
                    variant=line.variant,
                    grade=line.grade,
                    contract_floor_per_kg=line.floor_amount_per_kg,
                    contract_number=locked.number,
                )
                for line, _quantity in requested
            ],
            rule=rule,
            region=locked.producer.region,
            on=delivery_date,
        )
        priced = [(line, q, p) for (line, q), p in zip(requested, prices, strict=True)]
        items = [
            DeliveryItem(line.variant, q, p.unit_price, p.unit_weight_grams)
            for line, q, p in priced
        ]
        order, sub_order, order_lines = create_delivery_order(
            enterprise=locked.enterprise,
            site=locked.delivery_site,
            producer=locked.producer,
            currency=locked.currency,
            items=items,
            method_name=gettext("Direct-sourcing contract delivery"),
        )
        allocate_delivery(order_lines, items)
        delivery = ProcurementOrder.objects.create(
            number=uuid.uuid4().hex[:32],
            contract=locked,
            enterprise=locked.enterprise,
            producer=locked.producer,
            order=order,
            delivery_date=delivery_date,
            currency=locked.currency,
            total_amount=order.subtotal_amount,
            created_by=actor,
        )
        delivery.number = f"{locked.number}-{delivery.pk}"
        delivery.save(update_fields=["number"])
        ProcurementOrderLine.objects.bulk_create(
            [
                ProcurementOrderLine(
                    procurement_order=delivery,
                    contract_line=line,
                    order_line=ol,
                    enterprise_id=locked.enterprise_id,
                    producer_id=locked.producer_id,
                    variant=line.variant,
                    beneficiary_household_ref=ol.beneficiary_household_ref,
                    product_name=ol.product_name,
                    grade=line.grade,
                    unit_weight_grams=price.unit_weight_grams,
                    quantity=quantity,
                    currency=locked.currency,
                    price_rule=price.rule,
                    market_amount_per_kg=price.market_per_kg,
                    floor_amount_per_kg=price.floor_per_kg,
                    settlement_amount_per_kg=price.settlement_per_kg,
                    unit_price_amount=price.unit_price,
                    total_price_amount=price.unit_price * quantity,
                )
                for ol, (line, quantity, price) in zip(order_lines, priced, strict=True)
            ]
        )
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
            lines={str(line.pk): q for line, q, _p in priced},
            total=str(delivery.total_amount),
        )
    return delivery


def accept_delivery(
    delivery: ProcurementOrder,
    *,
    actor: User,
    accepted: Mapping[int, int],
    reasons: Mapping[int, str] | None = None,
    notes: str = "",
) -> ProcurementOrder:
    """The enterprise's quality check of a shipped delivery: `accepted` gives the units kept per
    procurement line (a line left out is accepted whole); a line with rejected units needs a
    reason. Completes the order's sub-order. Rejected units stay off hand (see the module)."""
    reasons = reasons or {}
    with transaction.atomic(durable=True):
        try:
            if delivery.contract_id is not None:
                locks.lock_contract(delivery.contract_id)
            locked = locks.lock_procurement_order(delivery.pk)
        except (Contract.DoesNotExist, ProcurementOrder.DoesNotExist):
            raise _error(CODE.NOT_FOUND, _("This delivery does not exist."), "id") from None
        visible = delivery_policy.instances_for(actor, ContractAction.VIEW).filter(pk=locked.pk)
        if (
            not delivery_policy.instances_for(actor, ContractAction.ACCEPT_DELIVERY)
            .filter(pk=locked.pk)
            .exists()
        ):
            if visible.exists():
                raise _error(CODE.NOT_ALLOWED, _("Your role does not allow checking deliveries."))
            raise _error(CODE.NOT_FOUND, _("This delivery does not exist."), "id")
        if locked.status != ProcurementOrderStatus.SCHEDULED:
            raise _error(
                CODE.ILLEGAL_TRANSITION, _("This delivery has already been checked."), "id"
            )
        lines = locks.lock_procurement_lines([locked.pk])
        order = stock_locks.lock_order(locked.order_id)
        sub_orders = stock_locks.lock_sub_orders(order.pk)
        if any(s.status != OrderStatus.FULFILLED for s in sub_orders):
            raise _error(
                CODE.NOT_SHIPPED,
                _(
                    "The producer has not shipped everything yet; check the delivery when it "
                    "arrives."
                ),
                "id",
            )
        by_id = {line.pk: line for line in lines}
        unknown = sorted(set(accepted) - set(by_id))
        if unknown:
            raise _error(
                CODE.NOT_FOUND, _("This line is not in the delivery."), f"lines.{unknown[0]}"
            )
        for line in lines:
            kept = accepted.get(line.pk, line.quantity)
            if not 0 <= kept <= line.quantity:
                raise _error(
                    CODE.INVALID,
                    _("Accept from 0 to %(quantity)s units.") % {"quantity": line.quantity},
                    f"lines.{line.pk}",
                )
            reason = " ".join((reasons.get(line.pk) or "").split())
            if kept < line.quantity and not reason:
                raise _error(
                    CODE.REQUIRED,
                    _("Say why units of %(product)s were rejected.")
                    % {"product": line.product_name},
                    f"lines.{line.pk}.reason",
                )
            line.quantity_accepted = kept
            line.accepted_amount = line.unit_price_amount * kept
            line.rejection_reason = reason[:500] if kept < line.quantity else ""
        ProcurementOrderLine.objects.bulk_update(
            lines, ["quantity_accepted", "accepted_amount", "rejection_reason"]
        )
        total_kept = sum(line.quantity_accepted or 0 for line in lines)
        total = sum(line.quantity for line in lines)
        locked.status = (
            ProcurementOrderStatus.ACCEPTED
            if total_kept == total
            else ProcurementOrderStatus.REJECTED
            if total_kept == 0
            else ProcurementOrderStatus.PARTIALLY_ACCEPTED
        )
        locked.accepted_amount = sum((line.accepted_amount for line in lines), Decimal("0"))
        locked.accepted_by = actor
        locked.accepted_at = timezone.now()
        locked.quality_notes = notes.strip()
        locked.save(
            update_fields=[
                "status",
                "accepted_amount",
                "accepted_by",
                "accepted_at",
                "quality_notes",
            ]
        )
        for sub_order in sub_orders:
            change_sub_order_status(sub_order, OrderStatus.COMPLETED, order=order, actor=actor)
        refresh_order_status(order, sub_orders)
        delivery_event(
            locked,
            ProcurementEventType.DELIVERY_ACCEPTED,
            actor=actor,
            old=ProcurementOrderStatus.SCHEDULED,
            new=locked.status,
            lines={
                str(line.pk): {
                    "accepted": line.quantity_accepted,
                    "rejected": line.quantity_rejected,
                }
                for line in lines
            },
            amount_due=str(locked.accepted_amount),
        )
    return locked


def cancel_delivery(delivery: ProcurementOrder, *, actor: User, reason: str) -> ProcurementOrder:
    """Cancel a scheduled delivery before anything of it ships; its units become outstanding
    again and its stock is released."""
    reason = " ".join(reason.split())
    if not reason:
        raise _error(CODE.REQUIRED, _("Say why the delivery is cancelled."), "reason")
    with transaction.atomic(durable=True):
        try:
            if delivery.contract_id is not None:
                locks.lock_contract(delivery.contract_id)
            locked = locks.lock_procurement_order(delivery.pk)
        except (Contract.DoesNotExist, ProcurementOrder.DoesNotExist):
            raise _error(CODE.NOT_FOUND, _("This delivery does not exist."), "id") from None
        allowed = delivery_policy.instances_for(actor, ContractAction.SCHEDULE_DELIVERY)
        if not allowed.filter(pk=locked.pk).exists():
            visible = delivery_policy.instances_for(actor, ContractAction.VIEW)
            if visible.filter(pk=locked.pk).exists():
                raise _error(CODE.NOT_ALLOWED, _("Your role does not allow cancelling deliveries."))
            raise _error(CODE.NOT_FOUND, _("This delivery does not exist."), "id")
        if locked.status != ProcurementOrderStatus.SCHEDULED:
            raise _error(
                CODE.ILLEGAL_TRANSITION, _("This delivery has already been checked."), "id"
            )
        locks.lock_procurement_lines([locked.pk])
        order = stock_locks.lock_order(locked.order_id)
        sub_orders = stock_locks.lock_sub_orders(order.pk)
        if any(s.status != OrderStatus.UNFULFILLED for s in sub_orders):
            raise _error(
                CODE.ILLEGAL_TRANSITION,
                _("Part of this delivery has shipped; check it when it arrives instead."),
                "id",
            )
        lines = stock_locks.lock_order_lines(s.pk for s in sub_orders)
        released = deallocate_stock([line.pk for line in lines])
        for sub_order in sub_orders:
            change_sub_order_status(sub_order, OrderStatus.CANCELLED, order=order, actor=actor)
        refresh_order_status(order, sub_orders)
        record_event(order, OrderEventType.CANCELLED, actor=actor, released_units=released)
        locked.status = ProcurementOrderStatus.CANCELLED
        locked.quality_notes = reason[:2000]
        locked.save(update_fields=["status", "quality_notes"])
        delivery_event(
            locked,
            ProcurementEventType.DELIVERY_CANCELLED,
            actor=actor,
            old=ProcurementOrderStatus.SCHEDULED,
            new=ProcurementOrderStatus.CANCELLED,
            reason=reason,
            released_units=released,
        )
    return locked
