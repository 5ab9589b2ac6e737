"""A story is online only while the producer's consent covers its current text: consent,
withdrawal (offline at once, on the storefront and in the zone's query), edits, who may
consent, audit rows."""

from __future__ import annotations

import pytest
from django.test import Client

from backend.audit.models import AuditEvent, AuditEventType
from backend.sellers.tests.scenarios import ROLES
from backend.stories.consent import give_consent, withdraw_consent
from backend.stories.errors import StoryError, StoryErrorCode
from backend.stories.lookups import published_stories, published_stories_for_zone
from backend.stories.models import StoryConsent
from backend.stories.publishing import publish_story, unpublish_story
from backend.stories.tests.scenarios import new_story, online_story

pytestmark = pytest.mark.django_db


def test_published_story_is_offline_until_the_producer_consents(client: Client, people) -> None:
    # given a published story without consent
    story = new_story(people.shop)
    publish_story(story.pk, actor=people.user("superuser"))
    assert client.get(f"/en/stories/{story.slug}/").status_code == 404
    assert published_stories_for_zone() == []
    # when the owner consents
    consent = give_consent(story.pk, actor=people.user("owner"))
    # then
    assert client.get(f"/en/stories/{story.slug}/").status_code == 200
    assert [s.pk for s in published_stories_for_zone()] == [story.pk]
    assert (consent.given_by, consent.content_hash) == (people.user("owner"), story.content_hash)
    event = AuditEvent.objects.get(event_type=AuditEventType.STORY_CONSENT_GIVEN)
    assert (event.actor, event.seller, event.subject_id) == (
        people.user("owner"),
        people.shop,
        str(consent.pk),
    )
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.STORY_PUBLISHED, actor=people.user("superuser")
    ).exists()


def test_withdrawing_consent_takes_the_story_offline_at_once(client: Client, people) -> None:
    # given an online story, seen once
    story = online_story(people.shop, people.user("owner"))
    assert client.get(f"/en/stories/{story.slug}/").status_code == 200
    # when the co-owner withdraws
    withdraw_consent(story.pk, actor=people.user("co_owner"))
    # then the next request finds nothing: page, list, zone query
    assert client.get(f"/en/stories/{story.slug}/").status_code == 404
    assert story.title not in client.get("/en/stories/").content.decode()
    assert published_stories() == []
    consent = StoryConsent.objects.get(story=story)
    assert consent.withdrawn_by == people.user("co_owner")
    assert consent.withdrawn_at is not None
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.STORY_CONSENT_WITHDRAWN, actor=people.user("co_owner")
    ).exists()


def test_editing_the_text_needs_consent_again(client: Client, people) -> None:
    # given an online story
    story = online_story(people.shop, people.user("owner"))
    # when an operator changes the text
    story.body += "\n\n新增一段。"
    story.save()
    # then it is offline until the producer agrees to the new text
    assert client.get(f"/en/stories/{story.slug}/").status_code == 404
    give_consent(story.pk, actor=people.user("owner"))
    assert client.get(f"/en/stories/{story.slug}/").status_code == 200
    assert StoryConsent.objects.filter(story=story, withdrawn_at__isnull=True).count() == 1


def test_unpublished_story_is_offline_even_with_consent(client: Client, people) -> None:
    story = online_story(people.shop, people.user("owner"))
    unpublish_story(story.pk, actor=people.user("superuser"))
    assert client.get(f"/en/stories/{story.slug}/").status_code == 404


def test_consenting_twice_to_the_same_text_is_refused(people) -> None:
    story = online_story(people.shop, people.user("owner"))
    with pytest.raises(StoryError) as error:
        give_consent(story.pk, actor=people.user("co_owner"))
    assert error.value.code == StoryErrorCode.ALREADY_CONSENTED


@pytest.mark.parametrize("role", [r for r in ROLES if r not in ("owner", "co_owner", "anonymous")])
def test_only_the_owner_or_a_co_owner_may_consent(people, role) -> None:
    # given a published story
    story = new_story(people.shop)
    publish_story(story.pk, actor=None)
    # when anyone else tries (helpers of every scope, operators, other sellers, the superuser)
    with pytest.raises(StoryError) as error:
        give_consent(story.pk, actor=people.user(role))
    # then: not found, nothing recorded
    assert error.value.code == StoryErrorCode.NOT_FOUND
    assert not StoryConsent.objects.exists()


def test_withdrawal_through_the_portal_takes_the_story_offline(client: Client, people) -> None:
    # given
    story = online_story(people.shop, people.user("owner"))
    client.force_login(people.user("owner"))
    portal = f"/en/seller/shop/{people.shop.pk}/stories/{story.pk}/"
    assert "Online with your consent" in client.get(portal).content.decode()
    # when
    response = client.post(portal, {"decision": "withdraw"})
    # then
    assert response.status_code == 302
    client.logout()
    assert client.get(f"/en/stories/{story.slug}/").status_code == 404


def test_story_list_and_page_show_the_story(client: Client, people) -> None:
    # given
    story = online_story(people.shop, people.user("owner"))
    # when
    listing = client.get("/en/stories/").content.decode()
    page = client.get(f"/en/stories/{story.slug}/").content.decode()
    # then
    assert story.title in listing
    assert story.summary in page
    assert "如今他在网上卖党参" in page
    assert "with the producer" in page
