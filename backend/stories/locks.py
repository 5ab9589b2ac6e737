"""Row locks of stories (the only `select_for_update()` here): the story, then its consents."""

from __future__ import annotations

from backend.stories.models import Story, StoryConsent


def lock_story(story_id: int) -> Story:
    """Raises Story.DoesNotExist."""
    return (
        Story.objects.select_related("producer", "producer__owner")
        .select_for_update(of=("self",), no_key=True)
        .get(pk=story_id)
    )


def lock_live_consents(story_id: int) -> list[StoryConsent]:
    return list(
        StoryConsent.objects.filter(story_id=story_id, withdrawn_at__isnull=True)
        .order_by("pk")
        .select_for_update(of=("self",), no_key=True)
    )
