"""Programme targets: an operator sets the figure for a region they cover, a year and a measure
(creating it, or changing it with the old value in the audit row)."""

from __future__ import annotations

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.audit.models import AuditEventType
from backend.programme.errors import ProgrammeError, ProgrammeErrorCode, region_out_of_scope
from backend.programme.events import programme_event
from backend.programme.locks import lock_target
from backend.programme.models import Target, TargetMetric
from backend.programme.scoping import covers_region
from backend.regions.models import Region


def set_target(
    region: Region, *, actor: User, year: int, metric: TargetMetric | str, value: Decimal
) -> Target:
    if metric not in TargetMetric.values:
        raise ProgrammeError(ProgrammeErrorCode.INVALID, _("Choose a measure."), field="metric")
    if value is None or value < 0:
        raise ProgrammeError(
            ProgrammeErrorCode.INVALID, _("Enter a target of 0 or more."), field="value"
        )
    if not 2000 <= year <= 2100:
        raise ProgrammeError(
            ProgrammeErrorCode.INVALID, _("Enter a year such as 2024."), field="year"
        )
    if not covers_region(actor, region):
        raise region_out_of_scope()
    with transaction.atomic(durable=True):
        target = lock_target(region.pk, year, str(metric))
        old = None if target is None else str(target.value)
        if target is None:
            try:
                with transaction.atomic():
                    target = Target.objects.create(
                        region=region, year=year, metric=metric, value=value, set_by=actor
                    )
            except IntegrityError:  # set at the same moment by someone else: update theirs
                target = lock_target(region.pk, year, str(metric))
                assert target is not None
                old = str(target.value)
        if old is not None:
            target.value = value
            target.set_by = actor
            target.save(update_fields=["value", "set_by", "updated_at"])
        programme_event(
            AuditEventType.TARGET_SET,
            target,
            actor=actor,
            old={"value": old} if old is not None else None,
            new={"region": region.pk, "year": year, "metric": str(metric), "value": str(value)},
        )
    return target
