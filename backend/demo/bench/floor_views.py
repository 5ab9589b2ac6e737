"""The floors as views, so that they are timed through the same request cycle as the pages
(test Client, middleware, URL resolving); only the data fetching and context building differ."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from backend.demo.bench.graphql_floor import products_floor
from backend.demo.bench.storefront_floor import category_page_floor, product_page_floor


@require_safe
def category_floor(request: HttpRequest, slug: str) -> HttpResponse:
    return HttpResponse(category_page_floor(request, slug))


@require_safe
def product_floor(request: HttpRequest, slug: str) -> HttpResponse:
    return HttpResponse(product_page_floor(request, slug))


@csrf_exempt
@require_POST
def graphql_products_floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse(products_floor(), content_type="application/json")
