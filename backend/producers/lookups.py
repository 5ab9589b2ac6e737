"""Tenant-scoped reads of producers (Zulip's access_x pattern).

A user reaches only the shops they own; "not yours" and "does not exist" look the same
(Producer.DoesNotExist). Delegated helpers and operator scopes arrive with the seller-portal
issue as explicit policy branches here, never as a missing filter.
"""

from __future__ import annotations

from django.db.models import QuerySet

from backend.accounts.models import User
from backend.producers.models import Producer


def producers_for_actor(actor: User) -> QuerySet[Producer]:
    if not actor.is_authenticated or not actor.is_active:
        return Producer.objects.none()
    return Producer.objects.filter(owner=actor)


def get_producer_for_actor(producer_id: int, actor: User) -> Producer:
    return producers_for_actor(actor).get(pk=producer_id)
