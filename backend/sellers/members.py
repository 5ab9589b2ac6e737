"""Services: add or remove a co-owner of a shop (a `SellerMembership`).

Owners and the operators of the shop's region may do this (`SellerAction.MANAGE_MEMBERS`): a
county federation often links the account of a household member who signed up on paper.
A shop never loses its last owner this way.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.producers.models import Producer
from backend.sellers.errors import SellerError, SellerErrorCode, not_found
from backend.sellers.events import member_added_event, member_removed_event
from backend.sellers.locks import lock_seller
from backend.sellers.models import MembershipRole, SellerMembership
from backend.sellers.permissions import SellerAction, seller_policy


def _ensure_may_manage_members(actor: User, seller: Producer) -> None:
    if not seller_policy.user_has_permission_for_instance(
        actor, SellerAction.MANAGE_MEMBERS, seller
    ):
        raise not_found("seller")


def add_seller_member(seller: Producer, user: User, *, actor: User) -> SellerMembership:
    with transaction.atomic(durable=True):
        _ensure_may_manage_members(actor, seller)
        locked = lock_seller(seller.pk)
        members = SellerMembership.objects.filter(seller_id=locked.pk)
        if locked.owner_id == user.pk or members.filter(user_id=user.pk).exists():
            raise SellerError(
                SellerErrorCode.ALREADY_MEMBER,
                _("This person already owns the shop."),
                field="user",
            )
        membership = SellerMembership.objects.create(
            seller=locked, user=user, role=MembershipRole.OWNER, added_by=actor
        )
        member_added_event(membership, actor=actor)
    return membership


def remove_seller_member(membership_id: int, *, seller: Producer, actor: User) -> None:
    with transaction.atomic(durable=True):
        _ensure_may_manage_members(actor, seller)
        locked = lock_seller(seller.pk)
        membership = (
            SellerMembership.objects.select_related("seller")
            .filter(pk=membership_id, seller_id=locked.pk)
            .first()
        )
        if membership is None:
            raise not_found("membership")
        others = (
            SellerMembership.objects.filter(seller_id=locked.pk).exclude(pk=membership.pk).exists()
        )
        if locked.owner_id is None and not others:
            raise SellerError(
                SellerErrorCode.LAST_OWNER,
                _("A shop needs at least one owner. Add another owner first."),
                field="membership",
            )
        member_removed_event(membership, actor=actor)
        SellerMembership.objects.filter(pk=membership.pk).delete()
