"""`quoteCreate`: a producer invited to a request sends a quote (never below the floor)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _
from graphql import GraphQLResolveInfo

from backend.catalog.models import ProductVariant
from backend.graphql.core.ids import from_global_id_or_error
from backend.graphql.core.mutations import BaseMutation, MutationErrors
from backend.graphql.sourcing.errors import SourcingError, sourcing_errors
from backend.graphql.sourcing.mutations.base import acting_user, not_found, request_in
from backend.graphql.sourcing.types import Quote
from backend.sourcing.errors import SourcingErrorCode
from backend.sourcing.permissions import requests_for_producer, shops_for_quoting
from backend.sourcing.quotes import QuoteDraft, submit_quote


class QuoteCreateInput(graphene.InputObjectType):
    request = graphene.ID(required=True, description="The purchase request.")
    producer = graphene.ID(required=True, description="Your shop that quotes.")
    variant = graphene.ID(required=True, description="One of the shop's product variants.")
    units = graphene.Int(required=True)
    unit_price = graphene.String(required=True, description="Yuan per unit, like 25.50.")
    available_on = graphene.Date(required=True, description="The day you can deliver.")
    grade = graphene.String()
    note = graphene.String()


class QuoteCreate(BaseMutation):
    quote = graphene.Field(Quote)

    class Arguments:
        input = QuoteCreateInput(required=True)

    class Meta:
        description = "Answer a purchase request your shop was invited to with a quote."
        error_type_class = SourcingError
        login_required = True

    @classmethod
    def perform_mutation(cls, root: Any, info: GraphQLResolveInfo, **data: Any) -> Any:
        user = acting_user(info)
        values = data["input"]
        shop = (
            shops_for_quoting(user)
            .select_related("region")
            .filter(pk=from_global_id_or_error(values["producer"], "Producer"))
            .first()
        )
        if shop is None:
            raise not_found("producer", _("This shop does not exist."))
        request = request_in(requests_for_producer(shop), values["request"], "request")
        variant = (
            ProductVariant.objects.select_related("product", "product__product_type")
            .filter(
                pk=from_global_id_or_error(values["variant"], "ProductVariant"),
                product__producer_id=shop.pk,
            )
            .first()
        )
        if variant is None:
            raise not_found("variant", _("Choose one of your products."))
        try:
            price = Decimal(str(values["unit_price"]).strip())
        except InvalidOperation:
            raise MutationErrors.of(
                SourcingErrorCode.INVALID,
                field="unitPrice",
                message=_("Enter the price as a number, like 25.50."),
            ) from None
        draft = QuoteDraft(
            variant=variant,
            units=values["units"],
            unit_price_amount=price,
            available_on=values["available_on"],
            grade=values.get("grade") or "",
            note=values.get("note") or "",
        )
        with sourcing_errors():
            quote = submit_quote(request, shop, draft, actor=user)
        quote.variant = variant
        quote.producer = shop
        return cls(quote=quote)
