"""A contract delivery and a consumer checkout racing for the same last units, in real threads
with their own connections: never oversold, exactly one wins."""

from __future__ import annotations

import pytest
from django.conf import settings

from backend.checkout.tests.scenarios import make_courier
from backend.orders.models import Order
from backend.orders.tests.test_concurrency import buy, errors_of, run_in_threads
from backend.procurement.deliveries import schedule_delivery
from backend.procurement.errors import ProcurementError, ProcurementErrorCode
from backend.procurement.models import ProcurementOrder
from backend.procurement.tests.scenarios import (
    DAY,
    active_contract,
    contracted_variant,
    enterprise_side,
    prices,
    producer_with_owner,
)
from backend.warehouse.errors import InsufficientStock
from backend.warehouse.models import Stock

# Every app but the regions (loaded once per session, kept by the flush after this test): the
# checkout reads relations of apps such as the zone's, which must stay in the app registry.
AVAILABLE_APPS = [app for app in settings.INSTALLED_APPS if app != "backend.regions"]


@pytest.mark.django_db(transaction=True, available_apps=AVAILABLE_APPS)
@pytest.mark.parametrize("round_", range(3))
def test_delivery_and_checkout_race_for_last_units_never_oversell(channel, round_):
    # given: 5 units left; the delivery wants 5, the consumer 1
    side = enterprise_side(tag=f"race{round_}")
    producer, owner = producer_with_owner(f"race{round_}")
    variant = contracted_variant(channel, producer, stock=5)
    prices(variant)
    contract = active_contract(side, producer, owner, variant)
    line = contract.lines.get()
    courier = make_courier()

    def deliver() -> ProcurementOrder:
        return schedule_delivery(contract, actor=owner, delivery_date=DAY, quantities={line.pk: 5})

    # when
    results = run_in_threads([deliver, buy([variant], courier.pk)])

    # then: exactly one of them got the stock, the other a stock error
    errors = errors_of(results)
    assert len(errors) == 1, results
    error = errors[0]
    assert isinstance(error, InsufficientStock) or (
        isinstance(error, ProcurementError)
        and error.code == ProcurementErrorCode.INSUFFICIENT_STOCK
    )
    stock = Stock.objects.get(product_variant=variant)
    assert stock.quantity == 5
    assert stock.quantity_allocated in (5, 1)
    consumer_orders = Order.objects.filter(procurement_order__isnull=True).count()
    deliveries = ProcurementOrder.objects.filter(contract=contract).count()
    assert consumer_orders + deliveries == 1
    assert stock.quantity_allocated == 5 * deliveries + consumer_orders
