"""Courses, enrolments and subsidy claims in the operator admin (writes through the services)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from backend.programme.admin.base import (
    DocumentAdminMixin,
    ProgrammeRecordAdmin,
    ServiceCheckedForm,
)
from backend.programme.documents import open_certificate, open_claim_receipt
from backend.programme.errors import ProgrammeError, ProgrammeErrorCode
from backend.programme.models import ClaimStatus, Course, Enrolment, SubsidyClaim
from backend.programme.records import save_record
from backend.programme.subsidies import (
    approve_subsidy_claim,
    check_claim_amounts,
    check_no_open_claim,
    reject_subsidy_claim,
    submit_subsidy_claim,
)
from backend.programme.training import (
    attach_certificate,
    check_enrolment,
    complete_enrolment,
    enrol,
    record_attendance,
)
from backend.verification.uploads import EvidenceValidationError, validate_evidence_upload


@admin.register(Course)
class CourseAdmin(ProgrammeRecordAdmin):
    list_display = ("title", "tier", "track", "provider", "region", "starts_on", "fee_amount")
    list_filter = ("tier", "track", "is_certified")
    list_select_related = ("region",)
    search_fields = ("title", "provider")
    date_hierarchy = "starts_on"
    fields = (
        "title",
        "tier",
        "track",
        "provider",
        "region",
        "starts_on",
        "ends_on",
        "session_count",
        "fee_amount",
        "capacity",
        "is_certified",
    )

    def save_model(self, request: HttpRequest, obj: Course, form: Any, change: bool) -> None:
        self.run_service(request, lambda: save_record(obj, actor=request.user))  # type: ignore[arg-type]


def _checked_upload(field: str, upload: Any) -> Any:
    if upload:
        try:
            validate_evidence_upload(upload)
        except EvidenceValidationError as error:
            raise forms.ValidationError(error.messages, code=error.code) from None
        upload.seek(0)
    return upload


class EnrolmentAddForm(ServiceCheckedForm):
    class Meta:
        model = Enrolment
        fields = ("course", "member", "user", "producer", "person_name", "enrolled_on")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person_name"].required = False
        self.fields["person_name"].help_text = _("Filled from the member, account or shop.")

    def check(self, cleaned: dict[str, Any]) -> None:
        if not (cleaned.get("member") or cleaned.get("user") or cleaned.get("producer")):
            raise ProgrammeError(
                ProgrammeErrorCode.PERSON_REQUIRED,
                _("Choose the household member, account or shop to enrol."),
                field="member",
            )
        check_enrolment(cleaned["course"], member=cleaned.get("member"), user=cleaned.get("user"))

    def _post_clean(self) -> None:
        """The service fills the name and the disabled flag; skip the model's own checks here."""


class EnrolmentChangeForm(ServiceCheckedForm):
    certificate_upload = forms.FileField(label=_("certificate (photo or PDF)"), required=False)

    class Meta:
        model = Enrolment
        fields = ("sessions_attended", "completed_on")

    def clean_certificate_upload(self) -> Any:
        return _checked_upload("certificate_upload", self.cleaned_data.get("certificate_upload"))

    def check(self, cleaned: dict[str, Any]) -> None:
        course = self.instance.course
        sessions = cleaned.get("sessions_attended") or 0
        if sessions > course.session_count:
            raise ProgrammeError(
                ProgrammeErrorCode.TOO_MANY_SESSIONS,
                _("Enter a number from 0 to %(count)s, the course's sessions."),
                field="sessions_attended",
                params={"count": course.session_count},
            )
        completed_on = cleaned.get("completed_on")
        if completed_on and completed_on < course.starts_on:
            raise ProgrammeError(
                ProgrammeErrorCode.COMPLETED_BEFORE_START,
                _("The completion date cannot be before the course starts (%(starts)s)."),
                field="completed_on",
                params={"starts": course.starts_on.isoformat()},
            )

    def _post_clean(self) -> None:
        """Values reach the row through the services only."""


@admin.register(Enrolment)
class EnrolmentAdmin(DocumentAdminMixin, ProgrammeRecordAdmin):
    list_display = (
        "person_name",
        "course",
        "is_disabled",
        "sessions_attended",
        "completed",
        "completed_on",
        "has_certificate",
    )
    list_filter = ("completed", "is_disabled", "course__tier", "course__track")
    list_select_related = ("course",)
    search_fields = ("person_name", "course__title")
    raw_id_fields = ("user",)

    @admin.display(boolean=True, description=_("certificate"))
    def has_certificate(self, obj: Enrolment) -> bool:
        return bool(obj.certificate)

    @admin.display(description=_("certificate file"))
    def certificate_file(self, obj: Enrolment) -> str:
        return self.document_link(obj, bool(obj.certificate))

    def open_document(self, object_id: int, actor: Any) -> Any:
        return open_certificate(object_id, actor=actor)

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        kwargs["form"] = EnrolmentChangeForm if obj is not None else EnrolmentAddForm
        kwargs["fields"] = None
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return EnrolmentAddForm.Meta.fields
        return ("sessions_attended", "completed_on", "certificate_upload")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ()
        return ("course", "person_name", "is_disabled", "completed", "certificate_file")

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return [(None, {"fields": EnrolmentAddForm.Meta.fields})]
        return [
            (
                None,
                {
                    "fields": (
                        "course",
                        "person_name",
                        "is_disabled",
                        "completed",
                        "certificate_file",
                    )
                },
            ),
            (_("Record"), {"fields": ("sessions_attended", "completed_on", "certificate_upload")}),
        ]

    def save_model(self, request: HttpRequest, obj: Enrolment, form: Any, change: bool) -> None:
        actor: Any = request.user
        data = form.cleaned_data
        if not change:
            created = self.run_service(
                request,
                lambda: enrol(
                    data["course"],
                    actor=actor,
                    member=data.get("member"),
                    user=data.get("user"),
                    producer=data.get("producer"),
                    person_name=data.get("person_name") or "",
                    enrolled_on=data.get("enrolled_on"),
                ),
            )
            if created is not None:
                obj.pk = created.pk
            return
        if "sessions_attended" in form.changed_data:
            self.run_service(
                request,
                lambda: record_attendance(
                    obj, actor=actor, sessions_attended=data["sessions_attended"]
                ),
            )
        if data.get("completed_on") and not obj.completed:
            self.run_service(
                request,
                lambda: complete_enrolment(obj, actor=actor, completed_on=data["completed_on"]),
            )
        if data.get("certificate_upload"):
            self.run_service(
                request, lambda: attach_certificate(obj, data["certificate_upload"], actor=actor)
            )


