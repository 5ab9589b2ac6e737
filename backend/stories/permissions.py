"""Who may consent to a story about a shop: its owner or a co-owner, never a helper.

Consent to being written about is personal (the story tells a person's life, often their
disability), so no helper scope includes it — not even "all" — and operators cannot give it
for the producer. The rule is `owner_q` of the seller policy, applied in the query.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from backend.accounts.models import User
from backend.producers.models import Producer
from backend.sellers.permissions import owner_q


def shops_user_may_consent_for(user: User | AnonymousUser | None) -> QuerySet[Producer]:
    if user is None or not user.is_authenticated or not user.is_active or user.pk is None:
        return Producer.objects.none()
    assert isinstance(user, User)
    return Producer.objects.filter(owner_q(user))
