"""Celery tasks of personal data: load by id, call a service, nothing else."""

from __future__ import annotations

from celery import shared_task

from backend.accounts.models import User
from backend.personal_data.deletion_requests import deletion_link
from backend.personal_data.notifications import send_deletion_link


@shared_task(name="personal_data.send_deletion_link")
def send_deletion_link_task(user_id: int, link_pattern: str) -> bool:
    """The token is made here, at sending time, so it never waits in the broker."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    return send_deletion_link(user, deletion_link(user, link_pattern))
