"""Public stories (the consent rule in the query) and the stories a producer may consent to.

`published_stories_for_zone()` is the query the special-products zone (and the home page) may
use; `templates/stories/includes/story_cards.html` renders its result.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, QuerySet

from backend.accounts.models import User
from backend.stories.models import Story, StoryConsent
from backend.stories.permissions import shops_user_may_consent_for


def _live_consent() -> Exists:
    return Exists(
        StoryConsent.objects.filter(
            story_id=OuterRef("pk"),
            content_hash=OuterRef("content_hash"),
            withdrawn_at__isnull=True,
        )
    )


def public_stories() -> QuerySet[Story]:
    """Published, of an active shop, with a live consent to the current text."""
    return Story.objects.filter(
        _live_consent(), published_at__isnull=False, producer__is_active=True
    )


def _cards(stories: QuerySet[Story]) -> QuerySet[Story]:
    return (
        stories.select_related("producer")
        .only("slug", "title", "summary", "published_at", "producer__name", "producer__slug")
        .order_by("-published_at", "-pk")
    )


def published_stories(limit: int | None = None) -> list[Story]:
    """Story cards, newest first (one query)."""
    stories = _cards(public_stories())
    return list(stories[:limit] if limit else stories)


def published_stories_for_zone(limit: int = 3) -> list[Story]:
    """The newest public stories for the special-products zone's page."""
    return published_stories(limit)


def published_stories_of_producer(producer_id: int) -> list[Story]:
    """For the shop page and the batch page."""
    return list(_cards(public_stories().filter(producer_id=producer_id)))


def published_stories_of_producer_slug(producer_slug: str) -> list[Story]:
    """For the shop page, which knows the shop by its slug."""
    return list(_cards(public_stories().filter(producer__slug=producer_slug)))


def get_public_story(slug: str) -> Story:
    """Raises Story.DoesNotExist for a missing story and an offline one alike."""
    return public_stories().select_related("producer", "producer__region").get(slug=slug)


def stories_for_consenting_user(
    user: User | AnonymousUser | None, producer_id: int
) -> QuerySet[Story]:
    return Story.objects.filter(
        producer__in=shops_user_may_consent_for(user), producer_id=producer_id
    )
