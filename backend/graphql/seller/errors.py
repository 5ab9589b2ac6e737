"""`ProductError` and the mapping from the catalogue's typed errors to it (and to `OrderError`).

Codes are Saleor's `ProductErrorCode` names; our finer domain codes (a price too precise, stock
below what is already sold) are reported as the nearest Saleor code, with the domain's plain
message. Fields are the GraphQL input names (camelCase).
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from contextlib import contextmanager

import graphene
from django.utils.translation import gettext_lazy as _

from backend.catalog.errors import CatalogError, CatalogErrorCode
from backend.catalog.media import ProductMediaError, ProductMediaErrorCode
from backend.graphql.core.error_types import Error
from backend.graphql.core.mutations import MutationErrors
from backend.graphql.order.enums import OrderErrorCode
from backend.orders.errors import OrderError as DomainOrderError
from backend.orders.errors import OrderErrorCode as DomainOrderCode


class ProductErrorCode(enum.Enum):
    """The codes of Saleor's `ProductErrorCode` this API reports."""

    GRAPHQL_ERROR = "graphql_error"
    INVALID = "invalid"
    INVALID_PRICE = "invalid_price"
    NOT_FOUND = "not_found"
    PRODUCT_NOT_ASSIGNED_TO_CHANNEL = "product_not_assigned_to_channel"
    REQUIRED = "required"


ProductErrorCodeEnum = graphene.Enum.from_enum(ProductErrorCode, name="ProductErrorCode")


class ProductError(Error):
    code_enum = ProductErrorCode

    code = graphene.Field(ProductErrorCodeEnum, required=True, description="The error code.")

    class Meta:
        description = "An error of a product mutation."


CATALOG_CODES = {
    CatalogErrorCode.REQUIRED: ProductErrorCode.REQUIRED,
    CatalogErrorCode.INVALID: ProductErrorCode.INVALID,
    CatalogErrorCode.NOT_FOUND: ProductErrorCode.NOT_FOUND,
    CatalogErrorCode.TOO_LONG: ProductErrorCode.INVALID,
    CatalogErrorCode.PRICE_INVALID: ProductErrorCode.INVALID_PRICE,
    CatalogErrorCode.STOCK_INVALID: ProductErrorCode.INVALID,
    CatalogErrorCode.STOCK_BELOW_ALLOCATED: ProductErrorCode.INVALID,
    CatalogErrorCode.NOT_PUBLISHABLE: ProductErrorCode.PRODUCT_NOT_ASSIGNED_TO_CHANNEL,
}

MEDIA_CODES = {
    ProductMediaErrorCode.ALT_REQUIRED: ProductErrorCode.REQUIRED,
    ProductMediaErrorCode.NOT_FOUND: ProductErrorCode.NOT_FOUND,
}

ORDER_ERRORS = {
    DomainOrderCode.NOT_FOUND: (OrderErrorCode.NOT_FOUND, "order", _("This order does not exist.")),
    DomainOrderCode.INVALID_QUANTITY: (
        OrderErrorCode.INVALID,
        "lines",
        _("Ship at least 1 of a line, and no more than is still waiting to ship."),
    ),
    DomainOrderCode.ILLEGAL_STATUS_TRANSITION: (
        OrderErrorCode.INVALID,
        "order",
        _("This order cannot be shipped now: it is not paid yet, cancelled or already shipped."),
    ),
}


@contextmanager
def catalog_service_errors(fields: dict[str, str] | None = None) -> Iterator[None]:
    """Run a catalogue service; its typed errors become payload errors (`fields` renames the
    service's field names to the GraphQL input's)."""
    names = fields or {}
    try:
        yield
    except CatalogError as error:
        field = names.get(error.field or "", error.field)
        code = CATALOG_CODES.get(error.code, ProductErrorCode.INVALID)
        raise MutationErrors.of(code, field=field, message=error.message) from error
    except ProductMediaError as error:
        code = MEDIA_CODES.get(error.code, ProductErrorCode.INVALID)
        raise MutationErrors.of(code, field=error.field, message=error.message) from error


@contextmanager
def order_service_errors() -> Iterator[None]:
    try:
        yield
    except DomainOrderError as error:
        code, field, message = ORDER_ERRORS.get(
            DomainOrderCode(error.code),
            (OrderErrorCode.INVALID, error.field, _("This order cannot be shipped now.")),
        )
        raise MutationErrors.of(code, field=field, message=message) from error
