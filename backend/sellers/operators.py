"""Services: platform staff give an operator (a federation or bureau worker) a region.

Only superusers hand out regions. The operator must be a staff account (to reach the admin).
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.regions.models import Region
from backend.sellers.errors import SellerError, SellerErrorCode, not_found
from backend.sellers.events import operator_scope_event
from backend.sellers.models import OperatorScope


def _ensure_platform_staff(actor: User) -> None:
    if not (actor.is_active and actor.is_superuser):
        raise not_found("operator")


def grant_operator_scope(user: User, *, region: Region | None, actor: User) -> OperatorScope:
    """`region=None` covers the whole country."""
    with transaction.atomic(durable=True):
        _ensure_platform_staff(actor)
        if not user.is_staff:
            raise SellerError(
                SellerErrorCode.NOT_STAFF,
                _("Only staff accounts can be operators. Tick “staff status” on the account."),
                field="user",
            )
        try:
            with transaction.atomic():
                scope = OperatorScope.objects.create(user=user, region=region, granted_by=actor)
        except IntegrityError:
            raise SellerError(
                SellerErrorCode.ALREADY_OPERATOR,
                _("This operator already covers that region."),
                field="region",
            ) from None
        operator_scope_event(scope, actor=actor)
    return scope


def remove_operator_scope(scope_id: int, *, actor: User) -> None:
    with transaction.atomic(durable=True):
        _ensure_platform_staff(actor)
        scope = OperatorScope.objects.filter(pk=scope_id).first()
        if scope is None:
            raise not_found("scope")
        operator_scope_event(scope, actor=actor, removed=True)
        scope.delete()
