"""The floor of the GraphQL product list: the same JSON from one hand-written SQL statement.

`BENCH_PRODUCTS_QUERY` asks for the first 24 products of the default channel with their
thumbnail, price range, producer and variants with prices. The floor fetches the same rows in
one statement (visible products in the API's default order, slug then id) and encodes the
same `{"data": …}` document with the same JSON settings as graphene-django's view. Global IDs
and image URLs use the API's own helpers, so the two documents can be compared for equality.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import connection

from backend.core.money import quantize
from backend.graphql.core.ids import to_global_id
from backend.graphql.core.images import image_url

PAGE_SIZE = 24
THUMBNAIL_SIZE = 256

BENCH_PRODUCTS_QUERY = """
query BenchProducts($channel: String!) {
  products(first: 24, channel: $channel) {
    totalCount
    edges {
      node {
        id
        name
        slug
        thumbnail(size: 256) { url alt }
        pricing {
          priceRange {
            start { gross { amount currency } }
            stop { gross { amount currency } }
          }
        }
        producer { id name slug }
        variants { id name sku pricing { price { gross { amount currency } } } }
      }
    }
  }
}
"""

PRODUCTS_SQL = """
WITH ch AS (
    SELECT id FROM catalog_channel WHERE slug = %(channel)s AND is_active
), visible AS NOT MATERIALIZED (
    -- inlined twice: once under count(*), once under ORDER BY … LIMIT (an index walk)
    SELECT p.id, p.name, p.slug, p.producer_id
    FROM catalog_product p
    JOIN producers_producer pr ON pr.id = p.producer_id AND pr.is_active
    WHERE EXISTS (
        SELECT 1 FROM catalog_productchannellisting l JOIN ch ON l.channel_id = ch.id
        WHERE l.product_id = p.id AND l.is_published AND l.visible_in_listings
          AND (l.published_at IS NULL OR l.published_at <= now())
    )
), page AS (
    SELECT v.* FROM visible v ORDER BY v.slug, v.id LIMIT %(limit)s
)
SELECT page.id, page.name, page.slug, (SELECT count(*) FROM visible) AS total,
       pr.id, pr.name, pr.slug,
       thumb.image, thumb.alt,
       (SELECT coalesce(json_agg(json_build_object(
                   'id', v.id, 'name', v.name, 'sku', v.sku,
                   'price', vl.price_amount::text, 'currency', vl.currency
               ) ORDER BY v.sort_order, v.id), '[]')
        FROM catalog_productvariant v
        JOIN catalog_productvariantchannellisting vl ON vl.variant_id = v.id
        JOIN ch ON vl.channel_id = ch.id
        WHERE v.product_id = page.id) AS variants
FROM page
JOIN producers_producer pr ON pr.id = page.producer_id
LEFT JOIN LATERAL (
    SELECT m.image, m.alt FROM catalog_productmedia m
    WHERE m.product_id = page.id AND m.type = 'IMAGE' AND m.image <> ''
    ORDER BY m.sort_order, m.id LIMIT 1
) thumb ON true
ORDER BY page.slug, page.id
"""


def _money(amount: Decimal, currency: str) -> dict[str, Any]:
    return {"gross": {"amount": float(quantize(amount)), "currency": currency}}


def _node(row: tuple[Any, ...]) -> dict[str, Any]:
    product_id, name, slug, _total, producer_id, producer_name, producer_slug = row[:7]
    image, alt, variants = row[7:10]
    pricing = None
    if variants:
        prices = [Decimal(v["price"]) for v in variants]
        currency = variants[0]["currency"]
        pricing = {
            "priceRange": {
                "start": _money(min(prices), currency),
                "stop": _money(max(prices), currency),
            }
        }
    return {
        "id": to_global_id("Product", str(product_id)),
        "name": name,
        "slug": slug,
        "thumbnail": {"url": image_url(image, size=THUMBNAIL_SIZE, fmt=None), "alt": alt or ""}
        if image
        else None,
        "pricing": pricing,
        "producer": {
            "id": to_global_id("Producer", str(producer_id)),
            "name": producer_name,
            "slug": producer_slug,
        },
        "variants": [
            {
                "id": to_global_id("ProductVariant", str(v["id"])),
                "name": v["name"],
                "sku": v["sku"],
                "pricing": {"price": _money(Decimal(v["price"]), v["currency"])},
            }
            for v in variants
        ],
    }


def products_floor() -> str:
    """The `{"data": …}` JSON of BENCH_PRODUCTS_QUERY, from one SQL statement."""
    with connection.cursor() as cursor:
        cursor.execute(PRODUCTS_SQL, {"channel": settings.DEFAULT_CHANNEL_SLUG, "limit": PAGE_SIZE})
        rows = cursor.fetchall()
    document = {
        "data": {
            "products": {
                "totalCount": rows[0][3] if rows else 0,
                "edges": [{"node": _node(row)} for row in rows],
            }
        }
    }
    return json.dumps(document, separators=(",", ":"))
