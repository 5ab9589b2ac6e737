"""`checkoutLinesUpdate`: set line quantities (0 removes a line)."""

from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _
from graphql import GraphQLResolveInfo

from backend.checkout.lines import LineInput, update_checkout_lines
from backend.checkout.models import Checkout as CheckoutModel
from backend.checkout.models import CheckoutLine
from backend.graphql.checkout.enums import CheckoutErrorCode
from backend.graphql.checkout.errors import CheckoutError, checkout_service_errors, error
from backend.graphql.checkout.inputs import (
    CheckoutLineUpdateInput,
    check_quantities,
    parse_global_id,
)
from backend.graphql.checkout.mutations.base import CheckoutIdArguments, checkout_for_write
from backend.graphql.checkout.types import Checkout
from backend.graphql.core.auth import current_user
from backend.graphql.core.mutations import BaseMutation, FieldError, MutationErrors


def _line_inputs(checkout: CheckoutModel, lines: list[Any]) -> list[LineInput]:
    """Each update as (variant, quantity); a `lineId` must be a line of this checkout."""
    errors: list[FieldError] = []
    if any(line.quantity is None for line in lines):
        errors.append(error(CheckoutErrorCode.REQUIRED, "quantity", _("Enter a quantity.")))
    if any(line.line_id is None and line.variant_id is None for line in lines):
        errors.append(error(CheckoutErrorCode.REQUIRED, "lineId", _("Say which line to change.")))
    if errors:
        raise MutationErrors(errors)
    line_ids = {
        parse_global_id(line.line_id, "CheckoutLine", field="lineId")
        for line in lines
        if line.line_id is not None
    }
    variants_of_lines = dict(
        CheckoutLine.objects.filter(checkout_id=checkout.pk, pk__in=line_ids).values_list(
            "pk", "variant_id"
        )
    )
    unknown = sorted(line_ids - set(variants_of_lines))
    if unknown:
        raise MutationErrors(
            [
                error(
                    CheckoutErrorCode.NOT_FOUND,
                    "lineId",
                    _("This line is not in the cart."),
                    lines=unknown,
                )
            ]
        )
    parsed = []
    for line in lines:
        if line.line_id is not None:
            variant_id = variants_of_lines[
                parse_global_id(line.line_id, "CheckoutLine", field="lineId")
            ]
        else:
            variant_id = parse_global_id(line.variant_id, "ProductVariant", field="variantId")
        parsed.append(LineInput(variant_id, line.quantity))
    check_quantities(parsed, allow_zero=True)
    return parsed


class CheckoutLinesUpdate(BaseMutation):
    checkout = graphene.Field(Checkout, description="An updated checkout.")

    class Arguments(CheckoutIdArguments):
        lines = graphene.List(
            graphene.NonNull(CheckoutLineUpdateInput),
            required=True,
            description="A list of checkout lines.",
        )

    class Meta:
        description = "Updates checkout line in the existing checkout."
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, root: Any, info: GraphQLResolveInfo, **data: Any) -> Any:
        checkout = checkout_for_write(info, **data)
        lines = _line_inputs(checkout, data["lines"])
        with checkout_service_errors(channel_id=checkout.channel_id):
            checkout = update_checkout_lines(checkout, lines, actor=current_user(info))
        return cls(checkout=checkout)
