"""Stories as operators write them (the model, as the admin saves it) and as producers consent."""

from __future__ import annotations

from backend.accounts.models import User
from backend.producers.models import Producer
from backend.stories.consent import give_consent
from backend.stories.models import Story
from backend.stories.publishing import publish_story


def new_story(producer: Producer, *, slug: str = "li-dangshen", title: str = "小李的党参") -> Story:
    return Story.objects.create(
        producer=producer,
        slug=slug,
        title=title,
        summary="轮椅上的党参种植户，带动全村卖党参。",
        body="小李十年前因事故截瘫。\n\n如今他在网上卖党参。",
    )


def online_story(producer: Producer, owner: User, **kwargs: str) -> Story:
    story = new_story(producer, **kwargs)
    publish_story(story.pk, actor=None)
    give_consent(story.pk, actor=owner)
    story.refresh_from_db()
    return story
