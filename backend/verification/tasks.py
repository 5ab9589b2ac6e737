"""Celery tasks of verification: load by id, call a service, nothing else.

Beat schedule entry (daily): task name `verification.send_expiry_reminders`.
"""

from __future__ import annotations

from celery import shared_task

from backend.verification.models import VerificationApplication
from backend.verification.notifications import send_decision, send_expiry_reminder
from backend.verification.reminders import send_expiry_reminders


@shared_task(name="verification.send_expiry_reminders")
def send_expiry_reminders_task() -> int:
    return send_expiry_reminders()


@shared_task(name="verification.send_expiry_reminder_email")
def send_expiry_reminder_email(application_id: int) -> bool:
    application = (
        VerificationApplication.objects.select_related("seller__owner")
        .filter(pk=application_id)
        .first()
    )
    return application is not None and send_expiry_reminder(application)


@shared_task(name="verification.send_decision_email")
def send_decision_email(application_id: int) -> bool:
    application = (
        VerificationApplication.objects.select_related("seller__owner")
        .filter(pk=application_id)
        .first()
    )
    return application is not None and send_decision(application)
