"""A shop's products: the list, one product's summary, and putting it on or off sale."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Sum
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from backend.catalog.errors import CatalogError
from backend.catalog.models import (
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductVariant,
    ProductVariantChannelListing,
)
from backend.catalog.product_editing import default_channel, set_product_published
from backend.sellers.permissions import SellerAction
from seller_portal.shops import portal_user, product_for_request, shop_for_request


def _variants(channel_id: int) -> Prefetch:
    return Prefetch(
        "variants",
        queryset=ProductVariant.objects.annotate(
            on_hand=Sum("stocks__quantity"), allocated=Sum("stocks__quantity_allocated")
        )
        .prefetch_related(
            Prefetch(
                "channel_listings",
                queryset=ProductVariantChannelListing.objects.filter(channel_id=channel_id),
                to_attr="prices",
            )
        )
        .order_by("sort_order", "pk"),
    )


@require_safe
@login_required
def product_list(request: HttpRequest, producer_id: int) -> HttpResponse:
    shop = shop_for_request(request, producer_id, SellerAction.MANAGE_PRODUCTS)
    channel = default_channel()
    products = (
        Product.objects.filter(producer_id=shop.pk)
        .prefetch_related(
            _variants(channel.pk),
            Prefetch(
                "channel_listings",
                queryset=ProductChannelListing.objects.filter(channel_id=channel.pk),
                to_attr="listings",
            ),
        )
        .order_by("-created_at", "-pk")
    )
    return render(request, "seller_portal/products/list.html", {"shop": shop, "products": products})


@require_safe
@login_required
def product_detail(request: HttpRequest, producer_id: int, product_id: int) -> HttpResponse:
    product = product_for_request(request, producer_id, product_id)
    channel = default_channel()
    variants = _variants(channel.pk).queryset.filter(product_id=product.pk)  # type: ignore[union-attr]
    listing = product.channel_listings.filter(channel_id=channel.pk).first()
    photos = list(ProductMedia.objects.filter(product_id=product.pk).order_by("sort_order", "pk"))
    context = {
        "shop": product.producer,
        "product": product,
        "variants": variants,
        "photos": photos,
        "published": bool(listing and listing.is_published),
    }
    return render(request, "seller_portal/products/detail.html", context)


@require_POST
@login_required
def product_publish(request: HttpRequest, producer_id: int, product_id: int) -> HttpResponse:
    product = product_for_request(request, producer_id, product_id)
    publish = request.POST.get("publish") == "1"
    try:
        set_product_published(
            product, channel=default_channel(), published=publish, actor=portal_user(request)
        )
    except CatalogError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The product is on sale now.") if publish else _("The product is off sale now."),
        )
    return HttpResponseRedirect(
        reverse("seller_portal:product_detail", args=[product.producer_id, product.pk])
    )
