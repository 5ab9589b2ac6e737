"""Everyone who might touch one shop, for permission matrices and workflow tests.

The shop is in 甘肃省 定西市 渭源县 (621123);
the other seller's shop in 甘肃省 陇南市 成县 (621221).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser

from backend.accounts.models import User
from backend.accounts.tests.factories import UserFactory
from backend.producers.models import Producer
from backend.producers.tests.factories import DisabledSellerFactory, ProducerFactory
from backend.regions.models import Region
from backend.sellers.models import HelperGrant, HelperScope
from backend.sellers.tests.factories import (
    HelperGrantFactory,
    OperatorScopeFactory,
    SellerMembershipFactory,
    StaffFactory,
)

ROLES = (
    "owner",
    "co_owner",
    "helper_products",
    "helper_orders",
    "helper_all",
    "revoked_helper",
    "inactive_helper",
    "inactive_owner",
    "other_seller",
    "enterprise",
    "county_operator",
    "city_operator",
    "province_operator",
    "other_county_operator",
    "staff_without_region",
    "superuser",
    "anonymous",
)


@dataclass
class People:
    shop: Producer
    other_shop: Producer
    users: dict[str, User | AnonymousUser]
    grants: dict[str, HelperGrant]

    def __getitem__(self, role: str) -> User | AnonymousUser:
        return self.users[role]

    def user(self, role: str) -> User:
        found = self.users[role]
        assert isinstance(found, User)
        return found


def region(code: str) -> Region:
    return Region.objects.get(code=code)


def build_people() -> People:
    """A disabled seller's shop (owner, co-owner, helpers, operators) and a second shop."""
    owner = UserFactory.create(name="李店主")
    shop = DisabledSellerFactory.create(owner=owner, region=region("621123"), name="小李的党参店")
    other_owner = UserFactory.create(name="别家店主")
    other_shop = ProducerFactory.create(
        owner=other_owner, region=region("621221"), name="成县核桃社"
    )
    users: dict[str, User | AnonymousUser] = {"owner": owner, "other_seller": other_owner}
    users["co_owner"] = SellerMembershipFactory.create(
        seller=shop, user=UserFactory.create(name="李家儿子")
    ).user
    grants: dict[str, HelperGrant] = {}
    for role, scope in (
        ("helper_products", HelperScope.PRODUCTS),
        ("helper_orders", HelperScope.ORDERS),
        ("helper_all", HelperScope.ALL),
        ("revoked_helper", HelperScope.ALL),
        ("inactive_helper", HelperScope.ALL),
    ):
        grants[role] = HelperGrantFactory.create(seller=shop, scope=scope)
        users[role] = grants[role].helper
    grants["revoked_helper"].revoked_at = grants["revoked_helper"].granted_at
    grants["revoked_helper"].save(update_fields=["revoked_at"])
    inactive = grants["inactive_helper"].helper
    inactive.is_active = False
    inactive.save(update_fields=["is_active"])
    inactive_owner = UserFactory.create(name="停用的店主", is_active=False)
    SellerMembershipFactory.create(seller=shop, user=inactive_owner)
    users["inactive_owner"] = inactive_owner
    users["enterprise"] = UserFactory.create(name="龙头企业采购员")
    users["county_operator"] = OperatorScopeFactory.create(region=region("621123")).user
    users["city_operator"] = OperatorScopeFactory.create(region=region("6211")).user
    users["province_operator"] = OperatorScopeFactory.create(region=region("62")).user
    users["other_county_operator"] = OperatorScopeFactory.create(region=region("621221")).user
    users["staff_without_region"] = StaffFactory.create()
    users["superuser"] = UserFactory.create(name="平台管理员", is_staff=True, is_superuser=True)
    users["anonymous"] = AnonymousUser()
    return People(shop=shop, other_shop=other_shop, users=users, grants=grants)
