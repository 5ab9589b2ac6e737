"""The procurement bench at a tiny scale: the set-based rows satisfy every constraint, the pledge
figures add up, and the drawdown run leaves no delivery or allocation behind."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from backend.catalog.tests.factories import ChannelFactory, ProductFactory
from backend.demo.bench.procurement_bench import (
    BenchScale,
    procurement_report,
    run_procurement_bench,
)
from backend.enterprises.models import Enterprise
from backend.enterprises.pledges import pledge_progress
from backend.procurement.models import ProcurementOrder, ProcurementOrderLine
from backend.procurement.progress import contract_progress
from backend.warehouse.models import Stock

pytestmark = pytest.mark.django_db


def test_procurement_bench_small_scale_rows_figures_and_cleanup(settings):
    # given: a default channel and a catalogue product (the bench copies its type and category)
    ChannelFactory(slug=settings.DEFAULT_CHANNEL_SLUG)
    ProductFactory()
    scale = BenchScale(enterprises=3, orders_per_enterprise=2, lines_per_order=4)

    # when
    result = run_procurement_bench(
        deliveries=3, threads=1, runs=3, warmup=0, quiet=True, scale=scale
    )

    # then: 3 enterprises, 6 orders, 24 lines; the drawdown's deliveries are gone again
    assert ProcurementOrderLine.objects.count() == 24
    assert ProcurementOrder.objects.count() == 6
    assert result.drawdown == [(1, 3, result.drawdown[0][2])]
    assert Stock.objects.get(product_variant__sku="bench-procurement-coop").quantity_allocated == 0
    enterprise = Enterprise.objects.get(slug="bench-enterprise-1")
    contract = enterprise.contracts.get()
    progress = contract_progress([contract.pk])[contract.pk]
    assert progress.accepted == 2 * 4 * 5
    assert progress.amount_due == Decimal("62.50") * 5 * 4 * 2
    pledge = enterprise.pledges.get(year=timezone.localdate().year)
    assert pledge_progress(pledge).procurement_amount == progress.amount_due
    assert result.pledges == 3
    assert "deliveries/s" in procurement_report(result)
