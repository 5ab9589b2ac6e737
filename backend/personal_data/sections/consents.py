"""Consents the person gave: to publish a story about their shop (with the text's checksum)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from backend.accounts.models import User
from backend.personal_data.registry import PersonalDataSection
from backend.stories.models import StoryConsent


class ConsentsSection(PersonalDataSection):
    """Consent rows stay after deletion: they are the proof that a story was published with
    permission (`erase` does nothing; the stories of a closed shop go offline, see shops)."""

    key = "consents"

    def export(self, user: User) -> list[dict[str, Any]]:
        consents = (
            StoryConsent.objects.filter(Q(given_by=user) | Q(withdrawn_by=user))
            .select_related("story")
            .order_by("given_at", "pk")
        )
        return [
            {
                "kind": "story_publication",
                "story": consent.story.title,
                "given": consent.given_at if consent.given_by_id == user.pk else None,
                "withdrawn": consent.withdrawn_at,
                "text_checksum": consent.content_hash,
            }
            for consent in consents
        ]
