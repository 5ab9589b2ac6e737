from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from backend.demo.bench.report import report
from backend.demo.bench.runner import BenchData, ScenarioResult, run_scenarios
from backend.demo.bench.scenarios import (
    BENCH_URLCONF,
    Scenario,
    Skip,
    category_listing,
    graphql_products,
    product_page,
)
from backend.demo.bench.storefront_floor import category_page_floor
from backend.demo.bench.timing import Timing, measure
from backend.demo.loading import DemoLoadResult
from backend.demo.synthetic import add_synthetic_products


@pytest.mark.parametrize("build", [category_listing, product_page, graphql_products])
def test_scenario_floor_output_equals_the_page(demo: DemoLoadResult, settings, build) -> None:  # type: ignore[no-untyped-def]
    # given the demo with some synthetic products, and a measured page
    settings.ROOT_URLCONF = BENCH_URLCONF
    add_synthetic_products(60)
    scenario = build(Client())

    # when the page and its one-query floor are both produced
    same = scenario.same_output()

    # then the floor renders exactly what the page renders
    assert same is True


def test_run_scenarios_each_page_and_floor_is_timed_with_query_counts(
    demo: DemoLoadResult,
) -> None:
    # given the loaded demo
    # when the scenarios run with a few requests each
    results = run_scenarios(runs=3, warmup=1)

    # then every page has timings and counts; each floor is its one query (plus the menu's)
    assert [r.name for r in results] == ["category listing", "product page", "GraphQL products"]
    for result in results:
        assert result.skipped == ""
        assert result.page is not None
        assert result.floor is not None
        assert len(result.page.samples_ms) == 3
        assert result.page.queries > result.floor.queries >= 1
        # one statement for the page's data and the menu's; the product page's review block
        # (summary, latest reviews, their photos) is read by its include for page and floor alike
        assert result.floor.queries <= 5
        assert result.same_output is True


def test_run_scenarios_missing_code_skipped_with_its_reason(db: None) -> None:
    # given a scenario whose code does not exist yet
    def not_there(client: Client) -> Scenario:
        raise Skip("the storefront has no URL named 'storefront:nothing' yet")

    # when the bench runs it
    results = run_scenarios(runs=1, warmup=0, builders=[not_there])

    # then it is reported as skipped, with the reason, in the printed table
    assert results == [
        ScenarioResult(
            "not there", skipped="the storefront has no URL named 'storefront:nothing' yet"
        )
    ]
    data = BenchData(products=0, synthetic=0, producers=0, reused=True, load_seconds=0.0)
    text = report("bench", data, results, runs=1, warmup=0)
    assert "not there: skipped, the storefront has no URL named 'storefront:nothing' yet" in text


def test_timing_fifty_samples_median_and_p95() -> None:
    # given 100 samples of 1 … 100 ms
    timing = Timing(samples_ms=tuple(float(n) for n in range(1, 101)), queries=3)

    # when the statistics are read
    # then the median and the 95th percentile are the usual ones
    assert timing.median_ms == pytest.approx(50.5)
    assert timing.p95_ms == pytest.approx(95.05)


def test_measure_counts_queries_of_one_call(db: None) -> None:
    # given a call that runs two queries
    def call() -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.execute("SELECT 2")

    # when measured
    timing = measure(call, runs=4, warmup=1)

    # then it has four samples and two queries
    assert len(timing.samples_ms) == 4
    assert timing.queries == 2


def test_product_page_floor_verified_producer_shows_the_same_tags(  # type: ignore[no-untyped-def]
    demo: DemoLoadResult, settings
) -> None:
    # given the demo alone; the preferred product belongs to a verified disabled seller
    settings.ROOT_URLCONF = BENCH_URLCONF
    scenario = product_page(Client())

    # when the page is produced, and compared with its one-query floor
    page = scenario.page().decode()
    same = scenario.same_output()

    # then the page shows the tag with its explanation, and the floor renders it identically
    assert 'class="tag tag--disabled"' in page
    assert 'class="verified__until"' in page
    assert same is True


def test_category_page_floor_verified_producers_show_the_same_tags(  # type: ignore[no-untyped-def]
    demo: DemoLoadResult, settings
) -> None:
    # given the demo alone; the herbs category lists the verified demo producers' products
    settings.ROOT_URLCONF = BENCH_URLCONF
    url = reverse("storefront:category", args=["herbs"])

    # when the page and its one-query floor are both produced
    page = Client().get(url).content.decode()
    with translation.override(settings.LANGUAGE_CODE):
        floor = category_page_floor(RequestFactory().get(url), "herbs")

    # then the cards carry the three tags, and the floor renders exactly the same page
    for code in ("disabled", "poor_household", "cooperative"):
        assert f'class="tag tag--{code}"' in page
    assert floor == page
