"""Permission matrices of the seller policy (Wagtail's shape): every role × every action."""

from __future__ import annotations

import pytest

from backend.producers.lookups import get_producer_for_actor, producers_for_actor
from backend.producers.models import Producer
from backend.producers.tests.factories import ProducerFactory
from backend.sellers.models import HelperGrant
from backend.sellers.permissions import SellerAction, SellerOwnedPolicy, seller_policy
from backend.sellers.tests.factories import HelperGrantFactory, OperatorScopeFactory
from backend.sellers.tests.scenarios import ROLES, People, region

pytestmark = pytest.mark.django_db

A = SellerAction
EVERY_MEMBER_ACTION = {
    A.VIEW_SHOP,
    A.EDIT_SHOP,
    A.MANAGE_PRODUCTS,
    A.VIEW_ORDERS,
    A.FULFIL_ORDERS,
    A.REFUND_ORDERS,
    A.VIEW_EARNINGS,
    A.CHANGE_PAYOUT_ACCOUNT,
    A.MANAGE_HELPERS,
    A.MANAGE_MEMBERS,
    A.CONFIRM_MONEY_ACTIONS,
    A.VIEW_ACTIVITY,
    A.APPLY_FOR_VERIFICATION,
    A.VIEW_EVIDENCE,
}
OPERATOR = {
    A.INSPECT_SHOP,
    A.VIEW_ACTIVITY,
    A.VIEW_EVIDENCE,
    A.REVIEW_VERIFICATION,
    A.MANAGE_MEMBERS,
}
ALLOWED: dict[str, set[SellerAction]] = {
    "owner": EVERY_MEMBER_ACTION,
    "co_owner": EVERY_MEMBER_ACTION,
    "helper_products": {A.VIEW_SHOP, A.MANAGE_PRODUCTS},
    "helper_orders": {A.VIEW_SHOP, A.VIEW_ORDERS, A.FULFIL_ORDERS, A.REFUND_ORDERS},
    "helper_all": EVERY_MEMBER_ACTION
    - {A.MANAGE_HELPERS, A.MANAGE_MEMBERS, A.CONFIRM_MONEY_ACTIONS},
    "revoked_helper": set(),
    "inactive_helper": set(),
    "inactive_owner": set(),
    "other_seller": set(),
    "enterprise": set(),
    "county_operator": OPERATOR,
    "city_operator": OPERATOR,
    "province_operator": OPERATOR,
    "other_county_operator": set(),
    "staff_without_region": set(),
    "superuser": OPERATOR,
    "anonymous": set(),
}
MATRIX = [(role, action) for role in ROLES for action in SellerAction]


def test_permission_matrix_names_every_role():
    assert set(ALLOWED) == set(ROLES)


@pytest.mark.parametrize(("role", "action"), MATRIX, ids=[f"{r}-{a}" for r, a in MATRIX])
def test_seller_policy_instance_permission_matches_matrix(people: People, role, action):
    # given
    user = people[role]
    # when
    allowed = seller_policy.user_has_permission_for_instance(user, action, people.shop)
    listed = people.shop in seller_policy.instances_for(user, action)
    # then
    expected = action in ALLOWED[role]
    assert allowed is expected
    assert listed is expected


@pytest.mark.parametrize("role", ROLES)
def test_seller_policy_other_shop_stays_invisible_to_everyone_but_its_people(people: People, role):
    # given: the other shop is in 成县 (陇南市): its owner, Gansu-wide and national staff see it
    covers_other = {"other_seller", "province_operator", "other_county_operator", "superuser"}
    # when
    seen = {
        action
        for action in SellerAction
        if people.other_shop in seller_policy.instances_for(people[role], action)
    }
    # then
    assert bool(seen) is (role in covers_other)


def test_seller_policy_user_has_permission_is_true_only_with_some_shop(people: People):
    # given / when / then
    assert seller_policy.user_has_permission(people["helper_products"], A.MANAGE_PRODUCTS)
    assert not seller_policy.user_has_permission(people["helper_products"], A.VIEW_ORDERS)
    assert not seller_policy.user_has_permission(people["enterprise"], A.VIEW_SHOP)
    assert not seller_policy.user_has_permission(people["anonymous"], A.VIEW_SHOP)


def test_seller_policy_operator_never_reviews_a_shop_they_help(people: People):
    # given: the county operator is also a volunteer for the shop
    operator = people.user("county_operator")
    HelperGrantFactory.create(seller=people.shop, helper=operator, scope="products")
    # when
    may_review = seller_policy.user_has_permission_for_instance(
        operator, A.REVIEW_VERIFICATION, people.shop
    )
    may_inspect = seller_policy.user_has_permission_for_instance(
        operator, A.INSPECT_SHOP, people.shop
    )
    # then
    assert may_review is False
    assert may_inspect is True


