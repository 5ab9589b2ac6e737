"""The Elasticsearch backend end to end over HTTP: against a local double answering in
Elasticsearch's wire format (see es_double.py for what it evaluates), or against a real cluster
when ELASTICSEARCH_URL is set (docker-compose provides one)."""

from __future__ import annotations

import json
import os
import re
import uuid
from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from backend.search.backends.elastic import ElasticsearchBackend
from backend.search.backends.elastic_index import ElasticsearchIndex
from backend.search.documents import build_documents
from backend.search.interface import SearchQuery, search_products
from backend.search.ranking import get_ranking_policy
from backend.search.tests.conftest import CHENGXIAN, WEIYUAN, Catalogue
from backend.search.tests.es_double import ElasticsearchDouble

REAL_CLUSTER = os.environ.get("ELASTICSEARCH_URL", "")

SHARED_QUERIES = (
    SearchQuery(text="党参"),
    SearchQuery(text="渭源 党参"),
    SearchQuery(text="dangshen"),
    SearchQuery(text="dang shen"),
    SearchQuery(text="ds"),
    SearchQuery(text="hetao"),
    SearchQuery(text="渭源县"),
    SearchQuery(text="王家小院"),
    SearchQuery(text=""),
    SearchQuery(text="", sort="price_asc"),
    SearchQuery(text="", sort="newest"),
    SearchQuery(county_codes=(CHENGXIAN,)),
    SearchQuery(category_slugs=("herbs",)),
    SearchQuery(text="党参", zone_only=True),
    SearchQuery(tags=("poor_household",)),
    SearchQuery(certifications=("organic",)),
    SearchQuery(price_band="under-20"),
    SearchQuery(text="党参", county_codes=(WEIYUAN,), price_band="50-100"),
    SearchQuery(text="!!!"),
)


@pytest.fixture
def es_settings(settings: Any, request: Any) -> Iterator[ElasticsearchDouble | None]:
    settings.ELASTICSEARCH_INDEX = f"test-products-{uuid.uuid4().hex[:8]}"
    if REAL_CLUSTER:
        settings.ELASTICSEARCH_URL = REAL_CLUSTER
        yield None
        ElasticsearchIndex().es.indices.delete(index=settings.ELASTICSEARCH_INDEX)
        return
    httpserver = request.getfixturevalue("httpserver")
    double = ElasticsearchDouble()
    httpserver.expect_request(re.compile(".*")).respond_with_handler(double.handle)
    settings.ELASTICSEARCH_URL = httpserver.url_for("/")
    yield double


@pytest.fixture
def es_catalogue(catalogue: Catalogue, es_settings: ElasticsearchDouble | None) -> Catalogue:
    index = ElasticsearchIndex()
    index.create()
    ids = [
        p.pk
        for p in (
            catalogue.dangshen_poor,
            catalogue.dangshen_plain,
            catalogue.huangqi,
            catalogue.walnut,
            catalogue.millet,
        )
    ]
    index.write_documents(ids, build_documents(ids))
    return catalogue


def test_search_create_index_sends_the_mappings(
    db: None, es_settings: ElasticsearchDouble | None
) -> None:
    # given / when
    out = StringIO()
    call_command("search_create_index", stdout=out)
    # then
    assert "Created index" in out.getvalue()
    if es_settings is not None:
        _method, _path, body = next(r for r in es_settings.requests if r[0] == "PUT")
        properties = json.loads(body)["mappings"]["properties"]
        assert properties["terms_a"] == {"type": "text", "analyzer": "whitespace"}
        assert properties["poor_household_windows"] == {"type": "date_range"}
        assert properties["category_ids"] == {"type": "integer"}


def test_bulk_indexing_sends_pre_segmented_terms_and_tag_windows(
    es_catalogue: Catalogue, es_settings: ElasticsearchDouble | None
) -> None:
    if es_settings is None:
        pytest.skip("request bodies are checked against the double")
    # given / when (the fixture indexed the catalogue)
    bulk = [body for method, path, body in es_settings.requests if path.endswith("_bulk")]
    # then
    lines = [json.loads(line) for line in bulk[-1].splitlines()]
    sources = {s["product_id"]: s for s in lines[1::2]}
    poor = sources[es_catalogue.dangshen_poor.pk]
    assert poor["terms_a"].split()[:3] == ["渭源", "weiyuan", "wy"]
    assert "dangshen" in poor["terms_a"].split()
    assert len(poor["poor_household_windows"]) == 1
    assert sources[es_catalogue.walnut.pk]["certification_slugs"] == ["organic"]


def test_both_backends_return_the_same_ids_and_facets(es_catalogue: Catalogue) -> None:
    for query in SHARED_QUERIES:
        # given / when
        pg = search_products(query, backend="postgres")
        es = search_products(query, backend="elasticsearch")
        # then
        assert [h.product_id for h in es.hits] == [h.product_id for h in pg.hits], query
        assert es.total == pg.total, query
        assert es.facets == pg.facets, query
        assert [h.explanation.score for h in es.hits] == [h.explanation.score for h in pg.hits]


def test_elasticsearch_explanation_equals_its_score(es_catalogue: Catalogue) -> None:
    # given
    policy = get_ranking_policy()
    # when
    hits = search_products(SearchQuery(text="党参"), backend="elasticsearch").hits
    # then
    for hit in hits:
        e = hit.explanation
        assert e.score == policy.combine(e.relevance, e.boost)
    assert hits[0].explanation.boost == 0.08


def test_elasticsearch_search_request_uses_terms_filters_and_tag_windows(
    es_catalogue: Catalogue, es_settings: ElasticsearchDouble | None
) -> None:
    if es_settings is None:
        pytest.skip("request bodies are checked against the double")
    # given / when
    ElasticsearchBackend().search(
        SearchQuery(text="渭源 党参", county_codes=(WEIYUAN,), zone_only=True),
        policy=get_ranking_policy(),
        now=timezone.now(),
    )
    # then
    body = json.loads(next(b for m, p, b in reversed(es_settings.requests) if "_search" in p))
    scored = body["query"]["function_score"]
    terms = [
        c["dis_max"]["queries"][0]["constant_score"]["filter"]
        for c in scored["query"]["bool"]["must"][0]["bool"]["must"]
    ]
    assert terms == [{"term": {"terms_a": "渭源"}}, {"term": {"terms_a": "党参"}}]
    assert len(scored["functions"]) == 16
    assert body["post_filter"] == {"bool": {"filter": [{"terms": {"county_code": [WEIYUAN]}}]}}
    assert set(body["aggs"]) == {"category", "county", "certification", "tag", "price_band"}


def test_elasticsearch_typo_pass_finds_the_product(es_catalogue: Catalogue) -> None:
    # given / when
    result = search_products(SearchQuery(text="hetoa"), backend="elasticsearch")
    # then
    assert [h.product_id for h in result.hits] == [es_catalogue.walnut.pk]
