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
from backend.payments.offline import confirm_offline_payment
from backend.sellers.confirmations import request_seller_confirmation
from backend.sellers.permissions import SellerAction
from backend.sellers.tests.scenarios import ROLES, build_people
from backend.verification.review import request_more_information
from backend.verification.tests.scenarios import submitted_application

pytestmark = pytest.mark.django_db

OWNERS = {"owner", "co_owner"}
ALL = OWNERS | {"helper_all"}
PRODUCTS = ALL | {"helper_products"}
ORDERS = ALL | {"helper_orders"}
# operators whose region covers the shop (the superuser covers every region)
OPERATORS = {"county_operator", "city_operator", "province_operator", "superuser"}
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
    ("refund", "orders/{paid_sub_order}/refund/", ORDERS),
    ("earnings", "earnings/", ALL),
    ("profile", "profile/", ALL),
    ("profile name", "profile/name/", ALL),
    ("profile story", "profile/story/", ALL),
    ("profile certificate", "profile/certificate/", ALL),
    ("logo", "profile/logo/", ALL),
    ("add link", "profile/links/new/", ALL),
    ("verification", "verification/", ALL),
    ("start application", "verification/new/", ALL),
    ("application", "verification/{application}/", ALL),
    ("resubmit", "verification/{application}/resubmit/", ALL),
    ("withdraw", "verification/{application}/withdraw/", ALL),
    ("helpers", "helpers/", OWNERS),
    ("add helper", "helpers/new/", OWNERS),
    ("helper scope", "helpers/{grant}/scope/", OWNERS),
    ("revoke helper", "helpers/{grant}/revoke/", OWNERS),
    ("confirmations", "confirmations/", OWNERS),
    ("activity", "activity/", ALL | OPERATORS),
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
    paid = complete_checkout(
        ready_checkout(
            channel, [(listed_variant(channel, producer=people.shop), 1)], method=make_courier()
        ),
        actor=None,
        gateway="offline.bank_transfer",
    )
    confirm_offline_payment(paid, actor=None)
    application = submitted_application(people)
    request_more_information(
        application.pk, actor=people.user("county_operator"), reason="请补充照片"
    )
    confirmation = request_seller_confirmation(
        people.shop,
        action=SellerAction.REFUND_ORDERS,
        actor=people.user("helper_orders"),
        summary="退款 10 元",
        payload={},
    )
    ids = {
        "product": product.pk,
        "variant": product.default_variant_id,
        "sub_order": order.sub_orders.get().pk,
        "paid_sub_order": paid.sub_orders.get().pk,
        "application": application.pk,
        "grant": people.grants["helper_products"].pk,
        "confirmation": confirmation.pk,
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


# (name, path template, data, roles allowed, status when allowed)
WRITES = [
    ("story", "profile/story/", {"story": "新的故事"}, ALL, 302),
    ("add link", "profile/links/new/", {}, ALL, 200),
    ("remove logo", "profile/logo/remove/", {}, ALL, 302),
    ("start application", "verification/new/", {}, ALL, 200),
    ("withdraw", "verification/{application}/withdraw/", {}, ALL, 302),
    ("add helper", "helpers/new/", {}, OWNERS, 200),
    ("helper scope", "helpers/{grant}/scope/", {"scope": "all"}, OWNERS, 302),
    ("decline", "confirmations/{confirmation}/", {"decision": "decline"}, OWNERS, 302),
    ("refund", "orders/{paid_sub_order}/refund/", {"amount": "0.01"}, ORDERS, 302),
]


@pytest.mark.parametrize("role", ROLES)
def test_portal_new_writes_answer_each_role_as_the_policy_says(client, world, role):
    # given
    people, ids = world
    if role != "anonymous":
        client.force_login(people[role])
    base = f"/en/seller/shop/{people.shop.pk}/"
    # when
    answers = {
        name: client.post(base + template.format(**ids), data).status_code
        for name, template, data, _allowed, _ok in WRITES
    }
    # then
    expected = {
        name: 302 if role in SIGN_IN else (ok if role in allowed else 404)
        for name, _template, _data, allowed, ok in WRITES
    }
    assert answers == expected


@pytest.mark.parametrize("role", ROLES)
def test_sign_up_is_for_people_without_an_account(client, world, role):
    people, _ids = world
    if role != "anonymous":
        client.force_login(people[role])
    response = client.get("/en/seller/signup/")
    signed_in = role not in SIGN_IN
    assert response.status_code == (302 if signed_in else 200)
    open_shop = client.get("/en/seller/signup/shop/name/")
    assert open_shop.status_code == (200 if signed_in else 302)
