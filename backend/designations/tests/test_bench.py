"""The designations bench at a tiny scale: it runs over the statistics bench's province and
reports the same candidates the service lists."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings

from backend.catalog.tests.factories import CategoryFactory, ChannelFactory, ProductFactory
from backend.demo.bench.designations_bench import designations_report, run_designations_bench
from backend.demo.bench.statistics_bench import StatisticsScale
from backend.designations.tests.ledger_rows import moment, shop_sale
from backend.producers.tests.factories import DisabledSellerFactory
from backend.regions.loading import load_official_regions
from backend.regions.models import Region

# The bench ends with VACUUM ANALYZE (no transaction around the test); every app but the
# regions, so the flush after it keeps them for the tests that follow.
AVAILABLE_APPS = [app for app in django_settings.INSTALLED_APPS if app != "backend.regions"]
pytestmark = pytest.mark.django_db(transaction=True, available_apps=AVAILABLE_APPS)


def test_designations_bench_small_scale_reports_figures(settings):  # type: ignore[no-untyped-def]
    # given the regions (a transactional test may follow one that flushed them) and what the
    # statistics bench copies: a top category, a product, an order's channel
    if not Region.objects.filter(code="63").exists():
        load_official_regions()  # not the command: the regions app is not "available" here
    ChannelFactory.create(slug=settings.DEFAULT_CHANNEL_SLUG)
    CategoryFactory.create()
    ProductFactory.create()
    shop_sale(DisabledSellerFactory.create(), "10.00", when=moment(2025))
    scale = StatisticsScale(
        producers=30, households=60, orders=300, lines_per_order=2, courses=2, enrolments=4
    )
    # when
    result = run_designations_bench(runs=3, warmup=0, quiet=True, scale=scale)
    # then
    assert result.producers == 30
    # thresholds, designations, producer ids, savepoint, work_mem, figures, release, enterprises
    assert result.service.queries == 8
    assert len(result.service.samples_ms) == 3
    report = designations_report(result)
    assert "Designation eligibility" in report
    assert f"/programme/63/{result.year}/designations/" in report
