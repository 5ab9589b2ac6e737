"""Reminders before an approval lapses: each stage once, e-mailed after commit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from backend.audit.models import AuditEvent, AuditEventType
from backend.sellers.tests.scenarios import People
from backend.verification.applications import start_renewal
from backend.verification.reminders import send_expiry_reminders
from backend.verification.tasks import send_expiry_reminders_task
from backend.verification.tests.scenarios import approved_application

pytestmark = pytest.mark.django_db


def test_reminder_goes_out_once_per_stage_after_commit(
    people: People, django_capture_on_commit_callbacks, mailoutbox
):
    # given: approved for 365 days, now 20 days before the end
    start = timezone.now()
    application = approved_application(people, now=start)
    assert application.valid_until is not None
    twenty_days_left = application.valid_until - timedelta(days=20)
    mailoutbox.clear()
    # when
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = send_expiry_reminders(now=twenty_days_left)
        sent_before_commit = len(mailoutbox)
    again = send_expiry_reminders(now=twenty_days_left + timedelta(hours=1))
    # then
    assert (first, again) == (1, 0)
    assert sent_before_commit == 0
    assert len(callbacks) == 1
    assert len(mailoutbox) == 1
    assert people.user("owner").email in mailoutbox[0].to
    event = AuditEvent.objects.get(event_type=AuditEventType.VERIFICATION_EXPIRY_REMINDER_SENT)
    assert event.actor is None
    assert event.seller == people.shop
    assert event.new["days_before"] == 30


def test_reminder_second_stage_at_seven_days(people: People, django_capture_on_commit_callbacks):
    # given
    application = approved_application(people)
    assert application.valid_until is not None
    send_expiry_reminders(now=application.valid_until - timedelta(days=20))
    # when
    with django_capture_on_commit_callbacks(execute=True):
        sent = send_expiry_reminders(now=application.valid_until - timedelta(days=5))
    # then
    application.refresh_from_db()
    assert sent == 1
    assert application.last_reminder_days == 7


def test_no_reminder_far_from_expiry_or_after_it(people: People):
    # given
    application = approved_application(people)
    assert application.valid_until is not None
    # when
    far = send_expiry_reminders(now=application.valid_until - timedelta(days=100))
    after = send_expiry_reminders(now=application.valid_until + timedelta(days=1))
    # then
    assert (far, after) == (0, 0)


def test_no_reminder_when_a_renewal_is_under_way(people: People):
    # given
    application = approved_application(people)
    start_renewal(application.pk, actor=people.user("owner"))
    assert application.valid_until is not None
    # when
    sent = send_expiry_reminders(now=application.valid_until - timedelta(days=3))
    # then
    assert sent == 0


def test_beat_task_runs_the_service(people: People):
    # given: nothing due
    approved_application(people)
    # when / then
    assert send_expiry_reminders_task.name == "verification.send_expiry_reminders"
    assert send_expiry_reminders_task.delay().get() == 0
