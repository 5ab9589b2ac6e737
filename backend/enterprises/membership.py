"""Members of an enterprise: adding people who already have an account (by e-mail or mobile
number) with a role, and removing them. An enterprise always keeps one administrator."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.accounts.lookups import get_user_by_login
from backend.accounts.models import User
from backend.audit.models import AuditEventType
from backend.enterprises.errors import EnterpriseError, EnterpriseErrorCode
from backend.enterprises.events import record_enterprise_event
from backend.enterprises.locks import lock_enterprise, lock_live_members
from backend.enterprises.models import Enterprise, EnterpriseMember, EnterpriseRole


def add_member(enterprise: Enterprise, *, login: str, role: str, actor: User) -> EnterpriseMember:
    """Give the account with this e-mail or mobile number a role in the enterprise."""
    if role not in EnterpriseRole.values:
        raise EnterpriseError(
            EnterpriseErrorCode.INVALID, _("Choose the member's role"), field="role"
        )
    if not (login or "").strip():
        raise EnterpriseError(
            EnterpriseErrorCode.REQUIRED,
            _("Enter the person's mobile number or email address"),
            field="login",
        )
    try:
        user = get_user_by_login(login)
    except User.DoesNotExist:
        user = None
    if user is None or not user.is_active:
        raise EnterpriseError(
            EnterpriseErrorCode.NO_ACCOUNT,
            _(
                "No account uses this mobile number or email address. Ask the person to create "
                "an account on the enterprise portal first, then add them."
            ),
            field="login",
        )
    try:
        with transaction.atomic(durable=True):
            lock_enterprise(enterprise.pk)
            if EnterpriseMember.objects.filter(
                enterprise_id=enterprise.pk, user_id=user.pk, role=role, removed_at__isnull=True
            ).exists():
                raise _already_member()
            member = EnterpriseMember.objects.create(enterprise=enterprise, user=user, role=role)
            record_enterprise_event(
                AuditEventType.ENTERPRISE_MEMBER_ADDED,
                actor=actor,
                subject=member,
                new={"enterprise": enterprise.pk, "user": user.pk, "role": role},
            )
    except IntegrityError:
        raise _already_member() from None
    return member


def _already_member() -> EnterpriseError:
    return EnterpriseError(
        EnterpriseErrorCode.ALREADY_MEMBER,
        _("This person already has that role in the enterprise"),
        field="login",
    )


def remove_member(member: EnterpriseMember, *, actor: User) -> EnterpriseMember:
    """End a membership (the row stays, with the time it ended)."""
    with transaction.atomic(durable=True):
        lock_enterprise(member.enterprise_id)
        live = lock_live_members(member.enterprise_id)
        current = next((row for row in live if row.pk == member.pk), None)
        if current is None:
            raise EnterpriseError(
                EnterpriseErrorCode.NOT_FOUND, _("This membership has already ended")
            )
        admins = [row for row in live if row.role == EnterpriseRole.ADMIN]
        if current.role == EnterpriseRole.ADMIN and len(admins) == 1:
            raise EnterpriseError(
                EnterpriseErrorCode.LAST_ADMIN,
                _("An enterprise needs an administrator: add another one before removing this one"),
            )
        current.removed_at = timezone.now()
        current.save(update_fields=["removed_at"])
        record_enterprise_event(
            AuditEventType.ENTERPRISE_MEMBER_REMOVED,
            actor=actor,
            subject=current,
            old={
                "enterprise": current.enterprise_id,
                "user": current.user_id,
                "role": current.role,
            },
        )
    return current
