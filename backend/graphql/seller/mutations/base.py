"""What every seller mutation shares: a signed-in caller and the channel products are sold in."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from graphql import GraphQLResolveInfo

from backend.accounts.models import User
from backend.catalog.models import Channel, Product, ProductVariant
from backend.catalog.product_editing import default_channel
from backend.graphql.core.auth import current_user
from backend.graphql.core.context import ChannelContext
from backend.graphql.core.mutations import MutationErrors
from backend.graphql.seller.errors import ProductErrorCode


def acting_user(info: GraphQLResolveInfo) -> User:
    """The caller; `login_required` on every seller mutation has already refused anonymous."""
    user = current_user(info)
    assert user is not None
    return user


def seller_channel() -> Channel:
    return default_channel()


def product_root(product: Product, channel: Channel) -> ChannelContext[Product]:
    return ChannelContext(product, channel)


def variant_root(variant: ProductVariant, channel: Channel) -> ChannelContext[ProductVariant]:
    return ChannelContext(variant, channel)


WEIGHT_MAX_GRAMS = 1_000_000


def clean_weight(grams: int | None) -> int | None:
    """A weight in grams (the services store it as given; the column is unsigned)."""
    if grams is None:
        return None
    if not 0 < grams <= WEIGHT_MAX_GRAMS:
        raise MutationErrors.of(
            ProductErrorCode.INVALID,
            field="weight",
            message=_("Enter the weight in grams, from 1 to 1,000,000"),
        )
    return grams
