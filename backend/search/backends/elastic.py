"""Elasticsearch search backend: the same terms, filters, facets and ranking as PostgreSQL.

Scoring is built so that Elasticsearch computes the policy's integers exactly (float32 holds
every integer below 2^24): per query term a `dis_max` of `constant_score` clauses, one per
weight field, boosted by that field's points (the best field wins, as in the PostgreSQL CASE);
the terms' scores add up (`bool.must`). A `function_score` adds `n × boost + 1` for the live-tag
combination of the document (one function per combination, each with its date-range filters,
so exactly one matches; the `+ 1` keeps every weight positive and is taken off again). Facets
are disjunctive: facet filters go into `post_filter`, and each facet's aggregation applies the
others' filters. The typo pass is a fuzzy match on the pinyin spelling (edit distance, not
trigrams: the one place the backends differ), scored TYPO_POINTS / 2. "Did you mean" reads the
vocabulary kept in PostgreSQL.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from elasticsearch.dsl import Search

from backend.catalog.models import AttributeValue, Category
from backend.regions.models import Region, RegionLevel
from backend.search.backends.elastic_index import WEIGHT_FIELDS, ElasticsearchIndex
from backend.search.documents import CERTIFICATIONS_ATTRIBUTE
from backend.search.explain import explanation_for
from backend.search.facets import FacetRow, facet_values
from backend.search.interface import PRICE_BANDS, SearchHit, SearchQuery, SearchResult
from backend.search.models import TAG_WINDOW_COLUMNS
from backend.search.ranking import (
    FIELD_POINTS,
    POINTS,
    TAG_KINDS,
    TYPO_POINTS,
    Ranked,
    RankingPolicy,
)
from backend.search.suggestions import suggest
from backend.search.text import prefix_allowed, query_spelling, query_terms

FACET_NAMES = ("category", "county", "certification", "tag", "price_band")


def live(kind: str, now: str) -> dict[str, Any]:
    return {"range": {TAG_WINDOW_COLUMNS[kind]: {"gte": now, "lte": now, "relation": "contains"}}}


def _term(field: str, term: str) -> dict[str, Any]:
    if prefix_allowed(term):
        return {"prefix": {field: term}}
    return {"term": {field: term}}


def text_clauses(terms: list[str]) -> list[dict[str, Any]]:
    return [
        {
            "dis_max": {
                "queries": [
                    {
                        "constant_score": {
                            "filter": _term(WEIGHT_FIELDS[letter], term),
                            "boost": points,
                            "_name": f"t{i}:{letter}",
                        }
                    }
                    for letter, points in FIELD_POINTS.items()
                ],
                "tie_breaker": 0,
            }
        }
        for i, term in enumerate(terms)
    ]


def facet_filters(query: SearchQuery, now: str) -> dict[str, dict[str, Any]]:
    filters: dict[str, dict[str, Any]] = {}
    if query.category_slugs:
        ids = list(
            Category.objects.filter(slug__in=query.category_slugs).values_list("pk", flat=True)
        )
        filters["category"] = {"terms": {"category_ids": ids}}
    if query.county_codes:
        filters["county"] = {"terms": {"county_code": list(query.county_codes)}}
    if query.certifications:
        filters["certification"] = {"terms": {"certification_slugs": list(query.certifications)}}
    if query.tags:
        kinds = [k for k in query.tags if k in TAG_WINDOW_COLUMNS]
        filters["tag"] = {
            "bool": {"should": [live(k, now) for k in kinds], "minimum_should_match": 1}
        }
    if query.price_band:
        band = query.band
        if band is None:
            filters["price_band"] = {"bool": {"must_not": {"match_all": {}}}}
        else:
            low, high = band
            bounds = {}
            if low is not None:
                bounds["gte"] = float(low)
            if high is not None:
                bounds["lt"] = float(high)
            filters["price_band"] = {"range": {"price": bounds}}
    return filters


def build_body(
    query: SearchQuery,
    *,
    terms: list[str],
    typo_spelling: str | None,
    policy: RankingPolicy,
    now: datetime,
) -> tuple[dict[str, Any], int]:
    """The request body and n (the number of scored terms)."""
    at = now.isoformat()
    base: list[dict[str, Any]] = [
        {"term": {"channel_slug": query.channel_slug}},
        {
            "bool": {
                "should": [
                    {"bool": {"must_not": {"exists": {"field": "published_at"}}}},
                    {"range": {"published_at": {"lte": at}}},
                ],
                "minimum_should_match": 1,
            }
        },
    ]
    if query.product_ids is not None:
        base.append({"terms": {"product_id": list(query.product_ids)}})
    if query.producer_ids is not None:
        base.append({"terms": {"producer_id": list(query.producer_ids)}})
    if query.zone_only:
        base.append(
            {"bool": {"should": [live(k, at) for k in TAG_KINDS], "minimum_should_match": 1}}
        )
    if typo_spelling is not None:
        n = 1
        scored: dict[str, Any] = {
            "constant_score": {
                "filter": {"match": {"spelling": {"query": typo_spelling, "fuzziness": "AUTO"}}},
                "boost": TYPO_POINTS // 2,
                "_name": "typo",
            }
        }
    elif terms:
        n = len(terms)
        scored = {"bool": {"must": text_clauses(terms)}}
    else:
        n = 1
        scored = {"constant_score": {"filter": {"match_all": {}}, "boost": POINTS}}
    table = policy.boost_table()
    functions = []
    for mask, boost in enumerate(table):
        must = [live(kind, at) for i, kind in enumerate(TAG_KINDS) if mask & (1 << i)]
        must_not = [live(kind, at) for i, kind in enumerate(TAG_KINDS) if not mask & (1 << i)]
        functions.append(
            {"filter": {"bool": {"must": must, "must_not": must_not}}, "weight": n * boost + 1}
        )
    filters = facet_filters(query, at)
    body: dict[str, Any] = {
        "query": {
            "function_score": {
                "query": {"bool": {"must": [scored], "filter": base}},
                "functions": functions,
                "score_mode": "sum",
                "boost_mode": "sum",
            }
        },
        "track_total_hits": True,
        "from": query.page_offset,
        "size": query.page_limit,
        "sort": SORTS[query.sort_key],
        "_source": ["product_id", *TAG_WINDOW_COLUMNS.values()],
    }
    if query.sort_key != "relevance":
        body["track_scores"] = True
    if filters:
        body["post_filter"] = {"bool": {"filter": list(filters.values())}}
    if query.with_facets:
        body["aggs"] = aggregations(filters, at)
    return body, n


SORTS: dict[str, list[Any]] = {
    "relevance": [
        {"_score": "desc"},
        {"product_created_at": "desc"},
        {"product_id": "desc"},
    ],
    "price_asc": [{"price": {"order": "asc", "missing": "_last"}}, {"_score": "desc"}],
    "price_desc": [{"price": {"order": "desc", "missing": "_last"}}, {"_score": "desc"}],
    "newest": [{"product_created_at": "desc"}, {"product_id": "desc"}],
}


def aggregations(filters: dict[str, dict[str, Any]], at: str) -> dict[str, Any]:
    def others(name: str) -> dict[str, Any]:
        rest = [f for key, f in filters.items() if key != name]
        return {"bool": {"filter": rest}}

    return {
        "category": {
            "filter": others("category"),
            "aggs": {"values": {"terms": {"field": "category_ids", "size": 200}}},
        },
        "county": {
            "filter": others("county"),
            "aggs": {"values": {"terms": {"field": "county_code", "size": 200}}},
        },
        "certification": {
            "filter": others("certification"),
            "aggs": {"values": {"terms": {"field": "certification_slugs", "size": 50}}},
        },
        "tag": {
            "filter": others("tag"),
            "aggs": {"values": {"filters": {"filters": {k: live(k, at) for k in TAG_KINDS}}}},
        },
        "price_band": {
            "filter": others("price_band"),
            "aggs": {
                "values": {
                    "range": {
                        "field": "price",
                        "keyed": True,
                        "ranges": [
                            {
                                "key": key,
                                **({"from": float(low)} if low is not None else {}),
                                **({"to": float(high)} if high is not None else {}),
                            }
                            for key, (low, high) in PRICE_BANDS.items()
                        ],
                    }
                }
            },
        },
    }


def facet_rows(aggs: dict[str, Any], query: SearchQuery) -> list[FacetRow]:
    rows: list[FacetRow] = []
    buckets = {
        name: aggs.get(name, {}).get("values", {}).get("buckets", []) for name in FACET_NAMES
    }
    category_counts = {int(b["key"]): b["doc_count"] for b in buckets["category"]}
    ids = set(category_counts)
    for pk, slug, name in Category.objects.filter(pk__in=ids).values_list("pk", "slug", "name"):
        rows.append(("category", slug, name, category_counts[pk]))
    for slug, name in Category.objects.filter(slug__in=query.category_slugs).values_list(
        "slug", "name"
    ):
        rows.append(("category", slug, name, 0))
    counties = {b["key"]: b["doc_count"] for b in buckets["county"] if b["key"]}
    codes = set(counties) | set(query.county_codes)
    names = dict(
        Region.objects.filter(code__in=codes, level=RegionLevel.COUNTY).values_list("code", "name")
    )
    rows.extend(("county", code, names.get(code, code), counties.get(code, 0)) for code in codes)
    certifications = {b["key"]: b["doc_count"] for b in buckets["certification"]}
    slugs = set(certifications) | set(query.certifications)
    labels = dict(
        AttributeValue.objects.filter(
            attribute__slug=CERTIFICATIONS_ATTRIBUTE, slug__in=slugs
        ).values_list("slug", "name")
    )
    rows.extend(("certification", s, labels.get(s, s), certifications.get(s, 0)) for s in slugs)
    tag_buckets = buckets["tag"] if isinstance(buckets["tag"], dict) else {}
    rows.extend(("tag", k, "", b["doc_count"]) for k, b in tag_buckets.items() if b["doc_count"])
    band_buckets = buckets["price_band"] if isinstance(buckets["price_band"], dict) else {}
    rows.extend(
        ("price_band", k, "", b["doc_count"]) for k, b in band_buckets.items() if b["doc_count"]
    )
    return rows


def live_tags_in(source: dict[str, Any], now: datetime) -> list[str]:
    found = []
    for kind, column in TAG_WINDOW_COLUMNS.items():
        for window in source.get(column) or []:
            if datetime.fromisoformat(window["gte"]) <= now < datetime.fromisoformat(window["lt"]):
                found.append(kind)
                break
    return found


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(self, index: ElasticsearchIndex | None = None) -> None:
        self.index = index or ElasticsearchIndex()

    def _run(self, body: dict[str, Any]) -> dict[str, Any]:
        search = Search(using=self.index.es, index=self.index.name).update_from_dict(body)
        return search.execute().to_dict()

    def search(self, query: SearchQuery, *, policy: RankingPolicy, now: datetime) -> SearchResult:
        terms = query_terms(query.text)
        body, n = build_body(query, terms=terms, typo_spelling=None, policy=policy, now=now)
        response = self._run(body)
        typo = False
        if response["hits"]["total"]["value"] == 0 and (spell := query_spelling(query.text)):
            typo = True
            body, n = build_body(query, terms=terms, typo_spelling=spell, policy=policy, now=now)
            response = self._run(body)
        total = int(response["hits"]["total"]["value"])
        hits = [self._hit(h, n, terms, typo, policy, now) for h in response["hits"]["hits"]]
        facets = (
            facet_values(query, facet_rows(response.get("aggregations", {}), query))
            if query.with_facets
            else {}
        )
        suggestion = suggest(query.text) if total == 0 and query.text.strip() else None
        return SearchResult(hits=hits, total=total, facets=facets, suggestion=suggestion)

    def _hit(
        self,
        hit: dict[str, Any],
        n: int,
        terms: list[str],
        typo: bool,
        policy: RankingPolicy,
        now: datetime,
    ) -> SearchHit:
        source = hit["_source"]
        tags = live_tags_in(source, now)
        boost = policy.boost_points(tags)
        sort_key = round(hit["_score"]) - 1
        matched = hit.get("matched_queries") or []
        term_points = []
        for i in range(len(terms)):
            letters = [m.split(":")[1] for m in matched if m.startswith(f"t{i}:")]
            term_points.append(max((FIELD_POINTS[x] for x in letters), default=0))
        ranked = Ranked(
            term_count=n if (terms or typo) else 0,
            relevance_points=sort_key - n * boost,
            boost_points=boost,
            sort_key_points=sort_key,
        )
        return SearchHit(
            product_id=int(source["product_id"]),
            explanation=explanation_for(
                ranked,
                policy=policy,
                live_tags=tags,
                terms=terms if not typo else [],
                term_points=term_points,
                typo=typo,
            ),
        )