def test_seller_policy_township_scope_covers_its_villages(people: People):
    # given: a shop in a village under a township of 渭源县, and an operator of that township
    from backend.regions.loading import add_named_region
    from backend.regions.models import RegionLevel

    township = add_named_region(region("621123"), "会川镇", RegionLevel.TOWNSHIP)
    village = add_named_region(township, "本庙村", RegionLevel.VILLAGE)
    village_shop = ProducerFactory.create(region=village)
    town_operator = OperatorScopeFactory.create(region=township).user
    # when
    shops = set(seller_policy.instances_for(town_operator, A.INSPECT_SHOP))
    # then: the village shop, not the county-level shops elsewhere in the county
    assert shops == {village_shop}
    assert village_shop in seller_policy.instances_for(people["county_operator"], A.INSPECT_SHOP)


@pytest.mark.parametrize(
    ("role", "action", "expected"),
    [
        ("owner", A.REFUND_ORDERS, False),
        ("owner", A.CHANGE_PAYOUT_ACCOUNT, False),
        ("co_owner", A.CHANGE_PAYOUT_ACCOUNT, False),
        ("helper_all", A.REFUND_ORDERS, True),
        ("helper_all", A.CHANGE_PAYOUT_ACCOUNT, True),
        ("helper_orders", A.REFUND_ORDERS, True),
        ("helper_all", A.MANAGE_PRODUCTS, False),
        ("helper_orders", A.FULFIL_ORDERS, False),
    ],
)
def test_requires_seller_confirmation_for_money_actions_by_non_owners(
    people: People, role, action, expected
):
    # given / when
    needed = seller_policy.requires_seller_confirmation(people[role], action, people.shop)
    # then
    assert needed is expected


def test_role_of_names_the_helper_grant(people: People):
    # given / when
    helper_role = seller_policy.role_of(people["helper_orders"], people.shop)
    owner_role = seller_policy.role_of(people["owner"], people.shop)
    operator_role = seller_policy.role_of(people["city_operator"], people.shop)
    # then
    assert helper_role.is_helper
    assert helper_role.grant == people.grants["helper_orders"]
    assert owner_role.is_owner
    assert not owner_role.is_helper
    assert operator_role.is_operator
    assert not operator_role.is_owner


@pytest.mark.parametrize(
    ("role", "for_write", "found"),
    [
        ("owner", True, True),
        ("helper_all", True, True),
        ("helper_products", False, True),
        ("helper_products", True, False),
        ("revoked_helper", False, False),
        ("other_seller", False, False),
        ("county_operator", False, False),
        ("anonymous", False, False),
    ],
)
def test_get_producer_for_actor_answers_as_the_policy_says(people: People, role, for_write, found):
    # given
    user = people[role]
    # when / then
    if found:
        assert get_producer_for_actor(people.shop.pk, user, for_write=for_write) == people.shop
    else:
        with pytest.raises(Producer.DoesNotExist):
            get_producer_for_actor(people.shop.pk, user, for_write=for_write)


def test_get_producer_for_actor_missing_and_forbidden_look_alike(people: People):
    # given
    stranger = people["other_seller"]
    missing_id = Producer.objects.order_by("-pk").values_list("pk", flat=True)[0] + 1000
    # when
    with pytest.raises(Producer.DoesNotExist) as forbidden:
        get_producer_for_actor(people.shop.pk, stranger, for_write=False)
    with pytest.raises(Producer.DoesNotExist) as missing:
        get_producer_for_actor(missing_id, stranger, for_write=False)
    # then
    assert type(forbidden.value) is type(missing.value)
    assert str(forbidden.value) == str(missing.value)


def test_producers_for_actor_lists_owned_and_helped_shops(people: People):
    # given: the products helper also helps a second shop
    second = ProducerFactory.create(region=region("621121"))
    HelperGrantFactory.create(seller=second, helper=people["helper_products"], scope="orders")
    # when
    shops = set(producers_for_actor(people.user("helper_products")))
    # then
    assert shops == {people.shop, second}


@pytest.mark.parametrize("count", [1, 6])
def test_seller_policy_list_costs_one_query(people: People, django_assert_num_queries, count):
    # given: the helper helps `count` shops
    helper = people.user("helper_orders")
    for _ in range(count - 1):
        HelperGrantFactory.create(seller=ProducerFactory.create(), helper=helper, scope="orders")
    # when / then
    with django_assert_num_queries(1):
        shops = list(seller_policy.instances_for(helper, A.FULFIL_ORDERS))
    assert len(shops) == count


def test_seller_owned_policy_filters_rows_by_seller(people: People):
    # given: a grant row of each shop
    policy = SellerOwnedPolicy(HelperGrant)
    other_grant = HelperGrantFactory.create(seller=people.other_shop)
    # when
    for_owner = set(policy.instances_for(people["owner"], A.MANAGE_HELPERS))
    for_other = set(policy.instances_for(people["other_seller"], A.MANAGE_HELPERS))
    for_anonymous = list(policy.instances_for(people["anonymous"], A.MANAGE_HELPERS))
    # then
    assert for_owner == set(HelperGrant.objects.filter(seller=people.shop))
    assert for_other == {other_grant}
    assert for_anonymous == []
