"""The shop a portal page acts on, found through the tenant-scoped producer lookups and the
seller policy (owner, or a helper whose scope allows the action)."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from backend.accounts.models import User
from backend.catalog.models import Product
from backend.producers.lookups import producers_for_actor
from backend.producers.models import Producer
from backend.sellers.permissions import SellerAction


def portal_user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User), "portal views are wrapped in login_required"
    return user


def shop_for_request(request: HttpRequest, producer_id: int, action: SellerAction) -> Producer:
    """The shop, or 404 alike for a shop the user may not act on and one that does not exist."""
    try:
        return producers_for_actor(portal_user(request), action).get(pk=producer_id)
    except Producer.DoesNotExist:
        raise Http404("no such shop") from None


def product_for_request(request: HttpRequest, producer_id: int, product_id: int) -> Product:
    """A product of a shop the user may manage products of, or 404 (missing or not theirs)."""
    shop = shop_for_request(request, producer_id, SellerAction.MANAGE_PRODUCTS)
    try:
        product = (
            Product.objects.select_related("category", "default_variant")
            .filter(producer_id=shop.pk)
            .get(pk=product_id)
        )
    except Product.DoesNotExist:
        raise Http404("no such product") from None
    product.producer = shop
    return product
