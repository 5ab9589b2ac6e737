"""Every portal page × everyone who might ask for it (Wagtail-style permission matrix).

Answers: 200 for those the seller policy allows, 404 alike for "not yours" and "does not
exist", and a redirect to sign in for anonymous and deactivated accounts.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from backend.catalog.product_editing import ProductDraft, create_product
from backend.catalog.tests.factories import ChannelFactory
from backend.checkout.tests.scenarios import listed_variant, make_courier, ready_checkout
from backend.orders.complete_checkout import complete_checkout
from backend.sellers.tests.scenarios import ROLES, build_people

pytestmark = pytest.mark.django_db

ALL = {"owner", "co_owner", "helper_all"}
PRODUCTS = ALL | {"helper_products"}
ORDERS = ALL | {"helper_orders"}
SIGN_IN = {"anonymous", "inactive_helper", "inactive_owner"}

# (name, path template, roles that get 200)
PAGES = [
    ("products", "products/", PRODUCTS),
    ("new product", "products/new/name/", PRODUCTS),
    ("product", "products/{product}/", PRODUCTS),
    ("product name", "products/{product}/name/", PRODUCTS),
    ("variant price", "products/{product}/variants/{variant}/price/", PRODUCTS),
    ("add photo", "products/{product}/photos/new/", PRODUCTS),
    ("orders", "orders/", ORDERS),
    ("order", "orders/{sub_order}/", ORDERS),
    ("packing slip", "orders/{sub_order}/packing-slip/", ORDERS),
    ("earnings", "earnings/", ALL),
]


@pytest.fixture
def world(db):  # type: ignore[no-untyped-def]
    people = build_people()
    channel = ChannelFactory.create()
    owner = people.user("owner")
    product = create_product(
        people.shop,
        ProductDraft("党参", None, "", "500克", Decimal("10.00"), 500, 5),
        channel=channel,
        actor=owner,
    )
    order = complete_checkout(
        ready_checkout(
            channel, [(listed_variant(channel, producer=people.shop), 1)], method=make_courier()
        ),
        actor=None,
        gateway="offline.bank_transfer",
    )
    ids = {
        "product": product.pk,
        "variant": product.default_variant_id,
        "sub_order": order.sub_orders.get().pk,
    }
    return people, ids


@pytest.mark.parametrize("role", ROLES)
def test_portal_pages_answer_each_role_as_the_policy_says(client, world, role):
    # given
    people, ids = world
    user = people[role]
    if role != "anonymous":
        client.force_login(user)
    base = f"/en/seller/shop/{people.shop.pk}/"
    # when
    answers = {
        name: client.get(base + template.format(**ids)).status_code
        for name, template, _allowed in PAGES
    }
    # then
    expected = {
        name: 302 if role in SIGN_IN else (200 if role in allowed else 404)
        for name, _template, allowed in PAGES
    }
    assert answers == expected


@pytest.mark.parametrize("role", ROLES)
def test_portal_pages_of_a_missing_shop_look_the_same_as_a_forbidden_one(client, world, role):
    people, ids = world
    if role != "anonymous":
        client.force_login(people[role])
    missing = f"/en/seller/shop/999999/orders/{ids['sub_order']}/"
    assert client.get(missing).status_code == (302 if role in SIGN_IN else 404)


@pytest.mark.parametrize("role", ROLES)
def test_portal_writes_are_refused_to_roles_without_the_scope(client, world, role):
    # given
    people, ids = world
    if role != "anonymous":
        client.force_login(people[role])
    base = f"/en/seller/shop/{people.shop.pk}/"
    # when
    publish = client.post(base + f"products/{ids['product']}/publish/", {"publish": "1"})
    ship = client.post(base + f"orders/{ids['sub_order']}/", {"carrier": "self"})
    # then
    if role in SIGN_IN:
        assert (publish.status_code, ship.status_code) == (302, 302)
    else:
        assert publish.status_code == (302 if role in PRODUCTS else 404)
        # shipping an unpaid order is refused on the page (200 with an error), not hidden
        assert ship.status_code == (200 if role in ORDERS else 404)
