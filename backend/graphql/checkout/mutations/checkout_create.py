"""`checkoutCreate`: a new cart, for the signed-in user or anonymous."""

from __future__ import annotations

from typing import Any

import graphene
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from graphql import GraphQLResolveInfo

from backend.catalog.models import Channel
from backend.checkout.details import update_checkout_shipping_address
from backend.checkout.lines import create_checkout
from backend.graphql.checkout.address import AddressInput, clean_address_input
from backend.graphql.checkout.enums import CheckoutErrorCode
from backend.graphql.checkout.errors import CheckoutError, checkout_service_errors
from backend.graphql.checkout.inputs import CheckoutLineInput, clean_lines
from backend.graphql.checkout.types import Checkout
from backend.graphql.core.auth import current_user
from backend.graphql.core.mutations import BaseMutation, MutationErrors


class CheckoutCreateInput(graphene.InputObjectType):
    channel = graphene.String(description="Slug of a channel in which to create a checkout.")
    lines = graphene.List(
        graphene.NonNull(CheckoutLineInput),
        description="A list of checkout lines; when omitted, the checkout has no lines.",
    )
    email = graphene.String(description="The customer's email address.")
    shipping_address = graphene.Field(
        AddressInput, description="The mailing address to where the checkout will be shipped."
    )


def find_channel(slug: str | None) -> Channel:
    """The channel by slug (the default one when not given), active or not."""
    channel = Channel.objects.filter(slug=slug or settings.DEFAULT_CHANNEL_SLUG).first()
    if channel is None:
        raise MutationErrors.of(
            CheckoutErrorCode.NOT_FOUND, field="channel", message=_("There is no such shop.")
        )
    return channel


class CheckoutCreate(BaseMutation):
    checkout = graphene.Field(Checkout)
    created = graphene.Boolean(
        description="Whether the checkout was created.",
        deprecation_reason="Always returns `true`.",
    )

    class Arguments:
        input = CheckoutCreateInput(
            required=True, description="Fields required to create checkout."
        )

    class Meta:
        description = "Create a new checkout."
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, root: Any, info: GraphQLResolveInfo, **data: Any) -> Any:
        input = data["input"]
        channel = find_channel(input.channel)
        lines = clean_lines(input.lines or [], allow_zero=False)
        address = clean_address_input(input.shipping_address) if input.shipping_address else None
        user = current_user(info)
        with checkout_service_errors(channel_id=channel.pk):
            checkout = create_checkout(
                channel=channel, actor=user, user=user, email=input.email or "", lines=lines
            )
        if address is not None:
            # The address was checked above; the second service only stores it.
            with checkout_service_errors(channel_id=channel.pk):
                checkout = update_checkout_shipping_address(
                    checkout, **address.as_kwargs(), actor=user
                )
        return cls(checkout=checkout, created=True)
