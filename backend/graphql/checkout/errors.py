"""`CheckoutError` and the mapping from the checkout domain's typed errors to it.

Codes are Saleor's `CheckoutErrorCode` names; fields are the GraphQL input names (camelCase).
Stock and availability errors list the variants (global IDs) they concern, as Saleor does.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

import graphene
from django.utils.translation import gettext_lazy as _

from backend.checkout.errors import CheckoutError as DomainCheckoutError
from backend.checkout.errors import CheckoutErrorCode as DomainCode
from backend.checkout.errors import CheckoutNotReady, CheckoutProblemCode
from backend.graphql.checkout.enums import CheckoutErrorCode, CheckoutErrorCodeEnum
from backend.graphql.checkout.unavailable import explain_unavailable_variants
from backend.graphql.core.error_types import AddressType, AddressTypeEnum, Error
from backend.graphql.core.ids import to_global_id
from backend.graphql.core.mutations import FieldError, MutationErrors
from backend.warehouse.errors import InsufficientStock


class CheckoutError(Error):
    code_enum = CheckoutErrorCode

    code = graphene.Field(CheckoutErrorCodeEnum, required=True, description="The error code.")
    variants = graphene.List(
        graphene.NonNull(graphene.ID), description="IDs of the variants the error is about."
    )
    lines = graphene.List(
        graphene.NonNull(graphene.ID), description="IDs of the checkout lines the error is about."
    )
    address_type = graphene.Field(
        AddressTypeEnum, description="A type of address that causes the error."
    )

    class Meta:
        description = "An error of a checkout mutation."


# Service keyword → GraphQL input field.
FIELD_NAMES = {
    "token": "id",
    "line_ids": "linesIds",
    "delivery_method_id": "deliveryMethodId",
    "recipient_name": "firstName",
    "mobile": "phone",
    "county_id": "cityArea",
    "address_detail": "streetAddress1",
    "shipping_address": "shippingAddress",
}
ADDRESS_FIELDS = frozenset({"recipient_name", "mobile", "county_id", "address_detail"})

DOMAIN_CODES = {
    DomainCode.NOT_FOUND: CheckoutErrorCode.NOT_FOUND,
    DomainCode.INVALID: CheckoutErrorCode.INVALID,
    DomainCode.REQUIRED: CheckoutErrorCode.REQUIRED,
    DomainCode.CHANNEL_INACTIVE: CheckoutErrorCode.CHANNEL_INACTIVE,
    DomainCode.VARIANT_NOT_AVAILABLE: CheckoutErrorCode.UNAVAILABLE_VARIANT_IN_CHANNEL,
    DomainCode.INVALID_QUANTITY: CheckoutErrorCode.INVALID,
    DomainCode.QUANTITY_GREATER_THAN_LIMIT: CheckoutErrorCode.QUANTITY_GREATER_THAN_LIMIT,
    DomainCode.INSUFFICIENT_STOCK: CheckoutErrorCode.INSUFFICIENT_STOCK,
    DomainCode.INVALID_MOBILE: CheckoutErrorCode.INVALID,
    DomainCode.INVALID_REGION: CheckoutErrorCode.INVALID,
    DomainCode.DELIVERY_METHOD_NOT_AVAILABLE: CheckoutErrorCode.DELIVERY_METHOD_NOT_APPLICABLE,
    DomainCode.PICKUP_POINT_NOT_AVAILABLE: CheckoutErrorCode.PICKUP_POINT_NOT_AVAILABLE,
    DomainCode.CHECKOUT_NOT_READY: CheckoutErrorCode.INVALID,
}
# Quantity problems are reported on the line's `quantity`, as Saleor does.
QUANTITY_CODES = frozenset({DomainCode.QUANTITY_GREATER_THAN_LIMIT, DomainCode.INVALID_QUANTITY})

UNAVAILABLE_MESSAGES = {
    CheckoutErrorCode.NOT_FOUND: _("This item does not exist."),
    CheckoutErrorCode.PRODUCT_NOT_PUBLISHED: _("This item is not on sale in this shop."),
    CheckoutErrorCode.PRODUCT_UNAVAILABLE_FOR_PURCHASE: _("This item cannot be bought yet."),
    CheckoutErrorCode.UNAVAILABLE_VARIANT_IN_CHANNEL: _("This item is not for sale."),
}

PROBLEM_CODES = {
    CheckoutProblemCode.VARIANT_NOT_AVAILABLE: (
        CheckoutErrorCode.UNAVAILABLE_VARIANT_IN_CHANNEL,
        "lines",
    ),
    CheckoutProblemCode.INSUFFICIENT_STOCK: (CheckoutErrorCode.INSUFFICIENT_STOCK, "lines"),
    CheckoutProblemCode.EMPTY: (CheckoutErrorCode.NO_LINES, "lines"),
    CheckoutProblemCode.EMAIL_REQUIRED: (CheckoutErrorCode.EMAIL_NOT_SET, "email"),
    CheckoutProblemCode.SHIPPING_ADDRESS_REQUIRED: (
        CheckoutErrorCode.SHIPPING_ADDRESS_NOT_SET,
        "shippingAddress",
    ),
    CheckoutProblemCode.DELIVERY_METHOD_REQUIRED: (
        CheckoutErrorCode.SHIPPING_METHOD_NOT_SET,
        "shippingMethod",
    ),
    CheckoutProblemCode.DELIVERY_METHOD_NOT_AVAILABLE: (
        CheckoutErrorCode.SHIPPING_METHOD_NOT_APPLICABLE,
        "shippingMethod",
    ),
    CheckoutProblemCode.CHANNEL_INACTIVE: (CheckoutErrorCode.CHANNEL_INACTIVE, "channel"),
    CheckoutProblemCode.NOT_DELIVERABLE: (CheckoutErrorCode.NOT_DELIVERABLE, "lines"),
    CheckoutProblemCode.COLD_CHAIN_NOT_AVAILABLE: (
        CheckoutErrorCode.COLD_CHAIN_NOT_AVAILABLE,
        "lines",
    ),
    CheckoutProblemCode.PICKUP_POINT_NOT_SERVED: (
        CheckoutErrorCode.PICKUP_POINT_NOT_SERVED,
        "deliveryMethodId",
    ),
    CheckoutProblemCode.PICKUP_POINT_NOT_AVAILABLE: (
        CheckoutErrorCode.PICKUP_POINT_NOT_AVAILABLE,
        "deliveryMethodId",
    ),
}


def variant_global_ids(variant_ids: Iterable[int]) -> list[str]:
    return [to_global_id("ProductVariant", pk) for pk in variant_ids]


def line_global_ids(line_ids: Iterable[int]) -> list[str]:
    return [to_global_id("CheckoutLine", pk) for pk in line_ids]


def error(
    code: CheckoutErrorCode,
    field: str | None,
    message: object,
    *,
    variants: Sequence[int] = (),
    lines: Sequence[int] = (),
    address: bool = False,
) -> FieldError:
    extra: dict[str, object] = {}
    if variants:
        extra["variants"] = variant_global_ids(variants)
    if lines:
        extra["lines"] = line_global_ids(lines)
    if address:
        extra["address_type"] = AddressType.SHIPPING.value
    return FieldError(code.value, field, message, extra)  # type: ignore[arg-type]


def unavailable_variant_errors(
    channel_id: int, variant_ids: Sequence[int], *, field: str = "lines"
) -> list[FieldError]:
    """Why each variant cannot be bought, one error per reason (Saleor's distinctions)."""
    reasons = explain_unavailable_variants(channel_id, variant_ids)
    return [
        error(code, field, UNAVAILABLE_MESSAGES[code], variants=ids)
        for code, ids in reasons.items()
    ]


def domain_errors(exc: DomainCheckoutError, *, channel_id: int | None = None) -> list[FieldError]:
    """The domain's field errors in GraphQL terms; `channel_id` refines unavailable variants."""
    found: list[FieldError] = []
    for item in exc.errors:
        if item.code == DomainCode.VARIANT_NOT_AVAILABLE and channel_id is not None:
            found += unavailable_variant_errors(channel_id, item.variant_ids)
            continue
        name = item.field or ""
        field = "quantity" if item.code in QUANTITY_CODES else FIELD_NAMES.get(name, item.field)
        found.append(
            error(
                DOMAIN_CODES[item.code],
                field,
                item.message,
                variants=item.variant_ids,
                lines=item.line_ids,
                address=name in ADDRESS_FIELDS,
            )
        )
    return found


def insufficient_stock_error(exc: InsufficientStock, *, field: str = "quantity") -> FieldError:
    return error(
        CheckoutErrorCode.INSUFFICIENT_STOCK,
        field,
        _("Not enough in stock for this quantity."),
        variants=exc.variant_ids,
    )


def not_ready_errors(exc: CheckoutNotReady, *, channel_id: int) -> list[FieldError]:
    """One error per kind of problem; line problems list their variants and lines."""
    grouped: dict[CheckoutProblemCode, list[int | None]] = defaultdict(list)
    lines: dict[CheckoutProblemCode, list[int]] = defaultdict(list)
    for problem in exc.problems:
        grouped[problem.code].append(problem.variant_id)
        if problem.line_id is not None:
            lines[problem.code].append(problem.line_id)
    found: list[FieldError] = []
    for code, variant_ids in grouped.items():
        ids = [v for v in variant_ids if v is not None]
        if code == CheckoutProblemCode.VARIANT_NOT_AVAILABLE:
            found += unavailable_variant_errors(channel_id, ids)
            continue
        graphql_code, field = PROBLEM_CODES[code]
        message = exc.problems[[p.code for p in exc.problems].index(code)].message
        found.append(error(graphql_code, field, message, variants=ids, lines=lines[code]))
    return found


@contextmanager
def checkout_service_errors(*, channel_id: int | None = None) -> Iterator[None]:
    """Turn the checkout services' typed errors into the payload's errors."""
    try:
        yield
    except DomainCheckoutError as exc:
        raise MutationErrors(domain_errors(exc, channel_id=channel_id)) from None
    except InsufficientStock as exc:
        raise MutationErrors([insufficient_stock_error(exc)]) from None
