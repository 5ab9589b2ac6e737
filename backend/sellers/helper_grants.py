"""Services: a seller grants, narrows or widens, and revokes a helper's access to the shop.

Only the shop's owners may grant or change helpers (`SellerAction.MANAGE_HELPERS`); a helper may
also give up their own grant. Each change writes its audit row in the same transaction.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.producers.models import Producer
from backend.sellers.errors import SellerError, SellerErrorCode, not_found
from backend.sellers.events import (
    helper_granted_event,
    helper_revoked_event,
    helper_scope_changed_event,
)
from backend.sellers.locks import lock_helper_grant, lock_seller
from backend.sellers.models import HelperGrant, HelperKind, HelperScope
from backend.sellers.permissions import SellerAction, owner_q, seller_policy


def _ensure_may_manage_helpers(actor: User, seller: Producer) -> None:
    if not seller_policy.user_has_permission_for_instance(
        actor, SellerAction.MANAGE_HELPERS, seller
    ):
        raise not_found("seller")


def grant_helper(
    seller: Producer,
    helper: User,
    *,
    kind: HelperKind | str,
    scope: HelperScope | str,
    actor: User,
    note: str = "",
) -> HelperGrant:
    kind, scope = HelperKind(kind), HelperScope(scope)
    with transaction.atomic(durable=True):
        _ensure_may_manage_helpers(actor, seller)
        if not helper.is_active:
            raise SellerError(
                SellerErrorCode.HELPER_INACTIVE,
                _("This account is switched off, so it cannot help your shop."),
                field="helper",
            )
        locked = lock_seller(seller.pk)
        if Producer.objects.filter(owner_q(helper), pk=locked.pk).exists():
            raise SellerError(
                SellerErrorCode.CANNOT_HELP_OWN_SHOP,
                _("This person already owns the shop; owners need no helper access."),
                field="helper",
            )
        if HelperGrant.objects.filter(
            seller_id=locked.pk, helper_id=helper.pk, revoked_at__isnull=True
        ).exists():
            raise SellerError(
                SellerErrorCode.ALREADY_HELPER,
                _("This person already helps your shop. Change what they may do instead."),
                field="helper",
            )
        try:
            with transaction.atomic():
                grant = HelperGrant.objects.create(
                    seller=locked,
                    helper=helper,
                    kind=kind,
                    scope=scope,
                    note=note,
                    granted_by=actor,
                )
        except IntegrityError:  # pragma: no cover - the seller lock serialises grants
            raise SellerError(
                SellerErrorCode.ALREADY_HELPER,
                _("This person already helps your shop."),
                field="helper",
            ) from None
        helper_granted_event(grant, actor=actor)
    return grant


def change_helper_scope(
    grant_id: int, *, seller: Producer, scope: HelperScope | str, actor: User
) -> HelperGrant:
    scope = HelperScope(scope)
    with transaction.atomic(durable=True):
        _ensure_may_manage_helpers(actor, seller)
        try:
            grant = lock_helper_grant(grant_id, seller_id=seller.pk)
        except HelperGrant.DoesNotExist:
            raise not_found("grant") from None
        if grant.revoked_at is not None:
            raise SellerError(
                SellerErrorCode.ALREADY_REVOKED,
                _("This helper's access was already taken away. Add them again instead."),
                field="grant",
            )
        old_scope = grant.scope
        if old_scope == scope:
            return grant
        grant.scope = scope
        grant.save(update_fields=["scope"])
        helper_scope_changed_event(grant, actor=actor, old_scope=old_scope)
    return grant


def revoke_helper(grant_id: int, *, seller: Producer, actor: User, reason: str = "") -> HelperGrant:
    """The owner takes a helper's access away, or a helper gives up their own."""
    with transaction.atomic(durable=True):
        try:
            grant = lock_helper_grant(grant_id, seller_id=seller.pk)
        except HelperGrant.DoesNotExist:
            raise not_found("grant") from None
        if grant.helper_id != actor.pk:
            try:
                _ensure_may_manage_helpers(actor, seller)
            except SellerError:
                raise not_found("grant") from None
        if grant.revoked_at is not None:
            raise SellerError(
                SellerErrorCode.ALREADY_REVOKED,
                _("This helper's access was already taken away."),
                field="grant",
            )
        grant.revoked_at = timezone.now()
        grant.revoked_by = actor
        grant.save(update_fields=["revoked_at", "revoked_by"])
        helper_revoked_event(grant, actor=actor, reason=reason)
    return grant
