"""The `stocks` input of the variant mutations: one entry, for the shop's own warehouse."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext_lazy as _

from backend.graphql.core.mutations import MutationErrors
from backend.graphql.seller.access import check_own_warehouse
from backend.graphql.seller.errors import ProductErrorCode
from backend.producers.models import Producer


def clean_stock_quantity(producer: Producer, stocks: Sequence[Any] | None) -> int | None:
    """The quantity of the single stock entry (None when no entry is given)."""
    if not stocks:
        return None
    if len(stocks) > 1:
        raise MutationErrors.of(
            ProductErrorCode.INVALID,
            field="stocks",
            message=_("Your shop has one warehouse: give one stock quantity."),
        )
    (stock,) = stocks
    check_own_warehouse(
        producer, stock.get("warehouse"), field="warehouse", code=ProductErrorCode.NOT_FOUND
    )
    return int(stock["quantity"])
