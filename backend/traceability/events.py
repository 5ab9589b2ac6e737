"""Audit-log writers of traceability, called by services inside their transaction (a helper's
action is recorded "by helper X for seller Y" through `record_seller_action`)."""

from __future__ import annotations

from typing import Any

from backend.accounts.models import User
from backend.audit.models import AuditEvent, AuditEventType
from backend.orders.models import SubOrder
from backend.sellers.events import record_seller_action
from backend.traceability.models import Batch, BatchCertificate


def _batch_summary(batch: Batch) -> str:
    return f"{batch.code} {batch.variant.product.name}"


def batch_recorded_event(batch: Batch, *, actor: User | None) -> AuditEvent:
    return record_seller_action(
        batch.seller,
        AuditEventType.BATCH_RECORDED,
        actor=actor,
        subject=batch,
        new={
            "code": batch.code,
            "variant": batch.variant_id,
            "made_on": batch.made_on.isoformat(),
            "date_kind": batch.date_kind,
            "origin": batch.origin_id,
            "grade": batch.grade,
            "quantity": batch.quantity,
        },
        extra={"summary": _batch_summary(batch)},
    )


def certificate_added_event(certificate: BatchCertificate, *, actor: User | None) -> AuditEvent:
    batch = certificate.batch
    return record_seller_action(
        batch.seller,
        AuditEventType.BATCH_CERTIFICATE_ADDED,
        actor=actor,
        subject=certificate,
        new={"batch": batch.code, "kind": certificate.kind, "sha256": certificate.sha256},
        extra={"summary": _batch_summary(batch)},
    )


def batch_withdrawn_event(batch: Batch, *, actor: User | None) -> AuditEvent:
    return record_seller_action(
        batch.seller,
        AuditEventType.BATCH_WITHDRAWN,
        actor=actor,
        subject=batch,
        old={"public": True},
        new={"public": False},
        extra={"summary": _batch_summary(batch)},
    )


def batches_assigned_event(
    sub_order: SubOrder,
    *,
    actor: User | None,
    old: dict[str, Any],
    new: dict[str, Any],
) -> AuditEvent:
    return record_seller_action(
        sub_order.producer,
        AuditEventType.BATCHES_ASSIGNED,
        actor=actor,
        subject=sub_order,
        old=old,
        new=new,
        extra={"summary": f"order {sub_order.order_id}"},
    )
