"""Celery tasks of accounts: load by id, call a service, nothing else."""

from __future__ import annotations

from celery import shared_task

from backend.accounts.models import User
from backend.accounts.notifications import send_password_reset_email
from backend.accounts.password_reset import reset_link, user_can_reset


@shared_task(name="accounts.send_password_reset_email")
def send_password_reset_email_task(user_id: int, link_pattern: str) -> bool:
    """The token is made here, at sending time, so it never waits in the broker."""
    user = User.objects.filter(pk=user_id).first()
    if user is None or not user_can_reset(user):
        return False
    return send_password_reset_email(user, reset_link(user, link_pattern))
