"""Celery tasks for pictures: load by name, call the processing function, nothing else."""

from __future__ import annotations

from celery import shared_task

from backend.images.processing import delete_image_files, make_renditions


@shared_task(ignore_result=True)
def make_renditions_task(source_name: str) -> None:
    make_renditions(source_name)


@shared_task(ignore_result=True)
def delete_image_files_task(source_name: str) -> None:
    delete_image_files(source_name)
