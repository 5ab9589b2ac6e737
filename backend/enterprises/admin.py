"""Operators' admin for enterprises: the enterprises of their regions (read-only), decisions
(verify, refuse with a reason, suspend with a reason) as actions through
`backend.enterprises.verification`, and benefit links entered (employment, inputs, bills) and
verified by another operator through `backend.enterprises.benefit_links`. Every change goes
through a service, which checks the operator's region again and writes the audit row."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.enterprises.benefit_links import LinkDraft, decide_benefit_link, record_benefit_link
from backend.enterprises.errors import EnterpriseError
from backend.enterprises.models import (
    BenefitKind,
    BenefitLink,
    DeliverySite,
    Enterprise,
    EnterpriseMember,
    Pledge,
)
from backend.enterprises.permissions import EnterpriseAction, enterprise_policy
from backend.enterprises.verification import decide_enterprise
from backend.sellers.admin_access import OperatorReadOnlyAdmin, request_is_operator

DECISION_LABELS = {
    "verify": _("Verify the selected enterprises"),
    "reject": _("Refuse the selected enterprises (with a reason)"),
    "suspend": _("Suspend the selected enterprises (with a reason)"),
}


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason the enterprise will read"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class MemberInline(ReadOnlyInline):
    model = EnterpriseMember
    fields = ("user", "role", "added_at", "removed_at")
    readonly_fields = fields


class SiteInline(ReadOnlyInline):
    model = DeliverySite
    fields = ("name", "region", "address_detail", "contact_name", "is_active")
    readonly_fields = fields


@admin.register(Enterprise)
class EnterpriseAdmin(OperatorReadOnlyAdmin):
    list_display = ("name", "kind", "credit_code", "region", "status", "verified_at")
    list_filter = ("status", "kind")
    search_fields = ("name", "credit_code")
    readonly_fields = (
        "name",
        "kind",
        "credit_code",
        "region",
        "address_detail",
        "contact_name",
        "contact_mobile",
        "invoice_title",
        "invoice_bank_name",
        "invoice_bank_account",
        "invoice_address",
        "invoice_phone",
        "status",
        "status_reason",
        "verified_at",
        "verified_by",
        "created_at",
    )
    fields = readonly_fields
    inlines = (MemberInline, SiteInline)
    actions = ("verify_selected", "reject_selected", "suspend_selected")
    created_elsewhere_message = _("Enterprises register themselves on the enterprise portal.")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Enterprise]:
        return enterprise_policy.instances_for(
            request.user, EnterpriseAction.INSPECT_ENTERPRISE
        ).select_related("region", "verified_by")

    def has_decide_permission(self, request: HttpRequest) -> bool:
        return request_is_operator(request)

    def _decide(
        self, request: HttpRequest, queryset: QuerySet[Enterprise], decision: str
    ) -> TemplateResponse | None:
        enterprises = list(queryset)
        form = ReasonForm(request.POST if "apply" in request.POST else None)
        if decision != "verify" and ("apply" not in request.POST or not form.is_valid()):
            context = {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": DECISION_LABELS[decision],
                "form": form,
                "objects": enterprises,
                "action_name": f"{decision}_selected",
                "selected": [e.pk for e in enterprises],
            }
            return TemplateResponse(request, "admin/enterprises/decision.html", context)
        done = 0
        actor: User = request.user  # type: ignore[assignment]
        for enterprise in enterprises:
            try:
                decide_enterprise(
                    enterprise,
                    decision,
                    actor=actor,
                    reason=form.cleaned_data.get("reason", "") if form.is_bound else "",
                )
            except EnterpriseError as error:
                self.message_user(request, f"{enterprise}: {error.message}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(
                request,
                _("%(what)s: %(count)d enterprise(s).")
                % {"what": DECISION_LABELS[decision], "count": done},
            )
        return None

    @admin.action(description=DECISION_LABELS["verify"], permissions=["decide"])
    def verify_selected(self, request: HttpRequest, queryset: QuerySet[Any]) -> Any:
        return self._decide(request, queryset, "verify")

    @admin.action(description=DECISION_LABELS["reject"], permissions=["decide"])
    def reject_selected(self, request: HttpRequest, queryset: QuerySet[Any]) -> Any:
        return self._decide(request, queryset, "reject")

    @admin.action(description=DECISION_LABELS["suspend"], permissions=["decide"])
    def suspend_selected(self, request: HttpRequest, queryset: QuerySet[Any]) -> Any:
        return self._decide(request, queryset, "suspend")


@admin.register(Pledge)
class PledgeAdmin(OperatorReadOnlyAdmin):
    list_display = ("enterprise", "year", "kind", "amount", "share_percent", "base_amount")
    list_filter = ("year", "kind")
    search_fields = ("enterprise__name",)
    readonly_fields = (
        "enterprise",
        "year",
        "kind",
        "amount",
        "share_percent",
        "base_amount",
        "note",
        "declared_by",
        "created_at",
    )
    fields = readonly_fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[Pledge]:
        enterprises = enterprise_policy.instances_for(
            request.user, EnterpriseAction.INSPECT_ENTERPRISE
        )
        return Pledge.objects.filter(enterprise__in=enterprises.values("pk")).select_related(
            "enterprise"
        )


class BenefitLinkForm(forms.ModelForm):
    class Meta:
        model = BenefitLink
        fields = (
            "enterprise",
            "kind",
            "year",
            "producer",
            "household_ref",
            "disabled_employee_count",
            "amount",
            "description",
        )


@admin.register(BenefitLink)
class BenefitLinkAdmin(admin.ModelAdmin):
    """Operators enter links (the service records them, waiting); another operator verifies."""

    form = BenefitLinkForm
    list_display = ("enterprise", "year", "kind", "disabled_employee_count", "amount", "status")
    list_filter = ("status", "kind", "year")
    search_fields = ("enterprise__name", "household_ref", "description")
    autocomplete_fields = ("enterprise",)
    raw_id_fields = ("producer",)
    actions = ("verify_selected", "reject_selected")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request_is_operator(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request_is_operator(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request_is_operator(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None and request_is_operator(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_decide_permission(self, request: HttpRequest) -> bool:
        return request_is_operator(request)

    def get_queryset(self, request: HttpRequest) -> QuerySet[BenefitLink]:
        enterprises = enterprise_policy.instances_for(
            request.user, EnterpriseAction.VERIFY_BENEFIT_LINKS
        )
        return BenefitLink.objects.filter(enterprise__in=enterprises.values("pk")).select_related(
            "enterprise", "producer"
        )

    def get_form(
        self, request: HttpRequest, obj: Any | None = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change, **kwargs)
        enterprise_field: Any = form.base_fields["enterprise"]
        enterprise_field.queryset = enterprise_policy.instances_for(
            request.user, EnterpriseAction.VERIFY_BENEFIT_LINKS
        )
        kind_field: Any = form.base_fields["kind"]
        kind_field.choices = [c for c in kind_field.choices if c[0] != BenefitKind.BUYS_FROM]
        form.base_fields["year"].initial = timezone.localdate().year
        return form

    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        """A valid form goes to `record_benefit_link` (which owns its transaction, so not
        through the admin's atomic save); an invalid one is shown again by the admin."""
        if request.method == "POST" and request_is_operator(request):
            form = self.get_form(request)(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                draft = LinkDraft(
                    kind=data["kind"],
                    year=data["year"],
                    description=data["description"],
                    producer=data.get("producer"),
                    household_ref=data.get("household_ref", ""),
                    disabled_employee_count=data.get("disabled_employee_count") or 0,
                    amount=data.get("amount") or Decimal("0"),
                )
                actor: User = request.user  # type: ignore[assignment]
                try:
                    record_benefit_link(data["enterprise"], draft, actor=actor)
                except EnterpriseError as error:
                    self.message_user(request, error.message, messages.ERROR)
                    return HttpResponseRedirect(request.path)
                self.message_user(request, _("Link recorded; another operator verifies it."))
                return HttpResponseRedirect(reverse("admin:enterprises_benefitlink_changelist"))
        return super().add_view(request, form_url, extra_context)

    def _decide(
        self, request: HttpRequest, queryset: QuerySet[BenefitLink], verified: bool
    ) -> TemplateResponse | None:
        links = list(queryset.select_related("enterprise"))
        form = ReasonForm(request.POST if "apply" in request.POST else None)
        if not verified and ("apply" not in request.POST or not form.is_valid()):
            context = {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": _("Refuse the selected links (with a reason)"),
                "form": form,
                "objects": links,
                "action_name": "reject_selected",
                "selected": [link.pk for link in links],
            }
            return TemplateResponse(request, "admin/enterprises/decision.html", context)
        reason = form.cleaned_data.get("reason", "") if form.is_bound else ""
        for link in links:
            try:
                decide_benefit_link(link, verified=verified, actor=request.user, reason=reason)  # type: ignore[arg-type]
            except EnterpriseError as error:
                self.message_user(request, f"{link}: {error.message}", messages.ERROR)
        return None

    @admin.action(description=_("Verify the selected links"), permissions=["decide"])
    def verify_selected(self, request: HttpRequest, queryset: QuerySet[Any]) -> Any:
        return self._decide(request, queryset, True)

    @admin.action(
        description=_("Refuse the selected links (with a reason)"), permissions=["decide"]
    )
    def reject_selected(self, request: HttpRequest, queryset: QuerySet[Any]) -> Any:
        return self._decide(request, queryset, False)
