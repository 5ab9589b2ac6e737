"""Storefront pages: parse the request, call one query function, render. Nothing else."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from backend.catalog.models import Category, Product
from backend.producers.models import Producer
from storefront import queries
from storefront.paging import ProductSort, pagination_for, sort_choices


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    channel = queries.storefront_channel()
    context = {
        "featured_producers": queries.featured_producers(),
        "new_products": queries.new_products(channel),
        "category_tree": queries.category_tree(),
    }
    return render(request, "storefront/home.html", context)


@require_safe
def category(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        place = queries.get_category_place(slug)
    except Category.DoesNotExist:
        raise Http404("no such category") from None
    channel = queries.storefront_channel()
    sort = ProductSort.parse(request.GET.get("sort"))
    products = queries.sort_products(
        queries.products_in_category(channel, place.category), channel, sort
    )
    listing = queries.paginate_cards(products, channel, request.GET.get("page"))
    context = {
        "place": place,
        "current_category_slug": place.breadcrumbs[0].slug if place.breadcrumbs else slug,
        "current_category_is_page": not place.breadcrumbs,
        "listing": listing,
        "pagination": pagination_for(listing.page, request.GET),
        "sort_choices": sort_choices(sort),
    }
    return render(request, "storefront/category.html", context)


@require_safe
def product(request: HttpRequest, slug: str) -> HttpResponse:
    channel = queries.storefront_channel()
    try:
        detail = queries.get_product_detail(channel, slug)
    except Product.DoesNotExist:
        raise Http404("no such product") from None
    context = {
        "product": detail,
        "current_category_slug": detail.breadcrumbs[0].slug if detail.breadcrumbs else None,
    }
    return render(request, "storefront/product.html", context)


@require_safe
def shop(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        detail = queries.get_shop_detail(slug)
    except Producer.DoesNotExist:
        raise Http404("no such shop") from None
    channel = queries.storefront_channel()
    products = queries.sort_products(
        queries.products_of_producer(channel, slug), channel, ProductSort.NEWEST
    )
    listing = queries.paginate_cards(products, channel, request.GET.get("page"))
    context = {
        "shop": detail,
        "listing": listing,
        "pagination": pagination_for(listing.page, request.GET),
    }
    return render(request, "storefront/shop.html", context)


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[: queries.SEARCH_MAX_LENGTH]
    channel = queries.storefront_channel()
    listing = queries.paginate_cards(
        queries.search_products(channel, query), channel, request.GET.get("page")
    )
    context = {
        "query": query,
        "listing": listing,
        "pagination": pagination_for(listing.page, request.GET),
    }
    return render(request, "storefront/search.html", context)
