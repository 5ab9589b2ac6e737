"""Designation pages of the programme portal: the year's eligibility list in a region with its
evidence, a candidate's evidence, the confirmation form, revocation and the CSV download.

Views parse, authorise (the portal's gate and region, then the services' own operator scope,
which answer "not found" alike for "not yours" and "does not exist") and call one service.
"""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.designations.confirmation import (
    confirm_designation,
    get_designation_for_operator,
    revoke_designation,
)
from backend.designations.eligibility import Candidate, candidate, candidate_evidence
from backend.designations.eligibility import eligibility_list as list_candidates
from backend.designations.errors import DesignationError, DesignationErrorCode
from backend.designations.export import export_eligibility_csv
from backend.designations.models import Designation, DesignationKind, DesignationStatus
from backend.regions.models import Region
from programme_portal.access import reader, reader_required, region_for_request, year_in_range
from programme_portal.designation_forms import ConfirmDesignationForm, RevokeDesignationForm


def _place(request: HttpRequest, region_key: str, year: int) -> tuple[Region, int]:
    return region_for_request(request, region_key), year_in_range(year)


def _candidate(
    request: HttpRequest, region: Region, year: int, kind: str, subject: str, subject_id: int
) -> Candidate:
    try:
        return candidate(year, kind, subject, subject_id, actor=reader(request), region=region)
    except DesignationError as error:
        raise Http404("no such candidate") from error


@reader_required
def eligibility_list(request: HttpRequest, region_key: str, year: int) -> HttpResponse:
    region, year = _place(request, region_key, year)
    candidates = list_candidates(year, actor=reader(request), region=region)
    by_kind = {kind: list(rows) for kind, rows in groupby(candidates, key=lambda c: c.kind)}
    sections = [
        {"kind": kind, "label": kind.label, "candidates": by_kind.get(kind.value, [])}
        for kind in DesignationKind
    ]
    return render(
        request,
        "programme_portal/designations/list.html",
        {
            "region": region,
            "region_key": region_key,
            "year": year,
            "sections": sections,
            # one reverse() for the page, not one per row (a province lists thousands)
            "list_url": reverse("programme_portal:designations", args=[region_key, year]),
        },
    )


def _figures(found: Candidate) -> list[dict[str, object]]:
    """The rows of "figures against the thresholds": each figure the policy tests."""
    thresholds = found.thresholds
    figures = found.row.figures
    rows: list[dict[str, object]] = []
    for name, label, value, threshold in (
        (
            "sales_amount",
            _("Sales in the year (yuan)"),
            figures.sales_amount,
            thresholds.min_sales_amount,
        ),
        (
            "households",
            _("Households supplying"),
            figures.households,
            thresholds.min_households if found.policy.households_figure == "households" else None,
        ),
        (
            "driven_households",
            _("Households driven (supplying or linked)"),
            figures.driven_households,
            thresholds.min_households
            if found.policy.households_figure == "driven_households"
            else None,
        ),
        (
            "disabled_households",
            _("Households supplying with a disabled member"),
            figures.disabled_households,
            thresholds.min_households
            if found.policy.households_figure == "disabled_households"
            else None,
        ),
        ("bases", _("Bases sourced from"), figures.bases, thresholds.min_bases),
        (
            "disabled_employees",
            _("Disabled employees"),
            figures.disabled_employees,
            thresholds.min_disabled_employees,
        ),
    ):
        if threshold is not None:
            rows.append(
                {
                    "label": label,
                    "value": value,
                    "threshold": threshold,
                    "reached": name not in found.shortfalls,
                }
            )
    return rows


@reader_required
def candidate_detail(
    request: HttpRequest, region_key: str, year: int, kind: str, subject: str, subject_id: int
) -> HttpResponse:
    region, year = _place(request, region_key, year)
    try:
        evidence = candidate_evidence(
            year, kind, subject, subject_id, actor=reader(request), region=region
        )
    except DesignationError as error:
        raise Http404("no such candidate") from error
    return render(
        request,
        "programme_portal/designations/candidate.html",
        {
            "region": region,
            "region_key": region_key,
            "year": year,
            "evidence": evidence,
            "found": evidence.candidate,
            "figures": _figures(evidence.candidate),
        },
    )


@reader_required
def confirm(
    request: HttpRequest, region_key: str, year: int, kind: str, subject: str, subject_id: int
) -> HttpResponse:
    region, year = _place(request, region_key, year)
    found = _candidate(request, region, year, kind, subject, subject_id)
    back = redirect(
        "programme_portal:designation_candidate", region_key, year, kind, subject, subject_id
    )
    if found.designation is not None or not found.eligible:
        return back
    if request.method == "POST":
        form = ConfirmDesignationForm(request.POST)
        if form.is_valid():
            try:
                confirm_designation(
                    year, kind, subject, subject_id, form.draft(), actor=reader(request)
                )
            except DesignationError as error:
                if error.code == DesignationErrorCode.NOT_FOUND:
                    raise Http404("no such candidate") from error
                form.add_service_error(error)
            else:
                messages.success(request, _("Designation confirmed"))
                return back
    else:
        form = ConfirmDesignationForm(
            initial={
                "level": found.policy.default_level,
                "awarded_on": timezone.localdate(),
                "award_amount": found.thresholds.award_amount,
            }
        )
    return render(
        request,
        "programme_portal/designations/confirm.html",
        {
            "region": region,
            "region_key": region_key,
            "year": year,
            "found": found,
            "form": form,
        },
    )


def _designation(
    request: HttpRequest, region: Region, year: int, designation_id: int
) -> Designation:
    try:
        designation = get_designation_for_operator(
            designation_id, actor=reader(request), region=region
        )
    except Designation.DoesNotExist as missing:
        raise Http404("no such designation") from missing
    if designation.year != year:
        raise Http404("no such designation")
    return designation


@reader_required
def revoke(request: HttpRequest, region_key: str, year: int, designation_id: int) -> HttpResponse:
    region, year = _place(request, region_key, year)
    designation = _designation(request, region, year, designation_id)
    subject = "producer" if designation.producer_id else "enterprise"
    subject_id = designation.producer_id or designation.enterprise_id
    back = redirect(
        "programme_portal:designation_candidate",
        region_key,
        year,
        designation.kind,
        subject,
        subject_id,
    )
    if designation.status != DesignationStatus.CONFIRMED:
        return back
    if request.method == "POST":
        form = RevokeDesignationForm(request.POST)
        if form.is_valid():
            try:
                revoke_designation(
                    designation.pk, reason=form.cleaned_data["reason"], actor=reader(request)
                )
            except DesignationError as error:
                form.add_service_error(error)
            else:
                messages.success(request, _("Designation revoked"))
                return back
    else:
        form = RevokeDesignationForm()
    return render(
        request,
        "programme_portal/designations/revoke.html",
        {
            "region": region,
            "region_key": region_key,
            "year": year,
            "designation": designation,
            "form": form,
        },
    )


@reader_required
def export_csv(request: HttpRequest, region_key: str, year: int) -> HttpResponse:
    region, year = _place(request, region_key, year)
    export = export_eligibility_csv(year, actor=reader(request), region=region)
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response
