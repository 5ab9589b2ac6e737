"""Saving a programme record an operator typed (admin, forms): scope, checks, audit, one
transaction. Records with their own steps (enrolments, claims, mentoring, targets) have their
own services; this one serves the plain records (households, members, incomes, links, courses,
support records)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction

from backend.accounts.models import User
from backend.audit.models import AuditEventType
from backend.producers.models import Producer
from backend.programme.errors import (
    ProgrammeError,
    ProgrammeErrorCode,
    not_found,
    region_out_of_scope,
)
from backend.programme.events import field_values, programme_event
from backend.programme.locks import lock_in
from backend.programme.scoping import covers_region, records_for, region_of, region_path_of

M = TypeVar("M", bound=models.Model)

Check = Callable[[M], None]

# Fields never compared or audited (set by the database or derived).
_SKIPPED = frozenset({"id", "created_at", "updated_at"})


def audited_fields(model: type[models.Model]) -> list[str]:
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.name not in _SKIPPED and not field.name.endswith("_hash")
    ]


def validation_to_programme_error(error: ValidationError) -> ProgrammeError:
    if hasattr(error, "error_dict"):
        field, errors = next(iter(error.error_dict.items()))
        first = errors[0]
        return ProgrammeError(
            ProgrammeErrorCode(first.code)
            if first.code in ProgrammeErrorCode.values
            else ProgrammeErrorCode.INVALID,
            first.message,
            field=None if field == "__all__" else field,
            params=first.params,
        )
    first = error.error_list[0]
    return ProgrammeError(ProgrammeErrorCode.INVALID, first.message, params=first.params)


def full_check(record: models.Model) -> None:
    """Field validators, the model's own checks and uniqueness, as a ProgrammeError."""
    try:
        record.full_clean()
    except ValidationError as error:
        raise validation_to_programme_error(error) from None


def save_record(
    record: M,
    *,
    actor: User,
    seller: Producer | None = None,
    region_field: str | None = None,
    event_type: AuditEventType = AuditEventType.PROGRAMME_RECORD_CREATED,
) -> M:
    """Create or update `record` for an operator covering its region, with an audit row.

    An update may only touch a row the actor already covers, and may not move it out of their
    regions; both answer like a missing row / a refused place.
    """
    model = type(record)
    path = region_path_of(model)
    field_name = region_field or path.split("__")[0]
    fields = audited_fields(model)
    with transaction.atomic(durable=True):
        old_values: dict[str, object] | None = None
        if record.pk is not None:
            current = lock_in(records_for(actor, model), record.pk)
            if current is None:
                raise not_found()
            old_values = field_values(current, fields)
        if not covers_region(actor, region_of(record)):
            raise region_out_of_scope(field_name)
        full_check(record)
        record.save()
        new_values = field_values(record, fields)
        if old_values is None:
            programme_event(
                event_type,
                record,
                actor=actor,
                seller=seller,
                new=new_values,
            )
        else:
            changed = [name for name in fields if old_values[name] != new_values[name]]
            if changed:
                programme_event(
                    AuditEventType.PROGRAMME_RECORD_CHANGED,
                    record,
                    actor=actor,
                    seller=seller,
                    old={name: old_values[name] for name in changed},
                    new={name: new_values[name] for name in changed},
                )
    return record
