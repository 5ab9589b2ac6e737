"""Training services: enrol a person on a course, record attendance and completion, attach the
certificate. Each runs in one durable transaction with its audit row; operators act only on
courses in their regions (NOT_FOUND otherwise, as for a missing course)."""

from __future__ import annotations

from datetime import date

from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.audit.models import AuditEventType
from backend.images.validation import UploadLike
from backend.producers.models import Producer, ProducerKind
from backend.programme.errors import ProgrammeError, ProgrammeErrorCode, not_found
from backend.programme.events import programme_event
from backend.programme.locks import lock_course, lock_enrolment
from backend.programme.models import Course, Enrolment, HouseholdMember
from backend.programme.scoping import records_for
from backend.verification.storage import evidence_storage, random_evidence_name
from backend.verification.uploads import EvidenceValidationError, validate_evidence_upload


def _course_in_scope(course_id: int, actor: User) -> None:
    if not records_for(actor, Course).filter(pk=course_id).exists():
        raise not_found("course")


def _enrolment_in_scope(enrolment_id: int, actor: User) -> Enrolment:
    if not records_for(actor, Enrolment).filter(pk=enrolment_id).exists():
        raise not_found("enrolment")
    return lock_enrolment(enrolment_id)


def _person_name(
    member: HouseholdMember | None, user: User | None, producer: Producer | None
) -> str:
    if member is not None:
        return member.name
    if user is not None and user.name:
        return user.name
    if producer is not None:
        return producer.contact_name or producer.name
    return ""


def _is_disabled(member: HouseholdMember | None, producer: Producer | None) -> bool:
    if member is not None and member.disability_category is not None:
        return True
    return producer is not None and (
        producer.kind == ProducerKind.DISABLED_INDIVIDUAL
        or producer.disability_category is not None
    )


def enrol(
    course: Course,
    *,
    actor: User,
    member: HouseholdMember | None = None,
    user: User | None = None,
    producer: Producer | None = None,
    person_name: str = "",
    enrolled_on: date | None = None,
) -> Enrolment:
    """Put a person on a course (a household member, an account and/or a shop)."""
    if member is None and user is None and producer is None:
        raise ProgrammeError(
            ProgrammeErrorCode.PERSON_REQUIRED,
            _("Choose the household member, account or shop to enrol."),
            field="member",
        )
    name = (person_name or _person_name(member, user, producer)).strip()
    if not name:
        raise ProgrammeError(
            ProgrammeErrorCode.REQUIRED, _("Enter the person's name."), field="person_name"
        )
    with transaction.atomic(durable=True):
        _course_in_scope(course.pk, actor)
        locked = lock_course(course.pk)
        check_enrolment(locked, member=member, user=user)
        try:
            with transaction.atomic():
                enrolment = Enrolment.objects.create(
                    course=locked,
                    member=member,
                    user=user,
                    producer=producer,
                    person_name=name[:100],
                    is_disabled=_is_disabled(member, producer),
                    enrolled_on=enrolled_on or timezone.localdate(),
                )
        except IntegrityError:
            raise _already_enrolled() from None
        programme_event(
            AuditEventType.COURSE_ENROLMENT_ADDED,
            enrolment,
            actor=actor,
            seller=producer,
            new={"course": locked.pk, "person_name": enrolment.person_name},
        )
    return enrolment


def check_enrolment(course: Course, *, member: HouseholdMember | None, user: User | None) -> None:
    """Already enrolled, or no place left (forms call it first; `enrol` again under the lock)."""
    taken = Enrolment.objects.filter(course_id=course.pk)
    if member is not None and taken.filter(member_id=member.pk).exists():
        raise _already_enrolled()
    if user is not None and taken.filter(user_id=user.pk).exists():
        raise _already_enrolled()
    if course.capacity is not None and taken.count() >= course.capacity:
        raise ProgrammeError(
            ProgrammeErrorCode.COURSE_FULL,
            _("This course is full (%(capacity)s places)."),
            field="course",
            params={"capacity": course.capacity},
        )


