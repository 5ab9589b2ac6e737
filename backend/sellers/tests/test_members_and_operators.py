"""Co-owners of a shop, and the regions platform staff give to operators."""

from __future__ import annotations

import pytest

from backend.accounts.tests.factories import UserFactory
from backend.audit.models import AuditEvent, AuditEventType
from backend.producers.tests.factories import ProducerFactory
from backend.sellers.errors import SellerError, SellerErrorCode
from backend.sellers.members import add_seller_member, remove_seller_member
from backend.sellers.models import OperatorScope, SellerMembership
from backend.sellers.operators import grant_operator_scope, remove_operator_scope
from backend.sellers.permissions import SellerAction, covering_operator_scope, seller_policy
from backend.sellers.tests.factories import StaffFactory
from backend.sellers.tests.scenarios import People, region

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["owner", "county_operator", "city_operator"])
def test_add_seller_member_by_owner_or_region_operator(people: People, role):
    # given
    daughter = UserFactory.create(name="李家女儿")
    # when
    membership = add_seller_member(people.shop, daughter, actor=people.user(role))
    # then
    assert seller_policy.user_has_permission_for_instance(
        daughter, SellerAction.MANAGE_HELPERS, people.shop
    )
    event = AuditEvent.objects.get(event_type=AuditEventType.SELLER_MEMBER_ADDED)
    assert event.actor == people[role]
    assert event.subject_id == str(membership.pk)
    assert event.new == {"user": daughter.pk, "role": "owner"}


@pytest.mark.parametrize("role", ["helper_all", "other_county_operator", "other_seller"])
def test_add_seller_member_by_others_is_not_found(people: People, role):
    # given / when
    with pytest.raises(SellerError) as error:
        add_seller_member(people.shop, UserFactory.create(), actor=people.user(role))
    # then
    assert error.value.code == SellerErrorCode.NOT_FOUND


def test_remove_last_owner_is_refused(people: People):
    # given: a shop whose only owner is a membership
    sole = UserFactory.create()
    shop = ProducerFactory.create(owner=None, region=region("621123"))
    membership = add_seller_member(shop, sole, actor=people.user("county_operator"))
    # when
    with pytest.raises(SellerError) as error:
        remove_seller_member(membership.pk, seller=shop, actor=sole)
    # then
    assert error.value.code == SellerErrorCode.LAST_OWNER
    assert SellerMembership.objects.filter(pk=membership.pk).exists()


def test_remove_member_records_old_value(people: People):
    # given
    membership = SellerMembership.objects.get(seller=people.shop, user=people.user("co_owner"))
    # when
    remove_seller_member(membership.pk, seller=people.shop, actor=people.user("owner"))
    # then
    event = AuditEvent.objects.get(event_type=AuditEventType.SELLER_MEMBER_REMOVED)
    assert event.old == {"user": people.user("co_owner").pk, "role": "owner"}
    assert not seller_policy.user_has_permission_for_instance(
        people["co_owner"], SellerAction.VIEW_SHOP, people.shop
    )


def test_grant_operator_scope_by_superuser_is_audited(people: People):
    # given
    worker = StaffFactory.create()
    county = region("621121")
    # when
    scope = grant_operator_scope(worker, region=county, actor=people.user("superuser"))
    # then
    event = AuditEvent.objects.get(event_type=AuditEventType.OPERATOR_SCOPE_GRANTED)
    assert event.seller is None
    assert event.new == {"user": worker.pk, "region": county.pk}
    assert scope.granted_by == people["superuser"]


@pytest.mark.parametrize(
    ("role", "code"),
    [("county_operator", SellerErrorCode.NOT_FOUND), ("owner", SellerErrorCode.NOT_FOUND)],
)
def test_grant_operator_scope_by_non_superuser_is_refused(people: People, role, code):
    # given / when
    with pytest.raises(SellerError) as error:
        grant_operator_scope(StaffFactory.create(), region=None, actor=people.user(role))
    # then
    assert error.value.code == code


def test_grant_operator_scope_to_non_staff_and_twice_are_refused(people: People):
    # given
    plain = UserFactory.create()
    operator = people.user("county_operator")
    # when
    with pytest.raises(SellerError) as not_staff:
        grant_operator_scope(plain, region=None, actor=people.user("superuser"))
    with pytest.raises(SellerError) as twice:
        grant_operator_scope(operator, region=region("621123"), actor=people.user("superuser"))
    # then
    assert not_staff.value.code == SellerErrorCode.NOT_STAFF
    assert twice.value.code == SellerErrorCode.ALREADY_OPERATOR


def test_remove_operator_scope_takes_the_region_away(people: People):
    # given
    operator = people.user("county_operator")
    scope = OperatorScope.objects.get(user=operator)
    # when
    remove_operator_scope(scope.pk, actor=people.user("superuser"))
    # then
    assert not seller_policy.user_has_permission_for_instance(
        operator, SellerAction.INSPECT_SHOP, people.shop
    )
    event = AuditEvent.objects.get(event_type=AuditEventType.OPERATOR_SCOPE_REMOVED)
    assert event.old == {"user": operator.pk, "region": scope.region_id}


def test_covering_operator_scope_picks_the_most_specific_region(people: People):
    # given: the city operator also covers the county itself
    operator = people.user("city_operator")
    OperatorScope.objects.create(user=operator, region=region("621123"))
    # when
    scope = covering_operator_scope(operator, people.shop)
    # then
    assert scope is not None
    assert scope.region == region("621123")
    assert covering_operator_scope(people.user("other_county_operator"), people.shop) is None
