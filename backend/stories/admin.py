"""Operators write stories in the admin; publishing goes through the services (audited).

The consent column shows whether the producer's live consent covers the current text; only the
producer can give or withdraw it (seller portal), never an operator.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.images.fields import NormalisedImageUploadField
from backend.stories.models import Story, StoryConsent, StoryPhoto
from backend.stories.publishing import publish_story, unpublish_story


class StoryPhotoForm(forms.ModelForm):
    class Meta:
        model = StoryPhoto
        fields = ["image", "alt", "caption", "sort_order"]
        field_classes = {"image": NormalisedImageUploadField}


class StoryPhotoInline(admin.TabularInline):
    model = StoryPhoto
    form = StoryPhotoForm
    extra = 1


class StoryConsentInline(admin.TabularInline):
    model = StoryConsent
    extra = 0
    can_delete = False
    fields = ("given_by", "given_at", "withdrawn_by", "withdrawn_at", "covers_current_text")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    @admin.display(description=_("covers the current text"), boolean=True)
    def covers_current_text(self, consent: StoryConsent) -> bool:
        return consent.is_live and consent.content_hash == consent.story.content_hash


def _actor(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["title", "producer", "published_at", "has_consent"]
    list_select_related = ["producer"]
    search_fields = ["title", "producer__name", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["producer"]
    fields = ["producer", "slug", "title", "summary", "body"]
    inlines = [StoryPhotoInline, StoryConsentInline]
    actions = ["publish", "unpublish"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Story]:
        live = StoryConsent.objects.filter(
            story_id=OuterRef("pk"), content_hash=OuterRef("content_hash"), withdrawn_at=None
        )
        return super().get_queryset(request).annotate(live_consent=Exists(live))

    @admin.display(description=_("producer's consent"), boolean=True)
    def has_consent(self, story: Story) -> bool:
        return bool(getattr(story, "live_consent", False))

    def save_model(self, request: HttpRequest, obj: Story, form: forms.Form, change: bool) -> None:
        if not change:
            obj.created_by = _actor(request)
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Publish (online once the producer consents)"))
    def publish(self, request: HttpRequest, queryset: QuerySet[Story]) -> None:
        for story_id in queryset.order_by("pk").values_list("pk", flat=True):
            publish_story(story_id, actor=_actor(request))
        messages.success(request, _("Published."))

    @admin.action(description=_("Unpublish"))
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Story]) -> None:
        for story_id in queryset.order_by("pk").values_list("pk", flat=True):
            unpublish_story(story_id, actor=_actor(request))
        messages.success(request, _("Unpublished."))
