"""Verification (认定) from the seller's side: tags and their dates, applications, evidence.

Every page needs `SellerAction.APPLY_FOR_VERIFICATION` (owners, helpers with scope "all"), and
an application is looked up within the shop the user may apply for, so another shop's
application is a 404 like a missing one. Each action calls one service of
`backend.verification.applications`. Evidence is linked only through the permission-checking
evidence view (`/evidence/<public id>/`), never a media URL.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from backend.producers.models import Producer
from backend.sellers.permissions import SellerAction
from backend.verification.applications import (
    add_evidence,
    resubmit_application,
    start_application,
    start_renewal,
    submit_application,
    withdraw_application,
)
from backend.verification.conf import reminder_days
from backend.verification.eligibility import RULES, required_evidence, why_not_eligible
from backend.verification.errors import VerificationError
from backend.verification.models import (
    AWAITING_APPLICANT,
    OPEN_STATUSES,
    ApplicationStatus,
    VerificationApplication,
    VerificationKind,
)
from backend.verification.permissions import APPLY, application_policy
from backend.verification.tags import TAGS
from seller_portal.forms_errors import add_domain_error
from seller_portal.shops import portal_user, shop_for_request
from seller_portal.verification_forms import EvidenceForm, ResubmitForm, StartApplicationForm

REFUSALS = (
    ApplicationStatus.REJECTED,
    ApplicationStatus.MORE_INFO_REQUESTED,
    ApplicationStatus.REVOKED,
)


def _overview_url(shop: Producer) -> str:
    return reverse("seller_portal:verification", args=[shop.pk])


def _application_url(application: VerificationApplication) -> str:
    return reverse(
        "seller_portal:verification_application", args=[application.seller_id, application.pk]
    )


def _shop(request: HttpRequest, producer_id: int) -> Producer:
    return shop_for_request(request, producer_id, SellerAction.APPLY_FOR_VERIFICATION)


def _application(request: HttpRequest, shop: Producer, application_id: int) -> Any:
    try:
        return (
            application_policy.instances_for(portal_user(request), APPLY)
            .filter(seller_id=shop.pk)
            .get(pk=application_id)
        )
    except VerificationApplication.DoesNotExist:
        raise Http404("no such application") from None


def renewal_window() -> timedelta:
    return timedelta(days=max(reminder_days(), default=30))


def _renewable(application: VerificationApplication, open_kinds: set[str]) -> bool:
    """An approval that ends soon (or has ended) and has no application of its kind under way."""
    if application.status != ApplicationStatus.APPROVED or application.valid_until is None:
        return False
    if application.kind in open_kinds:
        return False
    return application.valid_until - timezone.now() <= renewal_window()


@require_safe
@login_required
def overview(request: HttpRequest, producer_id: int) -> HttpResponse:
    shop = _shop(request, producer_id)
    applications = list(
        VerificationApplication.objects.filter(seller_id=shop.pk)
        .annotate(evidence_count=Count("evidence"))
        .order_by("-created_at", "-pk")
    )
    now = timezone.now()
    open_kinds = {a.kind for a in applications if a.status in OPEN_STATUSES}
    approvals = [a for a in applications if a.status == ApplicationStatus.APPROVED]
    live = [a for a in approvals if a.is_live(now)]
    lapsed = [a for a in approvals if not a.is_live(now) and a.valid_until and a.valid_until <= now]
    live_kinds = {a.kind for a in live}
    # the newest lapsed approval of each kind that has no live one
    lapsed_by_kind: dict[str, VerificationApplication] = {}
    for application in lapsed:
        if application.kind not in live_kinds:
            lapsed_by_kind.setdefault(application.kind, application)
    context = {
        "shop": shop,
        "live": [(TAGS[a.kind], a, _renewable(a, open_kinds)) for a in live],
        "lapsed": [(TAGS[a.kind], a, _renewable(a, open_kinds)) for a in lapsed_by_kind.values()],
        "applications": applications,
        "refusals": REFUSALS,
        "can_start": bool(_startable_kinds(shop, open_kinds | live_kinds)),
    }
    return render(request, "seller_portal/verification/overview.html", context)


def _startable_kinds(shop: Producer, taken: set[str]) -> list[str]:
    return [kind for kind in RULES if kind not in taken and why_not_eligible(shop, kind) is None]


@require_http_methods(["GET", "POST"])
@login_required
def start(request: HttpRequest, producer_id: int) -> HttpResponse:
    shop = _shop(request, producer_id)
    taken = set(
        VerificationApplication.objects.filter(seller_id=shop.pk, status__in=OPEN_STATUSES)
        .values_list("kind", flat=True)
        .distinct()
    )
    kinds = _startable_kinds(shop, taken)
    form = StartApplicationForm(kinds, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            application = start_application(
                shop,
                kind=form.cleaned_data["kind"],
                statement=form.cleaned_data["statement"],
                actor=portal_user(request),
            )
        except VerificationError as error:
            add_domain_error(form, error.field, error.message)
        else:
            messages.success(request, _("Application started. Now add your documents."))
            return HttpResponseRedirect(_application_url(application))
    not_now = [
        (VerificationKind(kind).label, _("You already have an application for this."))
        if kind in taken
        else (VerificationKind(kind).label, why_not_eligible(shop, kind))
        for kind in RULES
        if kind not in kinds
    ]
    context = {"shop": shop, "form": form, "not_now": not_now, "kinds": kinds}
    return render(request, "seller_portal/verification/start.html", context)


def _detail(
    request: HttpRequest,
    shop: Producer,
    application: VerificationApplication,
    *,
    form: EvidenceForm | None = None,
    problem: str = "",
) -> HttpResponse:
    evidence = list(application.evidence.order_by("uploaded_at", "pk"))
    needed = required_evidence(application.kind)
    context = {
        "shop": shop,
        "application": application,
        "evidence": evidence,
        "needed": needed.label,
        "has_needed": any(item.kind == needed for item in evidence),
        "can_change": application.status in AWAITING_APPLICANT,
        "can_withdraw": application.status in OPEN_STATUSES,
        "is_draft": application.status == ApplicationStatus.DRAFT,
        "needs_more": application.status == ApplicationStatus.MORE_INFO_REQUESTED,
        "show_reason": application.status in REFUSALS and application.decision_reason,
        "can_renew": _renewable(
            application,
            set(
                VerificationApplication.objects.filter(
                    seller_id=shop.pk, status__in=OPEN_STATUSES
                ).values_list("kind", flat=True)
            ),
        ),
        "form": form or EvidenceForm(initial={"evidence_kind": needed}),
        "problem": problem,
    }
    return render(request, "seller_portal/verification/application.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def application_detail(request: HttpRequest, producer_id: int, application_id: int) -> HttpResponse:
    """The application; a POST here uploads one document (kept choices on an error)."""
    shop = _shop(request, producer_id)
    application = _application(request, shop, application_id)
    if request.method != "POST":
        return _detail(request, shop, application)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            add_evidence(
                application.pk,
                form.upload(),
                evidence_kind=form.cleaned_data["evidence_kind"],
                actor=portal_user(request),
            )
        except ValidationError as error:
            form.add_error(form.upload_field(), error.messages[0])
        except VerificationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Document added."))
            return HttpResponseRedirect(_application_url(application) + "#documents")
    return _detail(request, shop, application, form=form)


@require_POST
@login_required
def submit(request: HttpRequest, producer_id: int, application_id: int) -> HttpResponse:
    shop = _shop(request, producer_id)
    application = _application(request, shop, application_id)
    try:
        submit_application(application.pk, actor=portal_user(request))
    except VerificationError as error:
        return _detail(request, shop, application, problem=error.message)
    messages.success(
        request, _("Application sent. We will tell you when the federation has looked at it.")
    )
    return HttpResponseRedirect(_application_url(application))


@require_http_methods(["GET", "POST"])
@login_required
def resubmit(request: HttpRequest, producer_id: int, application_id: int) -> HttpResponse:
    shop = _shop(request, producer_id)
    application = _application(request, shop, application_id)
    if application.status != ApplicationStatus.MORE_INFO_REQUESTED:
        return HttpResponseRedirect(_application_url(application))
    form = ResubmitForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            resubmit_application(
                application.pk, note=form.cleaned_data["note"], actor=portal_user(request)
            )
        except VerificationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Application sent again."))
            return HttpResponseRedirect(_application_url(application))
    context = {
        "form": form,
        "heading": _("Send the application again"),
        "caption": application.get_kind_display(),
        "back_url": _application_url(application),
        "submit_label": _("Send it again"),
        "reason": application.decision_reason,
    }
    return render(request, "seller_portal/verification/resubmit.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def withdraw(request: HttpRequest, producer_id: int, application_id: int) -> HttpResponse:
    shop = _shop(request, producer_id)
    application = _application(request, shop, application_id)
    if request.method == "POST":
        try:
            withdraw_application(application.pk, actor=portal_user(request))
        except VerificationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Application withdrawn."))
        return HttpResponseRedirect(_overview_url(shop))
    context = {"shop": shop, "application": application}
    return render(request, "seller_portal/verification/withdraw.html", context)


@require_POST
@login_required
def renew(request: HttpRequest, producer_id: int, application_id: int) -> HttpResponse:
    shop = _shop(request, producer_id)
    application = _application(request, shop, application_id)
    try:
        renewal = start_renewal(application.pk, actor=portal_user(request))
    except VerificationError as error:
        messages.error(request, error.message)
        return HttpResponseRedirect(_overview_url(shop))
    messages.success(
        request,
        _(
            "Renewal started with your earlier documents. "
            "Add newer ones if you have them, then send it."
        ),
    )
    return HttpResponseRedirect(_application_url(renewal))
