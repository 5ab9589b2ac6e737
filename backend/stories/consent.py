"""The producer consents to a story's text, or withdraws consent (the story is offline at once:
the public queries require a live consent to the current text)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.audit.models import AuditEventType
from backend.stories import locks
from backend.stories.errors import StoryError, StoryErrorCode, not_found
from backend.stories.events import consent_event
from backend.stories.models import Story, StoryConsent
from backend.stories.permissions import shops_user_may_consent_for


def _lock_story_of_consenting_user(story_id: int, actor: User) -> Story:
    try:
        story = locks.lock_story(story_id)
    except Story.DoesNotExist:
        raise not_found() from None
    if not shops_user_may_consent_for(actor).filter(pk=story.producer_id).exists():
        raise not_found()
    return story


def give_consent(story_id: int, *, actor: User) -> StoryConsent:
    """Consent to the story's current text (replacing a consent to an earlier text)."""
    with transaction.atomic(durable=True):
        story = _lock_story_of_consenting_user(story_id, actor)
        live = locks.lock_live_consents(story.pk)
        if any(c.content_hash == story.content_hash for c in live):
            raise StoryError(
                StoryErrorCode.ALREADY_CONSENTED,
                _("You have already agreed to this text."),
                field="story",
            )
        now = timezone.now()
        for old in live:
            old.withdrawn_at, old.withdrawn_by = now, actor
            old.save(update_fields=["withdrawn_at", "withdrawn_by"])
        consent = StoryConsent.objects.create(
            story=story, content_hash=story.content_hash, given_by=actor, given_at=now
        )
        consent_event(consent, AuditEventType.STORY_CONSENT_GIVEN, actor=actor)
    return consent


def withdraw_consent(story_id: int, *, actor: User) -> StoryConsent:
    with transaction.atomic(durable=True):
        story = _lock_story_of_consenting_user(story_id, actor)
        live = locks.lock_live_consents(story.pk)
        if not live:
            raise StoryError(
                StoryErrorCode.NO_CONSENT,
                _("There is no consent to withdraw: the story is not online."),
                field="story",
            )
        now = timezone.now()
        for consent in live:
            consent.withdrawn_at, consent.withdrawn_by = now, actor
            consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
            consent_event(consent, AuditEventType.STORY_CONSENT_WITHDRAWN, actor=actor)
    return live[0]
