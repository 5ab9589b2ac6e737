"""A contract's life from draft to completed, with deliveries drawn down, a partial quality
rejection and exact amounts; the audit row of every step; stock through the allocation code."""

from __future__ import annotations

from decimal import Decimal

import pytest

from backend.audit.models import AuditEvent
from backend.orders.models import OrderStatus
from backend.procurement.contracts import (
    activate_contract,
    complete_contract,
    propose_contract,
    sign_contract,
    terminate_contract,
)
from backend.procurement.deliveries import accept_delivery, cancel_delivery, schedule_delivery
from backend.procurement.errors import ProcurementError, ProcurementErrorCode
from backend.procurement.events import ProcurementEventType as E
from backend.procurement.models import ContractStatus, PriceRule, ProcurementOrderStatus
from backend.procurement.progress import contract_progress
from backend.procurement.tests.scenarios import (
    DAY,
    active_contract,
    contracted_variant,
    draft,
    prices,
    ship,
)
from backend.warehouse.models import Allocation, Stock

pytestmark = pytest.mark.django_db


def audit_types(contract):  # type: ignore[no-untyped-def]
    return list(
        AuditEvent.objects.filter(subject_type="procurement.contract", subject_id=str(contract.pk))
        .order_by("pk")
        .values_list("event_type", "actor_id", "extra_data")
    )


def test_contract_draft_to_completed_with_partial_rejection_exact_amounts(channel, side, seller):
    # given: floor 10.00/kg, market 12.34/kg → 6.17 per 500 g unit; 60 units contracted
    producer, owner = seller
    variant = contracted_variant(channel, producer, stock=100)
    prices(variant, floor="10.00", market="12.34")
    contract = draft(side, producer, variant, quantity=60)
    line = contract.lines.get()

    # when: the whole life
    propose_contract(contract, actor=side.buyer)
    sign_contract(contract, actor=side.approver)
    half = sign_contract(contract, actor=owner)
    activate_contract(contract, actor=side.buyer)
    first = schedule_delivery(contract, actor=owner, delivery_date=DAY, quantities={line.pk: 40})
    ship(first, owner)
    (first_line,) = first.lines.all()
    accept_delivery(
        first,
        actor=side.buyer,
        accepted={first_line.pk: 37},
        reasons={first_line.pk: "3袋受潮发霉"},
    )
    second = schedule_delivery(
        contract, actor=side.buyer, delivery_date=DAY, quantities={line.pk: 23}
    )
    ship(second, owner)
    accept_delivery(second, actor=side.admin, accepted={})
    completed = complete_contract(contract, actor=side.buyer)

    # then: states, signatures, amounts to the cent
    assert half.status == ContractStatus.SIGNED
    assert completed.status == ContractStatus.COMPLETED
    assert completed.enterprise_signed_by == side.approver
    assert completed.producer_signed_by == owner
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == ProcurementOrderStatus.PARTIALLY_ACCEPTED
    assert (first.total_amount, first.accepted_amount) == (Decimal("246.80"), Decimal("228.29"))
    assert second.status == ProcurementOrderStatus.ACCEPTED
    assert second.accepted_amount == Decimal("141.91")
    progress = contract_progress([contract.pk])[contract.pk]
    assert (progress.contracted, progress.delivered, progress.accepted) == (60, 63, 60)
    assert (progress.rejected, progress.pending, progress.outstanding) == (3, 0, 0)
    assert progress.amount_due == Decimal("370.20")
    # the orders went through the ordinary chain and are complete
    assert first.order.status == OrderStatus.COMPLETED
    assert first.order.lines.get().unit_price_amount == Decimal("6.17")
    # rejected units are not put back on hand (they shipped): 100 − 63
    stock = Stock.objects.get(product_variant=variant)
    assert (stock.quantity, stock.quantity_allocated) == (37, 0)
    # every step wrote its audit row
    rows = audit_types(contract)
    assert [r[0] for r in rows] == [
        E.CONTRACT_CREATED,
        E.CONTRACT_PROPOSED,
        E.CONTRACT_SIGNED,
        E.CONTRACT_SIGNED,
        E.CONTRACT_ACTIVATED,
        E.CONTRACT_COMPLETED,
    ]
    assert [r[1] for r in rows[2:4]] == [side.approver.pk, owner.pk]
    assert rows[3][2]["old"] == "proposed"
    assert rows[3][2]["new"] == "signed"
    check = AuditEvent.objects.get(
        subject_type="procurement.procurementorder",
        subject_id=str(first.pk),
        event_type=E.DELIVERY_ACCEPTED,
    )
    assert check.actor == side.buyer
    assert check.extra_data["lines"] == {str(first_line.pk): {"accepted": 37, "rejected": 3}}
    assert check.seller_id == producer.pk


