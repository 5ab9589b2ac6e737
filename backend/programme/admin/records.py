"""Mentoring, listing reviews, support records and targets in the operator admin."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from backend.programme.admin.base import ProgrammeRecordAdmin, ServiceCheckedForm
from backend.programme.errors import ProgrammeError, ProgrammeErrorCode
from backend.programme.incubation import (
    add_mentor_note,
    assign_mentor,
    end_mentor_assignment,
    review_listing_quality,
)
from backend.programme.models import (
    MAX_CRITERION_SCORE,
    ListingCriterion,
    ListingQualityReview,
    ListingQualityScore,
    MentorAssignment,
    MentorNote,
    SupportRecord,
    Target,
)
from backend.programme.scoping import covers_region
from backend.programme.support import record_support
from backend.programme.targets import set_target


class NoteInline(admin.TabularInline):
    model = MentorNote
    extra = 0
    can_delete = False
    fields = ("written_on", "author", "body")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(MentorAssignment)
class MentorAssignmentAdmin(ProgrammeRecordAdmin):
    list_display = ("mentor", "producer", "started_on", "ended_on")
    list_select_related = ("mentor", "producer")
    search_fields = ("producer__name", "mentor__name")
    raw_id_fields = ("mentor",)
    inlines = [NoteInline]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("producer", "mentor", "started_on", "ended_on")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("producer", "mentor", "started_on") if obj is not None else ("ended_on",)

    def save_model(
        self, request: HttpRequest, obj: MentorAssignment, form: Any, change: bool
    ) -> None:
        actor: Any = request.user
        if not change:
            created = self.run_service(
                request,
                lambda: assign_mentor(
                    obj.producer, actor=actor, mentor=obj.mentor, started_on=obj.started_on
                ),
            )
            if created is not None:
                obj.pk = created.pk
        elif "ended_on" in form.changed_data and obj.ended_on:
            ended_on = obj.ended_on
            self.run_service(
                request, lambda: end_mentor_assignment(obj, actor=actor, ended_on=ended_on)
            )


@admin.register(MentorNote)
class MentorNoteAdmin(ProgrammeRecordAdmin):
    list_display = ("assignment", "written_on", "author")
    list_select_related = ("assignment__producer", "assignment__mentor", "author")
    fields = ("assignment", "written_on", "body")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "assignment":
            kwargs["queryset"] = MentorAssignment.objects.filter(
                pk__in=self.assignments(request)
            ).select_related("producer", "mentor")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def assignments(self, request: HttpRequest) -> Any:
        from backend.programme.scoping import records_for

        return records_for(request.user, MentorAssignment).values("pk")  # type: ignore[arg-type]

    def save_model(self, request: HttpRequest, obj: MentorNote, form: Any, change: bool) -> None:
        created = self.run_service(
            request,
            lambda: add_mentor_note(
                obj.assignment,
                actor=request.user,  # type: ignore[arg-type]
                body=obj.body,
                written_on=obj.written_on,
            ),
        )
        if created is not None:
            obj.pk = created.pk


class ScoreInline(admin.TabularInline):
    model = ListingQualityScore
    extra = 0
    can_delete = False
    fields = ("criterion", "score")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def _score_field(criterion: ListingCriterion) -> forms.IntegerField:
    return forms.IntegerField(
        label=criterion.label,
        min_value=0,
        max_value=MAX_CRITERION_SCORE,
        required=False,
        help_text=_("0 to 5; leave empty if not reviewed."),
    )


class ReviewFormBase(ServiceCheckedForm):
    class Meta:
        model = ListingQualityReview
        fields = ("producer", "reviewed_on", "notes")

    def scores(self) -> dict[str, int]:
        return {
            criterion.value: self.cleaned_data[f"score_{criterion.value}"]
            for criterion in ListingCriterion
            if self.cleaned_data.get(f"score_{criterion.value}") is not None
        }

    def check(self, cleaned: dict[str, Any]) -> None:
        if not self.scores():
            raise ProgrammeError(
                ProgrammeErrorCode.SCORES_REQUIRED,
                _("Score at least one criterion."),
                field=f"score_{ListingCriterion.PHOTOS.value}",
            )


# One optional score field per criterion, declared on the class so the admin knows them.
ReviewForm = type(
    "ReviewForm",
    (ReviewFormBase,),
    {f"score_{criterion.value}": _score_field(criterion) for criterion in ListingCriterion},
)


@admin.register(ListingQualityReview)
class ListingQualityReviewAdmin(ProgrammeRecordAdmin):
    form = ReviewForm
    list_display = ("producer", "reviewed_on", "reviewer")
    list_select_related = ("producer", "reviewer")
    search_fields = ("producer__name",)
    inlines = [ScoreInline]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is not None:
            return ("producer", "reviewed_on", "reviewer", "notes")
        return (
            "producer",
            "reviewed_on",
            *(f"score_{c.value}" for c in ListingCriterion),
            "notes",
        )

    def save_model(
        self, request: HttpRequest, obj: ListingQualityReview, form: Any, change: bool
    ) -> None:
        created = self.run_service(
            request,
            lambda: review_listing_quality(
                obj.producer,
                actor=request.user,  # type: ignore[arg-type]
                scores=form.scores(),
                notes=obj.notes,
                reviewed_on=obj.reviewed_on,
            ),
        )
        if created is not None:
            obj.pk = created.pk


class SupportForm(ServiceCheckedForm):
    class Meta:
        model = SupportRecord
        fields = (
            "kind",
            "amount",
            "granted_on",
            "household",
            "producer",
            "provider",
            "reference",
            "notes",
        )

    def check(self, cleaned: dict[str, Any]) -> None:
        if not cleaned.get("household") and not cleaned.get("producer"):
            raise ProgrammeError(
                ProgrammeErrorCode.REQUIRED,
                _("Choose the household or the shop that received it."),
                field="household",
            )

    def _post_clean(self) -> None:
        """The region is filled by the service."""


@admin.register(SupportRecord)
class SupportRecordAdmin(ProgrammeRecordAdmin):
    form = SupportForm
    list_display = ("kind", "amount", "granted_on", "household", "producer", "region")
    list_filter = ("kind",)
    list_select_related = ("household", "producer", "region")
    search_fields = ("household__code", "producer__name", "reference")
    date_hierarchy = "granted_on"

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: SupportRecord, form: Any, change: bool) -> None:
        data = form.cleaned_data
        created = self.run_service(
            request,
            lambda: record_support(
                actor=request.user,  # type: ignore[arg-type]
                kind=data["kind"],
                amount=data["amount"],
                granted_on=data["granted_on"],
                household=data.get("household"),
                producer=data.get("producer"),
                provider=data.get("provider") or "",
                reference=data.get("reference") or "",
                notes=data.get("notes") or "",
            ),
        )
        if created is not None:
            obj.pk = created.pk


class TargetForm(ServiceCheckedForm):
    class Meta:
        model = Target
        fields = ("region", "year", "metric", "value")

    def check(self, cleaned: dict[str, Any]) -> None:
        region = cleaned.get("region") or self.instance.region
        if not covers_region(self.request_user, region):
            raise ProgrammeError(
                ProgrammeErrorCode.REGION_OUT_OF_SCOPE,
                _("Choose a place in your own regions."),
                field="region",
            )

    request_user: Any = None

    def _post_clean(self) -> None:
        """The target is written by `set_target` (one row per region, year and measure)."""


@admin.register(Target)
class TargetAdmin(ProgrammeRecordAdmin):
    form = TargetForm
    list_display = ("region", "year", "metric", "value", "set_by", "updated_at")
    list_filter = ("year", "metric")
    list_select_related = ("region", "set_by")

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change, **kwargs)
        form.request_user = request.user  # type: ignore[attr-defined]
        return form

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("region", "year", "metric") if obj is not None else ()

    def save_model(self, request: HttpRequest, obj: Target, form: Any, change: bool) -> None:
        data = form.cleaned_data
        created = self.run_service(
            request,
            lambda: set_target(
                data["region"] if not change else obj.region,
                actor=request.user,  # type: ignore[arg-type]
                year=data["year"] if not change else obj.year,
                metric=data["metric"] if not change else obj.metric,
                value=data["value"],
            ),
        )
        if created is not None:
            obj.pk = created.pk
