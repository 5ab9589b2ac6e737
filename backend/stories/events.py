"""Audit-log writers of stories, called by services inside their transaction."""

from __future__ import annotations

from backend.accounts.models import User
from backend.audit.events import record_audit_event
from backend.audit.models import AuditEvent, AuditEventType
from backend.sellers.events import record_seller_action
from backend.stories.models import Story, StoryConsent


def consent_event(consent: StoryConsent, event_type: AuditEventType, *, actor: User) -> AuditEvent:
    story = consent.story
    return record_seller_action(
        story.producer,
        event_type,
        actor=actor,
        subject=consent,
        new={"story": story.pk, "content_hash": consent.content_hash, "live": consent.is_live},
        extra={"summary": story.title},
    )


def publication_event(
    story: Story, event_type: AuditEventType, *, actor: User | None, old: bool, new: bool
) -> AuditEvent:
    return record_audit_event(
        event_type,
        actor=actor,
        subject=story,
        seller=story.producer,
        old={"published": old},
        new={"published": new},
        extra={"summary": story.title},
    )
