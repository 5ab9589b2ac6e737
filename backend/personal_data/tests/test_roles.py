"""Roles for others end with the account: helper grants, enterprise memberships (the last
administrator of an enterprise with members must hand over first), pickup-point staff."""

from __future__ import annotations

from typing import cast

import pytest

from backend.delivery.models import PickupPointStaff
from backend.delivery.tests.factories import PickupPointStaffFactory
from backend.enterprises.models import EnterpriseMember, EnterpriseRole
from backend.enterprises.tests.factories import EnterpriseFactory, EnterpriseMemberFactory
from backend.personal_data.erasure import delete_account, deletion_blockers
from backend.personal_data.export import collect_personal_data
from backend.personal_data.tests.scenarios import new_user
from backend.producers.models import Producer
from backend.producers.tests.factories import ProducerFactory
from backend.sellers.models import HelperGrant, HelperKind, HelperScope

pytestmark = pytest.mark.django_db


def test_deletion_blockers_last_admin_of_an_enterprise_with_members() -> None:
    # given
    admin = new_user(name="管理员")
    enterprise = EnterpriseFactory()
    EnterpriseMemberFactory(enterprise=enterprise, user=admin, role=EnterpriseRole.ADMIN)
    EnterpriseMemberFactory(enterprise=enterprise, role=EnterpriseRole.BUYER)

    # when
    blockers = deletion_blockers(admin)

    # then
    assert [b.code for b in blockers] == ["last_enterprise_admin"]


def test_deletion_blockers_none_when_another_admin_remains() -> None:
    # given
    admin = new_user(name="管理员")
    enterprise = EnterpriseFactory()
    EnterpriseMemberFactory(enterprise=enterprise, user=admin, role=EnterpriseRole.ADMIN)
    EnterpriseMemberFactory(enterprise=enterprise, role=EnterpriseRole.ADMIN)

    # then
    assert deletion_blockers(admin) == []


def test_delete_account_ends_helper_enterprise_and_pickup_point_roles() -> None:
    # given
    person = new_user(name="志愿者小张")
    shop = cast(Producer, ProducerFactory())
    HelperGrant.objects.create(
        seller=shop, helper=person, kind=HelperKind.VOLUNTEER, scope=HelperScope.PRODUCTS
    )
    EnterpriseMemberFactory(user=person, role=EnterpriseRole.STAFF)
    PickupPointStaffFactory(user=person)
    exported = collect_personal_data(person)["sections"]

    # when
    result = delete_account(person, actor=person)

    # then
    assert len(exported["helping_shops"]) == 1
    assert len(exported["enterprise_memberships"]) == 1
    assert len(exported["pickup_point_roles"]) == 1
    grant = HelperGrant.objects.get(helper=person)
    assert grant.revoked_at is not None
    assert grant.revoked_by_id == person.pk
    assert not EnterpriseMember.objects.filter(user=person, removed_at__isnull=True).exists()
    assert not PickupPointStaff.objects.filter(user=person, removed_at__isnull=True).exists()
    assert result.counts["helper_grants_revoked"] == 1
