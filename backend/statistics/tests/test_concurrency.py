"""Real transactions in real threads: a refund still uncommitted while the statistics are read
is neither shown nor lost, and shows on the first read after it commits.

`available_apps` keeps the flush after the test to these apps' tables, so the official regions
loaded once per session survive.
"""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.db import connection, transaction

from backend.orders.models import OrderStatus, SubOrder
from backend.statistics.areas import Area
from backend.statistics.models import StaleMark
from backend.statistics.sales import live_sales_figures, sales_figures
from backend.statistics.tests.scenarios import build_sales
from tests.transactional import APPS_EXCEPT_REGIONS

real_transactions = pytest.mark.django_db(transaction=True, available_apps=APPS_EXCEPT_REGIONS)


@real_transactions
def test_sales_figures_read_during_an_uncommitted_refund_show_it_once_committed():
    # given: figures read once, then a refund of P3's sub-order held open in another thread
    fixture = build_sales()
    county = fixture.regions["county_a"]
    before = sales_figures(Area(county), 2025)
    sub_order_id = SubOrder.objects.get(producer=fixture.producers["P3"]).pk
    written = threading.Event()
    release = threading.Event()
    errors: list[BaseException] = []

    def refund() -> None:
        try:
            with transaction.atomic():
                SubOrder.objects.filter(pk=sub_order_id).update(status=OrderStatus.REFUNDED)
                written.set()
                assert release.wait(timeout=60)
        except BaseException as error:  # reported to the test thread
            errors.append(error)
        finally:
            connection.close()

    writer = threading.Thread(target=refund)
    writer.start()
    assert written.wait(timeout=60)
    # when: read while the refund is uncommitted, then after it commits
    during = sales_figures(Area(county), 2025)
    release.set()
    writer.join(timeout=60)
    after = sales_figures(Area(county), 2025)
    # then
    assert not errors
    assert during == before
    assert after.total.value == before.total.value - Decimal("80.00")
    assert after.total.households == before.total.households - 2
    assert after == live_sales_figures(Area(county), 2025)
    assert not StaleMark.objects.exists()
