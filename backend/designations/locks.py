"""Every row lock of the designation domain: the only module here that calls
`select_for_update()`.

Lock order: the subject (producer or enterprise, the aggregate root) → its designations in
ascending primary key. Threshold rows are locked alone (one at a time). `of=("self",)` keeps
joined rows unlocked. Call inside the service's transaction.
"""

from __future__ import annotations

from backend.designations.models import Designation, DesignationThreshold
from backend.enterprises.models import Enterprise
from backend.producers.models import Producer


def lock_producer(producer_id: int) -> Producer:
    """Serialises confirmations for one producer. Raises Producer.DoesNotExist."""
    return Producer.objects.select_for_update(of=("self",), no_key=True).get(pk=producer_id)


def lock_enterprise(enterprise_id: int) -> Enterprise:
    return Enterprise.objects.select_for_update(of=("self",), no_key=True).get(pk=enterprise_id)


def lock_designation(designation_id: int) -> Designation:
    return Designation.objects.select_for_update(of=("self",), no_key=True).get(pk=designation_id)


def lock_threshold(kind: str, region_id: int | None) -> DesignationThreshold:
    rows = DesignationThreshold.objects.select_for_update(of=("self",), no_key=True)
    if region_id is None:
        return rows.get(kind=kind, region__isnull=True)
    return rows.get(kind=kind, region_id=region_id)
