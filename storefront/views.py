"""Storefront pages: parse the request, call one query function (or, for the product page's
add-to-cart form, one checkout service), render. Nothing else."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_safe

from backend.catalog.models import Category, Product
from backend.checkout.errors import CheckoutError
from backend.checkout.lines import LineInput
from backend.producers.models import Producer
from backend.warehouse.errors import InsufficientStock
from storefront import cart_session, page_cache, queries, zone_queries
from storefront.checkout_forms import AddToCartForm, add_service_errors
from storefront.page_cache import lazy
from storefront.paging import ProductSort, SortChoice, pagination_for, sort_choices
from storefront.producer_tags import (
    VERIFIED_FILTER_KINDS,
    VerifiedFilter,
    only_verified,
    verified_filter,
)
from storefront.shapes import ProductCardPage
from storefront.zone_listing import search_listing

SEARCH_SHOWN_LENGTH = 100


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """Every section is shared by all visitors: the template keeps them as one cached fragment
    (storefront/page_cache.py) and the queries below run only when it is not found."""
    channel = lazy(queries.storefront_channel)
    context = {
        "featured_producers": lazy(queries.featured_producers),
        "new_products": lazy(lambda: queries.new_products(channel())),
        "category_tree": lazy(queries.category_tree),
        # The special-products zone: the campaign on now and the county pavilions.
        "campaign": lazy(lambda: zone_queries.current_campaign_card(timezone.now())),
        "pavilions": lazy(lambda: zone_queries.pavilion_cards(limit=zone_queries.HOME_PAVILIONS)),
        **page_cache.fragment_context(),
    }
    return render(request, "storefront/home.html", context)


@require_safe
def category(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        place = queries.get_category_place(slug)
    except Category.DoesNotExist:
        raise Http404("no such category") from None
    # The listing is kept as a cached fragment per address (storefront/page_cache.py): its
    # queries run only when the fragment is not found.
    listing = lazy(lambda: _category_listing(request, place.category))
    context = {
        "verified_filter": lazy(lambda: listing()[0]),
        "place": place,
        "current_category_slug": place.breadcrumbs[0].slug if place.breadcrumbs else slug,
        "current_category_is_page": not place.breadcrumbs,
        "listing": lazy(lambda: listing()[1]),
        "pagination": lazy(lambda: pagination_for(listing()[1].page, request.GET)),
        "sort_choices": lazy(lambda: listing()[2]),
        **page_cache.fragment_context(),
    }
    return render(request, "storefront/category.html", context)


def _category_listing(
    request: HttpRequest, category: Category
) -> tuple[VerifiedFilter, ProductCardPage, list[SortChoice]]:
    channel = queries.storefront_channel()
    sort = ProductSort.parse(request.GET.get("sort"))
    tag_filter = verified_filter(request.GET, keep=("sort",))
    products = queries.products_in_category(channel, category)
    if tag_filter.only:
        products = only_verified(products)
    products = queries.sort_products(products, channel, sort)
    listing = queries.paginate_cards(products, channel, request.GET.get("page"))
    return tag_filter, listing, sort_choices(sort)


@require_http_methods(["GET", "HEAD", "POST"])
def product(request: HttpRequest, slug: str) -> HttpResponse:
    """The product page; its form adds the chosen size to the cart (POST, then the cart)."""
    channel = queries.storefront_channel()
    try:
        detail = queries.get_product_page(channel, slug)
    except Product.DoesNotExist:
        raise Http404("no such product") from None
    form = AddToCartForm(detail.variants, request.POST if request.method == "POST" else None)
    if form.is_valid() and channel is not None:
        variant_id, quantity = form.cleaned_data["variant"], form.cleaned_data["quantity"]
        try:
            cart_session.add_to_cart(request, channel, [LineInput(variant_id, quantity)])
        except CheckoutError as error:
            add_service_errors(form, error, {"lines": "quantity"})
        except InsufficientStock as error:
            form.add_stock_error(error)
        else:
            size = next((v.name for v in detail.variants if v.variant_id == variant_id), "")
            messages.success(
                request,
                gettext("%(product)s (%(size)s) × %(quantity)s is in your cart.")
                % {"product": detail.name, "size": size, "quantity": quantity},
            )
            return HttpResponseRedirect(reverse("storefront:cart"))
    context = {
        "product": detail,
        "form": form,
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
    """Search results through the search interface: facets, sorting, "did you mean", and on
    every card why it is where it is. Any text is answered (empty, 2,000 characters, only
    punctuation): the interface trims it, the page shows at most `SEARCH_SHOWN_LENGTH`."""
    text = request.GET.get("q", "")
    shown = " ".join(text.split())[:SEARCH_SHOWN_LENGTH]
    listing = None
    if shown:
        # `verified=1` (links made before the tag facet) keeps meaning poor households and
        # disabled sellers.
        legacy = VERIFIED_FILTER_KINDS if request.GET.get("verified") == "1" else ()
        # Kept as a cached fragment per address (storefront/page_cache.py): the search runs
        # only when the fragment is not found.
        listing = lazy(
            lambda: search_listing(
                queries.storefront_channel(), request.GET, keep=("q",), default_tags=legacy
            )
        )
    context = {"query": shown, "listing": listing, **page_cache.fragment_context()}
    return render(request, "storefront/search.html", context)
