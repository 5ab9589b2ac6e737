"""Checkout enums with Saleor 3's names."""

from __future__ import annotations

import enum

import graphene


class CheckoutErrorCode(enum.Enum):
    """The codes of Saleor's `CheckoutErrorCode` this API reports."""

    CHANNEL_INACTIVE = "channel_inactive"
    DELIVERY_METHOD_NOT_APPLICABLE = "delivery_method_not_applicable"
    EMAIL_NOT_SET = "email_not_set"
    GRAPHQL_ERROR = "graphql_error"
    INSUFFICIENT_STOCK = "insufficient_stock"
    INVALID = "invalid"
    NO_LINES = "no_lines"
    NOT_FOUND = "not_found"
    PAYMENT_ERROR = "payment_error"
    PRODUCT_NOT_PUBLISHED = "product_not_published"
    PRODUCT_UNAVAILABLE_FOR_PURCHASE = "product_unavailable_for_purchase"
    QUANTITY_GREATER_THAN_LIMIT = "quantity_greater_than_limit"
    REQUIRED = "required"
    SHIPPING_ADDRESS_NOT_SET = "shipping_address_not_set"
    SHIPPING_METHOD_NOT_APPLICABLE = "shipping_method_not_applicable"
    SHIPPING_METHOD_NOT_SET = "shipping_method_not_set"
    UNAVAILABLE_VARIANT_IN_CHANNEL = "unavailable_variant_in_channel"
    ZERO_QUANTITY = "zero_quantity"
    # Sunshine Market: "cannot deliver", answered before payment
    NOT_DELIVERABLE = "not_deliverable"
    COLD_CHAIN_NOT_AVAILABLE = "cold_chain_not_available"
    PICKUP_POINT_NOT_SERVED = "pickup_point_not_served"
    PICKUP_POINT_NOT_AVAILABLE = "pickup_point_not_available"


CheckoutErrorCodeEnum = graphene.Enum.from_enum(CheckoutErrorCode, name="CheckoutErrorCode")
