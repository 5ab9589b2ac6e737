"""Incubation services: assign a mentor to a shop, end the assignment, write mentor notes,
review a shop's listing quality. Operators of the shop's region assign and review; a mentor
writes notes on their own assignments."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.audit.models import AuditEventType
from backend.producers.models import Producer
from backend.programme.errors import ProgrammeError, ProgrammeErrorCode, not_found
from backend.programme.events import programme_event
from backend.programme.locks import lock_row
from backend.programme.models import (
    MAX_CRITERION_SCORE,
    ListingCriterion,
    ListingQualityReview,
    ListingQualityScore,
    MentorAssignment,
    MentorNote,
)
from backend.programme.scoping import region_scope_q


def _producer_in_scope(producer: Producer, actor: User) -> None:
    if not Producer.objects.filter(region_scope_q(actor, "region"), pk=producer.pk).exists():
        raise not_found("producer")


def assign_mentor(
    producer: Producer, *, actor: User, mentor: User, started_on: date | None = None
) -> MentorAssignment:
    if not mentor.is_active:
        raise ProgrammeError(
            ProgrammeErrorCode.MENTOR_INACTIVE,
            _("This mentor's account is not active."),
            field="mentor",
        )
    with transaction.atomic(durable=True):
        _producer_in_scope(producer, actor)
        try:
            with transaction.atomic():
                assignment = MentorAssignment.objects.create(
                    mentor=mentor,
                    producer=producer,
                    started_on=started_on or timezone.localdate(),
                    assigned_by=actor,
                )
        except IntegrityError:
            raise ProgrammeError(
                ProgrammeErrorCode.MENTOR_ALREADY_ASSIGNED,
                _("This mentor is already assigned to this shop."),
                field="mentor",
            ) from None
        programme_event(
            AuditEventType.MENTOR_ASSIGNED,
            assignment,
            actor=actor,
            seller=producer,
            new={"mentor": mentor.pk, "started_on": assignment.started_on.isoformat()},
        )
    return assignment


def end_mentor_assignment(
    assignment: MentorAssignment, *, actor: User, ended_on: date
) -> MentorAssignment:
    with transaction.atomic(durable=True):
        _producer_in_scope(assignment.producer, actor)
        locked = lock_row(MentorAssignment, assignment.pk)
        if ended_on < locked.started_on:
            raise ProgrammeError(
                ProgrammeErrorCode.DATES_OUT_OF_ORDER,
                _("The end date cannot be before the start (%(start)s)."),
                field="ended_on",
                params={"start": locked.started_on.isoformat()},
            )
        old = locked.ended_on
        locked.ended_on = ended_on
        locked.save(update_fields=["ended_on"])
        programme_event(
            AuditEventType.MENTOR_ASSIGNMENT_ENDED,
            locked,
            actor=actor,
            seller=assignment.producer,
            old={"ended_on": old.isoformat() if old else None},
            new={"ended_on": ended_on.isoformat()},
        )
    return locked


def assignments_for(actor: User) -> Q:
    """Assignments the actor may write notes on: their own, or in an operator's regions."""
    return Q(mentor_id=actor.pk) | region_scope_q(actor, "producer__region")


def add_mentor_note(
    assignment: MentorAssignment, *, actor: User, body: str, written_on: date | None = None
) -> MentorNote:
    if not body.strip():
        raise ProgrammeError(ProgrammeErrorCode.REQUIRED, _("Write the note."), field="body")
    with transaction.atomic(durable=True):
        found = (
            MentorAssignment.objects.filter(assignments_for(actor), pk=assignment.pk)
            .select_related("producer")
            .first()
        )
        if found is None:
            raise not_found("assignment")
        note = MentorNote.objects.create(
            assignment=found,
            author=actor,
            written_on=written_on or timezone.localdate(),
            body=body.strip(),
        )
        programme_event(AuditEventType.MENTOR_NOTE_ADDED, note, actor=actor, seller=found.producer)
    return note


def review_listing_quality(
    producer: Producer,
    *,
    actor: User,
    scores: Mapping[str, int],
    notes: str = "",
    reviewed_on: date | None = None,
) -> ListingQualityReview:
    """Score a shop's listings per criterion (0–5); at least one criterion."""
    if not scores:
        raise ProgrammeError(
            ProgrammeErrorCode.SCORES_REQUIRED,
            _("Score at least one criterion."),
            field="scores",
        )
    for criterion, score in scores.items():
        if criterion not in ListingCriterion.values:
            raise ProgrammeError(
                ProgrammeErrorCode.INVALID, _("Unknown criterion."), field=f"score_{criterion}"
            )
        if not 0 <= score <= MAX_CRITERION_SCORE:
            raise ProgrammeError(
                ProgrammeErrorCode.SCORE_OUT_OF_RANGE,
                _("Give a score from 0 to %(max)s."),
                field=f"score_{criterion}",
                params={"max": MAX_CRITERION_SCORE},
            )
    with transaction.atomic(durable=True):
        _producer_in_scope(producer, actor)
        review = ListingQualityReview.objects.create(
            producer=producer,
            reviewer=actor,
            reviewed_on=reviewed_on or timezone.localdate(),
            notes=notes.strip(),
        )
        ListingQualityScore.objects.bulk_create(
            ListingQualityScore(review=review, criterion=criterion, score=score)
            for criterion, score in sorted(scores.items())
        )
        programme_event(
            AuditEventType.LISTING_QUALITY_REVIEWED,
            review,
            actor=actor,
            seller=producer,
            new={"scores": dict(sorted(scores.items()))},
        )
    return review