def test_schedule_delivery_allocates_stock_through_allocation_code(channel, side, seller):
    # given
    producer, owner = seller
    variant = contracted_variant(channel, producer, stock=10)
    prices(variant)
    contract = active_contract(side, producer, owner, variant, quantity=60)
    line = contract.lines.get()

    # when
    delivery = schedule_delivery(contract, actor=owner, delivery_date=DAY, quantities={line.pk: 8})

    # then
    order_line = delivery.lines.get().order_line
    assert Allocation.objects.get(order_line=order_line).quantity_allocated == 8
    stock = Stock.objects.get(product_variant=variant)
    assert (stock.quantity, stock.quantity_allocated) == (10, 8)
    assert delivery.order.sub_orders.get().status == OrderStatus.UNFULFILLED


def test_schedule_delivery_more_than_stock_refused_nothing_written(channel, side, seller):
    # given
    producer, owner = seller
    variant = contracted_variant(channel, producer, stock=5)
    prices(variant)
    contract = active_contract(side, producer, owner, variant, quantity=60)
    line = contract.lines.get()

    # when
    with pytest.raises(ProcurementError) as caught:
        schedule_delivery(contract, actor=owner, delivery_date=DAY, quantities={line.pk: 6})

    # then
    assert caught.value.code == ProcurementErrorCode.INSUFFICIENT_STOCK
    assert not contract.deliveries.exists()
    assert Stock.objects.get(product_variant=variant).quantity_allocated == 0


def test_schedule_delivery_beyond_outstanding_or_outside_period_refused(channel, side, seller):
    # given
    producer, owner = seller
    variant = contracted_variant(channel, producer, stock=100)
    prices(variant)
    contract = active_contract(side, producer, owner, variant, quantity=10)
    line = contract.lines.get()
    schedule_delivery(contract, actor=owner, delivery_date=DAY, quantities={line.pk: 7})

    # when / then
    with pytest.raises(ProcurementError) as over:
        schedule_delivery(contract, actor=owner, delivery_date=DAY, quantities={line.pk: 4})
    assert over.value.code == ProcurementErrorCode.OVER_CONTRACT
    assert over.value.data["outstanding"] == 3
    with pytest.raises(ProcurementError) as outside:
        schedule_delivery(
            contract,
            actor=owner,
            delivery_date=DAY.replace(year=2027),
            quantities={line.pk: 1},
        )
    assert outside.value.code == ProcurementErrorCode.OUTSIDE_PERIOD


def test_rejected_units_stay_outstanding_and_can_be_delivered_again(channel, side, seller):
    # given
    producer, owner = seller
    variant = contracted_variant(channel, producer, stock=100)
    prices(variant)
    contract = active_contract(side, producer, owner, variant, quantity=10)
    line = contract.lines.get()
    delivery = schedule_delivery(contract, actor=owner, delivery_date=DAY, quantities={line.pk: 10})
    ship(delivery, owner)
    (dline,) = delivery.lines.all()

    # when
    accept_delivery(delivery, actor=side.buyer, accepted={dline.pk: 0}, reasons={dline.pk: "霉变"})
    again = schedule_delivery(contract, actor=owner, delivery_date=DAY, quantities={line.pk: 10})

    # then
    delivery.refresh_from_db()
    assert delivery.status == ProcurementOrderStatus.REJECTED
    assert delivery.accepted_amount == Decimal("0.00")
    assert again.lines.get().quantity == 10


def test_accept_delivery_before_shipping_or_without_reason_refused(channel, side, seller):
    # given
    producer, owner = seller
    variant = contracted_variant(channel, producer, stock=100)
    prices(variant)
    contract = active_contract(side, producer, owner, variant)
    line = contract.lines.get()
    delivery = schedule_delivery(contract, actor=owner, delivery_date=DAY, quantities={line.pk: 5})
    (dline,) = delivery.lines.all()

    # when / then
    with pytest.raises(ProcurementError) as early:
        accept_delivery(delivery, actor=side.buyer, accepted={})
    assert early.value.code == ProcurementErrorCode.NOT_SHIPPED
    ship(delivery, owner)
    with pytest.raises(ProcurementError) as no_reason:
        accept_delivery(delivery, actor=side.buyer, accepted={dline.pk: 4})
    assert no_reason.value.code == ProcurementErrorCode.REQUIRED
    with pytest.raises(ProcurementError) as too_many:
        accept_delivery(delivery, actor=side.buyer, accepted={dline.pk: 6})
    assert too_many.value.code == ProcurementErrorCode.INVALID


