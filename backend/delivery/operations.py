"""What operators change in the admin, audited: pickup points (with their couriers and staff)
and shipping rules and free-shipping thresholds.

The admin saves the object, its many-to-many fields and inlines in its own transaction; these
writers add the audit row inside that same transaction (they refuse to run outside one).
"""

from __future__ import annotations

from typing import Any

from django.db import models

from backend.accounts.models import User
from backend.audit.models import AuditEventType
from backend.delivery.events import operator_saved_event
from backend.delivery.models import PickupPoint


def _values(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in fields:
        field = obj._meta.get_field(name)
        if field.many_to_many:
            values[name] = sorted(getattr(obj, name).values_list("pk", flat=True))
        else:
            values[name] = str(getattr(obj, getattr(field, "attname", name)))
    return values


def record_pickup_point_saved(
    point: PickupPoint, *, actor: User, created: bool, changed_fields: list[str]
) -> None:
    fields = changed_fields if not created else [
        "kind", "name", "region", "address_detail", "opening_hours", "contact_name",
        "contact_phone", "couriers", "is_active",
    ]  # fmt: skip
    operator_saved_event(
        AuditEventType.PICKUP_POINT_SAVED,
        point,
        actor=actor,
        old=None,
        new={"created": created, **_values(point, fields)},
    )


def record_pickup_point_staff_changed(
    point: PickupPoint, *, actor: User, added: list[int], changed: list[int], removed: list[int]
) -> None:
    operator_saved_event(
        AuditEventType.PICKUP_POINT_STAFF_CHANGED,
        point,
        actor=actor,
        old=None,
        new={"added_staff": added, "changed_staff": changed, "deleted_staff": removed},
    )


def record_shipping_rule_saved(
    obj: models.Model, *, actor: User, created: bool, changed_fields: list[str]
) -> None:
    fields = changed_fields or [f.name for f in obj._meta.concrete_fields if f.name != "id"]
    operator_saved_event(
        AuditEventType.SHIPPING_RULE_SAVED,
        obj,
        actor=actor,
        old=None,
        new={"created": created, **_values(obj, fields)},
    )
