"""Reminders before an approval lapses (Celery beat, daily: `verification.send_expiry_reminders`).

Stages come from VERIFICATION_REMINDER_DAYS (30 and 7 days before by default). Each approval
gets each stage at most once (`last_reminder_days`), and none when a renewal is already under
way or approved, so running the task twice, or late, sends nothing twice. The e-mail goes out
after the reminder is recorded and committed.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import partial

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from backend.verification.conf import reminder_days
from backend.verification.events import reminder_sent_event
from backend.verification.locks import lock_approved_application
from backend.verification.models import (
    OPEN_STATUSES,
    ApplicationStatus,
    VerificationApplication,
)


def reminder_stage(valid_until: datetime, now: datetime) -> int | None:
    """The smallest stage (days) that the time left has reached, or None if none has."""
    left = valid_until - now
    reached = [days for days in reminder_days() if left <= timedelta(days=days)]
    return min(reached) if reached else None


def approvals_due_for_reminder(now: datetime) -> QuerySet[VerificationApplication]:
    stages = reminder_days()
    if not stages:
        return VerificationApplication.objects.none()
    renewal_under_way = VerificationApplication.objects.filter(
        renewal_of_id=OuterRef("pk"),
        status__in=[*OPEN_STATUSES, ApplicationStatus.APPROVED],
    )
    return (
        VerificationApplication.objects.filter(
            status=ApplicationStatus.APPROVED,
            valid_until__gt=now,
            valid_until__lte=now + timedelta(days=max(stages)),
        )
        .filter(Q(last_reminder_days__isnull=True) | Q(last_reminder_days__gt=min(stages)))
        .exclude(Exists(renewal_under_way))
        .order_by("valid_until", "pk")
    )


def send_expiry_reminders(*, now: datetime | None = None) -> int:
    """Record and queue the reminders that are due; returns how many were queued."""
    from backend.verification.tasks import send_expiry_reminder_email

    moment = now or timezone.now()
    sent = 0
    for application_id in approvals_due_for_reminder(moment).values_list("pk", flat=True):
        with transaction.atomic(durable=True):
            application = lock_approved_application(application_id)
            if application is None or application.valid_until is None:
                continue
            stage = reminder_stage(application.valid_until, moment)
            last = application.last_reminder_days
            if stage is None or (last is not None and last <= stage):
                continue
            application.last_reminder_days = stage
            application.save(update_fields=["last_reminder_days", "updated_at"])
            reminder_sent_event(application, days_before=stage)
            transaction.on_commit(partial(send_expiry_reminder_email.delay, application.pk))
            sent += 1
    return sent
