"""Stories about the shop: the producer reads what operators wrote and consents, or withdraws
consent (the story goes offline at once). Owner or co-owner only — consent is personal, so no
helper scope allows it; for anyone else the page does not exist."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from backend.producers.models import Producer
from backend.stories.consent import give_consent, withdraw_consent
from backend.stories.errors import StoryError
from backend.stories.lookups import stories_for_consenting_user
from backend.stories.models import Story, StoryConsent
from backend.stories.permissions import shops_user_may_consent_for
from seller_portal.shops import portal_user

LIVE = StoryConsent.objects.filter(withdrawn_at__isnull=True).order_by("pk")


def _shop(request: HttpRequest, producer_id: int) -> Producer:
    shop = shops_user_may_consent_for(portal_user(request)).filter(pk=producer_id).first()
    if shop is None:
        raise Http404("no such shop")
    return shop


def consent_state(story: Story) -> str:
    """online, waiting (published, no consent to this text), changed (consent to an older
    text), draft (not published, no consent), agreed (consented, not published yet)."""
    live = getattr(story, "live_consents", [])
    covers = any(c.content_hash == story.content_hash for c in live)
    if covers:
        return "online" if story.is_published else "agreed"
    if live:
        return "changed"
    return "waiting" if story.is_published else "draft"


def _stories(request: HttpRequest, shop: Producer) -> list[Story]:
    stories = stories_for_consenting_user(portal_user(request), shop.pk).prefetch_related(
        Prefetch("consents", queryset=LIVE, to_attr="live_consents")
    )
    found: list[Story] = list(stories.order_by("-created_at", "-pk"))
    for story in found:
        story.consent_state = consent_state(story)  # type: ignore[attr-defined]
    return found


@require_safe
@login_required
def story_list(request: HttpRequest, producer_id: int) -> HttpResponse:
    shop = _shop(request, producer_id)
    context = {"shop": shop, "stories": _stories(request, shop)}
    return render(request, "seller_portal/stories/list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def story_detail(request: HttpRequest, producer_id: int, story_id: int) -> HttpResponse:
    shop = _shop(request, producer_id)
    story = next((s for s in _stories(request, shop) if s.pk == story_id), None)
    if story is None:
        raise Http404("no such story")
    error = ""
    if request.method == "POST":
        try:
            if request.POST.get("decision") == "withdraw":
                withdraw_consent(story.pk, actor=portal_user(request))
                messages.success(request, _("Consent withdrawn. The story is offline."))
            else:
                give_consent(story.pk, actor=portal_user(request))
                messages.success(request, _("Thank you. Your consent is recorded."))
        except StoryError as problem:
            error = problem.message
        else:
            url = reverse("seller_portal:story_consent", args=[shop.pk, story.pk])
            return HttpResponseRedirect(url)
    context = {
        "shop": shop,
        "story": story,
        "photos": list(story.photos.all()),
        "error": error,
    }
    return render(
        request, "seller_portal/stories/detail.html", context, status=400 if error else 200
    )
