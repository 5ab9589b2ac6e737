"""Who may do what for which seller: the one place that answers it (Wagtail's policy shape).

Roles, each an explicit branch of one queryset filter (never a missing filter):

- **owner** — `Producer.owner` or a `SellerMembership`: every seller action.
- **helper** — an active `HelperGrant` (not revoked, helper account active): the actions of the
  grant's scope (`SCOPE_ACTIONS`). Money-affecting actions (`MONEY_ACTIONS`) a helper may
  prepare, but `requires_seller_confirmation` says the owner must confirm them.
- **operator** — an active staff user with an `OperatorScope`: the read-and-review actions
  (`OPERATOR_ACTIONS`) on shops in their regions. A region covers everything below it (a city
  covers its counties, townships and villages); a scope without a region, or a superuser,
  covers the whole country. An operator never reviews a shop they own or help.
- anyone else (other sellers, enterprises, customers, inactive accounts, anonymous): nothing.

`SellerPolicy.instances_for(user, action)` is a lazy queryset with the rules in the WHERE clause
(EXISTS subqueries), so a list of shops costs one query, and `SellerOwnedPolicy` turns it into
the policy of any table that has a seller foreign key (products, sub-orders, applications…).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, QuerySet

from backend.accounts.models import User
from backend.producers.models import Producer
from backend.regions.models import RegionLevel
from backend.sellers.models import HelperGrant, HelperScope, OperatorScope, SellerMembership


class SellerAction(enum.StrEnum):
    VIEW_SHOP = "view_shop"
    EDIT_SHOP = "edit_shop"
    MANAGE_PRODUCTS = "manage_products"
    VIEW_ORDERS = "view_orders"
    FULFIL_ORDERS = "fulfil_orders"
    REFUND_ORDERS = "refund_orders"
    VIEW_EARNINGS = "view_earnings"
    CHANGE_PAYOUT_ACCOUNT = "change_payout_account"
    MANAGE_HELPERS = "manage_helpers"
    MANAGE_MEMBERS = "manage_members"
    CONFIRM_MONEY_ACTIONS = "confirm_money_actions"
    VIEW_ACTIVITY = "view_activity"
    APPLY_FOR_VERIFICATION = "apply_for_verification"
    VIEW_EVIDENCE = "view_evidence"
    INSPECT_SHOP = "inspect_shop"
    REVIEW_VERIFICATION = "review_verification"


_MEMBER_ACTIONS = frozenset(SellerAction) - {
    SellerAction.INSPECT_SHOP,
    SellerAction.REVIEW_VERIFICATION,
}
OWNER_ACTIONS: frozenset[SellerAction] = _MEMBER_ACTIONS

SCOPE_ACTIONS: dict[str, frozenset[SellerAction]] = {
    HelperScope.PRODUCTS: frozenset({SellerAction.VIEW_SHOP, SellerAction.MANAGE_PRODUCTS}),
    HelperScope.ORDERS: frozenset(
        {
            SellerAction.VIEW_SHOP,
            SellerAction.VIEW_ORDERS,
            SellerAction.FULFIL_ORDERS,
            SellerAction.REFUND_ORDERS,
        }
    ),
    HelperScope.ALL: _MEMBER_ACTIONS
    - {
        SellerAction.MANAGE_HELPERS,
        SellerAction.MANAGE_MEMBERS,
        SellerAction.CONFIRM_MONEY_ACTIONS,
    },
}

OPERATOR_ACTIONS: frozenset[SellerAction] = frozenset(
    {
        SellerAction.INSPECT_SHOP,
        SellerAction.VIEW_ACTIVITY,
        SellerAction.VIEW_EVIDENCE,
        SellerAction.REVIEW_VERIFICATION,
        SellerAction.MANAGE_MEMBERS,
    }
)

# Actions that move money: a helper may prepare them; the seller confirms them.
MONEY_ACTIONS: frozenset[SellerAction] = frozenset(
    {SellerAction.REFUND_ORDERS, SellerAction.CHANGE_PAYOUT_ACCOUNT}
)

# Actions an operator may not take on a shop they belong to (conflict of interest).
_NOT_ON_OWN_SHOP = frozenset({SellerAction.REVIEW_VERIFICATION})


def is_money_affecting(action: SellerAction) -> bool:
    return action in MONEY_ACTIONS


def scopes_allowing(action: SellerAction) -> list[str]:
    return [str(scope) for scope, actions in SCOPE_ACTIONS.items() if action in actions]


def _acting_user(user: User | AnonymousUser | None) -> User | None:
    if user is None or not user.is_authenticated or not user.is_active or user.pk is None:
        return None
    return user  # type: ignore[return-value]


def is_operator(user: User | AnonymousUser | None) -> bool:
    """Staff who may act as operators somewhere (the admin review queue's gate)."""
    acting = _acting_user(user)
    if acting is None or not acting.is_staff:
        return False
    return acting.is_superuser or OperatorScope.objects.filter(user_id=acting.pk).exists()


def owner_q(user: User, seller_ref: str = "pk") -> Q:
    """Shops the user owns, as a filter on Producer (`seller_ref` names Producer's key)."""
    memberships = SellerMembership.objects.filter(seller_id=OuterRef(seller_ref), user_id=user.pk)
    return Q(owner_id=user.pk) | Q(Exists(memberships))


def helper_q(user: User, scopes: list[str]) -> Q:
    grants = HelperGrant.objects.active().filter(
        seller_id=OuterRef("pk"), helper_id=user.pk, scope__in=scopes
    )
    return Q(Exists(grants))


def operator_region_q(user: User) -> Q:
    """Shops in the operator's regions, rolled up the region tree, as a filter on Producer."""
    if user.is_superuser:
        return Q(pk__isnull=False)  # every shop (an empty Q() would vanish when OR-ed)
    covering = OperatorScope.objects.filter(user_id=user.pk).filter(
        Q(region__isnull=True)
        | Q(region__level=RegionLevel.PROVINCE, region__code=OuterRef("region__province_code"))
        | Q(region__level=RegionLevel.CITY, region__code=OuterRef("region__city_code"))
        | Q(region__level=RegionLevel.COUNTY, region__code=OuterRef("region__county_code"))
        | Q(region_id=OuterRef("region_id"))  # a township or village scope: that place
        | Q(region_id=OuterRef("region__parent_id"))  # and a village under a township scope
    )
    return Q(Exists(covering))


def seller_access_q(user: User, action: SellerAction) -> Q | None:
    """The WHERE clause for `action` by `user` on Producer; None when nothing is allowed."""
    branches: list[Q] = []
    if action in OWNER_ACTIONS:
        branches.append(owner_q(user))
    scopes = scopes_allowing(action)
    if scopes:
        branches.append(helper_q(user, scopes))
    if action in OPERATOR_ACTIONS and user.is_staff:
        operator = operator_region_q(user)
        if action in _NOT_ON_OWN_SHOP:
            operator &= ~(owner_q(user) | helper_q(user, scopes_allowing(SellerAction.VIEW_SHOP)))
        branches.append(operator)
    if not branches:
        return None
    combined = branches[0]
    for branch in branches[1:]:
        combined |= branch
    return combined


@dataclass(frozen=True)
class SellerRole:
    """How a user stands with one shop (for audit rows and page wording)."""

    is_owner: bool
    grant: HelperGrant | None
    is_operator: bool

    @property
    def is_helper(self) -> bool:
        return not self.is_owner and self.grant is not None


class SellerPolicy:
    """Wagtail-shaped policy over Producer (the seller)."""

    model = Producer

    def instances_for(
        self, user: User | AnonymousUser | None, action: SellerAction
    ) -> QuerySet[Producer]:
        acting = _acting_user(user)
        if acting is None:
            return Producer.objects.none()
        where = seller_access_q(acting, action)
        if where is None:
            return Producer.objects.none()
        return Producer.objects.filter(where)

    def user_has_permission(self, user: User | AnonymousUser | None, action: SellerAction) -> bool:
        """May the user take `action` on at least one shop?"""
        return self.instances_for(user, action).exists()

    def user_has_permission_for_instance(
        self, user: User | AnonymousUser | None, action: SellerAction, instance: Producer
    ) -> bool:
        if instance.pk is None:
            return False
        return self.instances_for(user, action).filter(pk=instance.pk).exists()

    def requires_seller_confirmation(
        self, user: User | AnonymousUser | None, action: SellerAction, seller: Producer
    ) -> bool:
        """True when `user` may prepare `action` but the seller must confirm it themself."""
        if not is_money_affecting(action):
            return False
        acting = _acting_user(user)
        if acting is None:
            return True
        return not Producer.objects.filter(owner_q(acting), pk=seller.pk).exists()

    def role_of(self, user: User | AnonymousUser | None, seller: Producer) -> SellerRole:
        acting = _acting_user(user)
        if acting is None:
            return SellerRole(is_owner=False, grant=None, is_operator=False)
        is_owner = Producer.objects.filter(owner_q(acting), pk=seller.pk).exists()
        grant = (
            None
            if is_owner
            else HelperGrant.objects.active().filter(seller_id=seller.pk, helper=acting).first()
        )
        operating = (
            acting.is_staff
            and Producer.objects.filter(operator_region_q(acting), pk=seller.pk).exists()
        )
        return SellerRole(is_owner=is_owner, grant=grant, is_operator=operating)


seller_policy = SellerPolicy()

M = TypeVar("M", bound=models.Model)


class SellerOwnedPolicy(Generic[M]):
    """The policy of any table with a seller foreign key: rows of the shops the user may act on.

    `SellerOwnedPolicy(Product, seller_field="producer")` gives the portal its product policy.
    """

    def __init__(self, model: type[M], *, seller_field: str = "seller") -> None:
        self.model = model
        self.seller_field = seller_field

    def instances_for(self, user: User | AnonymousUser | None, action: SellerAction) -> QuerySet[M]:
        manager: Any = self.model._default_manager
        acting = _acting_user(user)
        where = None if acting is None else seller_access_q(acting, action)
        if where is None:
            return manager.none()
        sellers = Producer.objects.filter(where).values("pk")
        return manager.filter(**{f"{self.seller_field}__in": sellers})

    def user_has_permission(self, user: User | AnonymousUser | None, action: SellerAction) -> bool:
        return seller_policy.user_has_permission(user, action)

    def user_has_permission_for_instance(
        self, user: User | AnonymousUser | None, action: SellerAction, instance: M
    ) -> bool:
        if instance.pk is None:
            return False
        return self.instances_for(user, action).filter(pk=instance.pk).exists()


def covering_operator_scope(user: User, seller: Producer) -> OperatorScope | None:
    """The operator's most specific region that covers the shop (None if none does)."""
    region = seller.region
    covers = Q(region__isnull=True) | Q(region_id=region.pk)
    if region.parent_id is not None:
        covers |= Q(region_id=region.parent_id)
    for level, code in (
        (RegionLevel.PROVINCE, region.province_code),
        (RegionLevel.CITY, region.city_code),
        (RegionLevel.COUNTY, region.county_code),
    ):
        if code:
            covers |= Q(region__level=level, region__code=code)
    return (
        OperatorScope.objects.filter(covers, user_id=user.pk)
        .select_related("region")
        .order_by(F("region__level").desc(nulls_last=True), "pk")
        .first()
    )
