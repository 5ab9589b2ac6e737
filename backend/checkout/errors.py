"""Checkout error codes and typed errors. Mutations and forms map these to their error lists;
`field` names are the service's keyword arguments (GraphQL turns them into camelCase)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class CheckoutErrorCode(models.TextChoices):
    NOT_FOUND = "not_found"
    INVALID = "invalid"
    REQUIRED = "required"
    CHANNEL_INACTIVE = "channel_inactive"
    VARIANT_NOT_AVAILABLE = "variant_not_available"
    INVALID_QUANTITY = "invalid_quantity"
    QUANTITY_GREATER_THAN_LIMIT = "quantity_greater_than_limit"
    INSUFFICIENT_STOCK = "insufficient_stock"
    INVALID_MOBILE = "invalid_mobile"
    INVALID_REGION = "invalid_region"
    DELIVERY_METHOD_NOT_AVAILABLE = "delivery_method_not_available"
    PICKUP_POINT_NOT_AVAILABLE = "pickup_point_not_available"
    CHECKOUT_NOT_READY = "checkout_not_ready"


@dataclass(frozen=True)
class CheckoutFieldError:
    code: CheckoutErrorCode
    field: str | None
    message: str | Promise
    variant_ids: tuple[int, ...] = ()
    line_ids: tuple[int, ...] = ()


class CheckoutError(Exception):
    """One or more problems with the input of a checkout service; nothing was changed."""

    def __init__(self, errors: Sequence[CheckoutFieldError]) -> None:
        self.errors = list(errors)
        super().__init__("; ".join(f"{e.field}: {e.code}" for e in self.errors))

    @classmethod
    def of(
        cls,
        code: CheckoutErrorCode,
        *,
        field: str | None,
        message: str | Promise,
        variant_ids: Sequence[int] = (),
        line_ids: Sequence[int] = (),
    ) -> CheckoutError:
        return cls([CheckoutFieldError(code, field, message, tuple(variant_ids), tuple(line_ids))])

    @property
    def codes(self) -> list[CheckoutErrorCode]:
        return [e.code for e in self.errors]


def checkout_not_found() -> CheckoutError:
    return CheckoutError.of(
        CheckoutErrorCode.NOT_FOUND, field="token", message=_("This cart no longer exists.")
    )


class CheckoutProblemCode(models.TextChoices):
    # Line problems (Saleor's `checkout.problems`)
    VARIANT_NOT_AVAILABLE = "variant_not_available"
    INSUFFICIENT_STOCK = "insufficient_stock"
    # No courier can take this line's parcel to the address or pickup point ("cannot deliver")
    NOT_DELIVERABLE = "not_deliverable"
    COLD_CHAIN_NOT_AVAILABLE = "cold_chain_not_available"
    PICKUP_POINT_NOT_SERVED = "pickup_point_not_served"
    # What is still missing before the checkout can be completed
    EMPTY = "empty"
    EMAIL_REQUIRED = "email_required"
    SHIPPING_ADDRESS_REQUIRED = "shipping_address_required"
    DELIVERY_METHOD_REQUIRED = "delivery_method_required"
    DELIVERY_METHOD_NOT_AVAILABLE = "delivery_method_not_available"
    PICKUP_POINT_NOT_AVAILABLE = "pickup_point_not_available"
    CHANNEL_INACTIVE = "channel_inactive"


PROBLEM_MESSAGES: dict[str, Promise] = {
    CheckoutProblemCode.VARIANT_NOT_AVAILABLE: _("This item is no longer for sale."),
    CheckoutProblemCode.INSUFFICIENT_STOCK: _("Not enough in stock for this quantity."),
    CheckoutProblemCode.NOT_DELIVERABLE: _(
        "None of our couriers delivers this parcel to this address."
    ),
    CheckoutProblemCode.COLD_CHAIN_NOT_AVAILABLE: _(
        "This parcel holds fresh goods, and no courier with a cold chain serves this address."
    ),
    CheckoutProblemCode.PICKUP_POINT_NOT_SERVED: _(
        "None of the couriers that call at this pickup point can take this parcel."
    ),
    CheckoutProblemCode.EMPTY: _("Your cart is empty."),
    CheckoutProblemCode.EMAIL_REQUIRED: _("Enter an email address."),
    CheckoutProblemCode.SHIPPING_ADDRESS_REQUIRED: _("Enter a delivery address."),
    CheckoutProblemCode.DELIVERY_METHOD_REQUIRED: _("Choose a delivery method."),
    CheckoutProblemCode.DELIVERY_METHOD_NOT_AVAILABLE: _(
        "This delivery method cannot deliver this cart to this address."
    ),
    CheckoutProblemCode.PICKUP_POINT_NOT_AVAILABLE: _("This pickup point is closed."),
    CheckoutProblemCode.CHANNEL_INACTIVE: _("This shop is closed for now."),
}


@dataclass(frozen=True)
class CheckoutProblem:
    code: CheckoutProblemCode
    line_id: int | None = None
    variant_id: int | None = None
    available_quantity: int | None = None
    producer_id: int | None = None

    @property
    def message(self) -> Promise:
        return PROBLEM_MESSAGES[self.code]


class CheckoutNotReady(Exception):
    """Completion was refused: the checkout has problems the buyer must fix first."""

    code = CheckoutErrorCode.CHECKOUT_NOT_READY

    def __init__(self, problems: Sequence[CheckoutProblem]) -> None:
        self.problems = list(problems)
        super().__init__(", ".join(p.code for p in self.problems))
