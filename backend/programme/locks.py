"""Row locks of programme records: the only module here that calls `select_for_update()`.

Lock order: course before its enrolments; enrolment before its subsidy claims; a target row
alone. Within a table, ascending primary key.
"""

from __future__ import annotations

from typing import TypeVar

from django.db import models

from backend.programme.models import Course, Enrolment, SubsidyClaim, Target

M = TypeVar("M", bound=models.Model)


def lock_in(records: models.QuerySet[M], pk: int) -> M | None:
    """The row `pk` among `records` (an operator's scoped queryset), locked; None when absent."""
    return records.select_for_update(of=("self",), no_key=True).filter(pk=pk).first()


def lock_row(model: type[M], pk: int) -> M:
    """Raises `model.DoesNotExist` when the row is gone."""
    return model._default_manager.select_for_update(of=("self",), no_key=True).get(pk=pk)


def lock_course(course_id: int) -> Course:
    return Course.objects.select_for_update(of=("self",), no_key=True).get(pk=course_id)


def lock_enrolment(enrolment_id: int) -> Enrolment:
    return (
        Enrolment.objects.select_related("course")
        .select_for_update(of=("self",), no_key=True)
        .get(pk=enrolment_id)
    )


def lock_claim(claim_id: int) -> SubsidyClaim:
    return (
        SubsidyClaim.objects.select_related("enrolment__course")
        .select_for_update(of=("self",), no_key=True)
        .get(pk=claim_id)
    )


def lock_target(region_id: int, year: int, metric: str) -> Target | None:
    return (
        Target.objects.select_for_update(of=("self",), no_key=True)
        .filter(region_id=region_id, year=year, metric=metric)
        .first()
    )
