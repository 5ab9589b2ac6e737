"""What the person did, as the audit log recorded it.

Audit rows are never changed or deleted (a database trigger refuses it): they are the
platform's record of who did what, kept as the law requires. After deletion they point at the
anonymised account ("已注销用户"), so they no longer say who the person was.
"""

from __future__ import annotations

from typing import Any

from backend.accounts.models import User
from backend.audit.models import AuditEvent
from backend.personal_data.registry import PersonalDataSection

ACTIVITY_SHOWN = 10_000  # newest first: a bound on the file's size


class AuditTrailSection(PersonalDataSection):
    key = "your_actions"

    def export(self, user: User) -> list[dict[str, Any]]:
        events = AuditEvent.objects.filter(actor=user).order_by("-event_time", "-pk")
        return [
            {
                "time": event.event_time,
                "what": str(event.get_event_type_display()),
                "event_type": event.event_type,
                "subject": f"{event.subject_type}:{event.subject_id}",
                "shop": event.seller_id,
                "on_behalf_of_owner": event.on_behalf_of_id is not None,
                "details": event.extra_data,
            }
            for event in events[:ACTIVITY_SHOWN]
        ]
