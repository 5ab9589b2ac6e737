"""Checkout line inputs (Saleor's `CheckoutLineInput`, `CheckoutLineUpdateInput`) and their
parsing into the checkout services' `LineInput`s."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _
from graphql_relay import from_global_id

from backend.checkout.lines import LineInput
from backend.graphql.checkout.enums import CheckoutErrorCode
from backend.graphql.checkout.errors import variant_global_ids
from backend.graphql.core.mutations import FieldError, MutationErrors


class CheckoutLineInput(graphene.InputObjectType):
    quantity = graphene.Int(required=True, description="The number of items purchased.")
    variant_id = graphene.ID(required=True, description="ID of the product variant.")


class CheckoutLineUpdateInput(graphene.InputObjectType):
    variant_id = graphene.ID(
        description="ID of the product variant.", deprecation_reason="Use `lineId` instead."
    )
    quantity = graphene.Int(
        description="The number of items purchased; 0 removes the line.", required=False
    )
    line_id = graphene.ID(description="ID of the line.")


def parse_global_id(global_id: str, expected: str, *, field: str) -> int:
    """The primary key behind a global ID of the expected type; GRAPHQL_ERROR otherwise."""
    try:
        type_name, raw = from_global_id(global_id)
        if type_name != expected:
            raise ValueError(type_name)
        return int(raw)
    except Exception:  # graphql-relay raises several kinds on garbage input
        raise MutationErrors.of(
            CheckoutErrorCode.GRAPHQL_ERROR,
            field=field,
            message=_("Couldn't resolve this ID."),
        ) from None


def check_quantities(lines: Sequence[LineInput], *, allow_zero: bool) -> None:
    """Negative quantities are INVALID; zero is ZERO_QUANTITY where it cannot mean "remove"."""
    negative = [line.variant_id for line in lines if line.quantity < 0]
    zero = [line.variant_id for line in lines if line.quantity == 0]
    errors = []
    if negative:
        errors.append(
            FieldError(
                CheckoutErrorCode.INVALID.value,
                "quantity",
                _("Quantities cannot be negative."),
                {"variants": variant_global_ids(negative)},
            )
        )
    if zero and not allow_zero:
        errors.append(
            FieldError(
                CheckoutErrorCode.ZERO_QUANTITY.value,
                "quantity",
                _("The quantity should be higher than zero."),
                {"variants": variant_global_ids(zero)},
            )
        )
    if errors:
        raise MutationErrors(errors)


def clean_lines(lines: Iterable[Any], *, allow_zero: bool) -> list[LineInput]:
    """`CheckoutLineInput`s as service inputs; bad IDs and quantities are input errors."""
    parsed = [
        LineInput(
            parse_global_id(line.variant_id, "ProductVariant", field="variantId"), line.quantity
        )
        for line in lines
    ]
    check_quantities(parsed, allow_zero=allow_zero)
    return parsed
