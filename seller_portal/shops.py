"""The shop a portal page acts on, found through the tenant-scoped producer lookups."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from backend.accounts.models import User
from backend.producers.lookups import get_producer_for_actor
from backend.producers.models import Producer


def portal_user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User), "portal views are wrapped in login_required"
    return user


def shop_for_request(request: HttpRequest, producer_id: int) -> Producer:
    """The shop, or 404 alike for another seller's shop and a shop that does not exist."""
    try:
        return get_producer_for_actor(producer_id, portal_user(request))
    except Producer.DoesNotExist:
        raise Http404("no such shop") from None
