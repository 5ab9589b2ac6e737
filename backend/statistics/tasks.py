"""Celery tasks of programme statistics: call a service, nothing else."""

from __future__ import annotations

from celery import shared_task

from backend.statistics.summaries import refresh


@shared_task(name="statistics.refresh_summaries")
def refresh_summaries() -> None:
    """Fold the stale marks into the summary tables (run every few minutes by beat, so the
    marks of a quiet period never pile up for the next reader)."""
    refresh()
