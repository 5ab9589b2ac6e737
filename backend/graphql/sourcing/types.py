"""Purchase requests and quotes. A request's `quotes` are the ones the CALLER may see: every
quote when they are a member of the enterprise (role with VIEW_REQUESTS), only their own shops'
quotes when they are a producer invited to it. Roots come from `request_roots`, which
prefetches those quotes in one query, so a list costs the same for 1 request and for 100."""

from __future__ import annotations

from dataclasses import dataclass

import graphene
from django.db.models import Prefetch, Q, QuerySet
from graphene import relay
from graphql import GraphQLResolveInfo
from prices import Money

from backend.accounts.models import User
from backend.graphql.core.ids import to_global_id
from backend.graphql.core.types import Money as MoneyType
from backend.sourcing.models import PurchaseRequest as RequestModel
from backend.sourcing.models import Quote as QuoteModel
from backend.sourcing.models import QuoteStatus
from backend.sourcing.permissions import requests_for_enterprise_member, shops_for_quoting
from backend.sourcing.quantities import plain


def visible_quotes(user: User | None) -> QuerySet[QuoteModel]:
    own_enterprise = Q(request__in=requests_for_enterprise_member(user).values("pk"))
    own_shop = Q(producer_id__in=shops_for_quoting(user).values("pk"))
    return QuoteModel.objects.filter(own_enterprise | own_shop)


@dataclass(frozen=True)
class RequestData:
    request: RequestModel
    quotes: list[QuoteModel]


def request_roots(queryset: QuerySet[RequestModel], user: User | None) -> list[RequestData]:
    quotes = (
        visible_quotes(user)
        .exclude(status=QuoteStatus.WITHDRAWN)
        .select_related("producer", "variant__product")
        .order_by("unit_price_amount", "created_at", "pk")
    )
    rows = queryset.select_related("enterprise", "delivery_site", "region").prefetch_related(
        Prefetch("quotes", queryset=quotes, to_attr="visible_quotes")
    )
    return [RequestData(row, row.visible_quotes) for row in rows]  # type: ignore[attr-defined]


class Quote(graphene.ObjectType):
    request_id = graphene.ID(required=True)
    producer_id = graphene.ID(required=True)
    producer_name = graphene.String(required=True)
    product_name = graphene.String(required=True)
    variant_id = graphene.ID(required=True)
    variant_name = graphene.String(required=True)
    grade = graphene.String(required=True)
    units = graphene.Int(required=True, description="Units of the variant offered.")
    fill_quantity = graphene.String(
        required=True, description="What the units are in the request's unit (kg or units)."
    )
    unit_price = graphene.Field(MoneyType, required=True)
    available_on = graphene.Date(required=True)
    note = graphene.String(required=True)
    status = graphene.String(required=True, description="submitted, accepted, declined, withdrawn")
    units_accepted = graphene.Int(required=True)
    accepted_amount = graphene.Field(MoneyType, required=True)

    class Meta:
        interfaces = (relay.Node,)
        description = "A producer's answer to a purchase request."

    @staticmethod
    def resolve_id(root: QuoteModel, info: GraphQLResolveInfo) -> int:
        return root.pk

    @staticmethod
    def resolve_request_id(root: QuoteModel, info: GraphQLResolveInfo) -> str:
        return to_global_id("PurchaseRequest", root.request_id)

    @staticmethod
    def resolve_producer_id(root: QuoteModel, info: GraphQLResolveInfo) -> str:
        return to_global_id("Producer", root.producer_id)

    @staticmethod
    def resolve_producer_name(root: QuoteModel, info: GraphQLResolveInfo) -> str:
        return root.producer.name

    @staticmethod
    def resolve_product_name(root: QuoteModel, info: GraphQLResolveInfo) -> str:
        return root.variant.product.name

    @staticmethod
    def resolve_variant_id(root: QuoteModel, info: GraphQLResolveInfo) -> str:
        return to_global_id("ProductVariant", root.variant_id)

    @staticmethod
    def resolve_variant_name(root: QuoteModel, info: GraphQLResolveInfo) -> str:
        return root.variant.name

    @staticmethod
    def resolve_fill_quantity(root: QuoteModel, info: GraphQLResolveInfo) -> str:
        return plain(root.fill_quantity)

    @staticmethod
    def resolve_unit_price(root: QuoteModel, info: GraphQLResolveInfo) -> Money:
        return Money(root.unit_price_amount, root.currency)

    @staticmethod
    def resolve_accepted_amount(root: QuoteModel, info: GraphQLResolveInfo) -> Money:
        return Money(root.accepted_amount, root.currency)