class ClaimAddForm(ServiceCheckedForm):
    evidence_upload = forms.FileField(
        label=_("receipt for the fee paid (photo or PDF)"), required=False
    )

    class Meta:
        model = SubsidyClaim
        fields = ("enrolment", "fee_paid_amount", "amount_claimed")

    def clean_evidence_upload(self) -> Any:
        return _checked_upload("evidence_upload", self.cleaned_data.get("evidence_upload"))

    def check(self, cleaned: dict[str, Any]) -> None:
        enrolment = cleaned["enrolment"]
        check_claim_amounts(
            enrolment,
            amount_claimed=cleaned.get("amount_claimed"),
            fee_paid_amount=cleaned.get("fee_paid_amount"),
        )
        check_no_open_claim(enrolment)

    def _post_clean(self) -> None:
        """The claim is created by the service."""


DECISIONS = (("", _("Not decided yet")), ("approve", _("Approve")), ("reject", _("Reject")))


class ClaimDecisionForm(ServiceCheckedForm):
    decision = forms.ChoiceField(label=_("decision"), choices=DECISIONS, required=False)

    class Meta:
        model = SubsidyClaim
        fields = ("decision_note",)

    def check(self, cleaned: dict[str, Any]) -> None:
        if self.instance.status != ClaimStatus.SUBMITTED and cleaned.get("decision"):
            raise ProgrammeError(
                ProgrammeErrorCode.ALREADY_DECIDED,
                _("This claim was already decided."),
                field="decision",
            )
        if cleaned.get("decision") == "reject" and not (cleaned.get("decision_note") or "").strip():
            raise ProgrammeError(
                ProgrammeErrorCode.REASON_REQUIRED,
                _("Say why the claim is rejected."),
                field="decision_note",
            )

    def _post_clean(self) -> None:
        """The decision is recorded by the service."""


@admin.register(SubsidyClaim)
class SubsidyClaimAdmin(DocumentAdminMixin, ProgrammeRecordAdmin):
    list_display = (
        "enrolment",
        "amount_claimed",
        "fee_paid_amount",
        "status",
        "submitted_at",
        "decided_by",
    )
    list_filter = ("status",)
    list_select_related = ("enrolment", "decided_by")
    search_fields = ("enrolment__person_name",)

    def open_document(self, object_id: int, actor: Any) -> Any:
        return open_claim_receipt(object_id, actor=actor)

    @admin.display(description=_("receipt for the fee paid"))
    def receipt_file(self, obj: SubsidyClaim) -> str:
        return self.document_link(obj, bool(obj.evidence))

    _shown = (
        "enrolment",
        "fee_paid_amount",
        "amount_claimed",
        "status",
        "submitted_by",
        "submitted_at",
        "decided_by",
        "decided_at",
        "receipt_file",
    )

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        kwargs["form"] = ClaimDecisionForm if obj is not None else ClaimAddForm
        kwargs["fields"] = None
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ("enrolment", "fee_paid_amount", "amount_claimed", "evidence_upload")
        return (*self._shown, "decision", "decision_note")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ()
        shown = self._shown
        if obj.status != ClaimStatus.SUBMITTED:
            return (*shown, "decision_note")
        return shown

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        return [(None, {"fields": self.get_fields(request, obj)})]

    def save_model(self, request: HttpRequest, obj: SubsidyClaim, form: Any, change: bool) -> None:
        actor: Any = request.user
        data = form.cleaned_data
        if not change:
            created = self.run_service(
                request,
                lambda: submit_subsidy_claim(
                    data["enrolment"],
                    actor=actor,
                    amount_claimed=data["amount_claimed"],
                    fee_paid_amount=data["fee_paid_amount"],
                    evidence=data.get("evidence_upload"),
                ),
            )
            if created is not None:
                obj.pk = created.pk
            return
        note = (data.get("decision_note") or "").strip()
        if data.get("decision") == "approve":
            self.run_service(request, lambda: approve_subsidy_claim(obj, actor=actor, note=note))
        elif data.get("decision") == "reject":
            self.run_service(request, lambda: reject_subsidy_claim(obj, actor=actor, reason=note))
