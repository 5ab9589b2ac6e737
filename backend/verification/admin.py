"""The operators' review queue in the Django admin.

The list shows only applications of shops in the operator's regions (`applications_in_review_
queue`); decisions (recommend, approve, reject with a reason, ask for more, revoke) are admin
actions and per-application pages that call the review services, which check the region again
and write the audit row. Evidence opens through the private evidence view, never a media URL.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.audit.lookups import audit_events_for_subject
from backend.personal_data.access import record_identity_view
from backend.producers.identity import mask_identity
from backend.regions.admin import province_list_filter
from backend.sellers.admin_access import OperatorReadOnlyAdmin, request_is_operator
from backend.verification.conf import validity_days
from backend.verification.errors import VerificationError
from backend.verification.models import (
    AWAITING_REVIEW,
    ApplicationStatus,
    VerificationApplication,
    VerificationEvidence,
)
from backend.verification.permissions import (
    VIEW_EVIDENCE,
    applications_in_review_queue,
    evidence_policy,
    may_review,
)
from backend.verification.review import (
    approve_application,
    recommend_application,
    reject_application,
    request_more_information,
    revoke_verification,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Decision:
    slug: str
    label: StrOrPromise
    needs_reason: bool
    from_statuses: tuple[str, ...]
    run: Callable[[int, User, dict[str, Any]], VerificationApplication]


DECISIONS: dict[str, Decision] = {
    d.slug: d
    for d in (
        Decision(
            "recommend",
            _("Recommend (county department)"),
            False,
            (ApplicationStatus.SUBMITTED, ApplicationStatus.RESUBMITTED),
            lambda pk, actor, data: recommend_application(pk, actor=actor, note=data["reason"]),
        ),
        Decision(
            "approve",
            _("Approve"),
            False,
            AWAITING_REVIEW,
            lambda pk, actor, data: approve_application(
                pk, actor=actor, note=data["reason"], valid_days=data["valid_days"]
            ),
        ),
        Decision(
            "reject",
            _("Reject, with a reason"),
            True,
            AWAITING_REVIEW,
            lambda pk, actor, data: reject_application(pk, actor=actor, reason=data["reason"]),
        ),
        Decision(
            "more-info",
            _("Ask for more information"),
            True,
            AWAITING_REVIEW,
            lambda pk, actor, data: request_more_information(
                pk, actor=actor, reason=data["reason"]
            ),
        ),
        Decision(
            "revoke",
            _("Revoke the verification"),
            True,
            (ApplicationStatus.APPROVED,),
            lambda pk, actor, data: revoke_verification(pk, actor=actor, reason=data["reason"]),
        ),
    )
}


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, for the seller"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        required=False,
        help_text=_("Plain words the seller can act on. Required to reject, ask or revoke."),
    )
    valid_days = forms.IntegerField(
        label=_("Valid for (days)"), min_value=1, max_value=3 * 366, required=False
    )

    def __init__(self, *args: Any, decision: Decision, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.decision = decision
        self.fields["reason"].required = decision.needs_reason
        if decision.slug == "approve":
            self.fields["valid_days"].initial = validity_days()
            self.fields["reason"].label = _("Note (optional)")
        else:
            del self.fields["valid_days"]

    def service_data(self) -> dict[str, Any]:
        return {
            "reason": self.cleaned_data.get("reason", ""),
            "valid_days": self.cleaned_data.get("valid_days") or None,
        }


class QueueListFilter(admin.SimpleListFilter):
    title = _("queue")
    parameter_name = "queue"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [
            ("waiting", _("waiting for a decision")),
            ("live", _("approved and valid")),
            ("expiring", _("ending within 30 days")),
            ("lapsed", _("approved but lapsed")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        now = timezone.now()
        approved = queryset.filter(status=ApplicationStatus.APPROVED)
        match self.value():
            case "waiting":
                return queryset.filter(status__in=AWAITING_REVIEW)
            case "live":
                return approved.filter(valid_from__lte=now, valid_until__gt=now)
            case "expiring":
                return approved.filter(valid_until__gt=now, valid_until__lte=now + timedelta(30))
            case "lapsed":
                return approved.filter(valid_until__lte=now)
        return queryset


class EvidenceInline(admin.TabularInline):
    model = VerificationEvidence
    fk_name = "application"
    extra = 0
    can_delete = False
    fields = ("kind", "open_link", "content_type", "file_size", "uploaded_at", "uploaded_by")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[VerificationEvidence]:
        return evidence_policy.instances_for(request.user, VIEW_EVIDENCE).select_related(  # type: ignore[arg-type]
            "uploaded_by"
        )

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request_is_operator(request)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("file"))
    def open_link(self, obj: VerificationEvidence) -> str:
        url = reverse("verification:evidence", args=[obj.public_id])
        return format_html(
            '<a href="{}" target="_blank" rel="noopener noreferrer">{}</a>', url, _("Open")
        )

    @admin.display(description=_("size"))
    def file_size(self, obj: VerificationEvidence) -> str:
        return filesizeformat(obj.size)


@admin.register(VerificationApplication)
class VerificationApplicationAdmin(OperatorReadOnlyAdmin):
    list_display = (
        "seller",
        "kind",
        "status",
        "seller_region",
        "submitted_at",
        "valid_until",
        "is_live_now",
    )
    list_filter = (QueueListFilter, "status", "kind", province_list_filter("seller__region"))
    search_fields = ("seller__name", "seller__slug")
    list_select_related = ("seller", "seller__region")
    ordering = ("-submitted_at", "-pk")
    inlines = (EvidenceInline,)
    actions = (
        "recommend_selected",
        "approve_selected",
        "reject_selected",
        "more_info_selected",
        "revoke_selected",
    )
    fieldsets = (
        (None, {"fields": ("seller", "seller_region", "kind", "status", "statement")}),
        (
            _("Identity (sensitive personal information)"),
            {"fields": ("certificate_number", "household_number")},
        ),
        (
            _("Review"),
            {
                "fields": (
                    "submitted_at",
                    "recommended_by",
                    "recommended_at",
                    "recommendation_note",
                    "decided_by",
                    "decided_at",
                    "decision_reason",
                    "valid_from",
                    "valid_until",
                    "revoked_by",
                    "revoked_at",
                    "renewal_of",
                )
            },
        ),
        (_("History"), {"fields": ("history",)}),
    )
    readonly_fields = (
        "seller",
        "seller_region",
        "kind",
        "status",
        "statement",
        "certificate_number",
        "household_number",
        "submitted_at",
        "recommended_by",
        "recommended_at",
        "recommendation_note",
        "decided_by",
        "decided_at",
        "decision_reason",
        "valid_from",
        "valid_until",
        "revoked_by",
        "revoked_at",
        "renewal_of",
        "history",
    )
    created_elsewhere_message = _("Sellers apply in the seller portal; review them here.")

    def get_queryset(self, request: HttpRequest) -> QuerySet[VerificationApplication]:
        return applications_in_review_queue(request.user).select_related(  # type: ignore[arg-type]
            "seller", "seller__region", "decided_by", "recommended_by", "revoked_by"
        )

    def has_review_permission(self, request: HttpRequest) -> bool:
        return request_is_operator(request)

    # --- columns and fields -----------------------------------------------------------
    @admin.display(description=_("region"), ordering="seller__region__full_name")
    def seller_region(self, obj: VerificationApplication) -> str:
        return str(obj.seller.region)

    @admin.display(description=_("valid now"), boolean=True)
    def is_live_now(self, obj: VerificationApplication) -> bool:
        return obj.is_live()

    def _may_see_identity(self, obj: VerificationApplication) -> bool:
        return bool(getattr(obj, "_reviewer_may_see_identity", False))

    @admin.display(description=_("disability certificate number"))
    def certificate_number(self, obj: VerificationApplication) -> str:
        number = obj.seller.disability_certificate_number
        return (number if self._may_see_identity(obj) else mask_identity(number)) or "—"

    @admin.display(description=_("poor-household registration number"))
    def household_number(self, obj: VerificationApplication) -> str:
        number = obj.seller.poor_household_number
        return (number if self._may_see_identity(obj) else mask_identity(number)) or "—"

    @admin.display(description=_("history"))
    def history(self, obj: VerificationApplication) -> str:
        events = audit_events_for_subject(obj._meta.label_lower, str(obj.pk)).select_related(
            "actor"
        )
        rows = (
            (
                timezone.localtime(e.event_time).strftime("%Y-%m-%d %H:%M"),
                e.get_event_type_display(),
                e.actor or _("system"),
                (e.extra_data or {}).get("reason", ""),
            )
            for e in events
        )
        return (
            format_html("<ol>{}</ol>", format_html_join("", "<li>{} · {} · {} {}</li>", rows))
            or "—"
        )

    # --- change page: the reviewer's view ------------------------------------------------
    def get_object(
        self, request: HttpRequest, object_id: str, from_field: str | None = None
    ) -> VerificationApplication | None:
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            # The full numbers only for an operator who may decide on this very application.
            obj._reviewer_may_see_identity = may_review(request.user, obj)  # type: ignore[arg-type,attr-defined]
            if obj._reviewer_may_see_identity and request.method == "GET":  # type: ignore[attr-defined]
                record_identity_view(request.user, obj.seller, reason="verification review")  # type: ignore[arg-type]
        return obj

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        obj = (
            applications_in_review_queue(request.user)  # type: ignore[arg-type]
            .filter(pk=object_id)
            .only("pk", "status")
            .first()
            if str(object_id).isdigit()
            else None
        )
        decisions = []
        if obj is not None:
            decisions = [
                {"label": d.label, "url": reverse(self._decide_url_name, args=[obj.pk, d.slug])}
                for d in DECISIONS.values()
                if obj.status in d.from_statuses
            ]
        context = {**(extra_context or {}), "decisions": decisions}
        return super().change_view(request, object_id, form_url, context)

    # --- decisions ---------------------------------------------------------------------
    @property
    def _decide_url_name(self) -> str:
        return "admin:verification_verificationapplication_decide"

    def get_urls(self) -> list[Any]:
        urls = [
            path(
                "<int:object_id>/decide/<slug:decision>/",
                self.admin_site.admin_view(self.decide_view),
                name="verification_verificationapplication_decide",
            )
        ]
        return urls + super().get_urls()

    def decide_view(self, request: HttpRequest, object_id: int, decision: str) -> HttpResponse:
        chosen = DECISIONS.get(decision)
        application = self.get_queryset(request).filter(pk=object_id).first()
        if chosen is None or application is None or not request_is_operator(request):
            raise Http404
        form = DecisionForm(request.POST or None, decision=chosen)
        if request.method == "POST" and form.is_valid():
            try:
                chosen.run(application.pk, request.user, form.service_data())  # type: ignore[arg-type]
            except VerificationError as exc:
                self.message_user(request, exc.message, messages.ERROR)
            else:
                self.message_user(request, _("Done: %(what)s.") % {"what": chosen.label})
                return HttpResponseRedirect(
                    reverse("admin:verification_verificationapplication_change", args=[object_id])
                )
        return self._render_decision(request, chosen, form, [application], from_changelist=False)

    def _render_decision(
        self,
        request: HttpRequest,
        decision: Decision,
        form: DecisionForm,
        applications: list[VerificationApplication],
        *,
        from_changelist: bool,
    ) -> TemplateResponse:
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": decision.label,
            "decision": decision,
            "form": form,
            "applications": applications,
            "from_changelist": from_changelist,
            "action_name": f"{decision.slug.replace('-', '_')}_selected",
            "selected": [a.pk for a in applications],
        }
        return TemplateResponse(request, "admin/verification/decision.html", context)

    def _decide_many(
        self, request: HttpRequest, queryset: QuerySet[VerificationApplication], slug: str
    ) -> TemplateResponse | None:
        decision = DECISIONS[slug]
        applications = list(queryset.select_related("seller", "seller__region"))
        form = DecisionForm(request.POST if "apply" in request.POST else None, decision=decision)
        if "apply" not in request.POST or not form.is_valid():
            return self._render_decision(
                request, decision, form, applications, from_changelist=True
            )
        done = 0
        for application in applications:
            try:
                decision.run(application.pk, request.user, form.service_data())  # type: ignore[arg-type]
            except VerificationError as exc:
                self.message_user(request, f"{application.seller}: {exc.message}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(
                request,
                _("%(what)s: %(count)d application(s).") % {"what": decision.label, "count": done},
            )
        return None

    @admin.action(description=_("Recommend the selected applications"), permissions=["review"])
    def recommend_selected(self, request: HttpRequest, queryset: QuerySet[Any]) -> Any:
        return self._decide_many(request, queryset, "recommend")

    @admin.action(description=_("Approve the selected applications"), permissions=["review"])
    def approve_selected(self, request: HttpRequest, queryset: QuerySet[Any]) -> Any:
        return self._decide_many(request, queryset, "approve")

    @admin.action(description=_("Reject the selected applications"), permissions=["review"])
    def reject_selected(self, request: HttpRequest, queryset: QuerySet[Any]) -> Any:
        return self._decide_many(request, queryset, "reject")

    @admin.action(description=_("Ask for more information"), permissions=["review"])
    def more_info_selected(self, request: HttpRequest, queryset: QuerySet[Any]) -> Any:
        return self._decide_many(request, queryset, "more-info")

    @admin.action(description=_("Revoke the selected verifications"), permissions=["review"])
    def revoke_selected(self, request: HttpRequest, queryset: QuerySet[Any]) -> Any:
        return self._decide_many(request, queryset, "revoke")
