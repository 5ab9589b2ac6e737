"""Operators publish or unpublish a story (the admin's actions call these)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from backend.accounts.models import User
from backend.audit.models import AuditEventType
from backend.stories import locks
from backend.stories.errors import not_found
from backend.stories.events import publication_event
from backend.stories.models import Story


def publish_story(story_id: int, *, actor: User | None) -> Story:
    """Mark the story published; it is online once the producer's consent covers its text."""
    with transaction.atomic(durable=True):
        try:
            story = locks.lock_story(story_id)
        except Story.DoesNotExist:
            raise not_found() from None
        if story.published_at is None:
            story.published_at = timezone.now()
            story.save(update_fields=["published_at"])
            publication_event(
                story, AuditEventType.STORY_PUBLISHED, actor=actor, old=False, new=True
            )
    return story


def unpublish_story(story_id: int, *, actor: User | None) -> Story:
    with transaction.atomic(durable=True):
        try:
            story = locks.lock_story(story_id)
        except Story.DoesNotExist:
            raise not_found() from None
        if story.published_at is not None:
            story.published_at = None
            story.save(update_fields=["published_at"])
            publication_event(
                story, AuditEventType.STORY_UNPUBLISHED, actor=actor, old=True, new=False
            )
    return story
