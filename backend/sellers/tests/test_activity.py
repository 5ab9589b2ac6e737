"""The seller's activity list: "by helper X for seller Y", read from the audit log."""

from __future__ import annotations

import pytest
from django.db import transaction

from backend.audit.models import AuditEventType
from backend.catalog.tests.factories import ProductFactory
from backend.sellers.events import record_seller_action
from backend.sellers.helper_grants import revoke_helper
from backend.sellers.lookups import helpers_for_seller, seller_activity, shops_helped_by
from backend.sellers.tests.scenarios import People

pytestmark = pytest.mark.django_db


def _act(people: People, role: str, event_type=AuditEventType.PRODUCT_UPDATED):  # type: ignore[no-untyped-def]
    product = ProductFactory.create(producer=people.shop)
    with transaction.atomic():
        return record_seller_action(
            people.shop,
            event_type,
            actor=people.user(role),
            subject=product,
            old={"name": "党参"},
            new={"name": "高山党参"},
        )


def test_record_seller_action_by_helper_names_helper_and_seller(people: People):
    # given / when
    event = _act(people, "helper_products")
    # then
    assert event.actor == people["helper_products"]
    assert event.on_behalf_of == people["owner"]
    assert event.seller == people.shop
    grant = people.grants["helper_products"]
    assert event.extra_data["helper"] == {
        "grant": grant.pk,
        "kind": "volunteer",
        "scope": "products",
    }
    assert (event.old, event.new) == ({"name": "党参"}, {"name": "高山党参"})


def test_record_seller_action_by_owner_has_nobody_on_whose_behalf(people: People):
    # given / when
    event = _act(people, "owner")
    # then
    assert event.on_behalf_of is None
    assert "helper" not in event.extra_data


def test_seller_activity_by_one_helper_lists_only_their_rows(people: People):
    # given
    mine = _act(people, "helper_products")
    _act(people, "helper_orders", AuditEventType.ORDER_FULFILLED)
    _act(people, "owner")
    # when
    rows = list(seller_activity(people.shop, helper=people.user("helper_products")))
    # then
    assert rows == [mine]


def test_seller_activity_helpers_only_keeps_revoked_helpers_past_actions(people: People):
    # given: a helper acts, then loses access
    before = _act(people, "helper_all")
    _act(people, "owner")
    grant = people.grants["helper_all"]
    revoke_helper(grant.pk, seller=people.shop, actor=people.user("owner"))
    # when
    rows = list(seller_activity(people.shop, helpers_only=True))
    # then
    assert rows == [before]


def test_seller_activity_never_shows_another_shops_rows(people: People):
    # given
    ours = _act(people, "helper_products")
    other_product = ProductFactory.create(producer=people.other_shop)
    with transaction.atomic():
        record_seller_action(
            people.other_shop,
            AuditEventType.PRODUCT_CREATED,
            actor=people.user("other_seller"),
            subject=other_product,
        )
    # when
    rows = list(seller_activity(people.shop))
    # then
    assert rows == [ours]


def test_helpers_for_seller_lists_active_before_revoked(people: People):
    # given / when
    grants = list(helpers_for_seller(people.shop))
    # then
    assert grants[-1] == people.grants["revoked_helper"]
    assert people.grants["helper_all"] in grants[:4]
    assert list(helpers_for_seller(people.other_shop)) == []


def test_shops_helped_by_lists_only_active_grants(people: People):
    # given / when / then
    assert [g.seller for g in shops_helped_by(people.user("helper_orders"))] == [people.shop]
    assert list(shops_helped_by(people.user("revoked_helper"))) == []
