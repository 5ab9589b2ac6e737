"""Every seller mutation × everyone who might touch a shop (`build_people`).

Owners and co-owners may do everything; helpers what their grant's scope allows (products or
orders; "all" both); everybody else signed in — a revoked helper, another seller, an enterprise
buyer, operators of every region, even a superuser — gets the same `NOT_FOUND` on the same field
as for an ID that does not exist, and nothing changes. Without a usable sign-in (anonymous, an
inactive account) the answer is Saleor's top-level permission error.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from backend.audit.models import AuditEvent
from backend.catalog.models import (
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductVariant,
)
from backend.graphql.core.ids import to_global_id
from backend.graphql.seller.tests import operations
from backend.graphql.seller.tests.conftest import jpeg_upload
from backend.orders.models import Fulfillment, OrderEvent
from backend.sellers.tests.scenarios import ROLES
from backend.warehouse.models import Stock

pytestmark = pytest.mark.django_db

SIGNED_OUT = {"anonymous", "inactive_helper", "inactive_owner"}
MAY_MANAGE_PRODUCTS = {"owner", "co_owner", "helper_products", "helper_all"}
MAY_FULFIL_ORDERS = {"owner", "co_owner", "helper_orders", "helper_all"}
MISSING = 987654


@dataclass(frozen=True)
class Case:
    """How to call one mutation on the shop's objects (`missing`: with that field's id one
    that does not exist) and where its NOT_FOUND is reported (`field`, or per role)."""

    name: str
    query: str
    allowed: set[str]
    field: str
    variables: Callable[[Any, str | None], dict[str, Any]]
    files: Callable[[], dict[str, Any] | None] = lambda: None
    field_for_role: dict[str, str] = dataclasses.field(default_factory=dict)


def _product_id(ctx: Any, missing: str | None) -> str:
    return to_global_id("Product", MISSING if missing else ctx.product.pk)


def _variant_id(ctx: Any, missing: str | None) -> str:
    pk = MISSING if missing else ctx.product.variants.get().pk
    return to_global_id("ProductVariant", pk)


def _fulfil(ctx: Any, missing: str | None) -> dict[str, Any]:
    line_pk = ctx.order.lines.get(producer=ctx.people.shop).pk
    token = str(ctx.order.token)
    if missing == "order":
        token = "0b3b7c5e-8a6f-4a43-9d8e-5c1f2f3a4b5c"
    elif missing == "orderLineId":
        line_pk = MISSING
    return {
        "order": to_global_id("Order", token),
        "input": {
            "lines": [
                {"orderLineId": to_global_id("OrderLine", line_pk), "stocks": [{"quantity": 1}]}
            ],
            "carrier": "中国邮政",
            "trackingNumber": "EMS1",
        },
    }


CASES = [
    Case(
        "productCreate",
        operations.PRODUCT_CREATE,
        MAY_MANAGE_PRODUCTS,
        "producer",
        lambda ctx, missing: {
            "input": {
                "producer": to_global_id("Producer", MISSING if missing else ctx.people.shop.pk),
                "name": "新产品",
                "price": "10.00",
                "stockQuantity": 1,
            }
        },
    ),
    Case(
        "productUpdate",
        operations.PRODUCT_UPDATE,
        MAY_MANAGE_PRODUCTS,
        "id",
        lambda ctx, missing: {"id": _product_id(ctx, missing), "input": {"name": "改过的名字"}},
    ),
    Case(
        "productChannelListingUpdate",
        operations.PRODUCT_CHANNEL_LISTING_UPDATE,
        MAY_MANAGE_PRODUCTS,
        "id",
        lambda ctx, missing: {
            "id": _product_id(ctx, missing),
            "input": {
                "updateChannels": [
                    {"channelId": to_global_id("Channel", ctx.channel.pk), "isPublished": False}
                ]
            },
        },
    ),
    Case(
        "productVariantCreate",
        operations.PRODUCT_VARIANT_CREATE,
        MAY_MANAGE_PRODUCTS,
        "product",
        lambda ctx, missing: {
            "input": {
                "product": _product_id(ctx, missing),
                "name": "1千克",
                "price": "30.00",
                "stocks": [{"quantity": 2}],
            }
        },
    ),
    Case(
        "productVariantStocksUpdate",
        operations.PRODUCT_VARIANT_STOCKS_UPDATE,
        MAY_MANAGE_PRODUCTS,
        "variantId",
        lambda ctx, missing: {"variantId": _variant_id(ctx, missing), "stocks": [{"quantity": 1}]},
    ),
    Case(
        "productMediaCreate",
        operations.PRODUCT_MEDIA_CREATE,
        MAY_MANAGE_PRODUCTS,
        "product",
        lambda ctx, missing: {"product": _product_id(ctx, missing), "image": None, "alt": "党参"},
        lambda: {"variables.image": jpeg_upload()},
    ),
    # The other seller has a part of the same customer order: the order is found, and the shop's
    # line is as unknown to them as a line that does not exist.
    Case(
        "orderFulfill",
        operations.ORDER_FULFILL,
        MAY_FULFIL_ORDERS,
        "order",
        _fulfil,
        field_for_role={"other_seller": "orderLineId"},
    ),
]


@dataclass
class Context:
    people: Any
    product: Product
    order: Any
    channel: Any


def _state() -> tuple[Any, ...]:
    return (
        AuditEvent.objects.count(),
        Product.objects.count(),
        sorted(Product.objects.values_list("name", flat=True)),
        ProductVariant.objects.count(),
        sorted(Stock.objects.values_list("pk", "quantity")),
        ProductMedia.objects.count(),
        Fulfillment.objects.count(),
        sorted(ProductChannelListing.objects.values_list("pk", "is_published")),
        OrderEvent.objects.count(),
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_seller_mutation_matrix_each_role_answered_as_designed(
    gql_as, people, shop_product, shop_order, media_root, channel, case, role
):
    # given
    ctx = Context(people, shop_product, shop_order, channel)
    before = _state()
    post = gql_as(role)

    # when
    response = post(case.query, case.variables(ctx, None), files=case.files())

    # then
    if role in SIGNED_OUT:
        assert response.data[case.name] is None
        assert response.errors[0]["extensions"]["exception"]["code"] == "PermissionDenied"
        assert _state() == before
    elif role in case.allowed:
        assert response.data[case.name]["errors"] == []
        assert _state() != before
    else:
        field = case.field_for_role.get(role, case.field)
        errors = response.data[case.name]["errors"]
        assert [(e["field"], e["code"]) for e in errors] == [(field, "NOT_FOUND")]
        assert _state() == before
        missing = post(case.query, case.variables(ctx, field), files=case.files())
        assert missing.data[case.name]["errors"] == errors
