"""Who may read the audit log (nobody may change it).

The audit log's only action is reading; it follows the seller policy's VIEW_ACTIVITY (owners,
helpers with scope "all", operators of the shop's region) plus platform rows for superusers.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from backend.accounts.models import User
from backend.audit.lookups import audit_events_for_actor
from backend.audit.models import AuditEvent
from backend.sellers.permissions import SellerAction, seller_policy


class AuditEventPolicy:
    model = AuditEvent

    def instances_for(
        self, user: User | AnonymousUser | None, action: str = "view"
    ) -> QuerySet[AuditEvent]:
        if action != "view":
            return AuditEvent.objects.none()
        return audit_events_for_actor(user)

    def user_has_permission(self, user: User | AnonymousUser | None, action: str = "view") -> bool:
        if action != "view" or user is None or not user.is_authenticated:
            return False
        return bool(user.is_superuser) or seller_policy.user_has_permission(
            user, SellerAction.VIEW_ACTIVITY
        )

    def user_has_permission_for_instance(
        self, user: User | AnonymousUser | None, action: str, instance: AuditEvent
    ) -> bool:
        return self.instances_for(user, action).filter(pk=instance.pk).exists()


audit_event_policy = AuditEventPolicy()
