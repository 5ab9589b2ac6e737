"""Celery tasks of the checkout: load by id, call a service, nothing else."""

from __future__ import annotations

from celery import shared_task

from backend.warehouse.reservations import release_expired_reservations


@shared_task(name="checkout.release_expired_reservations")
def release_expired_reservations_task() -> int:
    """Delete lapsed stock reservations (they already stopped counting when they lapsed)."""
    return release_expired_reservations()
