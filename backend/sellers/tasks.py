"""Celery tasks of the sellers domain: load by id, call a service, nothing else."""

from __future__ import annotations

from celery import shared_task

from backend.sellers.models import ConfirmationRequest, ConfirmationStatus
from backend.sellers.notifications import send_confirmation_request


@shared_task(name="sellers.send_confirmation_request_email")
def send_confirmation_request_email(request_id: int) -> bool:
    request = (
        ConfirmationRequest.objects.select_related("seller__owner", "requested_by")
        .filter(pk=request_id, status=ConfirmationStatus.PENDING)
        .first()
    )
    if request is None:
        return False
    return send_confirmation_request(request)