class PurchaseRequest(graphene.ObjectType):
    enterprise_id = graphene.ID(required=True)
    enterprise_name = graphene.String(required=True)
    product_name = graphene.String(required=True)
    grade = graphene.String(required=True)
    quantity = graphene.String(required=True, description="In `unit`, as a decimal string.")
    unit = graphene.String(required=True, description="kg or unit")
    region_name = graphene.String(description="Preferred region; null: anywhere.")
    deadline = graphene.Date(required=True, description="Quotes until this day.")
    delivery_site_name = graphene.String(required=True)
    notes = graphene.String(required=True)
    status = graphene.String(required=True, description="open, filled, closed or cancelled")
    accepted_quantity = graphene.String(
        required=True, description="Accepted so far, among the quotes the caller may see."
    )
    quotes = graphene.NonNull(
        graphene.List(graphene.NonNull(Quote)),
        description="Every quote for the enterprise's members; only their own for producers.",
    )

    class Meta:
        interfaces = (relay.Node,)
        description = "An enterprise's bulk purchase request (一亩田-style matchmaking)."

    @staticmethod
    def resolve_id(root: RequestData, info: GraphQLResolveInfo) -> int:
        return root.request.pk

    @staticmethod
    def resolve_enterprise_id(root: RequestData, info: GraphQLResolveInfo) -> str:
        return to_global_id("Enterprise", root.request.enterprise_id)

    @staticmethod
    def resolve_enterprise_name(root: RequestData, info: GraphQLResolveInfo) -> str:
        return root.request.enterprise.name

    @staticmethod
    def resolve_product_name(root: RequestData, info: GraphQLResolveInfo) -> str:
        return root.request.product_name

    @staticmethod
    def resolve_grade(root: RequestData, info: GraphQLResolveInfo) -> str:
        return root.request.grade

    @staticmethod
    def resolve_quantity(root: RequestData, info: GraphQLResolveInfo) -> str:
        return plain(root.request.quantity)

    @staticmethod
    def resolve_unit(root: RequestData, info: GraphQLResolveInfo) -> str:
        return root.request.unit

    @staticmethod
    def resolve_region_name(root: RequestData, info: GraphQLResolveInfo) -> str | None:
        region = root.request.region
        return None if region is None else str(region)

    @staticmethod
    def resolve_deadline(root: RequestData, info: GraphQLResolveInfo) -> object:
        return root.request.deadline

    @staticmethod
    def resolve_delivery_site_name(root: RequestData, info: GraphQLResolveInfo) -> str:
        return root.request.delivery_site.name

    @staticmethod
    def resolve_notes(root: RequestData, info: GraphQLResolveInfo) -> str:
        return root.request.notes

    @staticmethod
    def resolve_status(root: RequestData, info: GraphQLResolveInfo) -> str:
        return root.request.status

    @staticmethod
    def resolve_accepted_quantity(root: RequestData, info: GraphQLResolveInfo) -> str:
        total = sum(q.fill_accepted for q in root.quotes if q.status == QuoteStatus.ACCEPTED)
        return plain(total)

    @staticmethod
    def resolve_quotes(root: RequestData, info: GraphQLResolveInfo) -> list[QuoteModel]:
        return root.quotes
