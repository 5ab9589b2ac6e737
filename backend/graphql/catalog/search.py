"""`products(search: …)` and `products(filter: {search: …})` through the search engine
(backend.search.interface), ranked by relevance and priority promotion, as Saleor 3 ranks a
search when `sortBy` is omitted or is `RANK`.

The ranked list pages with an offset cursor (the position in the ranking: a ranked list has no
stable keyset), forward only, within the usual page-size limit. Other `filter`/`where` inputs
still apply: the visible products they allow (at most SEARCH_FILTER_CAP) restrict the search.
Each product of the page carries its explanation for the `searchExplanation` field.
With another `sortBy`, the search only filters (`search_q`) and the usual keyset order holds.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from graphql import GraphQLError

from backend.catalog.models import Channel, Product
from backend.graphql.core.connection import (
    Page,
    PageArgs,
    build_connection,
    decode_cursor,
    encode_cursor,
)
from backend.graphql.core.context import ChannelContext
from backend.graphql.core.errors import QueryLimitError
from backend.search.backends.postgres_sql import DOC, tsquery_term
from backend.search.interface import SearchQuery, search_products
from backend.search.text import query_terms

SEARCH_FILTER_CAP = 10_000
RANK = "rank"


def search_text(args: dict[str, Any]) -> str | None:
    text = args.get("search") or (args.get("filter") or {}).get("search")
    return text if isinstance(text, str) and text.strip() else None


def wants_ranking(args: dict[str, Any]) -> bool:
    sort_by = args.get("sort_by")
    field = getattr(sort_by.get("field"), "value", sort_by.get("field")) if sort_by else None
    return search_text(args) is not None and field in (None, RANK)


def search_q(text: str, channel_id: int) -> Q:
    """Products whose document in the channel matches every term (Chinese, pinyin, initials):
    the search as a filter, for lists in another order."""
    terms = query_terms(text)
    if not terms:
        return Q()
    matching = RawSQL(
        f"SELECT product_id FROM {DOC} WHERE channel_id = %s AND terms @@ %s::tsquery",
        (channel_id, " & ".join(tsquery_term(t) for t in terms)),
    )
    return Q(pk__in=matching)


def _offset(page: PageArgs) -> int:
    if page.backwards:
        raise QueryLimitError("A ranked search pages forwards: use `first` and `after`.")
    if page.after is None:
        return 0
    values = decode_cursor(page.after)
    if len(values) != 1 or not isinstance(values[0], int) or values[0] < 0:
        raise GraphQLError("Received cursor is invalid.")
    return values[0] + 1


def resolve_ranked_products(
    channel: Channel, args: dict[str, Any], page: PageArgs, restricted: QuerySet[Product] | None
) -> Any:
    from backend.graphql.catalog.types.products import ProductCountableConnection

    offset = _offset(page)
    product_ids = None
    if restricted is not None:
        product_ids = tuple(restricted.values_list("pk", flat=True)[:SEARCH_FILTER_CAP])
    result = search_products(
        SearchQuery(
            text=search_text(args) or "",
            channel_slug=channel.slug,
            product_ids=product_ids,
            offset=offset,
            limit=page.size + 1,
            with_facets=False,
        )
    )
    hits = result.hits[: page.size]
    products = Product.objects.in_bulk([hit.product_id for hit in hits])
    rows = []
    for hit in hits:
        product = products.get(hit.product_id)
        if product is not None:
            product._search_explanation = hit.explanation  # type: ignore[attr-defined]
            rows.append(product)
    ranked = Page(
        rows,
        [encode_cursor([offset + i]) for i in range(len(rows))],
        has_next_page=len(result.hits) > page.size,
        has_previous_page=offset > 0,
        count=lambda: result.total,
    )
    return build_connection(
        ProductCountableConnection, ranked, wrap=lambda product: ChannelContext(product, channel)
    )