def test_complete_or_terminate_with_delivery_waiting_refused_then_terminate(channel, side, seller):
    # given
    producer, owner = seller
    variant = contracted_variant(channel, producer)
    prices(variant)
    contract = active_contract(side, producer, owner, variant)
    line = contract.lines.get()
    delivery = schedule_delivery(contract, actor=owner, delivery_date=DAY, quantities={line.pk: 5})

    # when / then
    with pytest.raises(ProcurementError) as open_complete:
        complete_contract(contract, actor=side.buyer)
    assert open_complete.value.code == ProcurementErrorCode.DELIVERIES_OPEN
    with pytest.raises(ProcurementError) as no_reason:
        terminate_contract(contract, actor=owner, reason="  ")
    assert no_reason.value.code == ProcurementErrorCode.REQUIRED
    ship(delivery, owner)
    accept_delivery(delivery, actor=side.buyer, accepted={})
    ended = terminate_contract(contract, actor=owner, reason="合作社改种，双方协商解除")
    assert ended.status == ContractStatus.TERMINATED
    assert ended.ended_reason == "合作社改种，双方协商解除"


def test_market_plus_percent_contract_delivery_below_floor_refused(channel, side, seller):
    # given: market 9.00 + 10% = 9.90 < floor 10.00
    producer, owner = seller
    variant = contracted_variant(channel, producer)
    prices(variant, floor="10.00", market="9.00")
    contract = active_contract(
        side, producer, owner, variant, rule=PriceRule.MARKET_PLUS_PERCENT, percent="10"
    )
    line = contract.lines.get()

    # when
    with pytest.raises(ProcurementError) as caught:
        schedule_delivery(contract, actor=owner, delivery_date=DAY, quantities={line.pk: 1})

    # then
    assert caught.value.code == ProcurementErrorCode.BELOW_FLOOR
    assert caught.value.data["floor_per_kg"] == Decimal("10.00")
    assert not contract.deliveries.exists()


def test_unverified_enterprise_cannot_propose(channel, side, seller):
    # given
    producer, _owner = seller
    variant = contracted_variant(channel, producer)
    contract = draft(side, producer, variant)
    side.enterprise.status = "pending"
    side.enterprise.save(update_fields=["status"])

    # when
    with pytest.raises(ProcurementError) as caught:
        propose_contract(contract, actor=side.buyer)

    # then
    assert caught.value.code == ProcurementErrorCode.ENTERPRISE_NOT_VERIFIED


def test_cancel_unshipped_delivery_releases_stock_and_units_are_outstanding_again(
    channel, side, other_side, seller
):
    # given
    producer, owner = seller
    variant = contracted_variant(channel, producer, stock=10)
    prices(variant)
    contract = active_contract(side, producer, owner, variant, quantity=8)
    line = contract.lines.get()
    delivery = schedule_delivery(contract, actor=owner, delivery_date=DAY, quantities={line.pk: 8})

    # when
    with pytest.raises(ProcurementError) as stranger:
        cancel_delivery(delivery, actor=other_side.buyer, reason="x")
    with pytest.raises(ProcurementError) as finance:
        cancel_delivery(delivery, actor=side.finance, reason="x")
    cancel_delivery(delivery, actor=side.buyer, reason="食堂放假，改期")

    # then
    assert stranger.value.code == ProcurementErrorCode.NOT_FOUND
    assert finance.value.code == ProcurementErrorCode.NOT_ALLOWED
    delivery.refresh_from_db()
    assert delivery.status == ProcurementOrderStatus.CANCELLED
    assert delivery.order.status == OrderStatus.CANCELLED
    assert Stock.objects.get(product_variant=variant).quantity_allocated == 0
    assert contract_progress([contract.pk])[contract.pk].outstanding == 8
    again = schedule_delivery(contract, actor=owner, delivery_date=DAY, quantities={line.pk: 8})
    ship(again, owner)
    with pytest.raises(ProcurementError) as shipped:
        cancel_delivery(again, actor=side.buyer, reason="太晚了")
    assert shipped.value.code == ProcurementErrorCode.ILLEGAL_TRANSITION
