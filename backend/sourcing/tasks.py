"""Celery tasks of sourcing: load by id, call a service, nothing else."""

from __future__ import annotations

from celery import shared_task

from backend.sourcing.matching import invite_producers


@shared_task
def invite_producers_task(request_id: int) -> int:
    return invite_producers(request_id)
