"""Order enums and `OrderError`, with Saleor 3's names where Saleor has them."""

from __future__ import annotations

import enum

import graphene

from backend.graphql.core.error_types import AddressTypeEnum, Error
from backend.orders.models import OrderStatus as Status


class OrderStatus(enum.Enum):
    """Saleor's `OrderStatus` names (CANCELED spelled as Saleor spells it), plus the statuses
    Sunshine Market adds after delivery: COMPLETED, PARTIALLY_REFUNDED, REFUNDED."""

    UNCONFIRMED = Status.UNCONFIRMED.value
    UNFULFILLED = Status.UNFULFILLED.value
    PARTIALLY_FULFILLED = Status.PARTIALLY_FULFILLED.value
    FULFILLED = Status.FULFILLED.value
    COMPLETED = Status.COMPLETED.value
    CANCELED = Status.CANCELLED.value
    PARTIALLY_REFUNDED = Status.PARTIALLY_REFUNDED.value
    REFUNDED = Status.REFUNDED.value


OrderStatusEnum = graphene.Enum.from_enum(OrderStatus, name="OrderStatus")


class FulfillmentStatus(enum.Enum):
    FULFILLED = "fulfilled"


FulfillmentStatusEnum = graphene.Enum.from_enum(FulfillmentStatus, name="FulfillmentStatus")


class OrderErrorCode(enum.Enum):
    """The codes of Saleor's `OrderErrorCode` this API reports."""

    GRAPHQL_ERROR = "graphql_error"
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    REQUIRED = "required"


OrderErrorCodeEnum = graphene.Enum.from_enum(OrderErrorCode, name="OrderErrorCode")


class OrderError(Error):
    code_enum = OrderErrorCode

    code = graphene.Field(OrderErrorCodeEnum, required=True, description="The error code.")
    variants = graphene.List(graphene.NonNull(graphene.ID))
    order_lines = graphene.List(graphene.NonNull(graphene.ID))
    address_type = graphene.Field(AddressTypeEnum)

    class Meta:
        description = "An error of an order mutation."
