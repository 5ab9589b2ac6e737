"""Reviews of delivered purchases, the producer's public answer, sellers' reports and the
aggregates the product and shop pages read.

- `ProductReview`: one per delivered order line (a unique order line), about the product and
  its producer; stars 1–5, plain text, up to three photos, the producer's one answer, and
  whether an operator hid it (with the reason, audited).
- `ReviewReport`: a seller (or a helper with the products scope) asks operators to look at a
  review; a review about a personal trait of the seller (disability) can then be hidden.
- `ProductReviewSummary` / `ProducerReviewSummary`: count and sum of the visible stars, written
  in the same transaction as every change that affects them, so a page reads one row instead
  of aggregating (the average is also copied to `Product.rating`, Saleor's field).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

REVIEW_TEXT_MAX_LENGTH = 2000
ANSWER_TEXT_MAX_LENGTH = 1000
MAX_REVIEW_PHOTOS = 3
REVIEW_PHOTO_DIR = "products/reviews"  # under the public "products" folder: renditions serve it


class ReviewStatus(models.TextChoices):
    VISIBLE = "visible", _("Visible")
    HIDDEN = "hidden", _("Hidden by an operator")


class ProductReview(models.Model):
    product = models.ForeignKey(
        "catalog.Product",
        verbose_name=_("product"),
        on_delete=models.CASCADE,
        related_name="reviews",
    )
    producer = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("producer"),
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    order_line = models.OneToOneField(
        "orders.OrderLine",
        verbose_name=_("order line"),
        on_delete=models.PROTECT,
        related_name="review",
    )
    # Kept when the buyer's account is deleted (personal data erasure): shown without a name.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="product_reviews",
    )
    rating = models.PositiveSmallIntegerField(_("stars"))
    text = models.TextField(_("review"), max_length=REVIEW_TEXT_MAX_LENGTH, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.VISIBLE
    )
    moderation_reason = models.CharField(_("moderation reason"), max_length=500, blank=True)
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    answer_text = models.TextField(_("answer"), max_length=ANSWER_TEXT_MAX_LENGTH, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        verbose_name = _("product review")
        verbose_name_plural = _("product reviews")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["product", "status", "created_at"], name="review_product_status_time"
            ),
            models.Index(
                fields=["producer", "status", "created_at"], name="review_producer_status_time"
            ),
            models.Index(fields=["author", "created_at"], name="review_author_time"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=5), name="review_rating_1_to_5"
            ),
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True) | ~Q(answer_text=""),
                name="review_answer_has_text",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rating}★ #{self.pk}"

    @property
    def is_visible(self) -> bool:
        return self.status == ReviewStatus.VISIBLE

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None


class ReviewPhoto(models.Model):
    review = models.ForeignKey(ProductReview, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to=REVIEW_PHOTO_DIR, max_length=200)
    alt = models.CharField(_("what the photo shows"), max_length=250)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("review photo")
        verbose_name_plural = _("review photos")
        ordering = ["review", "sort_order", "pk"]

    def __str__(self) -> str:
        return self.alt


class ReportReason(models.TextChoices):
    PERSONAL_TRAIT = (
        "personal_trait",
        _("It is about a personal trait of the seller, such as a disability"),
    )
    NOT_ABOUT_PRODUCT = "not_about_product", _("It is not about the product or the delivery")
    OFFENSIVE = "offensive", _("It is offensive or threatening")
    PERSONAL_DATA = "personal_data", _("It shows someone's personal information")
    FALSE = "false", _("It says something untrue")
    OTHER = "other", _("Something else")


class ReviewReport(models.Model):
    review = models.ForeignKey(ProductReview, on_delete=models.CASCADE, related_name="reports")
    producer = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("producer"),
        on_delete=models.PROTECT,
        related_name="review_reports",
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=32, choices=ReportReason.choices)
    details = models.TextField(_("details"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("reported at"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("review report")
        verbose_name_plural = _("review reports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["review"],
                condition=Q(resolved_at__isnull=True),
                name="review_one_open_report",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} #{self.review_id}"


class _Summary(models.Model):
    review_count = models.PositiveIntegerField(_("visible reviews"), default=0)
    rating_sum = models.PositiveIntegerField(_("sum of stars"), default=0)

    class Meta:
        abstract = True

    @property
    def average(self) -> Decimal | None:
        return average_of(self.rating_sum, self.review_count)


def average_of(rating_sum: int, count: int) -> Decimal | None:
    if not count:
        return None
    return (Decimal(rating_sum) / Decimal(count)).quantize(Decimal("0.01"), ROUND_HALF_UP)


class ProductReviewSummary(_Summary):
    product = models.OneToOneField(
        "catalog.Product", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )

    class Meta:
        verbose_name = _("product review summary")
        verbose_name_plural = _("product review summaries")


class ProducerReviewSummary(_Summary):
    producer = models.OneToOneField(
        "producers.Producer", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )

    class Meta:
        verbose_name = _("shop review summary")
        verbose_name_plural = _("shop review summaries")
