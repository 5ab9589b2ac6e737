"""Review moderation in the Django admin, for operators.

The list shows the reviews of shops in the operator's regions (`review_policy`, action
MODERATE: never a shop they own or help), reported ones first to find. Hiding, restoring and
dismissing reports are per-review pages that ask for the reason and call the moderation
services, which check the region again and write the audit row in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.reviews.errors import ReviewError
from backend.reviews.models import ProductReview, ReportReason, ReviewReport
from backend.reviews.moderation import dismiss_reports, hide_review, restore_review
from backend.reviews.permissions import ReviewAction, review_policy
from backend.sellers.admin_access import OperatorReadOnlyAdmin

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Moderation:
    slug: str
    label: StrOrPromise
    run: Callable[..., Any]
    applies: Callable[[ProductReview, bool], bool]  # (review, has open reports)


MODERATIONS = {
    m.slug: m
    for m in (
        Moderation("hide", _("Hide the review"), hide_review, lambda r, reported: r.is_visible),
        Moderation(
            "restore", _("Show the review again"), restore_review, lambda r, _: not r.is_visible
        ),
        Moderation(
            "dismiss",
            _("Keep the review and close the reports"),
            dismiss_reports,
            lambda r, reported: reported,
        ),
    )
}


class ModerationForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("Recorded in the audit log and shown to the seller."),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the reason")},
    )


class OpenReportFilter(admin.SimpleListFilter):
    title = _("reports")
    parameter_name = "reported"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("open", _("Reported, waiting")), ("personal_trait", _("About a personal trait"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        open_reports = ReviewReport.objects.filter(review=OuterRef("pk"), resolved_at__isnull=True)
        if self.value() == "open":
            return queryset.filter(Exists(open_reports))
        if self.value() == "personal_trait":
            return queryset.filter(Exists(open_reports.filter(reason=ReportReason.PERSONAL_TRAIT)))
        return queryset


class ReviewReportInline(admin.TabularInline):
    model = ReviewReport
    fk_name = "review"
    extra = 0
    can_delete = False
    fields = ("reason", "details", "reported_by", "created_at", "resolved_at")
    readonly_fields = fields

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ProductReview)
class ProductReviewAdmin(OperatorReadOnlyAdmin):
    list_display = ("__str__", "product", "producer", "status", "open_reports", "created_at")
    list_filter = (OpenReportFilter, "status")
    search_fields = ("product__name", "producer__name", "text")
    list_select_related = ("product", "producer")
    ordering = ("-created_at", "-pk")
    inlines = (ReviewReportInline,)
    fields = (
        "product",
        "producer",
        "rating",
        "text",
        "photo_links",
        "status",
        "moderation_reason",
        "moderated_at",
        "answer_text",
        "answered_at",
        "created_at",
        "moderation_links",
    )
    readonly_fields = fields
    created_elsewhere_message = _("Buyers write reviews on the storefront; moderate them here.")

    def get_queryset(self, request: HttpRequest) -> QuerySet[ProductReview]:
        return review_policy.instances_for(request.user, ReviewAction.MODERATE).annotate(  # type: ignore[arg-type]
            open_report_count=Count("reports", filter=Q(reports__resolved_at__isnull=True))
        )

    @admin.display(description=_("open reports"), ordering="open_report_count")
    def open_reports(self, obj: ProductReview) -> int:
        return int(getattr(obj, "open_report_count", 0))

    @admin.display(description=_("photos"))
    def photo_links(self, obj: ProductReview) -> str:
        rows = ((p.image.url, p.alt) for p in obj.photos.all())
        return format_html_join(" · ", '<a href="{}">{}</a>', rows) or "—"

    @admin.display(description=_("moderate"))
    def moderation_links(self, obj: ProductReview) -> str:
        reported = getattr(obj, "open_report_count", 0) > 0
        rows = (
            (reverse("admin:reviews_productreview_moderate", args=[obj.pk, m.slug]), m.label)
            for m in MODERATIONS.values()
            if m.applies(obj, reported)
        )
        return format_html_join(" · ", '<a href="{}">{}</a>', rows) or "—"

    def get_urls(self) -> list[Any]:
        urls = [
            path(
                "<int:object_id>/moderate/<slug:moderation>/",
                self.admin_site.admin_view(self.moderate_view),
                name="reviews_productreview_moderate",
            )
        ]
        return urls + super().get_urls()

    def moderate_view(self, request: HttpRequest, object_id: int, moderation: str) -> HttpResponse:
        chosen = MODERATIONS.get(moderation)
        review = self.get_queryset(request).filter(pk=object_id).first()
        if chosen is None or review is None:
            raise Http404
        form = ModerationForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            actor = request.user
            assert isinstance(actor, User)
            try:
                chosen.run(review.pk, actor=actor, reason=form.cleaned_data["reason"])
            except ReviewError as exc:
                self.message_user(request, exc.message, messages.ERROR)
            else:
                self.message_user(request, _("Done: %(what)s.") % {"what": chosen.label})
                return HttpResponseRedirect(
                    reverse("admin:reviews_productreview_change", args=[review.pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": chosen.label,
            "review": review,
            "form": form,
            "submit_label": chosen.label,
        }
        return TemplateResponse(request, "admin/reviews/moderate.html", context)
