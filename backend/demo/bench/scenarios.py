"""What the bench measures: each scenario is a page request and its floor.

A scenario is built only when the code it measures exists (a URL that reverses, a template
that loads, a GraphQL field that is in the schema); otherwise building it raises `Skip` with
the reason, and the bench prints that reason instead of figures.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.test import Client, RequestFactory
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from backend.catalog.models import Product

PREFERRED_PRODUCT = "weiyuan-baitiao-dangshen"
BENCH_URLCONF = "backend.demo.bench.urls"


class Skip(Exception):
    """This scenario cannot run yet; the message says why."""


class BenchError(Exception):
    """A measured page did not answer as expected (wrong status, GraphQL errors)."""


@dataclass(frozen=True)
class Scenario:
    name: str
    target: str
    detail: str
    page: Callable[[], Any]
    floor: Callable[[], Any]
    same_output: Callable[[], bool]


def _reverse(name: str, slug: str) -> str:
    try:
        return reverse(name, args=[slug])
    except NoReverseMatch:
        raise Skip(f"the storefront has no URL named {name!r} yet") from None


def _require_template(name: str) -> None:
    try:
        get_template(name)
    except TemplateDoesNotExist:
        raise Skip(f"the template {name} does not exist yet") from None


CSRF_TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')


def _without_csrf_tokens(html: str) -> str:
    """Each render masks the CSRF token afresh: compare pages without the token values."""
    return CSRF_TOKEN.sub(r"\1\2", html)


def _get(client: Client, url: str) -> bytes:
    response = client.get(url)
    if response.status_code != 200:
        raise BenchError(f"GET {url} answered {response.status_code}")
    return bytes(response.content)


def _floor_request(url: str) -> Any:
    return RequestFactory().get(url)


def _floor_url(name: str, *args: str) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        raise Skip(f"the bench URLconf ({BENCH_URLCONF}) is not active") from None


def _render_in_default_language(render: Callable[[], str]) -> Callable[[], str]:
    def call() -> str:
        with translation.override(settings.LANGUAGE_CODE):
            return render()

    return call


def busiest_top_category() -> tuple[str, int]:
    """The top-level category whose subtree holds the most products (slug, count)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT root.slug, count(p.id) FROM catalog_category root
            JOIN catalog_category c ON c.tree_id = root.tree_id
            JOIN catalog_product p ON p.category_id = c.id
            WHERE root.level = 0 GROUP BY root.slug ORDER BY count(p.id) DESC, root.slug
            LIMIT 1
            """
        )
        row = cursor.fetchone()
    if row is None:
        raise Skip("there are no products in any category")
    return str(row[0]), int(row[1])


def category_listing(client: Client) -> Scenario:
    from backend.demo.bench.storefront_floor import category_page_floor

    _require_template("storefront/category.html")
    slug, count = busiest_top_category()
    url = _reverse("storefront:category", slug)
    floor_url = _floor_url("floor-category", slug)
    render = _render_in_default_language(lambda: category_page_floor(_floor_request(url), slug))
    return Scenario(
        name="category listing",
        target=url,
        detail=f"{count:,} products in the category tree, first page of 24, newest first",
        page=lambda: _get(client, url),
        floor=lambda: _get(client, floor_url),
        same_output=lambda: _get(client, url).decode() == render(),
    )


def product_page(client: Client) -> Scenario:
    from backend.demo.bench.storefront_floor import product_page_floor

    _require_template("storefront/product.html")
    slug = PREFERRED_PRODUCT
    if not Product.objects.filter(slug=slug).exists():
        first = Product.objects.order_by("pk").values_list("slug", flat=True).first()
        if first is None:
            raise Skip("there are no products")
        slug = first
    url = _reverse("storefront:product", slug)
    floor_url = _floor_url("floor-product", slug)
    render = _render_in_default_language(lambda: product_page_floor(_floor_request(url), slug))
    return Scenario(
        name="product page",
        target=url,
        detail="3 variants with price and stock, photos, attributes, producer card",
        page=lambda: _get(client, url),
        floor=lambda: _get(client, floor_url),
        same_output=lambda: (
            _without_csrf_tokens(_get(client, url).decode()) == _without_csrf_tokens(render())
        ),
    )


def graphql_products(client: Client) -> Scenario:
    from backend.demo.bench.graphql_floor import BENCH_PRODUCTS_QUERY

    try:
        from backend.graphql.api import schema
    except ImportError:
        raise Skip("there is no GraphQL schema yet") from None
    if "products" not in schema.graphql_schema.query_type.fields:
        raise Skip("the GraphQL schema has no `products` query yet")
    try:
        url = reverse("graphql")
    except NoReverseMatch:
        raise Skip("there is no URL named 'graphql'") from None
    body = json.dumps(
        {"query": BENCH_PRODUCTS_QUERY, "variables": {"channel": settings.DEFAULT_CHANNEL_SLUG}}
    )

    floor_url = _floor_url("floor-graphql-products")

    def request(target: str) -> dict[str, Any]:
        response = client.post(target, data=body, content_type="application/json")
        document: dict[str, Any] = json.loads(response.content)
        if response.status_code != 200 or document.get("errors"):
            raise BenchError(f"POST {target}: {response.status_code} {document.get('errors')}")
        return document

    return Scenario(
        name="GraphQL products",
        target=f"{url} products(first: 24)",
        detail="with thumbnail, price range, producer and variants with prices",
        page=lambda: request(url),
        floor=lambda: request(floor_url),
        same_output=lambda: request(url)["data"] == request(floor_url)["data"],
    )


SCENARIO_BUILDERS: tuple[Callable[[Client], Scenario], ...] = (
    category_listing,
    product_page,
    graphql_products,
)