def _already_enrolled() -> ProgrammeError:
    return ProgrammeError(
        ProgrammeErrorCode.ALREADY_ENROLLED,
        _("This person is already enrolled on this course."),
        field="member",
    )


def record_attendance(enrolment: Enrolment, *, actor: User, sessions_attended: int) -> Enrolment:
    """Set how many of the course's sessions the person attended."""
    with transaction.atomic(durable=True):
        locked = _enrolment_in_scope(enrolment.pk, actor)
        if sessions_attended < 0 or sessions_attended > locked.course.session_count:
            raise ProgrammeError(
                ProgrammeErrorCode.TOO_MANY_SESSIONS,
                _("Enter a number from 0 to %(count)s, the course's sessions."),
                field="sessions_attended",
                params={"count": locked.course.session_count},
            )
        old = locked.sessions_attended
        if old != sessions_attended:
            locked.sessions_attended = sessions_attended
            locked.save(update_fields=["sessions_attended"])
            programme_event(
                AuditEventType.COURSE_ATTENDANCE_RECORDED,
                locked,
                actor=actor,
                seller=locked.producer,
                old={"sessions_attended": old},
                new={"sessions_attended": sessions_attended},
            )
    return locked


def complete_enrolment(enrolment: Enrolment, *, actor: User, completed_on: date) -> Enrolment:
    """Record that the person completed the course (a second call changes nothing)."""
    with transaction.atomic(durable=True):
        locked = _enrolment_in_scope(enrolment.pk, actor)
        if locked.completed:
            return locked
        if completed_on < locked.course.starts_on:
            raise ProgrammeError(
                ProgrammeErrorCode.COMPLETED_BEFORE_START,
                _("The completion date cannot be before the course starts (%(starts)s)."),
                field="completed_on",
                params={"starts": locked.course.starts_on.isoformat()},
            )
        locked.completed = True
        locked.completed_on = completed_on
        locked.save(update_fields=["completed", "completed_on"])
        programme_event(
            AuditEventType.COURSE_COMPLETED,
            locked,
            actor=actor,
            seller=locked.producer,
            new={"completed_on": completed_on.isoformat()},
        )
    return locked


def attach_certificate(
    enrolment: Enrolment, upload: UploadLike, *, actor: User, content_type: str | None = None
) -> Enrolment:
    """Check the file (size, extension, real format), store it privately, attach it.

    A bad file raises ProgrammeError(INVALID_FILE) whose `params["reason"]` is the upload
    check's code (`file_too_large`, `format_mismatch`, …)."""
    if not records_for(actor, Enrolment).filter(pk=enrolment.pk).exists():
        raise not_found("enrolment")
    try:
        checked = validate_evidence_upload(upload, content_type=content_type)
    except EvidenceValidationError as error:
        raise ProgrammeError(
            ProgrammeErrorCode.INVALID_FILE,
            error.message,
            field="certificate",
            params={**(error.params or {}), "reason": error.error_code.value},
        ) from None
    storage = evidence_storage()
    upload.seek(0)
    content = upload if isinstance(upload, File) else File(upload)  # type: ignore[arg-type]
    name = storage.save(random_evidence_name(checked.extension), content)
    try:
        with transaction.atomic(durable=True):
            locked = _enrolment_in_scope(enrolment.pk, actor)
            old = locked.certificate.name or ""
            locked.certificate = name
            locked.certificate_content_type = checked.content_type
            locked.certificate_size = checked.size
            locked.save(
                update_fields=["certificate", "certificate_content_type", "certificate_size"]
            )
            programme_event(
                AuditEventType.COURSE_CERTIFICATE_ADDED,
                locked,
                actor=actor,
                seller=locked.producer,
                old={"certificate": old} if old else None,
                new={"certificate": name, "size": checked.size},
            )
    except BaseException:
        storage.delete(name)
        raise
    return locked
