"""Building checkouts through the API, as a client would."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from backend.catalog.models import ProductVariant
from backend.checkout.models import ShippingMethod
from backend.graphql.checkout.tests.fixtures import ADDRESS, Api, gid, payload
from backend.graphql.checkout.tests.operations import (
    ADDRESS_UPDATE,
    CHECKOUT_CREATE,
    DELIVERY_UPDATE,
)


def lines_input(lines: Sequence[tuple[ProductVariant, int]]) -> list[dict[str, Any]]:
    return [
        {"variantId": gid("ProductVariant", variant.pk), "quantity": quantity}
        for variant, quantity in lines
    ]


def create(
    api: Api,
    lines: Sequence[tuple[ProductVariant, int]],
    *,
    email: str | None = "buyer@example.test",
    token: str | None = None,
    raw_lines: list[dict[str, Any]] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """checkoutCreate; returns the payload (checkout and errors)."""
    data: dict[str, Any] = {
        "channel": "default-channel",
        "lines": lines_input(lines) if raw_lines is None else raw_lines,
        **extra,
    }
    if email is not None:
        data["email"] = email
    return payload(api(CHECKOUT_CREATE, {"input": data}, token=token), "checkoutCreate")


def ready(
    api: Api,
    lines: Sequence[tuple[ProductVariant, int]],
    method: ShippingMethod,
    *,
    token: str | None = None,
) -> str:
    """A checkout with lines, e-mail, address and delivery method; returns its ID."""
    created = create(api, lines, token=token, email=None if token else "buyer@example.test")
    assert created["errors"] == [], created
    checkout_id = created["checkout"]["id"]
    address = api(ADDRESS_UPDATE, {"id": checkout_id, "address": ADDRESS}, token=token)
    assert payload(address, "checkoutShippingAddressUpdate")["errors"] == []
    delivery = api(
        DELIVERY_UPDATE,
        {"id": checkout_id, "method": gid("ShippingMethod", method.pk)},
        token=token,
    )
    assert payload(delivery, "checkoutDeliveryMethodUpdate")["errors"] == []
    return str(checkout_id)
