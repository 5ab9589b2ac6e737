"""Incubation: mentors assigned to sellers, their notes, and listing-quality reviews."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class MentorAssignment(models.Model):
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentor"),
        on_delete=models.PROTECT,
        related_name="mentor_assignments",
    )
    producer = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("shop"),
        on_delete=models.CASCADE,
        related_name="mentor_assignments",
    )
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("mentor assignment")
        verbose_name_plural = _("mentor assignments")
        ordering = ["-started_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentor", "producer"],
                condition=Q(ended_on__isnull=True),
                name="mentor_assignment_one_open",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="mentor_assignment_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor_id} → {self.producer_id}"


class MentorNote(models.Model):
    assignment = models.ForeignKey(
        MentorAssignment,
        verbose_name=_("mentor assignment"),
        on_delete=models.CASCADE,
        related_name="notes",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    written_on = models.DateField(_("date"))
    body = models.TextField(_("note"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mentor note")
        verbose_name_plural = _("mentor notes")
        ordering = ["-written_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.assignment_id} {self.written_on}"


class ListingCriterion(models.TextChoices):
    PHOTOS = "photos", _("photos")
    TITLE = "title", _("title")
    DESCRIPTION = "description", _("description")
    PRICING = "pricing", _("pricing")
    SHOP_DECORATION = "shop_decoration", _("shop decoration")
    CUSTOMER_SERVICE = "customer_service", _("customer service")


MAX_CRITERION_SCORE = 5


class ListingQualityReview(models.Model):
    producer = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("shop"),
        on_delete=models.CASCADE,
        related_name="listing_quality_reviews",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    reviewed_on = models.DateField(_("date"))
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("listing quality review")
        verbose_name_plural = _("listing quality reviews")
        ordering = ["-reviewed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.producer_id} {self.reviewed_on}"


class ListingQualityScore(models.Model):
    review = models.ForeignKey(
        ListingQualityReview,
        verbose_name=_("review"),
        on_delete=models.CASCADE,
        related_name="scores",
    )
    criterion = models.CharField(_("criterion"), max_length=20, choices=ListingCriterion.choices)
    score = models.PositiveSmallIntegerField(_("score (0–5)"))

    class Meta:
        verbose_name = _("listing quality score")
        verbose_name_plural = _("listing quality scores")
        ordering = ["review", "criterion"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "criterion"], name="listing_score_one_per_criterion"
            ),
            models.CheckConstraint(
                condition=Q(score__lte=MAX_CRITERION_SCORE), name="listing_score_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"
