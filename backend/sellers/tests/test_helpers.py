"""Granting, changing and revoking helpers: who may, and the audit rows they leave."""

from __future__ import annotations

import pytest

from backend.accounts.tests.factories import UserFactory
from backend.audit.models import AuditEvent, AuditEventType
from backend.sellers.errors import SellerError, SellerErrorCode
from backend.sellers.helper_grants import change_helper_scope, grant_helper, revoke_helper
from backend.sellers.models import HelperGrant, HelperKind, HelperScope
from backend.sellers.permissions import SellerAction, seller_policy
from backend.sellers.tests.scenarios import People

pytestmark = pytest.mark.django_db


def _last_event() -> AuditEvent:
    return AuditEvent.objects.order_by("-pk").first()  # type: ignore[return-value]


def test_grant_helper_by_owner_creates_grant_and_audit_row(people: People):
    # given
    worker = UserFactory.create(name="专职委员小王")
    # when
    grant = grant_helper(
        people.shop,
        worker,
        kind=HelperKind.FEDERATION_WORKER,
        scope=HelperScope.ORDERS,
        actor=people.user("owner"),
    )
    # then
    assert grant.is_active
    assert grant.granted_by == people["owner"]
    event = _last_event()
    assert event.event_type == AuditEventType.HELPER_GRANTED
    assert event.actor == people["owner"]
    assert event.seller == people.shop
    assert (event.subject_type, event.subject_id) == ("sellers.helpergrant", str(grant.pk))
    assert event.new == {"helper": worker.pk, "kind": "federation_worker", "scope": "orders"}
    assert seller_policy.user_has_permission_for_instance(
        worker, SellerAction.FULFIL_ORDERS, people.shop
    )


@pytest.mark.parametrize(
    "role", ["helper_all", "other_seller", "county_operator", "enterprise", "revoked_helper"]
)
def test_grant_helper_by_anyone_but_an_owner_is_not_found(people: People, role):
    # given
    worker = UserFactory.create()
    # when
    with pytest.raises(SellerError) as error:
        grant_helper(people.shop, worker, kind="volunteer", scope="all", actor=people.user(role))
    # then
    assert error.value.code == SellerErrorCode.NOT_FOUND
    assert not HelperGrant.objects.filter(helper=worker).exists()


@pytest.mark.parametrize(
    ("helper_role", "code"),
    [
        ("owner", SellerErrorCode.CANNOT_HELP_OWN_SHOP),
        ("co_owner", SellerErrorCode.CANNOT_HELP_OWN_SHOP),
        ("helper_orders", SellerErrorCode.ALREADY_HELPER),
        ("inactive_helper", SellerErrorCode.HELPER_INACTIVE),
    ],
)
def test_grant_helper_refuses_owners_duplicates_and_inactive_accounts(
    people: People, helper_role, code
):
    # given
    before = AuditEvent.objects.count()
    # when
    with pytest.raises(SellerError) as error:
        grant_helper(
            people.shop,
            people.user(helper_role),
            kind="family_member",
            scope="all",
            actor=people.user("owner"),
        )
    # then
    assert error.value.code == code
    assert AuditEvent.objects.count() == before


def test_grant_helper_again_after_revocation_is_allowed(people: People):
    # given
    helper = people.user("revoked_helper")
    # when
    grant = grant_helper(
        people.shop, helper, kind="mentor", scope="products", actor=people.user("owner")
    )
    # then
    assert grant.pk != people.grants["revoked_helper"].pk
    assert HelperGrant.objects.filter(seller=people.shop, helper=helper).count() == 2


def test_change_helper_scope_records_old_and_new(people: People):
    # given
    grant = people.grants["helper_products"]
    # when
    change_helper_scope(grant.pk, seller=people.shop, scope="all", actor=people.user("owner"))
    # then
    grant.refresh_from_db()
    assert grant.scope == HelperScope.ALL
    event = _last_event()
    assert event.event_type == AuditEventType.HELPER_SCOPE_CHANGED
    assert (event.old, event.new) == ({"scope": "products"}, {"scope": "all"})


def test_change_helper_scope_of_another_shops_grant_is_not_found(people: People):
    # given: the other seller names a grant of our shop while acting on their own shop
    grant = people.grants["helper_products"]
    # when
    with pytest.raises(SellerError) as error:
        change_helper_scope(
            grant.pk, seller=people.other_shop, scope="all", actor=people.user("other_seller")
        )
    # then
    assert error.value.code == SellerErrorCode.NOT_FOUND
    grant.refresh_from_db()
    assert grant.scope == HelperScope.PRODUCTS


def test_revoke_helper_takes_access_away_at_once_and_is_audited(people: People):
    # given
    grant = people.grants["helper_all"]
    helper = people.user("helper_all")
    # when
    revoke_helper(grant.pk, seller=people.shop, actor=people.user("owner"), reason="搬家了")
    # then
    assert not seller_policy.user_has_permission_for_instance(
        helper, SellerAction.VIEW_SHOP, people.shop
    )
    event = _last_event()
    assert event.event_type == AuditEventType.HELPER_REVOKED
    assert event.actor == people["owner"]
    assert event.old == {"scope": "all", "active": True}
    assert event.new == {"active": False}
    assert event.extra_data["reason"] == "搬家了"


def test_revoke_helper_by_the_helper_themself_is_allowed(people: People):
    # given
    grant = people.grants["helper_orders"]
    # when
    revoked = revoke_helper(grant.pk, seller=people.shop, actor=people.user("helper_orders"))
    # then
    assert revoked.revoked_by == people["helper_orders"]


@pytest.mark.parametrize("role", ["helper_products", "other_seller", "county_operator"])
def test_revoke_someone_elses_grant_is_not_found(people: People, role):
    # given
    grant = people.grants["helper_orders"]
    # when
    with pytest.raises(SellerError) as error:
        revoke_helper(grant.pk, seller=people.shop, actor=people.user(role))
    # then
    assert error.value.code == SellerErrorCode.NOT_FOUND


def test_revoke_twice_says_already_revoked(people: People):
    # given
    grant = people.grants["revoked_helper"]
    # when
    with pytest.raises(SellerError) as error:
        revoke_helper(grant.pk, seller=people.shop, actor=people.user("owner"))
    # then
    assert error.value.code == SellerErrorCode.ALREADY_REVOKED
