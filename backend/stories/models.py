"""Producer success stories (典型): editorial pages written by operators, online only while the
producer's consent covers the text as it stands.

A story is public when it is published, its shop is active, and a consent that has not been
withdrawn names the story's current `content_hash` (title, summary and body). Editing the text
therefore takes the story offline until the producer consents to the new text; withdrawing
consent takes it offline on the next request (the check is in the query, nothing is cached).
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def content_hash_of(title: str, summary: str, body: str) -> str:
    text = "\x1f".join((title.strip(), summary.strip(), body.strip()))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Story(models.Model):
    producer = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("producer"),
        on_delete=models.PROTECT,
        related_name="stories",
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=120)
    summary = models.CharField(_("summary"), max_length=300)
    body = models.TextField(_("text"), help_text=_("Plain text; an empty line starts a paragraph."))
    content_hash = models.CharField(max_length=64, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("producer story")
        verbose_name_plural = _("producer stories")
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: object, **kwargs: object) -> None:
        self.content_hash = content_hash_of(self.title, self.summary, self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "content_hash"}  # type: ignore[misc]
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class StoryPhoto(models.Model):
    """A photo of the story: normalised by the image pipeline (no EXIF), with renditions."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to="stories")
    alt = models.CharField(_("description for people who cannot see the photo"), max_length=250)
    caption = models.CharField(_("caption"), max_length=250, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("story photo")
        verbose_name_plural = _("story photos")
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.alt


class StoryConsent(models.Model):
    """The producer's consent to one version of the story: who, when, to which text."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="consents")
    content_hash = models.CharField(max_length=64)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    given_at = models.DateTimeField(default=timezone.now)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("story consent")
        verbose_name_plural = _("story consents")
        ordering = ["-given_at", "-pk"]
        constraints = [
            # At most one live consent per story.
            models.UniqueConstraint(
                fields=["story"],
                condition=Q(withdrawn_at__isnull=True),
                name="storyconsent_one_live_per_story",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True, withdrawn_by__isnull=True)
                | Q(withdrawn_at__isnull=False, withdrawn_by__isnull=False),
                name="storyconsent_withdrawal_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.story_id} {self.given_at:%Y-%m-%d}"

    @property
    def is_live(self) -> bool:
        return self.withdrawn_at is None
